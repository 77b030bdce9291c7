// 5.7 Reporting, inspection, evaluation: impression performance (paper s.2.1, s.3.1, s.4.1).
//
// Monthly: a superior inspects each of its direct units with probability capacity x (1 + A3) /
// (12 x units), and C3 adds independent detections. A detection compares reported with realised
// impact over the unit's pilots; a gap G = (R - r) / R above the tolerance costs
// inflation_penalty x (1 + A3) x (G - tolerance) and exposes the inflation (packaging stocks reset).
// Annually (December) each unit's leader is scored:
//   score = w_rep * sum_p credit_p * R_p * sig_k(p) + w_nov * novelty claims of the year
//         + w_des * (1 + push) * sum_designated min(1, R_p / target_p)
//         + w_cit * 4 * satisfaction - penalties of the year,
// where credit_p is 1 for the leader's own pilots and the successor's share (successor_credit, B3)
// for inherited ones, and the superior's impression is updated relative to the peers' mean:
//   I <- memory * I + (1 - memory) * (score - mean peer score).
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"

#include <algorithm>

namespace pilotsim {
namespace {

void inspect(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.inspection && p.regulation.oversight <= 0) return;
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  for (std::uint32_t u = 0; u < N; ++u) {
    // Inspection by the superior and independent detection (C3) in one monthly chance.
    const double inspect = p.mechanisms.inspection ? s.superiors.inspect_prob[s.tree.unit_superior[u]] : 0.0;
    const double check = 1.0 - (1.0 - inspect) * (1.0 - std::min(1.0, p.regulation.oversight / 12.0));
    if (!dueNow(s, s.units.next_check[u], check, u, Purpose::Inspection) || s.units.load[u] == 0) continue;
    auto* P = s.unitPilots(u);
    double reported = 0, realised = 0;
    for (int i = 0; i < s.units.slot_count[u]; ++i) {
      if (P[i].status == PilotStatus::Institutionalised) continue;
      reported += P[i].reported;
      realised += P[i].realised;
    }
    if (reported <= 0) continue;
    const double gap = (reported - realised) / reported;
    if (gap <= p.evaluation.inflation_tolerance) continue;
    s.units.year_penalty[u] +=
        p.evaluation.inflation_penalty * (1.0 + p.regulation.supervision) * (gap - p.evaluation.inflation_tolerance);
    for (int i = 0; i < s.units.slot_count[u]; ++i) {
      auto& pl = P[i];
      pl.packaging_stock = 0;
      pl.reported = pl.realised;
    }
    s.units.polish[u] = 0;  // exposed: the unit's reports no longer impress
    s.units.summary_stale[u] = 1;
  }
}

void annualEvaluation(State& s) {
  const auto& p = s.params;
  const auto w = evaluationWeights(p);
  const double successor = successorShare(p);
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  for (std::uint32_t u = 0; u < N; ++u) {
    const auto sup = s.tree.unit_superior[u];
    auto* P = s.unitPilots(u);
    double reports = 0, designated = 0;
    const auto l = s.units.leader[u];
    for (int i = 0; i < s.units.slot_count[u]; ++i) {
      auto& pl = P[i];
      if (pl.status == PilotStatus::Institutionalised) continue;
      // A pilot is its initiator's achievement: the current leader gets only the successor's share
      // of an inherited pilot's reports (B3 raises it). Designated targets are the unit's task.
      const double credit = pl.leader == l ? 1.0 : successor;
      reports += credit * pl.reported * signalWeight(s, sup, pl.domain);
      if (pl.target > 0) designated += std::min(1.0, pl.reported / pl.target);
    }
    // Novelty claims of pilots this leader started in the last 12 months.
    double novelty = 0;
    for (int i = 0; i < s.units.slot_count[u]; ++i) {
      auto& pl = P[i];
      if (pl.leader == l && s.month - pl.start < 12) novelty += s.records[pl.id].novelty;
    }
    s.units.score[u] = w.reports * reports + w.novelty * novelty +
                       w.designated * (1.0 + p.couplings.high_level_push) * designated +
                       w.citizens * 4.0 * s.units.satisfaction[u] - s.units.year_penalty[u];
    s.units.year_penalty[u] = 0;
  }
  // Peer-relative impressions.
  auto& mean = s.scratch_a;
  mean.assign(s.superiorCount(), 0.0);
  for (std::uint32_t u = 0; u < N; ++u) mean[s.tree.unit_superior[u]] += s.units.score[u];
  const double memory = p.evaluation.impression_memory;
  for (std::uint32_t u = 0; u < N; ++u) {
    const auto sup = s.tree.unit_superior[u];
    const double peer_mean = mean[sup] / s.direct_units[sup];
    double& impression = s.leaders[s.units.leader[u]].impression;
    impression = memory * impression + (1.0 - memory) * (s.units.score[u] - peer_mean);
  }
}

}  // namespace

void evaluateUnits(State& s) {
  inspect(s);
  if (s.isDecember()) annualEvaluation(s);
}

}  // namespace pilotsim
