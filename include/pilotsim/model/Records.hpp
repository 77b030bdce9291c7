// Plain records that leave a simulation: one per pilot, per leader tenure, per unit, per promotion
// campaign, per recognition, per programme node, per superior. Months are counted from the end of
// burn-in (negative: during burn-in). docs/outputs.md documents every field as a CSV column.
#pragma once

#include <climits>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace pilotsim {

/// `end` of a pilot or tenure still running at the end of the run (censored).
inline constexpr std::int32_t kStillRunning = INT32_MIN;
/// An id field that names nothing (no restart source, no campaign, ...).
inline constexpr std::uint32_t kNoId = UINT32_MAX;

enum class Origin : std::uint8_t { Spontaneous, Designated, Adoption, Restart, Relocated };
inline constexpr int kOriginCount = 5;
enum class PilotStatus : std::uint8_t {
  Active,
  Symbolic,
  Failed,
  Interrupted,
  Abandoned,
  Institutionalised,
  Halted,     ///< stopped by the superior: a red line crossed, or failing badly at a review
  Preparing,  ///< decided, being designed; launched at its start month
  Concluded,  ///< its pilot period ended without it being written into rules; its impact stays as legacy
};
enum class AdoptionStyle : std::uint8_t { None, Adapt, CopyRename };
/// Why a superior halted a pilot.
enum class HaltReason : std::uint8_t { None, RedLine, Review };
/// How a tenure ended.
enum class ExitReason : std::uint8_t { InOffice, Promoted, Rotated, Retired, Dismissed };
/// Why a promotion campaign ended.
enum class CampaignEnd : std::uint8_t { Running, Coverage, Attention, TimeLimit };

std::string_view toString(Origin o);
std::string_view toString(PilotStatus s);
std::string_view toString(AdoptionStyle s);
std::string_view toString(HaltReason r);
std::string_view toString(ExitReason r);
std::string_view toString(CampaignEnd e);

struct PilotRecord {
  std::uint32_t id;
  std::uint32_t unit;
  std::uint16_t domain;
  Origin origin;
  AdoptionStyle style;
  PilotStatus status;     ///< at end of run (Active/Symbolic/Institutionalised/Preparing = still running)
  std::uint8_t boldness;  ///< 0 cautious, 1 normal, 2 bold
  HaltReason halt_reason;
  bool first_mover;              ///< first among its unit's peers in its domain, at launch
  bool ended_at_turnover;        ///< interrupted (or restarted) by a successor leader
  bool crossed_red_line;         ///< crossed a red line (detected or not)
  std::int8_t delivered;         ///< designated: target met at the acceptance review (1/0), -1 not reviewed
  std::uint32_t lineage;         ///< content identity: restarts and copies keep it
  std::uint32_t leader;          ///< initiating leader (tenure id)
  std::uint32_t restarted_from;  ///< pilot this one renames or relocates, or kNoId
  std::uint32_t adopted_from;    ///< source pilot of an adoption (the recognised one), or kNoId
  std::uint32_t campaign;        ///< campaign it was adopted under, or kNoId (voluntary, or not an adoption)
  std::uint32_t programme;       ///< programme node that designated it, or kNoId
  std::int32_t decided;          ///< month the pilot was decided (before preparation)
  std::int32_t start;            ///< month launched
  std::int32_t end;              ///< month it ended, or kStillRunning (censored)
  std::int32_t absorbed;         ///< month an institutionalised pilot was absorbed into routine, or kStillRunning
  std::int32_t turnovers;        ///< leader turnovers survived
  std::int32_t second_innovations;
  double quality, fit;
  double substance, packaging, funds, diverted;    ///< cumulative effort (attention units)
  double impact_built, impact_realised, reported;  ///< at end (or at ending)
  double novelty;                                  ///< novelty claim at launch
  double target;                                   ///< designated target, 0 if none
};

struct TenureRecord {
  std::uint32_t leader;  ///< tenure id (a rotated person has one id per post)
  std::uint32_t unit;
  std::uint32_t previous;  ///< the same person's previous tenure, or kNoId
  std::int32_t start;
  std::int32_t end;  ///< month the tenure ended, or kStillRunning if still in office at the end
  double ambition, competence;
  double impression;         ///< at the end of tenure (or of the run)
  double true_contribution;  ///< realised impact of the pilots the leader started, summed over months, to the end of
                             ///< the run
  double reviewed_contribution;  ///< B2: contribution measured by the exit review, NaN if none
  std::int8_t promoted;          ///< 1 promoted, 0 not, -1 still in office (censored)
  ExitReason exit;
  bool began_in_burn_in;
  std::uint32_t pilots_started;
};

struct UnitRecord {
  std::uint32_t unit;
  std::uint32_t superior;  ///< direct superior (inner node id)
  double base, budget;
  double satisfaction, need_weighted_effectiveness;
  std::uint32_t active_pilots, pilots_started, designated_received;
  std::uint32_t leaders;  ///< leaders the unit had
  std::string name;       ///< from a structure file; empty for generated structures
};

struct InnovationRecord {
  std::uint32_t id;
  std::uint32_t lineage;
  std::uint16_t domain;
  std::uint16_t level;  ///< depth of the endorsing superior (0 = top)
  std::uint32_t superior;
  std::uint32_t origin_unit;
  std::uint32_t source_pilot;
  std::uint32_t scope;  ///< units under the endorsing superior
  std::int32_t start;
  std::int32_t month10, month50, month90;  ///< months after start to 10/50/90% coverage, -1 if not reached
  std::int32_t end;                        ///< month the campaign ended, or kStillRunning
  CampaignEnd end_reason;
  double stake;  ///< political weight: 1 + endorsement_boost x levels above the units' own
  double final_share;
  std::uint32_t adapted, copied;
};

struct RecognitionRecord {
  std::int32_t month;
  std::uint32_t superior;
  std::uint16_t depth;
  std::uint32_t pilot, lineage, unit;
  double seen;             ///< the value the superior ranked by (noisy report, or its mix with a measurement)
  double reported;         ///< the pilot's report that month
  double verified;         ///< the superior's measurement of realised impact, NaN if not inspected
  double realised;         ///< true realised impact (for analysis only: no agent reads it)
  std::uint32_t campaign;  ///< campaign started for it, or kNoId
};

struct ProgrammeRecord {
  std::uint32_t id;         ///< node id: one record per superior the programme passed through
  std::uint32_t programme;  ///< the programme (id of its launching node)
  std::uint32_t parent;     ///< node that passed it here, or kNoId at the launcher
  std::uint32_t launcher, superior;
  std::uint16_t depth_below;  ///< levels below the launcher (0 = the launcher itself)
  std::uint16_t domain;
  std::int32_t month;
  double quota;       ///< designated pilots asked of this superior's area (before its own choice)
  double multiplier;  ///< the multiple it chose (x), the imposed minimum included
  double assigned;    ///< pilots it passed down: quota x multiplier
  double target;      ///< target it passed on (reported impact per pilot)
  std::uint32_t eligible, applicants, selected, forced;  ///< units (only where it places pilots itself)
  std::uint32_t delivered, reviewed;  ///< designated pilots below it that met / faced their acceptance review
};

struct HierarchyRecord {
  std::uint32_t superior, parent;  ///< parent of the root is kNoId
  std::uint16_t depth;
  std::string name;
  std::uint32_t units, direct_units;
  double ambition;                      ///< its official's ambition
  double belief;                        ///< its final belief that a designated pilot meets its target
  std::uint32_t programmes, campaigns;  ///< launched over the run
};

}  // namespace pilotsim
