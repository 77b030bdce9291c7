// An immutable picture of one replicate between months, built by the model for tools that watch a
// run (the browser lab's unit view): the administrative tree, a few per-unit
// values and each unit's live pilots. It copies what it shows, so it stays valid while the
// simulation goes on.
#pragma once

#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Records.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

/// A live pilot as a snapshot shows it.
struct PilotView {
  std::uint32_t id;
  std::uint8_t domain;
  Origin origin;
  PilotStatus status;
  bool pseudo;         ///< symbolic, or more packaging than substance (as pseudo_share counts)
  std::int32_t start;  ///< month it started, from the end of burn-in (negative: during burn-in)
  double built, realised, reported;
  double substance, packaging;  ///< cumulative effort (attention units)
  double quality, fit;
};

struct Snapshot {
  int month = 0;  ///< measured month of the snapshot (the last month simulated; negative during burn-in)
  std::vector<Domain> domains;
  // superiors, in the tree's pre-order
  std::vector<std::string> superior_name;
  std::vector<std::uint32_t> superior_parent, superior_unit_begin, superior_unit_end;
  std::vector<std::uint16_t> superior_depth;
  // units
  std::vector<std::uint32_t> unit_superior;
  std::vector<double> pilots;        ///< pilots needing attention (active + symbolic), as pilots_per_unit
  std::vector<double> pseudo_share;  ///< pseudo-innovations among them (NaN when none)
  std::vector<double> satisfaction, effectiveness, base, budget, impression, ambition;
  std::vector<std::uint32_t> designated;  ///< designated pilots among them
  // each unit's live pilots (rules and plans too): unit u's are [pilot_begin[u], pilot_begin[u+1])
  std::vector<std::uint32_t> pilot_begin;
  std::vector<PilotView> pilot_list;

  std::size_t unitCount() const { return unit_superior.size(); }
};

}  // namespace pilotsim
