// Diffusion curves of promoted innovations: for each promotion campaign, the share of the units in
// its scope that adopted the innovation *through the campaign* by k months after its start, averaged
// over campaigns, with a 95% t-interval across them. One curve per level of the endorsing superior
// (0 = the top of the hierarchy), because wider campaigns from higher up spread differently.
//
// An adoption is attributed as the model's outcomes attribute it (experiment/Outcomes.cpp,
// docs/outputs.md): to the latest campaign of its lineage, in the same replicate, that had started
// by the adoption's month and whose scope contains the adopting unit. Units already running the
// innovation when it was promoted (its origin, earlier adopters) are not counted, so every curve
// starts near 0 and shows the campaign's own reach. A campaign counts towards month k only if the
// run observed it that long (start + k <= last measured month), so late campaigns do not drag the
// later months down.
#pragma once

#include "pilotsim/core/Stats.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace pilotsim {

struct DiffusionCampaign {
  int replicate = 0;
  std::int64_t lineage = 0;
  std::int64_t unit_begin = 0, unit_end = 0;  ///< the scope: units [begin, end) under the endorsing superior
  int start = 0;                              ///< month the campaign began
  int level = 0;                              ///< depth of the endorsing superior
};

struct DiffusionAdoption {
  int replicate = 0;
  std::int64_t lineage = 0;
  std::int64_t unit = 0;
  int start = 0;  ///< month the adoption pilot started
};

struct DiffusionCurve {
  int level = 0;
  int campaigns = 0;            ///< campaigns of this level
  std::vector<Interval> share;  ///< by months since start, 0, 1, ...: mean share adopted, 95% interval, n campaigns
};

/// Curves in increasing order of level. `last_month` is the last measured month of the run
/// (run.months - 1). Campaigns with an empty scope are ignored.
std::vector<DiffusionCurve> diffusionCurves(std::span<const DiffusionCampaign> campaigns,
                                            std::span<const DiffusionAdoption> adoptions, int last_month);

}  // namespace pilotsim
