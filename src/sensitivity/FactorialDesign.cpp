// Full factorial: every combination of every factor's levels, the last factor varying fastest.
// A discrete, integer or boolean factor contributes all its values; a continuous one n equally
// spaced points of its unit range, mapped through its quantile function (so a log-uniform factor
// gets log-spaced levels), n = the factor's `levels` or the design's.
#include "sensitivity/DesignGenerators.hpp"

namespace pilotsim::sensitivity::detail {

void generateFactorial(const SamplingSpec& spec, Design& design) {
  std::vector<std::vector<double>> levels;
  for (const auto& f : spec.factors) {
    std::vector<double> v = f.discreteValues();
    if (v.empty()) {
      const int n = f.levels > 0 ? f.levels : spec.design.levels;
      for (int l = 0; l < n; ++l) v.push_back(f.fromUnit(static_cast<double>(l) / (n - 1)));
    }
    levels.push_back(std::move(v));
  }
  const std::size_t k = levels.size();
  std::vector<std::size_t> at(k, 0);  // odometer of level indices
  for (std::int64_t run = 1;; ++run) {
    DesignRun r;
    r.run = run;
    design.runs.push_back(r);
    for (std::size_t i = 0; i < k; ++i) design.values.push_back(levels[i][at[i]]);
    std::size_t i = k;
    while (i > 0) {
      --i;
      if (++at[i] < levels[i].size()) break;
      at[i] = 0;
      if (i == 0) return;
    }
  }
}

}  // namespace pilotsim::sensitivity::detail
