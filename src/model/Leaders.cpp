#include "model/Leaders.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

std::vector<double> monthlyTenureHazards(const Params& p) {
  std::vector<double> monthly;
  for (const double yearly : p.leaders.tenure_hazard) monthly.push_back(1.0 - std::pow(1.0 - yearly, 1.0 / 12.0));
  return monthly;
}

namespace {
double hazardIn(const std::vector<double>& monthly, int tenure_year0) {
  return monthly[std::min(static_cast<std::size_t>(tenure_year0), monthly.size() - 1)];
}
}  // namespace

double leaderContribution(const State& s, std::uint32_t l) {
  const auto& leader = s.leaders[l];
  double total = leader.banked_contribution;
  const Pilot* P = s.unitPilots(leader.unit);
  for (int i = 0; i < s.pilotCount(leader.unit); ++i)
    if (P[i].leader == l) total += P[i].contribution;
  return total;
}

std::vector<double> horizonTable(const std::vector<double>& monthly_hazard, int max_months) {
  const int n = max_months + 1;
  std::vector<double> monthly(static_cast<std::size_t>(n + 600));
  for (std::size_t m = 0; m < monthly.size(); ++m) monthly[m] = hazardIn(monthly_hazard, static_cast<int>(m / 12));
  std::vector<double> horizon(static_cast<std::size_t>(n));
  // E[T - m | T > m] = sum over j >= m of survival(j+1)/survival(m), computed backwards.
  double tail = 0.0;
  std::vector<double> expected(monthly.size() + 1, 0.0);
  for (std::size_t j = monthly.size(); j-- > 0;) {
    tail = (1.0 - monthly[j]) * (1.0 + tail);
    expected[j] = tail + 0.5;  // leaving happens within the month: count half of it
  }
  for (int m = 0; m < n; ++m) horizon[static_cast<std::size_t>(m)] = expected[static_cast<std::size_t>(m)];
  return horizon;
}

std::uint32_t appointLeader(State& s, std::uint32_t unit, int start, int in_office_already, std::uint32_t previous) {
  auto& L = s.leaders;
  const auto id = static_cast<std::uint32_t>(L.size());
  Leader leader{};
  if (previous != kNone) {
    const Leader& before = L[previous];
    leader.ambition = before.ambition;
    leader.competence = before.competence;
    leader.risk_aversion = before.risk_aversion;
    leader.impression = 0;  // a new superior forms its own impression
  } else {
    auto rng = s.key.stream(id, 0, Purpose::LeaderTraits);
    const auto& d = s.params.drivers;
    const double sd = s.params.leaders.competence_sd;
    leader.ambition = std::clamp(d.promotion_drive + d.ambition_spread * rng.normal(), 0.0, 1.0);
    leader.competence = std::exp(sd * rng.normal() - 0.5 * sd * sd);  // mean 1
    leader.risk_aversion = rng.uniform();
  }

  // Tenure length in whole months: leave in month m with the monthly hazard of its tenure year.
  // Within a tenure year the monthly hazard is constant, so the months until leaving are
  // geometric: one draw per year instead of one per month.
  auto trng = s.key.stream(id, 0, Purpose::TenureLength);
  int months = in_office_already;
  for (;;) {
    const int left_in_year = 12 - months % 12;
    const auto wait = trng.geometric(hazardIn(s.monthly_tenure_hazard, months / 12));
    if (wait < static_cast<std::uint32_t>(left_in_year)) {
      months += static_cast<int>(wait) + 1;
      break;
    }
    months += left_in_year;
    if (months >= 240) break;
  }
  leader.unit = unit;
  leader.start = start - in_office_already;
  leader.tenure_end = start - in_office_already + months;
  leader.ended = -1;
  leader.reviewed = std::nanf("");
  leader.previous = previous;
  leader.next = kNone;
  leader.promoted = -1;
  leader.exit = ExitReason::InOffice;
  if (previous != kNone) L[previous].next = id;
  L.push_back(leader);
  s.units.head[unit] =
      LeaderTraits{leader.ambition, leader.competence, leader.risk_aversion, leader.start, leader.tenure_end};
  s.units.leader[unit] = id;
  ++s.units.leaders_count[unit];
  return id;
}

}  // namespace pilotsim
