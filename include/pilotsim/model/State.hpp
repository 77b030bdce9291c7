// All mutable state of one replicate, as contiguous arrays indexed by small integer ids.
//
// Units, superiors, leaders, pilots and promotion campaigns are structures of arrays. Per-unit
// per-domain quantities are flat arrays of size units x domains (index u * K + k). A unit's live
// pilots sit in a fixed block of kMaxSlots ids, so the monthly loop never allocates per agent;
// only the pilot, leader and campaign tables grow (amortised, reserved at start).
#pragma once

#include "pilotsim/core/Rng.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace pilotsim {

/// Most live pilots (active, symbolic or institutionalised) a unit can hold: a capacity of the data
/// layout, above what the paper reports ("a dozen or even dozens") and above regulation.pilot_cap.
/// A unit at capacity cannot start or adopt more pilots.
inline constexpr int kMaxSlots = 32;
inline constexpr std::uint32_t kNone = UINT32_MAX;

/// The traits of a unit's current leader that decisions read every month: a copy kept with the
/// unit, so that the per-unit loops read them in order instead of chasing scattered leader ids.
struct LeaderTraits {
  double ambition, competence, risk_aversion;
  std::int32_t start;       ///< absolute month the tenure started
  std::int32_t tenure_end;  ///< absolute month the tenure ends
};

/// What the measures need of a unit's pilots that still need attention (not rules): a summary the
/// dynamics pass writes while the unit's pilots are in cache, so that the measures need not visit
/// every pilot again.
struct PilotSummary {
  double reported = 0, realised = 0, fit = 0, built = 0;
  std::uint16_t count = 0, pseudo = 0, designated = 0;
  std::uint8_t spontaneous_domains = 0;  ///< bit k: a spontaneous pilot in domain k
};

struct UnitState {
  std::vector<double> base;                    ///< governance base (log-normal, mean about 1)
  std::vector<double> budget;                  ///< attention per month
  std::vector<double> adoption_resources;      ///< (budget / mean)^resource_elasticity, capped at 3
  std::vector<std::uint32_t> leader;           ///< current leader
  std::vector<LeaderTraits> head;              ///< current leader's traits (copy of State::leaders[leader])
  std::vector<double> satisfaction;            ///< 0..1
  std::vector<double> nwe;                     ///< need-weighted effectiveness, 0..1
  std::vector<double> need_mean;               ///< N x K long-run need levels
  std::vector<double> need;                    ///< N x K current needs, 0..1
  std::vector<double> legacy;                  ///< N x K realised impact left by ended pilots (decays)
  std::vector<double> rule_legacy;             ///< N x K realised impact of rules absorbed into routine (decays slowly)
  std::vector<double> live_realised;           ///< N x K realised impact of live pilots (kept by the lifecycle)
  std::vector<double> effectiveness;           ///< N x K realised effectiveness (legacy + live pilots)
  std::vector<std::uint16_t> domain_pilots;    ///< N x K live pilots per domain
  std::vector<std::uint8_t> domains_at_start;  ///< per unit: bit k set if it ran a pilot in k at the start of the month
  std::vector<std::uint8_t> slot_count;        ///< live pilots in the unit's block of State::live
  std::vector<std::uint8_t> load;              ///< live pilots needing attention (not institutionalised)
  std::vector<std::uint8_t> designated_live;
  std::vector<double> year_penalty;                   ///< penalties incurred since the last evaluation
  std::vector<double> month_effort, month_packaging;  ///< this month's pilot effort
  std::vector<double> month_growth;                   ///< true impact built this month
  std::vector<double>
      polish;  ///< how convincing the unit's reports look: inflation x sum P^eta (as of the last dynamics)
  std::vector<double> score;  ///< last evaluation score
  std::vector<std::uint32_t> pilots_started, designated_received, leaders_count;
  std::vector<PilotSummary> summary;        ///< see PilotSummary; valid unless summary_stale
  std::vector<std::uint8_t> summary_stale;  ///< set by any change to the unit's pilots outside the dynamics pass
  std::vector<std::int32_t> next_consider;  ///< month the leader next weighs a new pilot (-1: not drawn)
  std::vector<std::int32_t> next_check;     ///< month of the next inspection or oversight check (-1: not drawn)
};

struct SuperiorState {
  std::vector<double> signal;            ///< S x K signalled priorities (sum to 1 per superior)
  std::vector<double> next_revision;     ///< month of the next signal revision
  std::vector<double> inspect_prob;      ///< monthly inspection probability of each of its units
  std::vector<double> yearly_detection;  ///< chance a unit's gap is found within a year (inspection + C3)
};

/// A leader. An array of structs: the mechanisms read several traits of a unit's current leader
/// together, and current leaders' ids are scattered, so one cache line per leader is what counts.
struct Leader {
  std::uint32_t unit;
  std::int32_t start, tenure_end, ended;  ///< absolute months; ended = -1 in office
  double ambition, competence, risk_aversion;
  double impression;
  /// Realised impact of own pilots that have ended, summed over months; the live pilots' share is
  /// kept on the pilots (Pilot::contribution) and added by leaderContribution().
  double banked_contribution;
  std::int8_t promoted;  ///< -1 in office, 0 not promoted, 1 promoted
  std::uint32_t pilots_started;
};

/// A live pilot. Live pilots sit in their unit's block of State::live (an array of structs): the
/// monthly phases visit a unit's pilots together and touch most of their fields, so a unit's pilots
/// are contiguous in memory. When a pilot ends its final state is written to State::records and it
/// leaves the block (Box2D keeps awake bodies apart from sleeping ones for the same reason).
struct Pilot {
  std::uint32_t id;            ///< index into State::records (which keep the cold fields:
                               ///< style, novelty, ...); also keys its random streams
  std::uint32_t unit, leader;  ///< leader: the initiating leader
  std::uint32_t lineage;       ///< content identity (restarts and copies keep it)
  std::int32_t start;          ///< absolute month
  std::uint8_t domain;         ///< index into State::domains (at most 8)
  std::uint8_t turnovers;      ///< leader turnovers survived (saturates at 255)
  std::uint16_t starved_months;
  std::int32_t fail_age;  ///< age (months) at which the pilot fails if still running then
  Origin origin;
  PilotStatus status;
  std::uint8_t became_real;  ///< realised impact has reached pilot.real_threshold
  // Stocks that evolve month by month are doubles; the rest are floats, which keeps a pilot at 104
  // bytes: the monthly loop is bound by memory traffic through the live blocks.
  double built, realised, packaging_stock, reported;  ///< k, r, P, R
  double contribution;                                ///< realised impact summed over months (credited to `leader`)
  float quality, fit;
  float target, funds_rate;  ///< designated target (0: none) and special funds per month
  /// Cumulative effort by use: substance and packaging (attention and the special funds spent on
  /// each); of which special funds (own kept and diverted received); funds diverted away.
  float substance_total, packaging_total, funds_total, diverted_total;

  bool live() const {
    return status == PilotStatus::Active || status == PilotStatus::Symbolic || status == PilotStatus::Institutionalised;
  }
};

/// A promotion campaign: a superior pushes a recognised experience (a lineage) to all units below.
struct Campaign {
  std::uint32_t lineage, superior, origin_unit, source_pilot;
  std::uint16_t domain, level;
  std::int32_t start;
  double momentum, media;
  std::vector<std::uint8_t> adopted;         ///< per unit in the superior's range
  std::vector<std::uint16_t> peers_adopted;  ///< per superior in the subtree: its direct units that adopted
  std::vector<std::uint32_t> pending;        ///< offsets (into `adopted`) of units yet to adopt, in unit order
  std::uint32_t adopters = 0, adapted = 0, copied = 0;
  std::int32_t month50 = -1, month90 = -1;
  bool running = true;
};

/// A pilot old enough to be named a typical experience, with its score (Recognition.cpp).
struct RecognitionCandidate {
  double score;
  std::uint32_t id, lineage;
  const Pilot* pilot;
};

/// Events counted in a month, for rate measures over rolling windows.
struct MonthEvents {
  std::array<double, 4> starts{};  ///< by Origin
  double adoptions_copy = 0, adoptions_total = 0;
  double inherited = 0, interrupted = 0;
  double ended = 0, institutionalised = 0;
  double ended_effort = 0, wasted_effort = 0;
  double funds = 0, diverted = 0;
  double first_quality = 0, first_count = 0, late_quality = 0, late_count = 0;
  double became_real = 0;  ///< pilots whose realised impact first reached the threshold
};

struct State {
  Params params;
  RandomKey key;
  Hierarchy tree;
  std::vector<Domain> domains;           ///< the K domains in use
  std::array<double, 8> build_rate{};    ///< per domain: pilot.growth x (1 - difficulty / 2)
  std::array<double, 8> realise_rate{};  ///< per domain: 1 / max(1, delay), the monthly lag rate
  int K = 0;
  int month = 0;  ///< absolute month being simulated (0 = first burn-in month)
  int total_months = 0;

  UnitState units;
  SuperiorState superiors;
  std::vector<Leader> leaders;
  std::vector<Pilot> live;           ///< N x kMaxSlots blocks; unit u's pilots are the first slot_count[u]
  std::vector<PilotRecord> records;  ///< every pilot ever started, by id (absolute months until takeResult)
  std::vector<Campaign> campaigns;
  std::vector<std::uint32_t> running_campaigns;        ///< ids of campaigns still running, in start order
  std::vector<std::int16_t> lineage_recognised_depth;  ///< per lineage: shallowest recognising depth, -1 none
  std::uint32_t lineage_count = 0;

  // Derived each month (read by decisions of the month, so that unit order does not matter).
  std::vector<std::uint16_t> peer_domain_units;  ///< S x K units under each direct superior with a live pilot in k
  std::vector<double> peer_mean_load;            ///< per superior: mean live pilots of its units
  std::vector<std::uint32_t> direct_units;       ///< per superior: units directly under it (peers)
  std::vector<double> superior_strength;         ///< per superior: mean log governance base below it
  double mean_budget = 1.0;
  double base_q75 = 0.0;            ///< 75th percentile of governance base
  double promotion_accuracy = 0.0;  ///< last computed (each December)
  std::vector<double> horizon;      ///< expected remaining tenure by months in office
  std::vector<double> credited;     ///< horizon.size() x K: creditedShare of each domain's delay by months in office

  MonthEvents events;                       ///< this month
  std::vector<MonthEvents> event_history;   ///< one per month simulated
  std::vector<MonthlyRow> monthly;          ///< measured rows
  std::vector<TenureRecord> ended_tenures;  ///< tenures ended so far (any month)

  // Scratch buffers reused by mechanisms (never shrink; no per-agent allocation in the loop).
  std::vector<double> scratch_a, scratch_b;
  /// This month's effective substance and packaging of each pilot of the unit being processed:
  /// allocateEffort(s, u) writes them, advancePilots(s, u) reads them right after.
  std::array<double, kMaxSlots> effort_substance{}, effort_packaging{};
  std::vector<std::uint32_t> scratch_ids;
  std::vector<std::uint32_t> scratch_due;  ///< units due for an event this month (Turnover, SpontaneousPilots)
  std::vector<RecognitionCandidate> scratch_candidates;  ///< Recognition: pilots by unit ...
  std::vector<std::uint32_t> scratch_first;              ///< ... unit u's from scratch_first[u]
  std::vector<std::uint8_t> scratch_masks;

  std::size_t unitCount() const { return tree.unitCount(); }
  std::size_t superiorCount() const { return tree.superiorCount(); }
  double& need(std::uint32_t u, int k) { return units.need[u * K + k]; }
  double need(std::uint32_t u, int k) const { return units.need[u * K + k]; }
  Pilot* unitPilots(std::uint32_t u) { return &live[static_cast<std::size_t>(u) * kMaxSlots]; }
  const Pilot* unitPilots(std::uint32_t u) const { return &live[static_cast<std::size_t>(u) * kMaxSlots]; }
  int pilotCount(std::uint32_t u) const { return units.slot_count[u]; }
  /// Start fetching unit u's pilots into cache. Per-unit loops run through blocks that are far
  /// larger than the cache; asking for the next units' blocks early hides the memory latency.
  void prefetchPilots(std::uint32_t u) const {
    if (u >= units.slot_count.size()) return;
    const auto* first = reinterpret_cast<const char*>(unitPilots(u));
    const auto* last = first + units.slot_count[u] * sizeof(Pilot);
    for (const char* line = first; line < last; line += 64) __builtin_prefetch(line);
  }
  std::uint32_t nextPilotId() const { return static_cast<std::uint32_t>(records.size()); }
  RandomStream stream(std::uint32_t entity, Purpose purpose) const {
    return key.stream(entity, static_cast<std::uint32_t>(month), purpose);
  }
  /// Month counted from the end of burn-in.
  int measuredMonth() const { return month - params.run.burn_in; }
  bool isDecember() const { return month % 12 == 11; }
};

}  // namespace pilotsim
