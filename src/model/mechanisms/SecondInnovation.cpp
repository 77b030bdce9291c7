// 5.6 Second innovation (二次创新, paper s.2.3): facing new situations and new problems, units that
// built an institution adjust their local scheme.
//
// A need shock in domain k costs the unit's running pilots in k part of their fit (Environment.cpp).
// The unit's leader then weighs, for each such pilot, redesigning it for the new need:
//   U = PV * credit * [ (w_rep * sig * vis + w_cit * need) * credited * q * dfit + w_nov * second_novelty * rank_credit
//   ]
//       + public value(q * dfit) - second_cost_share * start cost,
// dfit = designedFit(need) - fit, by logit against leaving it as it is. A redesign draws the
// pilot's fit anew for the current need; it keeps its quality, lineage and history.
#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Mechanisms.hpp"

namespace pilotsim {

void redesignAfterShocks(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.second_innovation) return;
  const auto w = evaluationWeights(p);
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  for (std::uint32_t u = 0; u < N; ++u) {
    const unsigned shocked = s.units.shocked[u];
    if (shocked == 0) continue;
    const auto l = s.units.leader[u];
    const auto sup = s.tree.unit_superior[u];
    const double pv = promotionValue(s, u);
    auto rng = s.stream(u, Purpose::SecondInnovation);
    Pilot* P = s.unitPilots(u);
    for (int i = 0; i < s.pilotCount(u); ++i) {
      Pilot& pl = P[i];
      const int k = pl.domain;
      if (!((shocked >> k) & 1u) || pl.status == PilotStatus::Preparing) continue;
      const double need = s.need(u, k);
      const double gain = pl.quality * std::max(0.0, designedFit(p, need) - pl.fit);
      const double credit = pl.leader == l ? 1.0 : successorShare(p);
      const double career = credit * ((w.reports * signalWeight(s, sup, k) * s.visibility[k] + w.citizens * need) *
                                          creditedShareFor(s, u, k) * gain +
                                      w.novelty * p.behaviour.second_novelty * p.drivers.rank_credit);
      const double utility =
          pv * career + publicValue(s, u, k, gain) - p.behaviour.second_cost_share * p.behaviour.start_cost;
      if (rng.uniform() >= logitShare(utility, p.behaviour.rationality)) continue;
      pl.fit = static_cast<float>(drawFit(p, need, rng));
      if (pl.second < 255) ++pl.second;
      s.units.year_novelty[u] += p.behaviour.second_novelty * p.drivers.rank_credit;
      s.events.second_innovations += 1;
      writeRecord(s, pl);
      pilotsChanged(s, u);
    }
  }
}

}  // namespace pilotsim
