// Leaders: appointment with drawn traits and tenure length (MODEL.md s.4, s.11).
#pragma once

#include "pilotsim/model/State.hpp"

namespace pilotsim {

/// Yearly hazard of leaving office in tenure year 1, 2, ... (prefecture mayors 1994-2017, MODEL.md
/// s.11); after year 6 the last value holds.
double tenureHazard(int tenure_year);
/// Monthly hazard of leaving office during tenure year 1, 2, ...
double monthlyTenureHazard(int tenure_year);
/// True contribution of leader l so far: realised impact of the pilots the leader started, summed
/// over months, in office or after (ended pilots are banked; a leader's live pilots are all in the
/// leader's unit, since leaders start pilots only there).
double leaderContribution(const State& s, std::uint32_t l);
/// Expected remaining months in office after m months, for m = 0..(size-1), from tenureHazard.
std::vector<double> horizonTable(int max_months);
/// Appoint a new leader to a unit starting at absolute month `start`; returns the leader id.
/// `in_office_already` > 0 places the leader that many months into the tenure (initial leaders).
std::uint32_t appointLeader(State& s, std::uint32_t unit, int start, int in_office_already = 0);

}  // namespace pilotsim
