// The lab's unit view as JSON: the model's snapshot of a replicate (the administrative tree, a few
// per-unit values to colour it by, and each unit's live pilots). A snapshot is taken on the thread
// that steps the simulation, between months, so that readers on other threads never see a
// simulation in the middle of a month; afterwards it is immutable and shared.
#pragma once

#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/model/Snapshot.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

/// The lab's unit view is the model's snapshot of a replicate (pilotsim/model/Snapshot.hpp).
using UnitView = Snapshot;

/// {"month", "superiors": [{"id", "name", "parent", "depth", "unit_begin", "unit_end"}],
///  "measures": [{"key", "zh", "en"}], "units": {"superior": [...], "pilots": [...], ...}}.
Json unitViewJson(const UnitView& view);
/// {"unit", "superior", "values": {...}, "pilots": [{"id", "domain", "domain_zh", "domain_en",
/// "origin", "status", "pseudo", "start", ...}]}. Throws ApiError (404) for a unit out of range.
Json unitPilotsJson(const UnitView& view, std::uint32_t unit);

}  // namespace pilotsim
