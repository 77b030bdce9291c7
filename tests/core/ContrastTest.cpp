#include "pilotsim/core/Contrast.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace pilotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// b - a = {1, 2, 2, 3}: mean 2, sd sqrt(2/3) = 0.8164966; 95% half-width
// qt(0.975, 3) * sd / sqrt(4) = 3.1824463 * 0.8164966 / 2 = 1.2992283, the interval of R's
// t.test(b, a, paired = TRUE): [0.7007717, 3.2992283].
TEST(ContrastTest, PairedDifferenceMatchesRsPairedTTest) {
  const std::vector<std::vector<double>> v = {{1, 2, 3, 4}, {2, 4, 5, 7}};
  const double w[] = {-1, 1};
  const Interval d = pairedContrast(v, w);
  EXPECT_EQ(d.n, 4);
  EXPECT_DOUBLE_EQ(d.mean, 2.0);
  EXPECT_NEAR(d.sd, std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(d.lo, 0.7007717, 1e-7);
  EXPECT_NEAR(d.hi, 3.2992283, 1e-7);
}

// Cohen's d with the pooled sd: sd(a)^2 = 5/3, sd(b)^2 = 13/3, pooled sqrt(3); d = 2 / sqrt(3).
TEST(ContrastTest, StandardisedEffectIsCohensDWithPooledSd) {
  const std::vector<std::vector<double>> v = {{1, 2, 3, 4}, {2, 4, 5, 7}};
  const double w[] = {-1, 1};
  EXPECT_NEAR(standardisedEffect(2.0, v, w), 2.0 / std::sqrt(3.0), 1e-12);
}

// A 2x2 design whose cells are additive except for a +1 in the high-high cell: the interaction
// contrast (1, -1, -1, 1) recovers exactly 1 in every replicate.
TEST(ContrastTest, InteractionContrastOfA2x2Design) {
  const std::vector<double> ll = {0, 1, 2}, hl = {3, 4, 5}, lh = {10, 11, 12}, hh = {14, 15, 16};
  const std::vector<std::vector<double>> v = {ll, hl, lh, hh};
  const double w[] = {1, -1, -1, 1};
  const Interval i = pairedContrast(v, w);
  EXPECT_DOUBLE_EQ(i.mean, 1.0);
  EXPECT_DOUBLE_EQ(i.lo, 1.0);
  EXPECT_DOUBLE_EQ(i.hi, 1.0);
  EXPECT_EQ(directionOf(i), Direction::Higher);
}

TEST(ContrastTest, ReplicatesWithAMissingValueAreSkippedInEveryScenario) {
  const std::vector<std::vector<double>> v = {{1, kNaN, 3}, {2, 100, 5}};
  const double w[] = {-1, 1};
  const Interval d = pairedContrast(v, w);
  EXPECT_EQ(d.n, 2);
  EXPECT_DOUBLE_EQ(d.mean, 1.5);
}

TEST(ContrastTest, ZeroWeightScenariosAreIgnoredEvenWhenMissing) {
  const std::vector<std::vector<double>> v = {{1, 2}, {kNaN, kNaN}, {2, 4}};
  const double w[] = {-1, 0, 1};
  EXPECT_EQ(pairedContrast(v, w).n, 2);
  EXPECT_FALSE(std::isnan(standardisedEffect(1.5, v, w)));
}

TEST(ContrastTest, MismatchedInputsAreRejected) {
  const std::vector<std::vector<double>> v = {{1, 2}, {1, 2, 3}};
  const double w2[] = {-1, 1}, w1[] = {1};
  EXPECT_THROW(pairedContrast(v, w2), std::invalid_argument);
  EXPECT_THROW(pairedContrast(v, w1), std::invalid_argument);
}

TEST(ContrastTest, DirectionNeedsAnIntervalClearOfZeroAndTwoValues) {
  EXPECT_EQ(directionOf(Interval{1, 0.5, 1.5, 1, 10}), Direction::Higher);
  EXPECT_EQ(directionOf(Interval{-1, -1.5, -0.5, 1, 10}), Direction::Lower);
  EXPECT_EQ(directionOf(Interval{0.2, -0.1, 0.5, 1, 10}), Direction::Unclear);
  EXPECT_EQ(directionOf(Interval{1, 1, 1, 0, 1}), Direction::Unclear);  // one value: no interval
  EXPECT_EQ(directionOf(Interval{kNaN, kNaN, kNaN, kNaN, 0}), Direction::Unclear);
}

TEST(ContrastTest, NoSpreadGivesNoEffectSize) {
  const std::vector<std::vector<double>> v = {{1, 1, 1}, {2, 2, 2}};
  const double w[] = {-1, 1};
  EXPECT_TRUE(std::isnan(standardisedEffect(1.0, v, w)));
}

}  // namespace
}  // namespace pilotsim
