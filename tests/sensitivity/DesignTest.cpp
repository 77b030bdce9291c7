#include "pilotsim/sensitivity/Design.hpp"

#include "SensitivityTestSupport.hpp"
#include "pilotsim/core/InputError.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

namespace pilotsim::sensitivity {
namespace {

using test::specOf;
using test::uniformFactor;

TEST(LatinHypercube, ExactlyOnePointPerStratumInEveryDimension) {
  SamplingSpec spec = specOf(DesignMethod::LatinHypercube,
                             {uniformFactor("a"), uniformFactor("b", -5.0, 5.0), uniformFactor("c", 10.0, 20.0)}, 42);
  spec.design.samples = 97;
  const Design d = generateDesign(spec);
  ASSERT_EQ(d.runCount(), 97u);
  for (std::size_t j = 0; j < 3; ++j) {
    const Factor& f = spec.factors[j];
    std::vector<int> hits(97, 0);
    for (std::size_t i = 0; i < 97; ++i) {
      const double u = (d.row(i)[j] - f.min) / (f.max - f.min);
      ++hits[static_cast<std::size_t>(std::floor(u * 97))];
    }
    for (int h : hits) EXPECT_EQ(h, 1) << "factor " << f.name;
  }
}

TEST(Designs, AreDeterministicFunctionsOfSpecAndSeed) {
  for (auto method : {DesignMethod::LatinHypercube, DesignMethod::Saltelli, DesignMethod::Morris}) {
    SamplingSpec spec = specOf(method, {uniformFactor("a"), uniformFactor("b")}, 7);
    spec.design.samples = 16;
    spec.design.trajectories = 5;
    spec.design.levels = 4;
    const Design d1 = generateDesign(spec), d2 = generateDesign(spec);
    EXPECT_EQ(d1.values, d2.values) << methodName(method);
    spec.design.seed = 8;
    EXPECT_NE(generateDesign(spec).values, d1.values) << methodName(method);
  }
}

TEST(Saltelli, MatricesFollowTheScheme) {
  SamplingSpec spec = specOf(DesignMethod::Saltelli, {uniformFactor("a"), uniformFactor("b"), uniformFactor("c")});
  spec.design.samples = 32;
  const Design d = generateDesign(spec);
  ASSERT_EQ(d.runCount(), 32u * (3 + 2));
  std::map<std::int64_t, std::map<std::string, std::vector<double>>> blocks;
  for (std::size_t r = 0; r < d.runCount(); ++r) {
    const DesignRun& run = d.runs[r];
    const std::string key = run.matrix == SaltelliMatrix::A   ? "A"
                            : run.matrix == SaltelliMatrix::B ? "B"
                                                              : "AB" + std::to_string(run.factor);
    blocks[run.block][key] = std::vector<double>(d.row(r).begin(), d.row(r).end());
    EXPECT_EQ(run.run, static_cast<std::int64_t>(r) + 1);
  }
  ASSERT_EQ(blocks.size(), 32u);
  for (const auto& [block, m] : blocks) {
    const auto& a = m.at("A");
    const auto& b = m.at("B");
    for (int i = 0; i < 3; ++i) {
      const auto& ab = m.at("AB" + std::to_string(i));
      for (int c = 0; c < 3; ++c)
        EXPECT_EQ(ab[static_cast<std::size_t>(c)],
                  c == i ? b[static_cast<std::size_t>(c)] : a[static_cast<std::size_t>(c)]);
    }
    for (double v : a) EXPECT_TRUE(v > 0.0 && v < 1.0);
  }
  // A and B columns are stratified like the Sobol' sequence they come from (digital shift keeps it).
  std::vector<int> hits(32, 0);
  for (const auto& [block, m] : blocks) ++hits[static_cast<std::size_t>(std::floor(m.at("B")[1] * 32))];
  for (int h : hits) EXPECT_EQ(h, 1);
  checkDesignStructure(d, "generated");
}

TEST(Saltelli, SecondOrderAddsTheBAMatrices) {
  SamplingSpec spec = specOf(DesignMethod::Saltelli, {uniformFactor("a"), uniformFactor("b")});
  spec.design.samples = 8;
  spec.design.second_order = true;
  const Design d = generateDesign(spec);
  EXPECT_EQ(d.runCount(), 8u * (2 * 2 + 2));
  // B_A^0 of block 1 is B with column 0 from A.
  const auto row = [&](SaltelliMatrix m, int f) {
    for (std::size_t r = 0; r < d.runCount(); ++r)
      if (d.runs[r].block == 1 && d.runs[r].matrix == m && d.runs[r].factor == f) return d.row(r);
    return std::span<const double>{};
  };
  EXPECT_EQ(row(SaltelliMatrix::BA, 0)[0], row(SaltelliMatrix::A, -1)[0]);
  EXPECT_EQ(row(SaltelliMatrix::BA, 0)[1], row(SaltelliMatrix::B, -1)[1]);
}

TEST(Morris, TrajectoriesMoveEachFactorOnceByDeltaOnTheGrid) {
  SamplingSpec spec =
      specOf(DesignMethod::Morris, {uniformFactor("a"), uniformFactor("b", 0.0, 10.0), uniformFactor("c")}, 3);
  spec.design.trajectories = 25;
  spec.design.levels = 6;
  const Design d = generateDesign(spec);
  ASSERT_EQ(d.runCount(), 25u * 4);
  const double delta = 6.0 / (2.0 * 5.0);
  for (std::size_t r = 0; r < d.runCount(); ++r) {
    for (std::size_t i = 0; i < 3; ++i) {
      const double u = (d.row(r)[i] - spec.factors[i].min) / (spec.factors[i].max - spec.factors[i].min);
      EXPECT_NEAR(u * 5.0, std::round(u * 5.0), 1e-9) << "off the grid";
    }
    const DesignRun& run = d.runs[r];
    if (run.step == 0) continue;
    EXPECT_DOUBLE_EQ(std::fabs(run.delta), delta);
    for (std::size_t i = 0; i < 3; ++i) {
      const Factor& f = spec.factors[i];
      const double change = (d.row(r)[i] - d.row(r - 1)[i]) / (f.max - f.min);
      EXPECT_NEAR(change, static_cast<int>(i) == run.factor ? run.delta : 0.0, 1e-12);
    }
  }
  checkDesignStructure(d, "generated");
}

TEST(Factorial, EveryCombinationOnce) {
  Factor flag;
  flag.name = "flag";
  flag.kind = DistributionKind::Boolean;
  Factor level;
  level.name = "level";
  level.kind = DistributionKind::Discrete;
  level.values = {1, 2, 5};
  SamplingSpec spec = specOf(DesignMethod::Factorial, {uniformFactor("x", 0.0, 4.0), flag, level});
  spec.design.levels = 3;
  const Design d = generateDesign(spec);
  ASSERT_EQ(d.runCount(), 3u * 2 * 3);
  std::set<std::vector<double>> combos;
  for (std::size_t r = 0; r < d.runCount(); ++r) combos.insert({d.row(r).begin(), d.row(r).end()});
  EXPECT_EQ(combos.size(), 18u);
  EXPECT_TRUE(combos.count({2.0, 1.0, 5.0}));
  EXPECT_TRUE(combos.count({4.0, 0.0, 1.0}));
}

TEST(DesignStructure, IncompleteDesignsAreRejected) {
  SamplingSpec spec = specOf(DesignMethod::Saltelli, {uniformFactor("a"), uniformFactor("b")});
  spec.design.samples = 4;
  Design d = generateDesign(spec);
  d.runs[1].matrix = SaltelliMatrix::A;  // block 1 has two A runs and no AB:a
  EXPECT_THROW(checkDesignStructure(d, "d.csv"), InputError);
  SamplingSpec morris = specOf(DesignMethod::Morris, {uniformFactor("a"), uniformFactor("b")});
  morris.design.trajectories = 3;
  morris.design.levels = 4;
  Design m = generateDesign(morris);
  m.runs[2].factor = m.runs[1].factor;  // trajectory 1 moves one factor twice
  try {
    checkDesignStructure(m, "d.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("morris trajectory 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pilotsim::sensitivity
