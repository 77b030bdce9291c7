// A campaign's outputs as the sensitivity analysers take them: one value per design point and kept
// outcome. Shared by `pilotsim analyze DB` and the campaign report, so both analyse the same numbers.
#pragma once

#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/sensitivity/OutputTable.hpp"

namespace pilotsim {

/// Each kept outcome's mean over the replicates of each design point (the campaign's design, in run
/// order); NaN where no replicate has a value. A campaign with pending runs is refused with a
/// InputError naming the database, because a partial design would bias every index.
sensitivity::OutputTable campaignOutputs(const CampaignStore& store, const sensitivity::Design& design);

}  // namespace pilotsim
