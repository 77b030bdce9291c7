#include "sensitivity/Bootstrap.hpp"

#include "pilotsim/core/Rng.hpp"
#include "pilotsim/core/Stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pilotsim::sensitivity::detail {

void resample(std::uint64_t seed, std::uint32_t b, std::size_t n, std::vector<std::uint32_t>& out) {
  RandomStream rng(seed, 0, b, 0, Purpose::SensitivityBootstrap);
  out.resize(n);
  for (auto& i : out) i = rng.below(static_cast<std::uint32_t>(n));
}

void percentileInterval(std::vector<double> samples, double confidence, Estimate& e) {
  samples.erase(std::remove_if(samples.begin(), samples.end(), [](double v) { return !std::isfinite(v); }),
                samples.end());
  if (samples.empty()) {
    e.lo = e.hi = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  const double tail = (1.0 - confidence) / 2.0;
  e.lo = quantile(samples, tail);
  e.hi = quantile(std::move(samples), 1.0 - tail);
}

}  // namespace pilotsim::sensitivity::detail
