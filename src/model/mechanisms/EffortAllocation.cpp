// 5.5 Effort: substance versus packaging, attention dilution, diversion of funds (paper s.4.1, s.4.2).
//
// A leader's monthly budget B is split across the pilots that need attention in proportion to
// v_p^phi, where v_p is the pilot's value to the leader (career credit for its reports, designated
// weight, public value) and phi = 1 + focus * (n - 1) / 4 grows with the number n of such pilots:
// a loaded leader concentrates on the most visible ones and lets the others starve. Within a
// pilot, the packaging share is
//   pi = R_pack^theta / (R_pack^theta + R_sub^theta),
//   R_pack = PV * wr * inflation * persuasion * (1 - detection * severity)
//   R_sub  = PV * (wr + credit * w_cit * need) * credited * q * f + public value * q * f
//            + 0.5 * participation * need
// with wr the weight of the pilot's reports to this leader (credit share x reports x signal, plus
// the designated target's weight while the target is not met), public value (1 - ambition) * need * unmet share * q * f, and
// `credited` the share of a delayed effect credited to this leader. Packaging pays when evaluation
// rests on reports, inspection is rare and tenure short relative to the delay. Effective substance
// is diluted by switching costs: s_eff = s / (1 + switching_cost * (n - 1)). Special funds of a
// neglected pilot (attention share below half the even share) are diverted to the most visible one
// and spent as its own resources are (packaging in its share pi, substance otherwise).
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {
void allocateEffort(State& s, std::uint32_t u) {
  const auto& p = s.params;
  const auto& m = p.mechanisms;
  const auto w = evaluationWeights(p);
  const double successor = successorShare(p);
  const double persuasion = 1.0 - 0.7 * p.regulation.participation;
  const double severity = std::min(1.0, p.evaluation.inflation_penalty * (1.0 + p.regulation.supervision) / 2.0);
  const double theta = p.behaviour.packaging_elasticity;
  auto& value = s.scratch_a;
  s.units.month_effort[u] = 0;
  s.units.month_packaging[u] = 0;
  const int count = s.units.slot_count[u];
  const int n = s.units.load[u];
  auto* P = s.unitPilots(u);
  std::fill_n(s.effort_substance.begin(), count, 0.0);
  std::fill_n(s.effort_packaging.begin(), count, 0.0);
  if (n == 0) return;
  const auto l = s.units.leader[u];
  const auto sup = s.tree.unit_superior[u];
  const double pv = promotionValue(s, u);
  const double ambition = s.units.head[u].ambition;
  const double detection = m.packaging ? yearlyDetection(s, u) : 0.0;
  const double phi = 1.0 + p.behaviour.focus * (n - 1) / 4.0;
  const double inv_dilution = m.attention_dilution ? 1.0 / (1.0 + p.pilot.switching_cost * (n - 1)) : 1.0;

  // Per pilot: weight of its reports to this leader (wr) and its public value; per domain: the
  // share of a delayed effect credited to the leader. Computed once, used for attention and for
  // the substance/packaging split.
  auto& report_weight = s.scratch_b;
  report_weight.assign(static_cast<std::size_t>(count), 0.0);
  value.assign(static_cast<std::size_t>(count), 0.0);
  std::array<double, 8> credited{}, need{}, public_need{};
  for (int k = 0; k < s.K; ++k) {
    credited[k] = creditedShareFor(s, u, k);
    need[k] = s.need(u, k);
    public_need[k] = (1.0 - ambition) * p.behaviour.public_value * need[k] * unmetShare(s, u, k);
  }
  double total = 0;
  for (int i = 0; i < count; ++i) {
    const auto& pl = P[i];
    if (pl.status == PilotStatus::Institutionalised) continue;
    const int k = pl.domain;
    const double credit = pl.leader == l ? 1.0 : successor;
    // As in the annual score: reports at the leader's credit share, plus a designated target in
    // full while it is not yet met (the score counts min(1, R / target): once met, more reports
    // add nothing to it, and the pilot is left to compete on its other merits).
    const bool unmet_target = pl.target > 0 && pl.reported < pl.target;
    report_weight[i] = credit * w.reports * signalWeight(s, sup, k) +
                       (unmet_target ? w.designated * (1.0 + p.couplings.high_level_push) / pl.target : 0.0);
    const double v = pv * report_weight[i] + public_need[k] * pl.quality * pl.fit + 1e-3;
    value[i] = powFast(v, phi);
    total += value[i];
  }
  const double inv_total = 1.0 / total;
  // The most visible pilot receives diverted funds.
  int top = -1;
  for (int i = 0; i < count; ++i)
    if (value[i] > 0 && (top < 0 || value[i] > value[top])) top = i;

  const double budget = s.units.budget[u];
  const double competence = s.units.head[u].competence;
  const double pack_return = pv * p.pilot.inflation * persuasion * (1.0 - detection * severity);
  double diverted = 0, top_pi = 0;
  for (int i = 0; i < count; ++i) {
    auto& pl = P[i];
    if (value[i] <= 0) continue;
    const int k = pl.domain;
    const double attention_share = value[i] * inv_total;
    const double e = budget * attention_share;
    double pi = 0.0;
    if (m.packaging) {
      const double credit = pl.leader == l ? 1.0 : successor;
      const double qf = pl.quality * pl.fit;
      const double r_pack = report_weight[i] * pack_return;
      const double r_sub = pv * (report_weight[i] + credit * w.citizens * need[k]) * credited[k] * qf +
                           public_need[k] * qf + 0.5 * p.regulation.participation * need[k];
      // pi = R_pack^theta / (R_pack^theta + R_sub^theta), with one power.
      pi = r_pack > 0 ? 1.0 / (1.0 + powFast(std::max(r_sub, 1e-12) / r_pack, theta)) : 0.0;
    }
    if (i == top) top_pi = pi;
    double funds = pl.funds_rate;
    s.events.funds += funds;
    if (m.fund_diversion && funds > 0 && i != top && attention_share < 0.5 / n) {
      diverted += funds;
      pl.diverted_total += funds;
      s.events.diverted += funds;
      funds = 0;
    }
    s.effort_substance[i] = (e * (1.0 - pi) * competence + funds) * inv_dilution;
    s.effort_packaging[i] = e * pi;
    pl.substance_total += e * (1.0 - pi) + funds;
    pl.packaging_total += e * pi;
    pl.funds_total += funds;  // part of substance_total already: funds_total says how much
    s.units.month_effort[u] += e + pl.funds_rate;
    s.units.month_packaging[u] += e * pi;
  }
  if (top >= 0 && diverted > 0) {
    // Diverted funds go to the most visible pilot and are spent as its own resources are: on
    // packaging in the share the leader packages it, on substance otherwise.
    s.effort_substance[top] += diverted * (1.0 - top_pi) * inv_dilution;
    s.effort_packaging[top] += diverted * top_pi;
    P[top].substance_total += diverted * (1.0 - top_pi);
    P[top].packaging_total += diverted * top_pi;
    P[top].funds_total += diverted;
    s.units.month_packaging[u] += diverted * top_pi;
  }
}

}  // namespace pilotsim
