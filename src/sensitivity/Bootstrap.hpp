// Bootstrap helpers shared by the analysers: resampling with replacement from pilotsim's
// counter-based streams (resample b is a pure function of the seed and b, so intervals do not depend
// on thread count or on which outputs are analysed), and percentile intervals.
#pragma once

#include "pilotsim/sensitivity/Estimate.hpp"

#include <cstdint>
#include <vector>

namespace pilotsim::sensitivity::detail {

/// Fills `out` with n indices drawn uniformly with replacement from [0, n): resample b of `seed`.
void resample(std::uint64_t seed, std::uint32_t b, std::size_t n, std::vector<std::uint32_t>& out);
/// Sets e.lo and e.hi to the (1 - confidence)/2 and (1 + confidence)/2 quantiles of the finite
/// values among `samples` (linear interpolation); NaN if there are none.
void percentileInterval(std::vector<double> samples, double confidence, Estimate& e);

}  // namespace pilotsim::sensitivity::detail
