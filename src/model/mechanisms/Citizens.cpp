// 5.10 Citizens (paper s.4.2, s.5.2, s.5.3).
//
// Realised effectiveness in a domain is the legacy of ended pilots (decaying without upkeep), plus
// that of rules absorbed into routine (decaying slowly), plus the realised impact of live pilots.
// Satisfaction moves toward
//   S* = floor + span * sum_k need_k * E_k / (E_k + half) / sum_k need_k - annoyance * packaging share,
// so it rewards real impact where needs are, and formalism itself annoys. Residents' participation
// (C2) takes the unit's attention every month (costs.participation), owed to the next month.
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>

namespace pilotsim {

void updateCitizens(State& s) {
  const auto& p = s.params;
  const auto& c = p.citizens;
  const auto K = static_cast<std::size_t>(s.K);
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  const double participation_cost = p.costs.participation * p.regulation.participation;
  auto& U = s.units;
  for (std::uint32_t u = 0; u < N; ++u) {
    double* eff = &U.effectiveness[u * K];
    double* legacy = &U.legacy[u * K];
    for (std::size_t k = 0; k < K; ++k) {
      legacy[k] *= 1.0 - p.pilot.decay;
      U.rule_legacy[u * K + k] *= 1.0 - p.pilot.institution_decay;
      eff[k] = legacy[k] + U.rule_legacy[u * K + k] + U.live_realised[u * K + k];
    }
    double benefit = 0, need_total = 0;
    for (std::size_t k = 0; k < K; ++k) {
      const double n = U.need[u * K + k];
      benefit += n * eff[k] / (eff[k] + c.effect_half);
      need_total += n;
    }
    benefit = need_total > 0 ? benefit / need_total : 0.0;
    U.nwe[u] = benefit;
    const double formalism = p.mechanisms.formalism_annoyance && U.month_effort[u] > 0
                                 ? c.annoyance * U.month_packaging[u] / U.month_effort[u]
                                 : 0.0;
    const double target = std::clamp(c.floor + c.span * benefit - formalism, 0.0, 1.0);
    U.satisfaction[u] += c.adjustment * (target - U.satisfaction[u]);
    U.burden[u] += participation_cost * U.budget[u];
  }
}

}  // namespace pilotsim
