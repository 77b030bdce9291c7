// Latin hypercube (McKay, Beckman and Conover 1979): in every dimension the N points fall one in each
// of the N equal strata of [0, 1], the strata paired across dimensions by independent random
// permutations (Fisher-Yates) and each point placed uniformly within its stratum. Dimension j draws
// from its own stream (entity j), so adding a factor leaves the other columns unchanged.
#include "pilotsim/core/Rng.hpp"
#include "sensitivity/DesignGenerators.hpp"

#include <numeric>

namespace pilotsim::sensitivity::detail {

void generateLatinHypercube(const SamplingSpec& spec, Design& design) {
  const auto n = static_cast<std::size_t>(spec.design.samples);
  const std::size_t k = spec.factors.size();
  design.values.assign(n * k, 0.0);
  std::vector<std::uint32_t> stratum(n);
  for (std::size_t j = 0; j < k; ++j) {
    RandomStream rng(spec.design.seed, 0, static_cast<std::uint32_t>(j), 0, Purpose::SensitivityDesign);
    std::iota(stratum.begin(), stratum.end(), 0u);
    for (std::size_t i = n - 1; i > 0; --i)
      std::swap(stratum[i], stratum[rng.below(static_cast<std::uint32_t>(i + 1))]);
    for (std::size_t i = 0; i < n; ++i) {
      const double u = (static_cast<double>(stratum[i]) + rng.uniform()) / static_cast<double>(n);
      design.values[i * k + j] = spec.factors[j].fromUnit(u);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    DesignRun r;
    r.run = static_cast<std::int64_t>(i) + 1;
    design.runs.push_back(r);
  }
}

}  // namespace pilotsim::sensitivity::detail
