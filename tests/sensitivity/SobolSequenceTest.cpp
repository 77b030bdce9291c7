#include "pilotsim/sensitivity/SobolSequence.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace pilotsim::sensitivity {
namespace {

std::vector<double> column(const SobolSequence& s, int dim, int n) {
  std::vector<double> out;
  std::vector<double> p(static_cast<std::size_t>(s.dimensions()));
  for (int i = 0; i < n; ++i) {
    s.point(static_cast<std::uint32_t>(i), p);
    out.push_back(p[static_cast<std::size_t>(dim)]);
  }
  return out;
}

TEST(SobolSequence, FirstPointsEqualPublishedValues) {
  // SciPy's unscrambled Sobol' with the same Joe-Kuo numbers (scipy/stats/tests/test_qmc.py,
  // TestSobol.test_Unscrambled1DSobol and test_Unscrambled3DSobol): the first ten points of
  // dimension 1 and of dimension 3 (s = 2, a = 1, m = 1 3).
  const SobolSequence s(3);
  EXPECT_EQ(column(s, 0, 10), (std::vector<double>{0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875, 0.6875}));
  EXPECT_EQ(column(s, 2, 10), (std::vector<double>{0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375, 0.4375}));
  // Dimension 2 (s = 1, a = 0, m = 1): points 1-5 as printed in the README of DavidWalz/sobol
  // (a Joe-Kuo implementation that skips point 0), 6-7 from the same recurrence.
  EXPECT_EQ(column(s, 1, 8), (std::vector<double>{0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625}));
}

TEST(SobolSequence, EmbeddedTableIsTheJoeKuoFile) {
  const auto& t = SobolSequence::directions();
  ASSERT_EQ(t.size(), 1024u);
  // Spot checks against new-joe-kuo-6.21201 (dimension d is t[d - 1]).
  EXPECT_EQ(t[1].degree, 1);
  EXPECT_EQ(t[6].coefficients, 4u);
  EXPECT_EQ(t[6].m, (std::vector<std::uint32_t>{1, 3, 5, 13}));
  EXPECT_EQ(t[1023].degree, 13);
  EXPECT_EQ(t[1023].coefficients, 3538u);
  EXPECT_EQ(t[1023].m, (std::vector<std::uint32_t>{1, 1, 5, 11, 11, 33, 37, 29, 263, 1019, 657, 1453, 7807}));
  // Every initial direction number m_k is odd and below 2^k, and degrees never decrease.
  for (std::size_t d = 1; d < t.size(); ++d) {
    ASSERT_EQ(t[d].m.size(), static_cast<std::size_t>(t[d].degree)) << "dimension " << d + 1;
    EXPECT_GE(t[d].degree, t[d - 1].degree);
    for (std::size_t k = 0; k < t[d].m.size(); ++k) {
      EXPECT_EQ(t[d].m[k] % 2, 1u) << "dimension " << d + 1;
      EXPECT_LT(t[d].m[k], 1u << (k + 1)) << "dimension " << d + 1;
    }
  }
}

TEST(SobolSequence, EveryDimensionIsStratifiedAtPowersOfTwo) {
  // The first 2^m points of each one-dimensional projection are a (0, m, 1)-net: exactly one point
  // in each interval [j / 2^m, (j + 1) / 2^m). Checked for all 1,024 dimensions with m = 8.
  const SobolSequence s(SobolSequence::kMaxDimensions);
  constexpr int m = 8, n = 1 << m;
  std::vector<std::vector<int>> hits(SobolSequence::kMaxDimensions, std::vector<int>(n, 0));
  std::vector<std::uint32_t> bits(SobolSequence::kMaxDimensions);
  for (int i = 0; i < n; ++i) {
    s.pointBits(static_cast<std::uint32_t>(i), bits);
    for (int d = 0; d < SobolSequence::kMaxDimensions; ++d)
      ++hits[static_cast<std::size_t>(d)][bits[static_cast<std::size_t>(d)] >> (32 - m)];
  }
  for (int d = 0; d < SobolSequence::kMaxDimensions; ++d)
    for (int j = 0; j < n; ++j)
      ASSERT_EQ(hits[static_cast<std::size_t>(d)][static_cast<std::size_t>(j)], 1) << "dimension " << d + 1;
}

TEST(SobolSequence, FirstTwoDimensionsFormA0m2Net) {
  // Dimensions 1 and 2 together are a (0, 2)-sequence: the first 2^m points put one point in every
  // elementary box of area 2^-m, e.g. 2^a x 2^(m - a) grids for all a.
  const SobolSequence s(2);
  constexpr int m = 10, n = 1 << m;
  std::vector<std::uint32_t> bits(2);
  for (int a = 0; a <= m; ++a) {
    std::set<std::pair<std::uint32_t, std::uint32_t>> boxes;
    for (int i = 0; i < n; ++i) {
      s.pointBits(static_cast<std::uint32_t>(i), bits);
      const std::uint32_t bx = a == 0 ? 0 : bits[0] >> (32 - a);
      const std::uint32_t by = a == m ? 0 : bits[1] >> (32 - (m - a));
      boxes.insert({bx, by});
    }
    EXPECT_EQ(boxes.size(), static_cast<std::size_t>(n)) << "a = " << a;
  }
}

TEST(SobolSequence, RejectsDimensionsBeyondTheTable) {
  EXPECT_THROW(SobolSequence(0), std::invalid_argument);
  EXPECT_THROW(SobolSequence(1025), std::invalid_argument);
}

}  // namespace
}  // namespace pilotsim::sensitivity
