#include "pilotsim/experiment/Comparison.hpp"

#include "pilotsim/experiment/Runner.hpp"

#include <fmt/format.h>

#include <map>

namespace pilotsim {
namespace {

/// Two scenarios run the same simulation when their resolved parameters are equal; names and
/// provenance do not matter.
std::string parameterKey(const Scenario& s) {
  Scenario bare;
  bare.params = s.params;
  return toToml(bare);
}

/// The per-month values of one scenario: [month][measure][replicate].
using MonthlyValues = std::vector<std::vector<std::vector<double>>>;

std::vector<std::array<Interval, kMeasureCount>> bands(const MonthlyValues& values) {
  std::vector<std::array<Interval, kMeasureCount>> out(values.size());
  for (std::size_t t = 0; t < values.size(); ++t)
    for (int k = 0; k < kMeasureCount; ++k) out[t][k] = meanInterval(values[t][k]);
  return out;
}

}  // namespace

std::vector<ScenarioRun> runScenarios(const std::vector<std::pair<std::string, Scenario>>& scenarios,
                                      const ComparisonOptions& options, Progress* progress,
                                      const std::atomic<bool>* stop) {
  std::vector<ScenarioRun> runs;
  std::vector<Params> unique;
  std::vector<std::size_t> run_of_unique;  // first run simulating each unique parameter set
  std::vector<std::size_t> unique_of_run;
  std::map<std::string, std::size_t> seen;
  for (const auto& [label, scenario] : scenarios) {
    ScenarioRun run{label, scenario, {}, {}};
    // Through applyOverride, so the scenario's source line records what the comparison changed.
    applyOverride(run.scenario, fmt::format("run.seed={}", options.seed));
    applyOverride(run.scenario, fmt::format("run.replicates={}", options.replicates));
    const auto [it, inserted] = seen.emplace(parameterKey(run.scenario), unique.size());
    if (inserted) {
      unique.push_back(run.scenario.params);
      run_of_unique.push_back(runs.size());
    }
    unique_of_run.push_back(it->second);
    runs.push_back(std::move(run));
  }

  const auto reps = static_cast<std::size_t>(options.replicates);
  std::vector<std::vector<std::vector<double>>> values(
      unique.size(), std::vector<std::vector<double>>(kOutcomeCount, std::vector<double>(reps)));
  std::vector<MonthlyValues> monthly(unique.size());
  if (options.monthly_bands) {
    for (std::size_t u = 0; u < unique.size(); ++u)
      monthly[u].assign(static_cast<std::size_t>(unique[u].run.months),
                        std::vector<std::vector<double>>(kMeasureCount, std::vector<double>(reps)));
  }

  runBatch(
      unique, options.replicates, options.threads,
      [&](std::size_t u, RunResult&& result) {
        const auto outcomes = replicateOutcomes(result);
        for (int k = 0; k < kOutcomeCount; ++k) values[u][k][result.replicate] = outcomes[k];
        if (!options.monthly_bands) return;
        for (std::size_t t = 0; t < result.monthly.size() && t < monthly[u].size(); ++t)
          for (int k = 0; k < kMeasureCount; ++k) monthly[u][t][k][result.replicate] = result.monthly[t].values[k];
      },
      progress, stop);

  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::size_t u = unique_of_run[i];
    runs[i].values = values[u];
    if (options.monthly_bands) runs[i].monthly = bands(monthly[u]);
  }
  return runs;
}

std::vector<OutcomeComparison> compareOutcomes(const std::vector<ScenarioRun>& runs) {
  std::vector<OutcomeComparison> out;
  for (int k = 0; k < kOutcomeCount; ++k) {
    OutcomeComparison c;
    c.outcome = k;
    for (std::size_t s = 0; s < runs.size(); ++s) {
      c.level.push_back(meanInterval(runs[s].values[k]));
      if (s == 0) {
        c.difference.push_back(meanInterval({}));
        c.effect_size.push_back(std::numeric_limits<double>::quiet_NaN());
        c.direction.push_back(Direction::Unclear);
        continue;
      }
      const std::vector<double> pair[2] = {runs[0].values[k], runs[s].values[k]};
      const double weights[2] = {-1.0, 1.0};
      const Interval d = pairedContrast(pair, weights);
      c.difference.push_back(d);
      c.effect_size.push_back(standardisedEffect(d.mean, pair, weights));
      c.direction.push_back(directionOf(d));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace pilotsim
