// The generator of each design method (one file each), called by generateDesign (Design.cpp) after
// the spec was checked. Each fills design.runs and design.values; factor names and types are set by
// the caller.
#pragma once

#include "pilotsim/sensitivity/Design.hpp"

namespace pilotsim::sensitivity::detail {

void generateFactorial(const SamplingSpec& spec, Design& design);
void generateLatinHypercube(const SamplingSpec& spec, Design& design);
void generateSaltelli(const SamplingSpec& spec, Design& design);
void generateMorris(const SamplingSpec& spec, Design& design);

}  // namespace pilotsim::sensitivity::detail
