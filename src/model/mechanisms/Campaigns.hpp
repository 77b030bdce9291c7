// Promotion campaigns (5.4): started by a superior that chose to promote its typical experience,
// run by its attention, ended by their own logic. Diffusion.cpp.
#pragma once

#include "model/State.hpp"

namespace pilotsim {

/// Start a campaign of superior `sup` for the recognised pilot `source` (seen at value `seen`);
/// returns its id.
std::uint32_t startCampaign(State& s, std::uint32_t sup, const Pilot& source, double seen);
/// A campaign's political weight: 1 + endorsement_boost per level above the units' own superior.
double campaignStake(const State& s, std::uint32_t sup);
/// Each December: laggards of campaigns past the sanction threshold lose score.
void sanctionLaggards(State& s);

}  // namespace pilotsim
