#include "pilotsim/sensitivity/Factor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace pilotsim::sensitivity {
namespace {

Factor make(DistributionKind kind, double min, double max) {
  Factor f;
  f.name = "f";
  f.kind = kind;
  f.min = min;
  f.max = max;
  return f;
}

TEST(NormalQuantile, MatchesPublishedValues) {
  // Standard normal quantiles to 15 digits (Abramowitz and Stegun, table 26.5).
  EXPECT_NEAR(normalQuantile(0.975), 1.959963984540054, 1e-13);
  EXPECT_NEAR(normalQuantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normalQuantile(0.001), -3.090232306167813, 1e-12);
  EXPECT_NEAR(normalQuantile(1e-10), -6.361340902404056, 1e-9);
  for (double p : {0.01, 0.2, 0.7, 0.99}) EXPECT_NEAR(normalCdf(normalQuantile(p)), p, 1e-14);
  EXPECT_TRUE(std::isinf(normalQuantile(0.0)));
}

TEST(Factor, ContinuousKindsMapTheUnitIntervalOntoTheirRange) {
  const Factor u = make(DistributionKind::Uniform, -2.0, 6.0);
  EXPECT_DOUBLE_EQ(u.fromUnit(0.0), -2.0);
  EXPECT_DOUBLE_EQ(u.fromUnit(0.25), 0.0);
  EXPECT_DOUBLE_EQ(u.fromUnit(1.0), 6.0);
  const Factor l = make(DistributionKind::LogUniform, 1.0, 100.0);
  EXPECT_NEAR(l.fromUnit(0.5), 10.0, 1e-12);
  Factor n = make(DistributionKind::Normal, 0, 0);
  n.mean = 10.0;
  n.sd = 2.0;
  EXPECT_NEAR(n.fromUnit(0.975), 10.0 + 2.0 * 1.959963984540054, 1e-12);
  EXPECT_FALSE(n.bounded());
  n.truncated = true;
  n.min = 10.0;
  n.max = 14.0;
  EXPECT_TRUE(n.bounded());
  EXPECT_DOUBLE_EQ(n.fromUnit(0.0), 10.0);
  EXPECT_DOUBLE_EQ(n.fromUnit(1.0), 14.0);
  // Half of the truncated mass lies below the truncated median.
  const double median = n.fromUnit(0.5);
  const double pLo = normalCdf(0.0), pHi = normalCdf(2.0);
  EXPECT_NEAR((normalCdf((median - 10.0) / 2.0) - pLo) / (pHi - pLo), 0.5, 1e-12);
}

TEST(Factor, DiscreteKindsSplitTheUnitIntervalIntoEqualCells) {
  Factor d = make(DistributionKind::Discrete, 0, 0);
  d.values = {5.0, 1.0, 3.0};
  EXPECT_EQ(d.fromUnit(0.0), 5.0);
  EXPECT_EQ(d.fromUnit(0.34), 1.0);
  EXPECT_EQ(d.fromUnit(0.99), 3.0);
  EXPECT_EQ(d.fromUnit(1.0), 3.0);
  EXPECT_EQ(d.valueType(), ValueType::Integer);
  const Factor i = make(DistributionKind::Integer, 2, 5);
  EXPECT_EQ(i.fromUnit(0.0), 2.0);
  EXPECT_EQ(i.fromUnit(0.26), 3.0);
  EXPECT_EQ(i.fromUnit(1.0), 5.0);
  EXPECT_EQ(i.discreteValues(), (std::vector<double>{2, 3, 4, 5}));
  const Factor b = make(DistributionKind::Boolean, 0, 0);
  EXPECT_EQ(b.fromUnit(0.49), 0.0);
  EXPECT_EQ(b.fromUnit(0.5), 1.0);
  EXPECT_EQ(b.valueType(), ValueType::Boolean);
}

TEST(Factor, LabelFallsBackToTheOtherLanguageThenTheName) {
  Factor f = make(DistributionKind::Uniform, 0, 1);
  f.name = "reform.a1_cap";
  EXPECT_EQ(f.label(true), "reform.a1_cap");
  f.en = "Pilot cap";
  EXPECT_EQ(f.label(true), "Pilot cap");
  f.zh = "试点上限";
  EXPECT_EQ(f.label(true), "试点上限");
  EXPECT_EQ(f.label(false), "Pilot cap");
}

}  // namespace
}  // namespace pilotsim::sensitivity
