// The samplers and analysers against analytic indices (issue 4, point 4). Sampling-based, so in the
// `statistical` suite; seeded, so repeatable.
#include "pilotsim/sensitivity/Analysis.hpp"
#include "pilotsim/sensitivity/TestFunctions.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim::sensitivity {
namespace {

SobolResult sobolOf(TestFunction f, std::int64_t n, std::uint64_t seed, int bootstrap) {
  SamplingSpec spec;
  spec.factors = testFunctionInfo(f).factors;
  spec.design.method = DesignMethod::Saltelli;
  spec.design.samples = n;
  spec.design.seed = seed;
  const Design d = generateDesign(spec);
  AnalysisOptions o;
  o.bootstrap = bootstrap;
  o.seed = seed;
  return analyzeSobol(d, evaluateTestFunction(f, d), o);
}

// N = 8192 = 2^13 base samples (40,960 runs): a power of two keeps the Sobol' points balanced, and
// at this size the estimators' errors on Ishigami are about 0.001-0.003 (measured over seeds 1-8,
// largest 0.003), an order below the required 0.02, so the test fails only if an estimator or the
// sampler is wrong, not by chance. At N = 1024 seed 1 already misses 0.02 (0.026).
constexpr std::int64_t kIshigamiN = 8192;

TEST(Ishigami, FirstAndTotalOrderIndicesWithin002OfAnalytic) {
  const auto info = testFunctionInfo(TestFunction::Ishigami);
  // The published values the issue quotes, and the analytic formulas agree.
  const double first[] = {0.3139, 0.4424, 0.0}, total[] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(info.first[static_cast<std::size_t>(i)], first[i], 5e-5);
    EXPECT_NEAR(info.total[static_cast<std::size_t>(i)], total[i], 5e-5);
  }
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const SobolResult r = sobolOf(TestFunction::Ishigami, kIshigamiN, seed, 0);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_NEAR(r.factors[i].first.value, first[i], 0.02) << "S1 of x" << i + 1 << ", seed " << seed;
      EXPECT_NEAR(r.factors[i].total.value, total[i], 0.02) << "ST of x" << i + 1 << ", seed " << seed;
    }
  }
}

TEST(Ishigami, BootstrapIntervalsCoverTheAnalyticValues) {
  const auto info = testFunctionInfo(TestFunction::Ishigami);
  const SobolResult r = sobolOf(TestFunction::Ishigami, kIshigamiN, 1, 300);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_LE(r.factors[i].first.lo, info.first[i]);
    EXPECT_GE(r.factors[i].first.hi, info.first[i]);
    EXPECT_LE(r.factors[i].total.lo, info.total[i]);
    EXPECT_GE(r.factors[i].total.hi, info.total[i]);
    EXPECT_LT(r.factors[i].first.hi - r.factors[i].first.lo, 0.08);
  }
}

TEST(GFunction, IndicesWithin002OfAnalytic) {
  // Eight factors of very different importance, four of them nearly inert (a = 99).
  const auto info = testFunctionInfo(TestFunction::GFunction);
  const SobolResult r = sobolOf(TestFunction::GFunction, 4096, 1, 0);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_NEAR(r.factors[i].first.value, info.first[i], 0.02) << "S1 of x" << i + 1;
    EXPECT_NEAR(r.factors[i].total.value, info.total[i], 0.02) << "ST of x" << i + 1;
  }
}

TEST(Ishigami, SecondOrderIndexOfX1X3) {
  // The only interaction is x1 x3: S13 = VT3 / V = 0.2437 (ST3 has no other part), S12 = S23 = 0.
  SamplingSpec spec;
  spec.factors = testFunctionInfo(TestFunction::Ishigami).factors;
  spec.design.method = DesignMethod::Saltelli;
  spec.design.samples = kIshigamiN;
  spec.design.second_order = true;
  const Design d = generateDesign(spec);
  AnalysisOptions o;
  o.bootstrap = 0;
  const SobolResult r = analyzeSobol(d, evaluateTestFunction(TestFunction::Ishigami, d), o);
  ASSERT_EQ(r.pairs.size(), 3u);
  EXPECT_NEAR(r.pairs[0].second.value, 0.0, 0.03);     // x1 x2
  EXPECT_NEAR(r.pairs[1].second.value, 0.2437, 0.03);  // x1 x3
  EXPECT_NEAR(r.pairs[2].second.value, 0.0, 0.03);     // x2 x3
}

}  // namespace
}  // namespace pilotsim::sensitivity
