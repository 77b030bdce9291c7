#include "pilotsim/sensitivity/MorrisAnalysis.hpp"

#include "pilotsim/core/InputError.hpp"
#include "sensitivity/Bootstrap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace pilotsim::sensitivity {

MorrisResult analyzeMorris(const Design& d, std::span<const double> y, const AnalysisOptions& options) {
  if (d.method != DesignMethod::Morris)
    throw InputError("", 0, "", fmt::format("Morris indices need a morris design, not {}", methodName(d.method)));
  if (y.size() != d.runCount())
    throw InputError("", 0, "", fmt::format("{} outputs for a design of {} runs", y.size(), d.runCount()));
  const std::size_t k = d.factorCount();
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  std::map<int, std::vector<std::size_t>> byTrajectory;
  for (std::size_t r = 0; r < d.runCount(); ++r) byTrajectory[d.runs[r].trajectory].push_back(r);
  // ee[i][t]: the elementary effect of factor i in trajectory t, NaN if excluded.
  std::vector<std::vector<double>> ee(k, std::vector<double>(byTrajectory.size(), kNaN));
  MorrisResult result;
  result.trajectories = static_cast<std::int64_t>(byTrajectory.size());
  std::size_t t = 0;
  for (auto& [trajectory, runs] : byTrajectory) {
    std::sort(runs.begin(), runs.end(), [&](std::size_t a, std::size_t b) { return d.runs[a].step < d.runs[b].step; });
    for (std::size_t s = 1; s < runs.size(); ++s) {
      const DesignRun& r = d.runs[runs[s]];
      const double before = y[runs[s - 1]], after = y[runs[s]];
      if (!std::isfinite(before) || !std::isfinite(after)) {
        ++result.effects_excluded;
        continue;
      }
      ee[static_cast<std::size_t>(r.factor)][t] = (after - before) / r.delta;
    }
    ++t;
  }

  const auto muStar = [](const std::vector<double>& effects, const std::vector<std::uint32_t>& use) {
    double sum = 0.0;
    std::size_t n = 0;
    for (auto j : use)
      if (std::isfinite(effects[j])) sum += std::fabs(effects[j]), ++n;
    return n > 0 ? sum / static_cast<double>(n) : kNaN;
  };
  std::vector<std::uint32_t> all(byTrajectory.size());
  for (std::size_t j = 0; j < all.size(); ++j) all[j] = static_cast<std::uint32_t>(j);
  for (std::size_t i = 0; i < k; ++i) {
    MorrisFactorIndices f;
    f.factor = d.factors[i];
    double sum = 0.0;
    for (double e : ee[i])
      if (std::isfinite(e)) sum += e, ++f.effects;
    if (f.effects == 0)
      throw InputError("", 0, "", fmt::format("factor {} has no elementary effect with finite outputs", f.factor));
    f.mu = sum / static_cast<double>(f.effects);
    double ss = 0.0;
    for (double e : ee[i])
      if (std::isfinite(e)) ss += (e - f.mu) * (e - f.mu);
    f.sigma = f.effects > 1 ? std::sqrt(ss / static_cast<double>(f.effects - 1)) : kNaN;
    f.mu_star.value = muStar(ee[i], all);
    result.factors.push_back(std::move(f));
  }
  if (options.bootstrap > 0) {
    std::vector<std::vector<double>> boot(k);
    std::vector<std::uint32_t> use;
    for (int b = 0; b < options.bootstrap; ++b) {
      detail::resample(options.seed, static_cast<std::uint32_t>(b), all.size(), use);
      for (std::size_t i = 0; i < k; ++i) boot[i].push_back(muStar(ee[i], use));
    }
    for (std::size_t i = 0; i < k; ++i)
      detail::percentileInterval(std::move(boot[i]), options.confidence, result.factors[i].mu_star);
  }
  return result;
}

}  // namespace pilotsim::sensitivity
