// Running claims and ablations (experiment/Claims.hpp) and judging them.
//
// Every scenario of every selected claim runs `replicates` replicates with the same seed (common
// random numbers), all on one pool of threads; scenarios that resolve to the same parameters (the
// baseline appears in many claims) are simulated once. Verdicts:
//   test:     supported      the 95% interval of (contrast - reference) lies on the expected side of 0
//             contradicted   it lies on the other side
//             inconclusive   it covers 0
//   claim:    supported if every test is, not supported if any test is contradicted, else inconclusive
//   ablation: removed        the effect is there with the mechanism on and its interval covers 0 off
//             reduced        still there off, but at most half its size on
//             not removed    still there off at more than half its size
//             no effect      the effect is not there even with the mechanism on (nothing to remove)
#pragma once

#include "pilotsim/experiment/Claims.hpp"
#include "pilotsim/experiment/Comparison.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace pilotsim {

class Progress;

enum class Verdict { Supported, NotSupported, Inconclusive };
enum class TestVerdict { Supported, Contradicted, Inconclusive };
enum class AblationVerdict { Removed, Reduced, NotRemoved, NoEffect };

std::string_view toString(Verdict v);
std::string_view toString(TestVerdict v);
std::string_view toString(AblationVerdict v);
/// Chinese labels of the verdicts.
std::string_view toStringZh(Verdict v);
std::string_view toStringZh(TestVerdict v);
std::string_view toStringZh(AblationVerdict v);

struct TestResult {
  const ClaimTest* test = nullptr;
  Interval effect;         ///< contrast - reference, across replicates
  double effect_size = 0;  ///< contrast over the scenarios' pooled sd (NaN: no spread)
  TestVerdict verdict = TestVerdict::Inconclusive;
};

struct ClaimResult {
  const ClaimSpec* claim = nullptr;
  std::vector<TestResult> tests;
  Verdict verdict = Verdict::Inconclusive;
  /// Each scenario's value of each tested outcome: [scenario][test].
  std::vector<std::vector<Interval>> levels;
};

struct AblationResult {
  const AblationSpec* ablation = nullptr;
  /// With a claim: the claim test's effect with the mechanism on and off. As a footprint: the
  /// outcome with the mechanism on and off, and `difference` = on - off.
  Interval on, off, difference;
  AblationVerdict verdict = AblationVerdict::NoEffect;
};

struct ClaimsReport {
  int replicates = 0;
  std::uint64_t seed = 0;
  std::vector<ClaimResult> claims;
  std::vector<AblationResult> ablations;
  /// Every distinct scenario run, with its label ("P1/low", "ablation/mechanisms.packaging/...").
  std::vector<ScenarioRun> runs;
};

struct ClaimSelection {
  std::vector<std::string> ids;  ///< claim ids (or, for ablations, claim ids or mechanism keys); empty: all
  bool claims = true;
  bool ablations = false;
};

/// Run the selected claims and ablations of `book`. Throws ScenarioError for an unknown id,
/// Interrupted when `*stop` is raised.
ClaimsReport runClaims(const ClaimBook& book, const ClaimSelection& selection, const ComparisonOptions& options,
                       Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr);

/// Judge one test's effect interval against its expected direction.
TestVerdict judgeTest(const Interval& effect, Direction expect);
/// Judge a claim from its tests' verdicts.
Verdict judgeClaim(const std::vector<TestResult>& tests);
/// Judge an ablation from the effect with the mechanism on and off.
AblationVerdict judgeAblation(const Interval& on, const Interval& off, Direction expect);

/// The contrast as a formula over scenario names, e.g. "high - low", "reform - 0.5 x baseline - 0.25".
std::string contrastText(const ClaimTest& test);

}  // namespace pilotsim
