#include "pilotsim/report/KaplanMeier.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pilotsim {

SurvivalCurve kaplanMeier(std::span<const SurvivalSpell> spells) {
  std::vector<SurvivalSpell> sorted(spells.begin(), spells.end());
  for (const auto& s : sorted)
    if (!std::isfinite(s.time) || s.time < 0)
      throw std::invalid_argument("kaplanMeier: a spell's time must be finite and >= 0");
  std::sort(sorted.begin(), sorted.end(),
            [](const SurvivalSpell& a, const SurvivalSpell& b) { return a.time < b.time; });

  constexpr double z = 1.959963984540054;  // two-sided 95%
  SurvivalCurve curve;
  curve.subjects = static_cast<int>(sorted.size());
  curve.last_time = sorted.empty() ? 0.0 : sorted.back().time;
  double survival = 1.0;
  double greenwood = 0.0;
  std::size_t i = 0;
  while (i < sorted.size()) {
    const double t = sorted[i].time;
    const int at_risk = static_cast<int>(sorted.size() - i);
    int events = 0;
    std::size_t j = i;
    for (; j < sorted.size() && sorted[j].time == t; ++j) events += sorted[j].event ? 1 : 0;
    i = j;
    if (events == 0) continue;
    curve.events += events;
    survival *= 1.0 - static_cast<double>(events) / at_risk;
    SurvivalStep step{t, at_risk, events, survival, survival, survival};
    if (events < at_risk) {
      greenwood += static_cast<double>(events) / (static_cast<double>(at_risk) * (at_risk - events));
      const double log_s = std::log(survival);
      if (log_s < 0) {
        const double half = z * std::sqrt(greenwood) / std::fabs(log_s);
        step.lo = std::pow(survival, std::exp(half));
        step.hi = std::pow(survival, std::exp(-half));
      }
    }
    if (std::isnan(curve.median) && survival <= 0.5) curve.median = t;
    curve.steps.push_back(step);
    if (survival == 0.0) break;  // nobody left: later spells can only be censored
  }
  return curve;
}

}  // namespace pilotsim
