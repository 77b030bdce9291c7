// Running claims and ablations (experiment/Claims.hpp) and judging them.
//
// Every scenario of every selected claim runs `replicates` replicates with the same seed (common
// random numbers), all on one pool of threads; scenarios that resolve to the same parameters (the
// baseline appears in many claims) are simulated once. Verdicts:
//   test:     supported      the 95% interval of (contrast - reference) lies on the expected side of 0
//                            and the estimate reaches the test's minimal effect on that side
//             contradicted   the same on the other side
//             negligible     the interval excludes 0 but the estimate is smaller than the minimal
//                            effect: detectable, too small to matter
//             inconclusive   the interval covers 0
//             The Holm-adjusted verdict is the same with "Holm-adjusted p < 0.05 over every test of
//             the run" in place of "the interval excludes 0" (core/Inference.hpp).
//   claim:    supported if every current test is, not supported if any is contradicted, else
//             inconclusive; also as first specified (the tests that revise nothing) and Holm-adjusted
//   power:    of each test's paired t-test at its minimal effect, with the run's replicates and the
//             spread of its per-replicate contrasts, and the replicates that would give 80%
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
enum class TestVerdict { Supported, Contradicted, Negligible, Inconclusive };
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
  Interval effect;                                       ///< contrast - reference, across replicates
  double effect_size = 0;                                ///< contrast over the scenarios' pooled sd (NaN: no spread)
  TestVerdict verdict = TestVerdict::Inconclusive;       ///< from the 95% interval and the minimal effect
  double p = 0;                                          ///< two-sided p of the paired t-test
  double p_holm = 0;                                     ///< Holm-adjusted over every test of the run
  TestVerdict verdict_holm = TestVerdict::Inconclusive;  ///< from p_holm and the minimal effect
  double power = 0;       ///< at the minimal effect (NaN: no minimal effect or no spread)
  int replicates_80 = 0;  ///< replicates for 80% power at the minimal effect (0: none or beyond 10,000)
};

struct ClaimResult {
  const ClaimSpec* claim = nullptr;
  std::vector<TestResult> tests;
  Verdict verdict = Verdict::Inconclusive;        ///< current tests, raw
  Verdict verdict_holm = Verdict::Inconclusive;   ///< current tests, Holm-adjusted
  Verdict verdict_first = Verdict::Inconclusive;  ///< tests as first specified, raw
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

/// Run the selected claims and ablations of `book`, every scenario on `background` (none: the
/// presets' own values; Claims.hpp). Throws InputError for an unknown id, or naming the key when a
/// scenario's parameters break a rule; Interrupted when `*stop` is raised.
ClaimsReport runClaims(const ClaimBook& book, const ClaimSelection& selection, const ComparisonOptions& options,
                       Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr,
                       const ClaimBackground& background = {});

/// Judge one test's effect interval against its expected direction and minimal effect.
TestVerdict judgeTest(const Interval& effect, Direction expect, double minimal_effect = 0);
/// The same with a (Holm-adjusted) p-value deciding whether the effect differs from zero.
TestVerdict judgeTestByP(double estimate, double p, Direction expect, double minimal_effect, double alpha = 0.05);
/// Judge a claim from its tests' verdicts.
Verdict judgeClaim(const std::vector<TestVerdict>& tests);
/// The Holm adjustment over every test of `claims` (p_holm, verdict_holm) and each claim's three
/// verdicts, from the tests' raw verdicts and p-values.
void judgeClaims(std::vector<ClaimResult>& claims);
/// Judge an ablation from the effect with the mechanism on and off.
AblationVerdict judgeAblation(const Interval& on, const Interval& off, Direction expect);

/// How a test stands in its claim: "as first specified", "as first specified, superseded by test 3",
/// "revision of test 1 (2026-11-29)"; test numbers are 1-based.
std::string testStatusText(const ClaimSpec& claim, std::size_t test, bool zh = false);

/// The contrast as a formula over scenario names, e.g. "high - low", "reform - 0.5 x baseline - 0.25".
std::string contrastText(const ClaimTest& test);

}  // namespace pilotsim
