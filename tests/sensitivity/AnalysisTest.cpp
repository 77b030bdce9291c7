#include "pilotsim/sensitivity/Analysis.hpp"

#include "SensitivityTestSupport.hpp"
#include "pilotsim/core/InputError.hpp"
#include "pilotsim/sensitivity/TestFunctions.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace pilotsim::sensitivity {
namespace {

using test::specOf;
using test::uniformFactor;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

AnalysisOptions noBootstrap() {
  AnalysisOptions o;
  o.bootstrap = 0;
  return o;
}

// A hand-made Saltelli design of one factor: runs A, AB, B per block.
Design oneFactorSaltelli(int blocks) {
  Design d;
  d.method = DesignMethod::Saltelli;
  d.factors = {"a"};
  d.types = {ValueType::Real};
  std::int64_t run = 1;
  for (int j = 1; j <= blocks; ++j)
    for (auto m : {SaltelliMatrix::A, SaltelliMatrix::AB, SaltelliMatrix::B}) {
      DesignRun r;
      r.run = run++;
      r.block = j;
      r.matrix = m;
      r.factor = m == SaltelliMatrix::AB ? 0 : -1;
      d.runs.push_back(r);
      d.values.push_back(0.5);
    }
  return d;
}

TEST(SobolAnalysis, EstimatorsByHandAndNegativeIndicesAreNotClipped) {
  // Block outputs (A, AB, B): (1, 0, 3) and (3, 4, 1). Centred on the mean of A and B (2):
  // A = (-1, 1), B = (1, -1), AB = (-2, 2), V = 1.
  // S1 = mean(B (AB - A)) / V = mean(1 * -1, -1 * 1) = -1;  ST = mean((A - AB)^2) / 2 / V = 0.5.
  const Design d = oneFactorSaltelli(2);
  const std::vector<double> y = {1, 0, 3, 3, 4, 1};
  const SobolResult r = analyzeSobol(d, y, noBootstrap());
  ASSERT_EQ(r.factors.size(), 1u);
  EXPECT_DOUBLE_EQ(r.factors[0].first.value, -1.0);
  EXPECT_DOUBLE_EQ(r.factors[0].total.value, 0.5);
  EXPECT_DOUBLE_EQ(r.mean, 2.0);
  EXPECT_DOUBLE_EQ(r.variance, 1.0);
  EXPECT_TRUE(std::isnan(r.factors[0].first.lo));  // no bootstrap, no interval
}

TEST(SobolAnalysis, BlocksWithMissingOutputsAreExcludedWhole) {
  SamplingSpec spec = specOf(DesignMethod::Saltelli, {uniformFactor("a"), uniformFactor("b")});
  spec.design.samples = 64;
  const Design d = generateDesign(spec);
  std::vector<double> y;
  for (std::size_t r = 0; r < d.runCount(); ++r) y.push_back(d.row(r)[0] + 2.0 * d.row(r)[1] * d.row(r)[0]);
  // The same design without block 3 is the reference.
  Design without = d;
  without.runs.clear();
  without.values.clear();
  std::vector<double> yWithout;
  for (std::size_t r = 0; r < d.runCount(); ++r) {
    if (d.runs[r].block == 3) continue;
    without.runs.push_back(d.runs[r]);
    without.values.insert(without.values.end(), d.row(r).begin(), d.row(r).end());
    yWithout.push_back(y[r]);
  }
  for (std::size_t r = 0; r < d.runCount(); ++r)
    if (d.runs[r].block == 3 && d.runs[r].matrix == SaltelliMatrix::AB) y[r] = kNaN;
  const SobolResult r = analyzeSobol(d, y, noBootstrap());
  const SobolResult ref = analyzeSobol(without, yWithout, noBootstrap());
  EXPECT_EQ(r.blocks_excluded, 1);
  EXPECT_EQ(r.blocks_used, 63);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_DOUBLE_EQ(r.factors[i].first.value, ref.factors[i].first.value);
    EXPECT_DOUBLE_EQ(r.factors[i].total.value, ref.factors[i].total.value);
  }
  std::fill(y.begin(), y.end(), kNaN);
  EXPECT_THROW(analyzeSobol(d, y, noBootstrap()), InputError);
  std::fill(y.begin(), y.end(), 4.0);
  EXPECT_THROW(analyzeSobol(d, y, noBootstrap()), InputError);  // no variance
}

TEST(SobolAnalysis, BootstrapIntervalsBracketTheEstimateAndAreReproducible) {
  SamplingSpec spec = specOf(DesignMethod::Saltelli, testFunctionInfo(TestFunction::Ishigami).factors);
  spec.design.samples = 256;
  const Design d = generateDesign(spec);
  const auto y = evaluateTestFunction(TestFunction::Ishigami, d);
  AnalysisOptions o;
  o.bootstrap = 200;
  const SobolResult a = analyzeSobol(d, y, o), b = analyzeSobol(d, y, o);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_LE(a.factors[i].total.lo, a.factors[i].total.value);
    EXPECT_GE(a.factors[i].total.hi, a.factors[i].total.value);
    EXPECT_EQ(a.factors[i].first.lo, b.factors[i].first.lo);
  }
  o.seed = 2;
  EXPECT_NE(analyzeSobol(d, y, o).factors[0].first.lo, a.factors[0].first.lo);
}

TEST(MorrisAnalysis, RecoversKnownElementaryEffects) {
  // y = 3 a - 2 b + a c on [0, 1]^3: EE_b = -2 always; EE_c = a (between 0 and 1); EE_a = 3 + c.
  SamplingSpec spec = specOf(DesignMethod::Morris, {uniformFactor("a"), uniformFactor("b"), uniformFactor("c")}, 5);
  spec.design.trajectories = 30;
  spec.design.levels = 4;
  const Design d = generateDesign(spec);
  std::vector<double> y;
  for (std::size_t r = 0; r < d.runCount(); ++r) {
    const auto x = d.row(r);
    y.push_back(3 * x[0] - 2 * x[1] + x[0] * x[2]);
  }
  const MorrisResult m = analyzeMorris(d, y, noBootstrap());
  EXPECT_NEAR(m.factors[1].mu, -2.0, 1e-12);
  EXPECT_NEAR(m.factors[1].mu_star.value, 2.0, 1e-12);
  EXPECT_NEAR(m.factors[1].sigma, 0.0, 1e-12);
  EXPECT_GE(m.factors[0].mu, 3.0);
  EXPECT_LE(m.factors[0].mu, 4.0);
  EXPECT_GT(m.factors[0].sigma, 0.0);
  EXPECT_GE(m.factors[2].mu_star.value, 0.0);
  EXPECT_LE(m.factors[2].mu_star.value, 1.0);
  EXPECT_EQ(m.factors[0].effects, 30);

  // The linear test function's elementary effects are its coefficients, exactly.
  SamplingSpec lin = specOf(DesignMethod::Morris, testFunctionInfo(TestFunction::Linear).factors, 2);
  lin.design.trajectories = 10;
  lin.design.levels = 4;
  const Design ld = generateDesign(lin);
  std::vector<double> ly = evaluateTestFunction(TestFunction::Linear, ld);
  AnalysisOptions o;
  o.bootstrap = 100;
  const MorrisResult lm = analyzeMorris(ld, ly, o);
  const auto effect = testFunctionInfo(TestFunction::Linear).effect;
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(lm.factors[i].mu, effect[i], 1e-12);
    EXPECT_NEAR(lm.factors[i].mu_star.lo, std::fabs(effect[i]), 1e-12);
    EXPECT_NEAR(lm.factors[i].mu_star.hi, std::fabs(effect[i]), 1e-12);
  }
  // A missing output removes the two effects it takes part in.
  ly[2] = kNaN;
  const MorrisResult missing = analyzeMorris(ld, ly, o);
  EXPECT_EQ(missing.effects_excluded, 2);
  EXPECT_NEAR(missing.factors[0].mu, effect[0], 1e-12);
}

TEST(FactorialAnalysis, MainEffectsOfAnAdditiveFunction) {
  Factor flag;
  flag.name = "flag";
  flag.kind = DistributionKind::Boolean;
  SamplingSpec spec = specOf(DesignMethod::Factorial, {uniformFactor("x", 0.0, 4.0), flag});
  spec.design.levels = 3;  // x in {0, 2, 4}
  const Design d = generateDesign(spec);
  std::vector<double> y;
  for (std::size_t r = 0; r < d.runCount(); ++r) y.push_back(2.0 * d.row(r)[0] + 3.0 * d.row(r)[1] + 1.0);
  const MainEffectsResult m = analyzeMainEffects(d, y);
  // Grand mean: 2 * mean(x) + 3 * mean(flag) + 1 = 4 + 1.5 + 1.
  EXPECT_DOUBLE_EQ(m.grand_mean, 6.5);
  ASSERT_EQ(m.factors[0].levels.size(), 3u);
  EXPECT_DOUBLE_EQ(m.factors[0].levels[0].level, 0.0);
  EXPECT_DOUBLE_EQ(m.factors[0].levels[0].mean.value, 2.5);
  EXPECT_DOUBLE_EQ(m.factors[0].levels[0].effect.value, -4.0);
  EXPECT_DOUBLE_EQ(m.factors[0].levels[2].effect.value, 4.0);
  EXPECT_EQ(m.factors[0].levels[2].runs, 2);
  EXPECT_DOUBLE_EQ(m.factors[1].levels[1].effect.value, 1.5);
  // flag = 0 has the runs y = 1, 5, 9: mean 5, t-interval 5 -+ t(0.975, 2) * 4 / sqrt(3).
  EXPECT_NEAR(m.factors[1].levels[0].mean.hi - 5.0, 4.302652729911275 * 4.0 / std::sqrt(3.0), 1e-6);
  EXPECT_LT(m.factors[1].levels[0].mean.lo, m.factors[1].levels[0].mean.value);
  y[0] = kNaN;
  EXPECT_EQ(analyzeMainEffects(d, y).runs_excluded, 1);
}

TEST(RankCorrelation, MonotoneFactorsCorrelateFully) {
  SamplingSpec spec = specOf(DesignMethod::LatinHypercube, {uniformFactor("a"), uniformFactor("b")});
  spec.design.samples = 50;
  const Design d = generateDesign(spec);
  std::vector<double> y;
  for (std::size_t r = 0; r < d.runCount(); ++r) y.push_back(std::exp(-d.row(r)[0]));
  const auto result = analyzeOutput(d, "y", y, noBootstrap());
  const auto& rc = std::get<RankCorrelationResult>(result.result);
  EXPECT_DOUBLE_EQ(rc.factors[0].rho.value, -1.0);
  EXPECT_LT(std::fabs(rc.factors[1].rho.value), 0.4);
}

TEST(Analysis, ErrorsNameTheOutput) {
  const Design d = oneFactorSaltelli(2);
  const std::vector<double> y(6, kNaN);
  try {
    analyzeOutput(d, "innovation_rate", y, noBootstrap());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("output 'innovation_rate': ", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace pilotsim::sensitivity
