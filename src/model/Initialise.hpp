// Setting up a replicate's state from a scenario's parameters.
#pragma once

#include "model/State.hpp"

namespace pilotsim {

/// Build the hierarchy, draw units' base, budget and needs, appoint the first leaders.
void initialise(State& s, const Params& params, std::uint32_t replicate);

}  // namespace pilotsim
