// The claims P1-P14 and the ablations of claims/claims.toml, run at the size of `pilotsim claims`
// (30 replicates per scenario, the presets' full 240 months, the default seed), so that each test
// expects exactly the verdict that docs/claims.md reports for model version 2. A deliberate model
// change that turns a verdict shows up here and must be reported in docs/claims.md.
//
// Model 1's version of this test ran 15 replicates and expected every claim but P8 supported. At
// model 2 several tests are weak (P7's low-resource delay, t 2.4; P14's fewer real innovations
// without drive, t 3.4), and at 15 replicates their verdicts would rest on the draw; the full size
// costs about 30 s on 2 cores. Seeds are fixed, so the suite is repeatable.
#include "pilotsim/experiment/ClaimEvaluation.hpp"

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>

namespace pilotsim {
namespace {

constexpr int kReplicates = 30;

ComparisonOptions documentedSize() {
  ComparisonOptions o;
  o.replicates = kReplicates;
  o.seed = 20230301;
  return o;
}

std::string describe(const ClaimResult& c) {
  std::string out;
  for (const auto& t : c.tests)
    out += t.test->outcome + " " + std::to_string(t.effect.mean) + " [" + std::to_string(t.effect.lo) + ", " +
           std::to_string(t.effect.hi) + "] " + std::string(toString(t.verdict)) + "; ";
  return out;
}

struct Expected {
  const char* id;
  Verdict verdict;        ///< current tests, raw (interval and minimal effect)
  Verdict holm;           ///< current tests, Holm-adjusted over the run (here: over the claim's own tests)
  Verdict first;          ///< tests as first specified
  Verdict interval_only;  ///< current tests by their interval alone: the verdict before minimal effects
};
// Names the parameter in test output and in CTest's test names.
void PrintTo(const Expected& e, std::ostream* os) { *os << e.id << " " << toString(e.verdict); }

class ClaimVerdictTest : public ::testing::TestWithParam<Expected> {};

// The claim's verdict from its current tests judged by their 95% interval only, as model 2's first
// table judged them (before issue 11 added minimal effects).
Verdict intervalOnlyVerdict(const ClaimResult& c) {
  std::vector<TestVerdict> current;
  for (const auto& t : c.tests)
    if (!t.test->superseded) current.push_back(judgeTest(t.effect, t.test->expect));
  return judgeClaim(current);
}

// One claim at a time, so the Holm family is the claim's own tests; the full run's family (every
// test) is larger, and its adjusted verdicts are those of docs/claims.md.
TEST_P(ClaimVerdictTest, MatchesTheDocumentedVerdict) {
  const auto e = GetParam();
  ClaimSelection selection;
  selection.ids = {e.id};
  const ClaimsReport r = runClaims(builtinClaims(), selection, documentedSize());
  ASSERT_EQ(r.claims.size(), 1u);
  const ClaimResult& c = r.claims[0];
  EXPECT_EQ(c.verdict, e.verdict) << e.id << ": " << describe(c);
  EXPECT_EQ(c.verdict_holm, e.holm) << e.id << ": " << describe(c);
  EXPECT_EQ(c.verdict_first, e.first) << e.id << ": " << describe(c);
  // The original of this test (model 2's first table, interval only), kept beside the new rule.
  EXPECT_EQ(intervalOnlyVerdict(c), e.interval_only) << e.id << ": " << describe(c);
}

// docs/claims.md (model 2 with issue 11's pre-registered tests and minimal effects, 2026-12-03).
// By interval only (model 2's first table): P5 not supported (tolerance lowers starts), P6
// inconclusive, P9 not supported (diversion falls with more designated pilots), the rest
// supported. With minimal effects P7 (low-resource delay 0.86 months < 1) and P11 (wasted share
// -0.007 < 0.02) become inconclusive: their effects are detectable but negligible. As first
// specified, P2 (mean fit +0.016, negligible) and P9 (wasted share inconclusive, impact per pilot
// negligible) are inconclusive. Model 1's table: every claim supported but P8.
constexpr Verdict S = Verdict::Supported, N = Verdict::NotSupported, I = Verdict::Inconclusive;
INSTANTIATE_TEST_SUITE_P(Claims, ClaimVerdictTest,
                         ::testing::Values(Expected{"P1", S, S, S, S}, Expected{"P2", S, S, I, S},
                                           Expected{"P3", S, S, S, S}, Expected{"P4", S, S, S, S},
                                           Expected{"P5", N, N, N, N}, Expected{"P6", I, I, I, I},
                                           Expected{"P7", I, I, I, S}, Expected{"P8", S, S, S, S},
                                           Expected{"P9", N, N, I, N}, Expected{"P10", S, S, S, S},
                                           Expected{"P11", I, I, I, S}, Expected{"P12", S, S, S, S},
                                           Expected{"P13", S, S, S, S}, Expected{"P14", S, S, S, S}),
                         [](const auto& info) { return std::string(info.param.id); });

// The documented verdicts of the full run (docs/claims.md). Model 1: every ablation removed its
// effect, Matthew selection and symbolic stall reduced it. Model 2: the mechanisms below other
// than "reduced" leave no effect on the outcome declared for them, or (symbolic stall) do not
// remove the reform's effect; each is a finding reported in docs/claims.md.
TEST(ClaimAblationTest, EveryMechanismsEffectGoesWhenItIsSwitchedOff) {
  ClaimSelection selection;
  selection.claims = false;
  selection.ablations = true;
  const ClaimsReport r = runClaims(builtinClaims(), selection, documentedSize());
  const std::map<std::string, AblationVerdict> other = {
      {"mechanisms.designated_pilots", AblationVerdict::NoEffect},
      {"mechanisms.matthew_selection", AblationVerdict::Reduced},
      {"mechanisms.spontaneous_pilots", AblationVerdict::NoEffect},
      {"mechanisms.pilot_failure", AblationVerdict::NoEffect},
      {"mechanisms.symbolic_stall", AblationVerdict::NotRemoved},
      {"mechanisms.multilevel_novelty", AblationVerdict::NoEffect},
      {"mechanisms.voluntary_adoption", AblationVerdict::NoEffect},
      {"mechanisms.second_innovation", AblationVerdict::NoEffect},
      {"mechanisms.halting", AblationVerdict::NoEffect},
      {"mechanisms.report_noise", AblationVerdict::NoEffect},
      {"mechanisms.media_exposure", AblationVerdict::NoEffect},
  };
  ASSERT_EQ(r.ablations.size(), builtinClaims().ablations.size());
  for (const auto& a : r.ablations) {
    const auto it = other.find(a.ablation->mechanism);
    const AblationVerdict expected = it == other.end() ? AblationVerdict::Removed : it->second;
    EXPECT_EQ(a.verdict, expected) << a.ablation->mechanism << ": on " << a.on.mean << " [" << a.on.lo << ", "
                                   << a.on.hi << "], off " << a.off.mean << " [" << a.off.lo << ", " << a.off.hi << "]";
  }
}

}  // namespace
}  // namespace pilotsim
