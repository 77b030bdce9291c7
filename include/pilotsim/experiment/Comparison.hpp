// Several scenarios run side by side with common random numbers, reduced to what a comparison
// needs: each outcome's value in each replicate, and (optionally) each measure's monthly mean with
// its 95% band.
//
// All scenarios are run with the same run.seed, so replicate i of every scenario draws from the same
// streams (common random numbers) and the per-replicate differences between scenarios carry less
// noise than the scenarios do (core/Contrast.hpp). Results do not depend on the thread count.
#pragma once

#include "pilotsim/core/Contrast.hpp"
#include "pilotsim/core/Stats.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

class Progress;

struct ScenarioRun {
  std::string label;  ///< how tables name it (unique within a comparison)
  Scenario scenario;  ///< as run (seed set to the comparison's)
  /// values[outcome][replicate], outcomes in outcomeTable() order.
  std::vector<std::vector<double>> values;
  /// monthly[month][measure]: mean over replicates with its 95% interval (empty unless asked for).
  std::vector<std::array<Interval, kMeasureCount>> monthly;
};

struct ComparisonOptions {
  int replicates = 30;
  std::uint64_t seed = 0;
  int threads = 0;             ///< 0: one per hardware thread
  bool monthly_bands = false;  ///< keep each measure's monthly mean and band per scenario
};

/// Run every scenario's replicates (on one pool of threads) with `options.seed` for all of them.
/// Scenarios with equal parameters are simulated once. Throws Interrupted when `*stop` is raised.
std::vector<ScenarioRun> runScenarios(const std::vector<std::pair<std::string, Scenario>>& scenarios,
                                      const ComparisonOptions& options, Progress* progress = nullptr,
                                      const std::atomic<bool>* stop = nullptr);

/// One outcome compared across scenarios: each scenario's interval, and for every scenario after
/// the first its paired difference from the first with a standardised effect size and direction.
struct OutcomeComparison {
  int outcome = 0;                   ///< index in outcomeTable()
  std::vector<Interval> level;       ///< per scenario
  std::vector<Interval> difference;  ///< per scenario; [0] is empty (n = 0)
  std::vector<double> effect_size;   ///< per scenario; [0] is NaN
  std::vector<Direction> direction;  ///< per scenario; [0] is Unclear
};

/// Compare every outcome across `runs`, the first run being the reference.
std::vector<OutcomeComparison> compareOutcomes(const std::vector<ScenarioRun>& runs);

}  // namespace pilotsim
