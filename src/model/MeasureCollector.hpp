// Computes the monthly measures of MODEL.md section 7 from the state and recent events.
#pragma once

#include "pilotsim/model/State.hpp"

namespace pilotsim {

/// Add a pilot to a unit's summary for the measures (rules are left out). Inline: the dynamics
/// pass calls it for every live pilot every month.
inline void addToSummary(PilotSummary& sum, const Pilot& pl) {
  if (pl.status == PilotStatus::Institutionalised) return;
  ++sum.count;
  // Without branches: origin and status vary from pilot to pilot without pattern.
  sum.spontaneous_domains |= static_cast<std::uint8_t>(unsigned{pl.origin == Origin::Spontaneous} << pl.domain);
  sum.pseudo += (pl.status == PilotStatus::Symbolic) | (pl.packaging_total > pl.substance_total);
  sum.reported += pl.reported;
  sum.realised += pl.realised;
  sum.fit += pl.fit;
  sum.built += pl.built;
  sum.designated += pl.origin == Origin::Designated;
}
/// Summarise unit u's pilots for the measures (rules excluded).
PilotSummary summarisePilots(const State& s, std::uint32_t u);

/// The measures for the month just simulated (call after all phases and after the month's events
/// were appended to State::event_history).
MonthlyRow collectMeasures(State& s);
/// Spearman correlation of promotion with true contribution per month in office over tenures that
/// ended in [from, to] (absolute months); NaN when too few.
double promotionAccuracy(const State& s, int from, int to);

}  // namespace pilotsim
