#include "model/Leaders.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {

double tenureHazard(int tenure_year) {
  static constexpr std::array kHazard = {0.06, 0.21, 0.33, 0.42, 0.55, 0.60};
  return kHazard[static_cast<std::size_t>(std::clamp(tenure_year, 1, 6) - 1)];
}

std::vector<double> horizonTable(int max_months) {
  // Leaving is spread evenly over the months of a year: monthly hazard from the yearly one.
  const int n = max_months + 1;
  std::vector<double> monthly(static_cast<std::size_t>(n + 600));
  for (std::size_t m = 0; m < monthly.size(); ++m)
    monthly[m] = 1.0 - std::pow(1.0 - tenureHazard(static_cast<int>(m / 12) + 1), 1.0 / 12.0);
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
  const auto id = static_cast<std::uint32_t>(L.unit.size());
  auto rng = s.key.stream(id, 0, Purpose::LeaderTraits);
  const auto& d = s.params.drivers;
  const double ambition = std::clamp(d.promotion_drive + d.ambition_spread * rng.normal(), 0.0, 1.0);
  const double competence = std::exp(0.25 * rng.normal() - 0.5 * 0.25 * 0.25);  // mean 1
  const double risk = rng.uniform();

  // Tenure length in whole months: leave in month m with the monthly hazard of its tenure year.
  auto trng = s.key.stream(id, 0, Purpose::TenureLength);
  int months = in_office_already;
  for (;;) {
    const double h = 1.0 - std::pow(1.0 - tenureHazard(months / 12 + 1), 1.0 / 12.0);
    ++months;
    if (trng.uniform() < h || months >= 240) break;
  }
  L.unit.push_back(unit);
  L.ambition.push_back(ambition);
  L.competence.push_back(competence);
  L.risk_aversion.push_back(risk);
  L.start.push_back(start - in_office_already);
  L.tenure_end.push_back(start - in_office_already + months);
  L.ended.push_back(-1);
  L.impression.push_back(0.0);
  L.contribution.push_back(0.0);
  L.promoted.push_back(-1);
  L.pilots_started.push_back(0);
  s.units.leader[unit] = id;
  ++s.units.leaders_count[unit];
  return id;
}

}  // namespace pilotsim
