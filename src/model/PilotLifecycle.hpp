// Starting and ending pilots: the only places that add to or remove from a unit's block of live
// pilots, and that keep the unit's counts, the measures' summary and the pilot records in step.
#pragma once

#include "model/State.hpp"

namespace pilotsim {

struct NewPilot {
  std::uint32_t unit;
  int domain;
  Origin origin;
  std::uint32_t leader;
  double quality, fit;
  std::uint32_t lineage = kNone;  ///< kNone: new content, a new lineage is made
  AdoptionStyle style = AdoptionStyle::None;
  int preparation = 0;    ///< months of preparation: launched that many months from now
  int boldness = 1;       ///< 0 cautious, 1 normal, 2 bold
  double target = 0;      ///< designated target (reported impact), 0 if none
  double funds_rate = 0;  ///< special funds per month
  std::uint32_t restarted_from = kNone;
  std::uint32_t adopted_from = kNone;
  std::uint32_t campaign = kNone;
  std::uint32_t programme = kNone;
  double novelty = -1;             ///< novelty claim; < 0: claimed at launch (noveltyClaim then)
  double built = 0, realised = 0;  ///< carried over by a renamed restart
  bool already_real = false;       ///< a restart of content that already counted as real
};

/// Fit of a pilot designed for a local need level, with design noise.
double drawFit(const Params& p, double need, RandomStream& rng);
/// Design quality of a pilot designed by a leader of given competence at a boldness level, after
/// `preparation` months: competence x U(floor, 1) with the spread widened by boldness, times the
/// boldness and preparation factors, within [min_quality, max_quality].
double drawQuality(const Params& p, double competence, int boldness, double preparation, RandomStream& rng);
/// Clamp a quality into [min_quality, max_quality].
double boundQuality(const Params& p, double quality);

/// Whether the unit may start one more pilot (block capacity and C1 number control; pilots in
/// preparation count, rules do not).
bool canStartPilot(const State& s, std::uint32_t unit);
/// Start a pilot (or, with preparation, plan it); returns its id. The caller has checked canStartPilot.
std::uint32_t startPilot(State& s, const NewPilot& n);
/// Launch a pilot whose preparation is over: it becomes active and claims its novelty now.
void launchPilot(State& s, Pilot& pilot);
/// End the live pilot at position `index` of unit u's block with a final status. Its realised
/// impact stays in the unit as legacy; its effort counts as wasted. Later pilots of the block move
/// down one place.
void endPilot(State& s, std::uint32_t u, int index, PilotStatus status, bool at_turnover);
/// Halt the pilot at `index` (the superior stops it) for a reason; as endPilot otherwise.
void haltPilot(State& s, std::uint32_t u, int index, HaltReason reason);
/// Mark a live pilot institutionalised: it stays in the block but needs no attention.
void institutionalise(State& s, Pilot& pilot);
/// Most institutionalised pilots a unit keeps as pilots; older rules are absorbed into routine.
inline constexpr int kMaxRules = 8;
/// Absorb the oldest institutionalised pilots of unit u beyond kMaxRules into the unit's rules
/// legacy (their realised impact decays at pilot.institution_decay), freeing their slots.
void absorbOldRules(State& s, std::uint32_t u);
/// Copy a pilot's current state into its record.
void writeRecord(State& s, const Pilot& pilot);
/// Mark unit u's measures summary for recomputation: any change to its pilots outside the
/// dynamics pass calls this (the functions above do).
inline void pilotsChanged(State& s, std::uint32_t u) { s.units.summary_stale[u] = 1; }

}  // namespace pilotsim
