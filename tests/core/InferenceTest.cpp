// p-values, Holm's adjustment and t-test power (core/Inference), against values computed by hand or
// published in power tables.
#include "pilotsim/core/Inference.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace pilotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Interval summary(double mean, double sd, int n) { return Interval{mean, 0, 0, sd, n}; }

// At t equal to the 97.5% quantile of Student's t the two-sided p is 0.05 exactly (the quantiles are
// the table of core/Stats, checked there against published values); with 1 degree of freedom t is
// Cauchy, p = 1 - 2 atan(t) / pi.
TEST(InferenceTest, PValuesMatchTheTDistribution) {
  for (const int n : {2, 5, 11, 31, 101}) {
    const double t = tQuantile975(n - 1);
    EXPECT_NEAR(tTestPValue(summary(t * 2.0 / std::sqrt(n), 2.0, n)), 0.05, 1e-6) << n;
  }
  EXPECT_NEAR(tTestPValue(summary(3.0 / std::sqrt(2.0), 1.0, 2)), 1 - 2 * std::atan(3.0) / std::numbers::pi, 1e-12);
  EXPECT_NEAR(tTestPValue(summary(-1.0, 1.0, 2)), tTestPValue(summary(1.0, 1.0, 2)), 1e-15);  // two-sided
  EXPECT_EQ(tTestPValue(summary(0.5, 0.0, 10)), 0.0);
  EXPECT_EQ(tTestPValue(summary(0.0, 0.0, 10)), 1.0);
  EXPECT_TRUE(std::isnan(tTestPValue(summary(1.0, 1.0, 1))));
}

// Holm (1979) on a list adjusted by hand: sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 give 0.02,
// 0.03, 0.06, 0.04, and the running maximum makes the last 0.06. NaN is not part of the family.
TEST(InferenceTest, HolmAdjustsAKnownList) {
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const std::vector<double> expected = {0.03, 0.06, 0.06, 0.02};
  const auto adjusted = holmAdjust(p);
  ASSERT_EQ(adjusted.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(adjusted[i], expected[i], 1e-15) << i;

  const std::vector<double> with_nan = {0.01, kNaN, 0.04, 0.03, 0.005};
  const auto a2 = holmAdjust(with_nan);
  EXPECT_TRUE(std::isnan(a2[1]));
  EXPECT_NEAR(a2[0], 0.03, 1e-15);
  EXPECT_NEAR(a2[4], 0.02, 1e-15);
  // Capped at 1, and one test alone is not adjusted.
  EXPECT_EQ(holmAdjust(std::vector<double>{0.5, 0.6, 0.7}), (std::vector<double>{1.0, 1.0, 1.0}));
  EXPECT_EQ(holmAdjust(std::vector<double>{0.02}), std::vector<double>{0.02});
}

// One-sample (paired) t-test, two-sided, alpha 0.05, as G*Power 3 tabulates it (Faul et al. 2007;
// the same values as Cohen 1988, table 2.4.1, within its rounding): d = 0.5 needs n = 34 (power
// 0.8078); d = 0.2 needs n = 199 (0.8014); d = 0.8 needs n = 15 (0.8213).
TEST(InferenceTest, PowerMatchesPublishedTables) {
  EXPECT_NEAR(tTestPower(0.5, 1.0, 34), 0.8078, 5e-4);
  EXPECT_NEAR(tTestPower(0.2, 1.0, 199), 0.8014, 5e-4);
  EXPECT_NEAR(tTestPower(0.8, 1.0, 15), 0.8213, 5e-4);
  EXPECT_EQ(replicatesForPower(0.5, 1.0), 34);
  EXPECT_EQ(replicatesForPower(0.2, 1.0), 199);
  EXPECT_EQ(replicatesForPower(0.8, 1.0), 15);
  // Only the standardised effect matters, its sign does not, and with no effect power is alpha.
  EXPECT_NEAR(tTestPower(-5.0, 10.0, 34), tTestPower(0.5, 1.0, 34), 1e-12);
  EXPECT_NEAR(tTestPower(0.0, 1.0, 20), 0.05, 1e-12);
  EXPECT_TRUE(std::isnan(tTestPower(0.5, 0.0, 20)));
  EXPECT_EQ(replicatesForPower(0.001, 1.0, 0.8, 0.05, 100), 0);  // not reachable within the cap
}

// A contrast with almost no spread has a huge non-centrality: the power is 1 and nothing throws (Boost's
// non-central t overflowed an integer at ncp ~ 3e5 and stopped a robustness run).
TEST(InferenceTest, PowerOfAContrastWithoutSpreadIsOne) {
  for (const int n : {2, 3, 30, 10000}) {
    EXPECT_EQ(tTestPower(1.0, 1e-9, n), 1.0) << n;
    EXPECT_EQ(tTestPower(-1.0, 1e-9, n), 1.0) << n;
  }
  EXPECT_EQ(replicatesForPower(1.0, 1e-9), 2);
  // Not clamped where it matters: ncp = 999 and below still come from the distribution.
  EXPECT_NEAR(tTestPower(0.5, 1.0, 30), 0.7540, 5e-4);
}

// Wilson intervals against Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3
// (score interval without continuity correction), given there to four decimals.
TEST(InferenceTest, WilsonIntervalsMatchNewcombesTable) {
  struct Case {
    int count, n;
    double lo, hi;
  };
  for (const Case c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605}, Case{0, 20, 0.0, 0.1611},
                       Case{1, 29, 0.0061, 0.1718}, Case{29, 29, 0.8830, 1.0}}) {
    const auto [lo, hi] = wilsonInterval(c.count, c.n);
    EXPECT_NEAR(lo, c.lo, 5e-5) << c.count << "/" << c.n;
    EXPECT_NEAR(hi, c.hi, 5e-5) << c.count << "/" << c.n;
  }
  EXPECT_TRUE(std::isnan(wilsonInterval(0, 0).first));
}

}  // namespace
}  // namespace pilotsim
