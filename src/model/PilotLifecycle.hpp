// Starting and ending pilots: the only places that add to or remove from a unit's block of live
// pilots, and that keep the unit's counts and the pilot records in step.
#pragma once

#include "pilotsim/model/State.hpp"

namespace pilotsim {

struct NewPilot {
  std::uint32_t unit;
  int domain;
  Origin origin;
  std::uint32_t leader;
  double quality, fit;
  std::uint32_t lineage = kNone;  ///< kNone: new content, a new lineage is made
  AdoptionStyle style = AdoptionStyle::None;
  double novelty = 0;     ///< novelty claim counted at the next evaluation
  double target = 0;      ///< designated target (reported impact), 0 if none
  double funds_rate = 0;  ///< special funds per month
  std::uint32_t restarted_from = kNone;
  bool first_mover = false;
  double built = 0, realised = 0;  ///< carried over by a renamed restart
  bool already_real = false;       ///< a restart of content that already counted as real
};

/// Expected fit of a pilot designed for a local need level (high need, good fit).
inline double designedFit(double need) { return 0.15 + 0.85 * need; }
/// Expected fit of an adopted experience adapted to local needs.
inline double adaptedFit(double need) { return 0.3 + 0.7 * need; }
/// Expected fit of a copied experience: uniform on [0.05, 0.6] whatever the need.
inline constexpr double kCopiedFit = 0.325;

/// Fit of a pilot designed for a local need level, with design noise.
double drawFit(double need, RandomStream& rng);
/// Base design quality of a pilot designed by a leader of given competence.
double drawQuality(double competence, RandomStream& rng);

/// Whether the unit may start one more pilot (block capacity and A1 cap).
bool canStartPilot(const State& s, std::uint32_t unit);
/// Start a pilot; returns its id. The caller has checked canStartPilot.
std::uint32_t startPilot(State& s, const NewPilot& n);
/// End the live pilot at position `index` of unit u's block with a final status. Its realised
/// impact stays in the unit as legacy; its effort counts as wasted. Later pilots of the block move
/// down one place.
void endPilot(State& s, std::uint32_t u, int index, PilotStatus status, bool at_turnover);
/// Mark a live pilot institutionalised: it stays in the block but needs no attention.
void institutionalise(State& s, Pilot& pilot);
/// Most institutionalised pilots a unit keeps as pilots; older rules are absorbed into routine.
inline constexpr int kMaxRules = 8;
/// Absorb the oldest institutionalised pilots of unit u beyond kMaxRules into the unit's rules
/// legacy (their realised impact decays at pilot.institution_decay), freeing their slots.
void absorbOldRules(State& s, std::uint32_t u);
/// Copy a pilot's current state into its record.
void writeRecord(State& s, const Pilot& pilot);

}  // namespace pilotsim
