// Computes the monthly measures of MODEL.md section 7 from the state and recent events.
#pragma once

#include "model/State.hpp"

namespace pilotsim {

/// Add a pilot that needs attention to a unit's summary for the measures, with the report
/// inflation it bought (persuasion x inflation x P^eta). Inline: the dynamics pass calls it for
/// every such pilot every month.
inline void addToSummary(PilotSummary& sum, const Pilot& pl, double bought) {
  if (!pl.attended()) return;
  ++sum.count;
  // Without branches: origin and status vary from pilot to pilot without pattern.
  sum.spontaneous_domains |= static_cast<std::uint8_t>(unsigned{pl.origin == Origin::Spontaneous} << pl.domain);
  const unsigned symbolic = pl.status == PilotStatus::Symbolic;
  const unsigned packaged = pl.packaging_total > pl.substance_total;
  const unsigned designated = pl.origin == Origin::Designated;
  sum.pseudo += symbolic | packaged;
  sum.symbolic += symbolic;
  sum.packaging_dominated += packaged;
  sum.reported += pl.reported;
  sum.realised += pl.realised;
  sum.bought += bought;
  sum.fit += pl.fit;
  sum.built += pl.built;
  sum.designated += designated;
  sum.designated_symbolic += designated & symbolic;
}
/// Summarise unit u's pilots for the measures (rules and plans excluded).
PilotSummary summarisePilots(const State& s, std::uint32_t u);

/// The measures for the month just simulated (call after all phases and after the month's events
/// were appended to State::event_history).
MonthlyRow collectMeasures(State& s);
/// Spearman correlation of promotion with true contribution per month in office over tenures that
/// ended in [from, to] (absolute months); NaN when too few.
double promotionAccuracy(const State& s, int from, int to);
/// Spearman correlation, over units, of their last evaluation score (what superiors saw) with the
/// true realised impact of their current leader's live pilots: how well the view tracks the truth.
double viewTruthCorrelation(const State& s);

}  // namespace pilotsim
