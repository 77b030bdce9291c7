// Setting up a replicate's state from a scenario's parameters.
#pragma once

#include "model/State.hpp"

namespace pilotsim {

/// Build the hierarchy, draw units' base and budget (unless a structure file gives them) and needs,
/// appoint the first leaders. Throws InputError for a structure file that is missing or invalid.
void initialise(State& s, const Params& params, std::uint32_t replicate);

}  // namespace pilotsim
