#include "pilotsim/sensitivity/FactorialAnalysis.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/core/Stats.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace pilotsim::sensitivity {

MainEffectsResult analyzeMainEffects(const Design& d, std::span<const double> y) {
  if (y.size() != d.runCount())
    throw InputError("", 0, "", fmt::format("{} outputs for a design of {} runs", y.size(), d.runCount()));
  MainEffectsResult result;
  double sum = 0.0;
  for (double v : y) {
    if (std::isfinite(v))
      sum += v, ++result.runs_used;
    else
      ++result.runs_excluded;
  }
  if (result.runs_used == 0) throw InputError("", 0, "", "no run has a finite output");
  result.grand_mean = sum / static_cast<double>(result.runs_used);
  const std::size_t k = d.factorCount();
  for (std::size_t i = 0; i < k; ++i) {
    std::map<double, std::vector<double>> byLevel;  // ordered by level
    for (std::size_t r = 0; r < d.runCount(); ++r)
      if (std::isfinite(y[r])) byLevel[d.values[r * k + i]].push_back(y[r]);
    FactorMainEffects f;
    f.factor = d.factors[i];
    for (const auto& [level, ys] : byLevel) {
      const Interval ci = meanInterval(ys);
      LevelEffect e;
      e.level = level;
      e.runs = static_cast<std::int64_t>(ys.size());
      e.mean = {ci.mean, ci.lo, ci.hi};
      e.effect = {ci.mean - result.grand_mean, ci.lo - result.grand_mean, ci.hi - result.grand_mean};
      f.levels.push_back(e);
    }
    result.factors.push_back(std::move(f));
  }
  return result;
}

}  // namespace pilotsim::sensitivity
