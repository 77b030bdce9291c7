// Plain records that leave a simulation: one per pilot, per leader tenure, per unit, per
// promotion campaign. Months are counted from the end of burn-in (negative: during burn-in).
#pragma once

#include <climits>
#include <cstdint>
#include <string_view>

namespace pilotsim {

/// `end` of a pilot or tenure still running at the end of the run (censored).
inline constexpr std::int32_t kStillRunning = INT32_MIN;

enum class Origin : std::uint8_t { Spontaneous, Designated, Adoption, Restart };
enum class PilotStatus : std::uint8_t { Active, Symbolic, Failed, Interrupted, Abandoned, Institutionalised };
enum class AdoptionStyle : std::uint8_t { None, Adapt, CopyRename };

std::string_view toString(Origin o);
std::string_view toString(PilotStatus s);
std::string_view toString(AdoptionStyle s);

struct PilotRecord {
  std::uint32_t id;
  std::uint32_t unit;
  std::uint16_t domain;
  Origin origin;
  AdoptionStyle style;
  PilotStatus status;            ///< at end of run (Active/Symbolic/Institutionalised = still running)
  bool first_mover;              ///< first among peers in its domain
  bool ended_at_turnover;        ///< interrupted (or restarted) by a successor
  std::uint32_t lineage;         ///< content identity: restarts and copies keep it
  std::uint32_t leader;          ///< initiating leader
  std::uint32_t restarted_from;  ///< pilot id this one renames, or UINT32_MAX
  std::int32_t start;
  std::int32_t end;        ///< month it ended, or kStillRunning (censored)
  std::int32_t turnovers;  ///< leader turnovers survived
  double quality, fit;
  double substance, packaging, funds, diverted;    ///< cumulative effort (attention units)
  double impact_built, impact_realised, reported;  ///< at end (or at ending)
  double novelty;                                  ///< novelty claim at start
};

struct TenureRecord {
  std::uint32_t leader;
  std::uint32_t unit;
  std::int32_t start;
  std::int32_t end;  ///< month the tenure ended, or kStillRunning if still in office at the end
  double ambition, competence;
  double impression;         ///< at the end of tenure (or of the run)
  double true_contribution;  ///< realised impact of the pilots the leader started, summed over months, to the end of
                             ///< the run
  std::int8_t promoted;      ///< 1 promoted, 0 not, -1 still in office (censored)
  std::uint32_t pilots_started;
};

struct UnitRecord {
  std::uint32_t unit;
  std::uint32_t superior;  ///< direct superior (inner node id)
  double base, budget;
  double satisfaction, need_weighted_effectiveness;
  std::uint32_t active_pilots, pilots_started, designated_received;
  std::uint32_t leaders;  ///< leaders the unit had
};

struct InnovationRecord {
  std::uint32_t id;
  std::uint32_t lineage;
  std::uint16_t domain;
  std::uint16_t level;  ///< depth of the endorsing superior (0 = top)
  std::uint32_t superior;
  std::uint32_t origin_unit;
  std::uint32_t scope;  ///< units under the endorsing superior
  std::int32_t start;
  std::int32_t month50, month90;  ///< months after start to 50% / 90% adoption, -1 if not reached
  double final_share;
  std::uint32_t adapted, copied;
};

}  // namespace pilotsim
