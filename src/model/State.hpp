// All mutable state of one replicate, as contiguous arrays indexed by small integer ids. Private to
// the model: what leaves a simulation are records, measures and snapshots (include/pilotsim/model).
//
// Units, superiors, leaders, pilots and promotion campaigns are structures of arrays. Per-unit
// per-domain quantities are flat arrays of size units x domains (index u * K + k). A unit's live
// pilots sit in a fixed block of kMaxSlots ids, so the monthly loop never allocates per agent;
// only the pilot, leader, campaign and record tables grow (amortised, reserved at start).
#pragma once

#include "pilotsim/core/Rng.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace pilotsim {

/// Most live pilots (preparing, active, symbolic or institutionalised) a unit can hold: a capacity
/// of the data layout, above what the paper reports ("a dozen or even dozens") and above number
/// control. A unit at capacity cannot start or adopt more pilots.
inline constexpr int kMaxSlots = 32;
inline constexpr std::uint32_t kNone = kNoId;
/// Design boldness levels: cautious, normal, bold (the pilot.bold_* lists).
inline constexpr int kBoldness = 3;
/// Recent typical experiences a superior's units know of (for voluntary adoption).
inline constexpr int kKnownExperiences = 8;

/// Per-domain tables of a run, bounded by the most domains so that per-unit loops copy them
/// without a call of memcpy.
using DomainArray = std::array<double, kMaxDomains>;

/// The traits of a unit's current leader that decisions read every month: a copy kept with the
/// unit, so that the per-unit loops read them in order instead of chasing scattered leader ids.
struct LeaderTraits {
  double ambition, competence, risk_aversion;
  std::int32_t start;       ///< absolute month the tenure started
  std::int32_t tenure_end;  ///< absolute month the tenure ends
};

/// What the measures need of a unit's pilots that still need attention (not rules, not plans):
/// kept valid by the few functions that change a unit's pilots (PilotLifecycle, the dynamics pass,
/// exposure of inflation), which mark it for recomputation.
struct PilotSummary {
  double reported = 0, realised = 0, bought = 0, fit = 0, built = 0;
  std::uint16_t count = 0, pseudo = 0, symbolic = 0, packaging_dominated = 0, designated = 0, designated_symbolic = 0;
  std::uint8_t spontaneous_domains = 0;  ///< bit k: a spontaneous pilot in domain k
};

struct UnitState {
  std::vector<double> base;                    ///< governance base (log-normal, mean about 1)
  std::vector<double> budget;                  ///< attention per month
  std::vector<double> adoption_cost;           ///< (mean budget / budget)^resource_elasticity, capped at 3
  std::vector<std::uint32_t> leader;           ///< current leader (tenure id)
  std::vector<LeaderTraits> head;              ///< current leader's traits (copy of State::leaders[leader])
  std::vector<double> satisfaction;            ///< 0..1
  std::vector<double> nwe;                     ///< need-weighted effectiveness, 0..1
  std::vector<double> need_mean;               ///< N x K long-run need levels
  std::vector<double> need;                    ///< N x K current needs, 0..1
  std::vector<double> legacy;                  ///< N x K realised impact left by ended pilots (decays)
  std::vector<double> rule_legacy;             ///< N x K realised impact of rules absorbed into routine (decays slowly)
  std::vector<double> live_realised;           ///< N x K realised impact of live pilots (kept by the lifecycle)
  std::vector<double> effectiveness;           ///< N x K realised effectiveness (legacy + live pilots)
  std::vector<std::uint16_t> domain_pilots;    ///< N x K launched live pilots per domain
  std::vector<std::uint8_t> domains_at_start;  ///< per unit: bit k set if it ran a pilot in k at the start of the month
  std::vector<std::uint8_t> shocked;           ///< per unit: bit k set if domain k's need jumped this month
  std::vector<std::uint8_t> slot_count;        ///< live pilots in the unit's block of State::live
  std::vector<std::uint8_t> load;              ///< active and symbolic pilots (needing attention)
  std::vector<std::uint8_t> preparing;         ///< pilots in preparation
  std::vector<std::uint8_t> designated_live;
  std::vector<double> year_penalty;  ///< penalties incurred since the last evaluation
  std::vector<double> year_follow;   ///< campaign rewards earned since the last evaluation
  std::vector<double>
      year_novelty;            ///< novelty claimed since the last evaluation outside new pilots (second innovations)
  std::vector<double> burden;  ///< attention owed to reform activities, taken from next month's budget
  std::vector<std::uint8_t> dismissed;  ///< a detected red-line crossing cost the leader the post (turnover acts on it)
  std::vector<double> diverted_year;    ///< special funds diverted recently (decays by a twelfth a month)
  std::vector<double> month_effort, month_packaging;  ///< this month's pilot effort
  std::vector<double> month_growth;                   ///< true impact built this month
  std::vector<double> polish;  ///< how convincing the unit's reports look: bought inflation (last dynamics)
  std::vector<double> score;   ///< last evaluation score
  std::vector<std::uint32_t> pilots_started, designated_received, leaders_count;
  std::vector<PilotSummary> summary;        ///< see PilotSummary; valid unless summary_stale
  std::vector<std::uint8_t> summary_stale;  ///< set only by the functions that change a unit's pilots
  std::vector<std::int32_t> next_consider;  ///< month the leader next weighs a move (-1: not drawn)
  std::vector<std::int32_t> next_check;     ///< month of the next inspection or oversight check (-1: not drawn)
};

/// A typical experience a superior named, which its units know of and may adopt of their own accord.
struct KnownExperience {
  std::uint32_t lineage = kNone, source = kNone;  ///< source: the recognised pilot's id
  std::uint8_t domain = 0;
  float seen = 0;  ///< the value the superior saw when it named it (what units read as its promise)
  std::int32_t month = -1;
};

struct SuperiorState {
  std::vector<double> signal;               ///< S x K signalled priorities (sum to 1 per superior)
  std::vector<double> next_revision;        ///< month of the next signal revision
  std::vector<double> inspect_prob;         ///< monthly inspection probability of each of its direct units
  std::vector<double> yearly_detection;     ///< chance a unit's gap is found within a year (inspection + C3)
  std::vector<double> ambition;             ///< its official's ambition
  std::vector<double> belief;               ///< belief that a designated pilot meets its target
  std::vector<double> reviews_used;         ///< verifications used by B2 reviews since the last December
  std::vector<double> start_rate;           ///< moving average of its direct units' spontaneous starts per unit-month
  std::vector<std::uint16_t> starts_month;  ///< its direct units' spontaneous launches this month
  std::vector<std::int32_t> next_launch;    ///< month it next weighs launching a programme (-1: not drawn)
  std::vector<std::uint16_t> running_programmes;         ///< programmes it launched still within their term
  std::vector<std::vector<std::uint32_t>> campaign_ids;  ///< campaigns it runs (ids), in start order
  std::vector<double> score;                             ///< last score its own superior gave it
  /// B2: count, mean and sum of squared deviations (Welford) of the contribution per month its
  /// exit reviews measured: what a departing leader's review is compared with.
  std::vector<double> review_count, review_mean, review_m2;
  std::vector<double> year_quota, year_delivered, year_overassigned;  ///< designated accounting since December
  std::vector<std::uint32_t> programmes_launched, campaigns_started;
  std::vector<KnownExperience> known;    ///< S x kKnownExperiences, a ring per superior
  std::vector<std::uint8_t> known_next;  ///< next ring position per superior
};

/// A leader's tenure at one unit. An array of structs: the mechanisms read several traits of a
/// unit's current leader together, and current leaders' ids are scattered, so one cache line per
/// leader is what counts. A rotated person gets a new tenure (a new id) at each post, linked both
/// ways, so that every tenure's contribution stays its own.
struct Leader {
  std::uint32_t unit;
  std::int32_t start, tenure_end, ended;  ///< absolute months; ended = -1 in office
  double ambition, competence, risk_aversion;
  double impression;
  /// Realised impact of own pilots that have ended, summed over months; the live pilots' share is
  /// kept on the pilots (Pilot::contribution) and added by leaderContribution().
  double banked_contribution;
  float reviewed;              ///< B2: contribution measured by the exit review (NaN if none)
  float contribution_at_exit;  ///< true contribution when the tenure ended (B2's later reviews measure what came after)
  std::uint32_t previous, next;  ///< the same person's previous and next tenure, or kNone
  std::int8_t promoted;          ///< -1 in office, 0 not promoted, 1 promoted
  ExitReason exit;
  std::uint32_t pilots_started;
};

/// A live pilot. Live pilots sit in their unit's block of State::live (an array of structs): the
/// monthly phases visit a unit's pilots together and touch most of their fields, so a unit's pilots
/// are contiguous in memory. When a pilot ends its final state is written to State::records and it
/// leaves the block (Box2D keeps awake bodies apart from sleeping ones for the same reason).
struct Pilot {
  std::uint32_t id;            ///< index into State::records (which keep the cold fields); keys its random streams
  std::uint32_t unit, leader;  ///< leader: the initiating leader
  std::uint32_t lineage;       ///< content identity (restarts and copies keep it)
  std::uint32_t programme;     ///< programme node that designated it, or kNone
  std::int32_t start;          ///< absolute month launched (in the future while preparing)
  std::uint8_t domain;         ///< index into the domain table (< kMaxDomains)
  std::uint8_t turnovers;      ///< leader turnovers survived (saturates at 255)
  std::uint16_t starved_months;
  std::int32_t fail_age;     ///< age (months) at which the pilot fails if still running then
  std::int32_t redline_age;  ///< age at which it crosses a red line (-1: never)
  Origin origin;
  PilotStatus status;
  std::uint8_t became_real;  ///< realised impact has reached pilot.real_threshold (measurement only)
  std::uint8_t boldness;     ///< 0 cautious, 1 normal, 2 bold
  std::uint8_t crossed;      ///< has crossed a red line (the superior does not know until it detects it)
  std::uint8_t recognised;   ///< named a typical experience by a superior
  std::uint8_t second;       ///< second innovations (saturates at 255)
  // Stocks that evolve month by month are doubles; the rest are floats, which keeps a pilot small:
  // the monthly loop is bound by memory traffic through the live blocks.
  double built, realised, packaging_stock, reported;  ///< k, r, P, R
  double contribution;  ///< realised impact summed over months (credited to `leader`; measurement only)
  float quality, fit;
  float target, funds_rate;     ///< designated target (0: none) and special funds per month
  float assessed;               ///< the superior's last measurement of realised impact
  std::int32_t assessed_month;  ///< month of that measurement (-1: never)
  /// Cumulative effort by use: substance and packaging (attention and the special funds spent on
  /// each); of which special funds (own kept and diverted received); funds diverted away.
  float substance_total, packaging_total, funds_total, diverted_total;

  bool live() const {
    return status == PilotStatus::Active || status == PilotStatus::Symbolic ||
           status == PilotStatus::Institutionalised || status == PilotStatus::Preparing;
  }
  /// Needs attention this month: launched and not yet a rule.
  bool attended() const { return status == PilotStatus::Active || status == PilotStatus::Symbolic; }
};

/// A promotion campaign: a superior pushes a recognised experience (a lineage) to all units below.
struct Campaign {
  std::uint32_t lineage, superior, origin_unit, source_pilot;
  std::uint16_t domain, level;
  std::int32_t start;
  double stake;     ///< political weight (1 + endorsement_boost x levels above the units' own superior)
  double momentum;  ///< the superior's attention and the campaign's inertia
  double media;     ///< media attention
  float seen;       ///< the value the superior saw in the source when it named it
  std::vector<std::uint8_t> adopted;  ///< per unit in the superior's range
  std::uint32_t adopters = 0, adapted = 0, copied = 0, new_adopters = 0;
  std::int32_t month10 = -1, month50 = -1, month90 = -1, end = -1;
  CampaignEnd end_reason = CampaignEnd::Running;
  bool running = true;
};

/// A programme launched and not yet past its term (for the C1 programme cap and pacing).
struct RunningProgramme {
  std::uint32_t launcher;
  std::int32_t until;
};

/// A rotated leader waiting for a post under `scope` until month `until`.
struct PoolEntry {
  std::uint32_t leader, scope;
  std::int32_t until;
};

/// An experience a leader could adopt, before its style is chosen (Diffusion.cpp).
struct AdoptionCandidate {
  std::uint32_t lineage, source, campaign;  ///< campaign: kNone for a voluntary adoption
  std::uint8_t domain;
  double seen;  ///< what the recognising superior saw in its source
};

/// A move a leader weighs when it considers an initiative (mechanisms/Initiatives.hpp).
struct InitiativeOption {
  enum class Kind : std::uint8_t { OwnPilot, Adoption };
  Kind kind;
  std::uint8_t domain;
  std::uint8_t preparation;                 ///< months (own pilot)
  std::uint8_t boldness;                    ///< 0 cautious, 1 normal, 2 bold (own pilot)
  AdoptionStyle style;                      ///< adoption: adapt or copy and rename
  std::uint32_t lineage, source, campaign;  ///< adoption: the experience, its recognised pilot, its campaign (or kNone)
  double utility;
};

/// A planned pilot to launch when its preparation ends.
struct PlannedLaunch {
  std::uint32_t unit, pilot;
};
/// Months of preparation the launch ring holds (behaviour.preparation_options are at most 60).
inline constexpr int kLaunchRing = 64;

/// A pilot old enough to be named a typical experience, with the value its superior sees (Recognition.cpp).
struct RecognitionCandidate {
  double seen;
  std::uint32_t id, lineage;
  Pilot* pilot;
};

/// Events counted in a month, for rate measures over rolling windows.
struct MonthEvents {
  std::array<double, kOriginCount> starts{};  ///< by Origin
  double adoptions_copy = 0, adoptions_total = 0, adoptions_voluntary = 0;
  double inherited = 0, interrupted = 0;
  double ended = 0, institutionalised = 0, institutionalised_empty = 0;
  double ended_effort = 0, wasted_effort = 0;
  double funds = 0, diverted = 0;
  double first_quality = 0, first_count = 0, late_quality = 0, late_count = 0;
  double first_preparation = 0, late_preparation = 0;
  double bold_starts = 0, designed_starts = 0;  ///< designs chosen bold, among all designs chosen
  double became_real = 0;                       ///< pilots whose realised impact first reached the threshold
  double halted = 0, redline_crossed = 0, second_innovations = 0;
  double applications = 0, refused = 0;
  double replication_fit = 0, replication_potential = 0, replications = 0;
  double target_escalation = 0, escalated_starts = 0;
  double reform_attention = 0, budget = 0, reform_spending = 0;
  double promotions = 0, tenures_ended = 0;
};

struct State {
  Params params;
  RandomKey key;
  Hierarchy tree;
  std::span<const Domain> domains;  ///< the K domains in use (names)
  DomainArray build_rate{};         ///< per domain: pilot.growth x (1 - difficulty_drag x difficulty)
  DomainArray realise_rate{};       ///< per domain: 1 / max(1, delay), the monthly lag rate
  DomainArray visibility{};         ///< per domain: share of realised impact a report shows
  DomainArray difficulty{};
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
  std::vector<RecognitionRecord> recognitions;
  std::vector<ProgrammeRecord> programmes;
  std::vector<RunningProgramme> running_programmes;
  std::vector<PoolEntry> pool;
  std::vector<std::uint32_t> under_review;  ///< B2: rotated tenures whose later contribution is still reviewed
  std::size_t programmes_settled = 0;       ///< programme nodes before this one have been scored
  std::array<std::vector<PlannedLaunch>, kLaunchRing> launches;  ///< by launch month % kLaunchRing

  // Derived each month (read by decisions of the month, so that unit order does not matter).
  std::vector<std::uint16_t> peer_domain_units;     ///< S x K units directly under each superior running k
  std::vector<std::uint32_t> subtree_domain_units;  ///< S x K units anywhere under each superior running k
  std::vector<double> peer_mean_load;               ///< per superior: mean live pilots of its direct units
  std::vector<std::uint32_t> direct_units;          ///< per superior: units directly under it (peers)
  std::vector<double> superior_strength;            ///< per superior: mean log governance base below it
  double mean_budget = 1.0;
  double base_q75 = 0.0;            ///< 75th percentile of governance base
  double promotion_accuracy = 0.0;  ///< last computed (each December)
  double view_truth = 0.0;          ///< last computed (each December)
  std::vector<double> horizon;      ///< expected remaining tenure by months in office
  std::vector<double> credited;     ///< horizon.size() x K: creditedShare of each domain's delay by months in office
  std::vector<double> monthly_tenure_hazard;  ///< by tenure year (0-based), the last applying after

  MonthEvents events;                       ///< this month
  std::vector<MonthEvents> event_history;   ///< one per month simulated
  std::vector<MonthlyRow> monthly;          ///< measured rows
  std::vector<TenureRecord> ended_tenures;  ///< tenures ended so far (any month)

  // Scratch buffers reused by mechanisms (never shrink; no per-agent allocation in the loop).
  std::vector<double> scratch_a, scratch_b, scratch_c;
  std::vector<std::uint32_t> scratch_ids;
  std::vector<std::uint32_t> scratch_due;                ///< units due for an event this month (Turnover, Initiatives)
  std::vector<RecognitionCandidate> scratch_candidates;  ///< Recognition: pilots by unit ...
  std::vector<std::uint32_t> scratch_first;              ///< ... unit u's from scratch_first[u]
  std::vector<std::uint8_t> scratch_masks;
  std::vector<AdoptionCandidate> scratch_candidates_adoption;
  std::vector<InitiativeOption> scratch_options;

  std::size_t unitCount() const { return tree.unitCount(); }
  std::size_t superiorCount() const { return tree.superiorCount(); }
  double& need(std::uint32_t u, int k) { return units.need[u * K + k]; }
  double need(std::uint32_t u, int k) const { return units.need[u * K + k]; }
  Pilot* unitPilots(std::uint32_t u) { return &live[static_cast<std::size_t>(u) * kMaxSlots]; }
  const Pilot* unitPilots(std::uint32_t u) const { return &live[static_cast<std::size_t>(u) * kMaxSlots]; }
  int pilotCount(std::uint32_t u) const { return units.slot_count[u]; }
  std::uint32_t nextPilotId() const { return static_cast<std::uint32_t>(records.size()); }
  RandomStream stream(std::uint32_t entity, Purpose purpose) const {
    return key.stream(entity, static_cast<std::uint32_t>(month), purpose);
  }
  /// Month counted from the end of burn-in.
  int measuredMonth() const { return month - params.run.burn_in; }
  bool isDecember() const { return month % 12 == 11; }
};

}  // namespace pilotsim
