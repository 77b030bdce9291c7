// Leaders: appointment with drawn traits and tenure length (MODEL.md s.4, s.11).
#pragma once

#include "model/State.hpp"

namespace pilotsim {

/// Monthly hazard of leaving office in each tenure year (0-based; the last applies after), from
/// the yearly hazards leaders.tenure_hazard, spread evenly over the year's months.
std::vector<double> monthlyTenureHazards(const Params& p);
/// True contribution of tenure l so far: realised impact of the pilots the leader started, summed
/// over months, in office or after (ended pilots are banked; a tenure's live pilots are all in its
/// unit, since leaders start pilots only there). For measurement and for B2's reviews, which
/// measure it with error; no decision reads it directly.
double leaderContribution(const State& s, std::uint32_t l);
/// Expected remaining months in office after m months, for m = 0..max_months.
std::vector<double> horizonTable(const std::vector<double>& monthly_hazard, int max_months);
/// Appoint a leader to a unit starting at absolute month `start`; returns the tenure id.
/// `in_office_already` > 0 places the leader that many months into the tenure (initial leaders).
/// `previous` (a rotated leader's last tenure) carries the person's traits over; otherwise they are
/// drawn.
std::uint32_t appointLeader(State& s, std::uint32_t unit, int start, int in_office_already = 0,
                            std::uint32_t previous = kNone);

}  // namespace pilotsim
