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
  Verdict verdict;
};
// Names the parameter in test output and in CTest's test names.
void PrintTo(const Expected& e, std::ostream* os) { *os << e.id << " " << toString(e.verdict); }

class ClaimVerdictTest : public ::testing::TestWithParam<Expected> {};

TEST_P(ClaimVerdictTest, MatchesTheDocumentedVerdict) {
  const auto [id, expected] = GetParam();
  ClaimSelection selection;
  selection.ids = {id};
  const ClaimsReport r = runClaims(builtinClaims(), selection, documentedSize());
  ASSERT_EQ(r.claims.size(), 1u);
  EXPECT_EQ(r.claims[0].verdict, expected) << id << ": " << describe(r.claims[0]);
}

// docs/claims.md (model 2, 2026-12-03): P5 not supported (tolerance lowers starts), P6
// inconclusive, P9 not supported (diversion falls with more designated pilots); the rest
// supported. Model 1's table: every claim supported but P8.
INSTANTIATE_TEST_SUITE_P(Claims, ClaimVerdictTest,
                         ::testing::Values(Expected{"P1", Verdict::Supported}, Expected{"P2", Verdict::Supported},
                                           Expected{"P3", Verdict::Supported}, Expected{"P4", Verdict::Supported},
                                           Expected{"P5", Verdict::NotSupported}, Expected{"P6", Verdict::Inconclusive},
                                           Expected{"P7", Verdict::Supported}, Expected{"P8", Verdict::Supported},
                                           Expected{"P9", Verdict::NotSupported}, Expected{"P10", Verdict::Supported},
                                           Expected{"P11", Verdict::Supported}, Expected{"P12", Verdict::Supported},
                                           Expected{"P13", Verdict::Supported}, Expected{"P14", Verdict::Supported}),
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
