// Which levers carry a claim's effect (`pilotsim claims --decompose`). A test that compares a treated
// scenario T with a control C (one scenario of positive and one of negative weight in its contrast)
// whose parameters differ in several levers — a reform preset against the baseline, push together
// with escalation — is run again with each lever alone (C plus that lever's value in T) and with the
// full set without each lever (T with that lever back at C's value), all with the seed of the claim's
// run (common random numbers). What is decomposed is the difference T - C of the test's outcome: for
// a contrast of weights (+1, -1) that is the test's effect; for one such as "reform - 0.5 x baseline"
// it is the reform's effect, of which the test asks that it keep more than half.
//
// A lever carries the effect when it alone gives at least half of it, or when taking it away loses at
// least half: the two differ where levers act only together (neither alone does much, each is needed)
// or substitute for each other (each alone does it all, none is needed).
#pragma once

#include "pilotsim/experiment/ClaimEvaluation.hpp"
#include "pilotsim/experiment/Claims.hpp"
#include "pilotsim/experiment/Comparison.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace pilotsim {

class Progress;

struct LeverEffect {
  std::string key;               ///< the parameter
  std::string control, treated;  ///< its value in C and in T, as written in a scenario file
  Interval alone;                ///< the effect with only this lever changed
  Interval without;              ///< the effect with every lever but this one changed
  std::string problem;           ///< why a variant could not run (a cross-parameter rule), or empty
  /// alone / full and (full - without) / full: the share of the effect the lever gives by itself and
  /// the share lost without it (NaN when the full effect is 0).
  double share_alone = 0, share_lost = 0;
  bool carries = false;
};

struct TestDecomposition {
  const ClaimSpec* claim = nullptr;
  std::size_t test = 0;             ///< index in the claim's tests
  std::string treated, control;     ///< the claim's scenario names
  Interval full;                    ///< T - C on the test's outcome
  std::vector<LeverEffect> levers;  ///< in the parameter table's order
};

struct DecompositionReport {
  int replicates = 0;
  std::uint64_t seed = 0;
  std::vector<TestDecomposition> tests;
  std::vector<ScenarioRun> runs;
};

/// The parameters (levers) in which `treated` differs from `control`, in the parameter table's order;
/// run.* (seed, months, replicates) and structure.* (the units themselves) are not levers.
std::vector<std::string> leversBetween(const Scenario& control, const Scenario& treated);

/// Decompose every current test of the selected claims that compares two scenarios differing in two
/// or more levers. Throws InputError for an unknown id, Interrupted when `*stop` is raised.
DecompositionReport decomposeClaims(const ClaimBook& book, const ClaimSelection& selection,
                                    const ComparisonOptions& options, Progress* progress = nullptr,
                                    const std::atomic<bool>* stop = nullptr);

}  // namespace pilotsim
