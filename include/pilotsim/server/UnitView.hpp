// A snapshot of the units of one replicate for the lab's unit view: the administrative tree, a few
// per-unit values to colour it by, and each unit's live pilots. A snapshot is taken on the thread
// that steps the simulation, between months, so that readers on other threads never see a State in
// the middle of a month; afterwards it is immutable and shared.
#pragma once

#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Records.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

struct State;

/// A live pilot as the unit view lists it.
struct PilotView {
  std::uint32_t id;
  std::uint8_t domain;
  Origin origin;
  PilotStatus status;
  bool pseudo;         ///< symbolic, or more packaging than substance (as PseudoShare counts)
  std::int32_t start;  ///< month it started, from the end of burn-in (negative: during burn-in)
  double built, realised, reported;
  double substance, packaging;  ///< cumulative effort (attention units)
};

struct UnitView {
  int month = 0;  ///< measured month of the snapshot (the last month simulated; negative during burn-in)
  std::vector<Domain> domains;
  // superiors, in the tree's pre-order
  std::vector<std::string> superior_name;
  std::vector<std::uint32_t> superior_parent, superior_unit_begin, superior_unit_end;
  std::vector<std::uint16_t> superior_depth;
  // units
  std::vector<std::uint32_t> unit_superior;
  std::vector<double> pilots;        ///< pilots needing attention (active + symbolic), as PilotsPerUnit
  std::vector<double> pseudo_share;  ///< pseudo-innovations among them (NaN when none)
  std::vector<double> satisfaction, effectiveness, base;
  std::vector<std::uint32_t> designated;  ///< designated pilots among them
  // each unit's live pilots (institutionalised rules too): unit u's are [pilot_begin[u], pilot_begin[u+1])
  std::vector<std::uint32_t> pilot_begin;
  std::vector<PilotView> pilot_list;

  static UnitView capture(const State& state);
  std::size_t unitCount() const { return unit_superior.size(); }
};

/// {"month", "superiors": [{"id", "name", "parent", "depth", "unit_begin", "unit_end"}],
///  "measures": [{"key", "zh", "en"}], "units": {"superior": [...], "pilots": [...], ...}}.
Json unitViewJson(const UnitView& view);
/// {"unit", "superior", "values": {...}, "pilots": [{"id", "domain", "domain_zh", "domain_en",
/// "origin", "status", "pseudo", "start", ...}]}. Throws ApiError (404) for a unit out of range.
Json unitPilotsJson(const UnitView& view, std::uint32_t unit);

}  // namespace pilotsim
