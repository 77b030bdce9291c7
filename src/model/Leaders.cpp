#include "model/Leaders.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {

double tenureHazard(int tenure_year) {
  static constexpr std::array kHazard = {0.06, 0.21, 0.33, 0.42, 0.55, 0.60};
  return kHazard[static_cast<std::size_t>(std::clamp(tenure_year, 1, 6) - 1)];
}

double monthlyTenureHazard(int tenure_year) {
  // The yearly hazard spread evenly over the year's months; computed once per tenure year.
  static const std::array<double, 6> kMonthly = [] {
    std::array<double, 6> m{};
    for (int y = 1; y <= 6; ++y) m[y - 1] = 1.0 - std::pow(1.0 - tenureHazard(y), 1.0 / 12.0);
    return m;
  }();
  return kMonthly[static_cast<std::size_t>(std::clamp(tenure_year, 1, 6) - 1)];
}

double leaderContribution(const State& s, std::uint32_t l) {
  const auto& leader = s.leaders[l];
  double total = leader.banked_contribution;
  const Pilot* P = s.unitPilots(leader.unit);
  for (int i = 0; i < s.pilotCount(leader.unit); ++i)
    if (P[i].leader == l) total += P[i].contribution;
  return total;
}

std::vector<double> horizonTable(int max_months) {
  // Leaving is spread evenly over the months of a year: monthly hazard from the yearly one.
  const int n = max_months + 1;
  std::vector<double> monthly(static_cast<std::size_t>(n + 600));
  for (std::size_t m = 0; m < monthly.size(); ++m) monthly[m] = monthlyTenureHazard(static_cast<int>(m / 12) + 1);
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

std::uint32_t appointLeader(State& s, std::uint32_t unit, int start, int in_office_already) {
  auto& L = s.leaders;
  const auto id = static_cast<std::uint32_t>(L.size());
  auto rng = s.key.stream(id, 0, Purpose::LeaderTraits);
  const auto& d = s.params.drivers;
  const double ambition = std::clamp(d.promotion_drive + d.ambition_spread * rng.normal(), 0.0, 1.0);
  const double competence = std::exp(0.25 * rng.normal() - 0.5 * 0.25 * 0.25);  // mean 1
  const double risk = rng.uniform();

  // Tenure length in whole months: leave in month m with the monthly hazard of its tenure year.
  auto trng = s.key.stream(id, 0, Purpose::TenureLength);
  // Within a tenure year the monthly hazard is constant, so the months until leaving are geometric:
  // one draw per year instead of one per month.
  int months = in_office_already;
  for (;;) {
    const int left_in_year = 12 - months % 12;
    const auto wait = trng.geometric(monthlyTenureHazard(months / 12 + 1));
    if (wait < static_cast<std::uint32_t>(left_in_year)) {
      months += static_cast<int>(wait) + 1;
      break;
    }
    months += left_in_year;
    if (months >= 240) break;
  }
  Leader leader{};
  leader.unit = unit;
  leader.start = start - in_office_already;
  leader.tenure_end = start - in_office_already + months;
  leader.ended = -1;
  leader.ambition = ambition;
  leader.competence = competence;
  leader.risk_aversion = risk;
  leader.promoted = -1;
  L.push_back(leader);
  s.units.head[unit] = LeaderTraits{ambition, competence, risk, leader.start, leader.tenure_end};
  s.units.leader[unit] = id;
  ++s.units.leaders_count[unit];
  return id;
}

}  // namespace pilotsim
