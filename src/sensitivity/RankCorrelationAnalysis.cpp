#include "pilotsim/sensitivity/RankCorrelationAnalysis.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/core/Stats.hpp"
#include "sensitivity/Bootstrap.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pilotsim::sensitivity {

RankCorrelationResult analyzeRankCorrelation(const Design& d, std::span<const double> y,
                                             const AnalysisOptions& options) {
  if (y.size() != d.runCount())
    throw InputError("", 0, "", fmt::format("{} outputs for a design of {} runs", y.size(), d.runCount()));
  RankCorrelationResult result;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < y.size(); ++r) {
    if (std::isfinite(y[r]))
      rows.push_back(r);
    else
      ++result.runs_excluded;
  }
  result.runs_used = static_cast<std::int64_t>(rows.size());
  if (rows.size() < 3)
    throw InputError("", 0, "", fmt::format("only {} runs have finite outputs; at least 3 are needed", rows.size()));
  const std::size_t k = d.factorCount();
  std::vector<double> xs, ys;
  const auto rho = [&](std::size_t i, const std::vector<std::uint32_t>* use) {
    xs.clear();
    ys.clear();
    const std::size_t n = use ? use->size() : rows.size();
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t r = rows[use ? (*use)[j] : j];
      xs.push_back(d.values[r * k + i]);
      ys.push_back(y[r]);
    }
    return spearman(xs, ys);
  };
  std::vector<std::vector<double>> boot(k);
  std::vector<std::uint32_t> use;
  for (int b = 0; b < options.bootstrap; ++b) {
    detail::resample(options.seed, static_cast<std::uint32_t>(b), rows.size(), use);
    for (std::size_t i = 0; i < k; ++i) boot[i].push_back(rho(i, &use));
  }
  for (std::size_t i = 0; i < k; ++i) {
    RankCorrelation c;
    c.factor = d.factors[i];
    c.rho.value = rho(i, nullptr);
    if (options.bootstrap > 0) detail::percentileInterval(std::move(boot[i]), options.confidence, c.rho);
    result.factors.push_back(std::move(c));
  }
  return result;
}

}  // namespace pilotsim::sensitivity
