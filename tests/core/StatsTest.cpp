#include "pilotsim/core/Stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace pilotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(StatsTest, TQuantileMatchesPublishedValues) {
  // qt(0.975, df) from R, 9 decimals; df <= 30 come from the table, the rest from the expansion.
  const std::pair<int, double> known[] = {{1, 12.706204736},  {2, 4.302652730},  {3, 3.182446305},  {5, 2.570581836},
                                          {10, 2.228138852},  {20, 2.085963447}, {29, 2.045229642}, {30, 2.042272456},
                                          {31, 2.039513446},  {40, 2.021075390}, {60, 2.000297822}, {120, 1.979930405},
                                          {1000, 1.962339081}};
  for (const auto& [df, t] : known) EXPECT_NEAR(tQuantile975(df), t, 1e-6) << "df = " << df;
}

TEST(StatsTest, TQuantileDecreasesTowardTheNormalQuantile) {
  for (int df = 1; df < 2000; ++df) EXPECT_GT(tQuantile975(df), tQuantile975(df + 1)) << "df = " << df;
  EXPECT_NEAR(tQuantile975(1'000'000), 1.959963985, 1e-5);
  EXPECT_TRUE(std::isnan(tQuantile975(0)));
}

TEST(StatsTest, MeanIntervalOfKnownData) {
  const std::vector<double> xs = {1, 2, 3, 4, 5};
  const Interval iv = meanInterval(xs);
  // sd = sqrt(2.5); half width = t(4) * sd / sqrt(5) = 2.776445105 * sqrt(0.5).
  const double half = 2.776445105 * std::sqrt(0.5);
  EXPECT_EQ(iv.n, 5);
  EXPECT_DOUBLE_EQ(iv.mean, 3.0);
  EXPECT_NEAR(iv.sd, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(iv.lo, 3.0 - half, 1e-8);
  EXPECT_NEAR(iv.hi, 3.0 + half, 1e-8);
}

TEST(StatsTest, MeanIntervalSkipsNaNAndHandlesSmallSamples) {
  const std::vector<double> withNaN = {kNaN, 1, 2, kNaN, 3, 4, 5};
  const Interval iv = meanInterval(withNaN);
  EXPECT_EQ(iv.n, 5);
  EXPECT_DOUBLE_EQ(iv.mean, 3.0);

  const std::vector<double> one = {7.5};
  const Interval single = meanInterval(one);
  EXPECT_EQ(single.n, 1);
  EXPECT_EQ(single.mean, 7.5);
  EXPECT_EQ(single.lo, 7.5);
  EXPECT_EQ(single.hi, 7.5);
  EXPECT_EQ(single.sd, 0.0);

  const Interval none = meanInterval(std::vector<double>{kNaN});
  EXPECT_EQ(none.n, 0);
  EXPECT_TRUE(std::isnan(none.mean));

  const std::vector<double> same = {2, 2, 2};
  const Interval flat = meanInterval(same);
  EXPECT_EQ(flat.lo, 2.0);
  EXPECT_EQ(flat.hi, 2.0);
}

TEST(StatsTest, SpearmanWithoutTies) {
  // Textbook example (IQ vs hours of TV): sum d^2 = 194, rho = 1 - 6 * 194 / (10 * 99) = -29/165.
  const std::vector<double> iq = {106, 86, 100, 101, 99, 103, 97, 113, 112, 110};
  const std::vector<double> tv = {7, 0, 27, 50, 28, 29, 20, 12, 6, 17};
  EXPECT_NEAR(spearman(iq, tv), -29.0 / 165.0, 1e-12);

  // Monotone but not linear: ranks agree perfectly.
  const std::vector<double> x = {1, 2, 3, 4}, sq = {1, 4, 9, 16}, rev = {16, 9, 4, 1};
  EXPECT_DOUBLE_EQ(spearman(x, sq), 1.0);
  EXPECT_DOUBLE_EQ(spearman(x, rev), -1.0);
}

TEST(StatsTest, SpearmanWithTiesUsesAverageRanks) {
  // y = 5, 6, 7, 8, 7 has ranks 1, 2, 3.5, 5, 3.5. Deviations from the mean rank 3:
  // x: -2 -1 0 1 2, y: -2 -1 .5 2 .5; sum of products 8, sums of squares 10 and 9.5.
  const std::vector<double> x = {1, 2, 3, 4, 5}, y = {5, 6, 7, 8, 7};
  EXPECT_NEAR(spearman(x, y), 8.0 / std::sqrt(95.0), 1e-12);

  // Ties on both sides: ranks 1.5 1.5 3 4 and 1 2.5 2.5 4, deviations from 2.5 are -1 -1 .5 1.5 and
  // -1.5 0 0 1.5; products sum to 3.75, squares to 4.5 each.
  const std::vector<double> a = {1, 1, 2, 3}, b = {0, 5, 5, 9};
  EXPECT_NEAR(spearman(a, b), 3.75 / 4.5, 1e-12);
}

TEST(StatsTest, SpearmanUndefinedCases) {
  const std::vector<double> two = {1, 2};
  EXPECT_TRUE(std::isnan(spearman(two, two)));
  const std::vector<double> x = {1, 2, 3}, flat = {4, 4, 4};
  EXPECT_TRUE(std::isnan(spearman(x, flat)));
  const std::vector<double> shorter = {1, 2};
  EXPECT_TRUE(std::isnan(spearman(x, shorter)));
  // A pair with NaN is dropped as a whole, leaving a perfect 3-point ordering.
  const std::vector<double> xn = {1, 2, kNaN, 3}, yn = {10, 20, 30, 40};
  EXPECT_DOUBLE_EQ(spearman(xn, yn), 1.0);
}

TEST(StatsTest, GiniOfKnownVectors) {
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{1, 1, 1, 1}), 0.0);
  // One holder of everything among n: (n - 1) / n.
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{0, 0, 0, 1}), 0.75);
  // Sum of |xi - xj| over ordered pairs is 20; 2 n^2 mean = 80.
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{1, 2, 3, 4}), 0.25);
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{4, 1, 3, 2}), 0.25);  // order does not matter
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{}), 0.0);
  EXPECT_DOUBLE_EQ(gini(std::vector<double>{0, 0, 0}), 0.0);
}

TEST(StatsTest, QuantileInterpolatesLinearly) {
  const std::vector<double> xs = {5, 1, 4, 2, 3};  // unsorted on purpose
  EXPECT_DOUBLE_EQ(quantile(xs, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile(xs, 0.25), 2.0);
  EXPECT_DOUBLE_EQ(quantile(xs, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(quantile(xs, 0.1), 1.4);
  EXPECT_DOUBLE_EQ(quantile(xs, 1.0), 5.0);
  EXPECT_DOUBLE_EQ(quantile({10, 20}, 0.9), 19.0);
  EXPECT_DOUBLE_EQ(quantile({7}, 0.3), 7.0);
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
}

}  // namespace
}  // namespace pilotsim
