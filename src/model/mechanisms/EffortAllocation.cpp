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
// the designated target's weight while the target is not met), public value (1 - ambition) * need * unmet share * q *
// f, and `credited` the share of a delayed effect credited to this leader. Packaging pays when evaluation rests on
// reports, inspection is rare and tenure short relative to the delay. Effective substance is diluted by switching
// costs: s_eff = s / (1 + switching_cost * (n - 1)). Special funds of a neglected pilot (attention share below half the
// even share) are diverted to the most visible one and spent as its own resources are (packaging in its share pi,
// substance otherwise).
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {
// Runs once per unit and month over about 290,000 live pilots at the national scale: the largest
// cost of a month. Hence the per-domain terms computed once per unit, the per-pilot terms kept on
// the stack, and the running sums kept in locals and stored once (the stores through `s` and the
// pilots would otherwise force the compiler to reload and re-store them for every pilot). Every
// sum is taken in the same order as the equations read, so results are bit-identical to a
// straightforward loop.
void allocateEffort(State& s, std::uint32_t u) {
  const auto& p = s.params;
  const auto& m = p.mechanisms;
  const int count = s.units.slot_count[u];
  const int n = s.units.load[u];
  auto* P = s.unitPilots(u);
  std::fill_n(s.effort_substance.begin(), count, 0.0);
  std::fill_n(s.effort_packaging.begin(), count, 0.0);
  s.units.month_effort[u] = 0;
  s.units.month_packaging[u] = 0;
  if (n == 0) return;
  const auto w = evaluationWeights(p);
  const double successor = successorShare(p);
  const double persuasion = 1.0 - 0.7 * p.regulation.participation;
  const double severity = std::min(1.0, p.evaluation.inflation_penalty * (1.0 + p.regulation.supervision) / 2.0);
  const double theta = p.behaviour.packaging_elasticity;
  const auto l = s.units.leader[u];
  const auto sup = s.tree.unit_superior[u];
  const double pv = promotionValue(s, u);
  const double ambition = s.units.head[u].ambition;
  const double detection = m.packaging ? yearlyDetection(s, u) : 0.0;
  const double phi = 1.0 + p.behaviour.focus * (n - 1) / 4.0;
  const double inv_dilution = m.attention_dilution ? 1.0 / (1.0 + p.pilot.switching_cost * (n - 1)) : 1.0;

  // Per domain: the share of a delayed effect credited to the leader, the superior's signal on
  // reports, need and public value. Per pilot: weight of its reports to this leader (wr) and its
  // value for attention. Computed once, used for attention and for the substance/packaging split.
  // (Bounded by the 8 domains at most rather than by K: a loop of run-time length is compiled into
  // calls of memcpy for the plain copies, which cost more than the copies.)
  std::array<double, 8> credited{}, need{}, public_need{}, signal{};
  for (int k = 0; k < 8; ++k) {
    if (k >= s.K) continue;
    credited[k] = creditedShareFor(s, u, k);
    need[k] = s.need(u, k);
    public_need[k] = (1.0 - ambition) * p.behaviour.public_value * need[k] * unmetShare(s, u, k);
    signal[k] = signalWeight(s, sup, k);
  }
  const double designated_weight = w.designated * (1.0 + p.couplings.high_level_push);
  // Which pilots a leader attends to, whether a pilot is the leader's own and which is the most
  // visible vary from pilot to pilot without pattern, so branches on them are mispredicted often.
  // Hence the list of the pilots that need attention (the loops below visit only those) and
  // selections by index or by conditional move instead of by branch.
  const double credit_of[2] = {successor, 1.0};        // by whether the pilot is the leader's own
  std::array<double, kMaxSlots> report_weight, value;  // read for attended pilots only
  std::array<std::uint8_t, kMaxSlots> attended;        // pilots with a value (not <= 0): all but rules
  int attended_count = 0;
  double total = 0, top_value = 0;
  int top = -1;  // the most visible pilot, which receives diverted funds
  for (int i = 0; i < count; ++i) {
    const auto& pl = P[i];
    if (pl.status == PilotStatus::Institutionalised) continue;
    const int k = pl.domain;
    const double credit = credit_of[pl.leader == l];
    // As in the annual score: reports at the leader's credit share, plus a designated target in
    // full while it is not yet met (the score counts min(1, R / target): once met, more reports
    // add nothing to it, and the pilot is left to compete on its other merits).
    const bool unmet_target = (pl.target > 0) & (pl.reported < pl.target);
    report_weight[i] = credit * w.reports * signal[k] + (unmet_target ? designated_weight / pl.target : 0.0);
    const double v = pv * report_weight[i] + public_need[k] * pl.quality * pl.fit + 1e-3;
    value[i] = powFast(v, phi);
    total += value[i];
    attended[attended_count] = static_cast<std::uint8_t>(i);
    attended_count += !(value[i] <= 0);
    // The first pilot of greatest value (value > 0 and above the best so far).
    const bool better = value[i] > top_value;
    top = better ? i : top;
    top_value = better ? value[i] : top_value;
  }
  const double inv_total = 1.0 / total;

  const double budget = s.units.budget[u];
  const double competence = s.units.head[u].competence;
  const double pack_return = pv * p.pilot.inflation * persuasion * (1.0 - detection * severity);
  const double participation_need = 0.5 * p.regulation.participation;
  // The packaging share of each pilot, in a loop of its own: two divisions in a row per pilot,
  // which overlap across pilots here but would wait for each other amid the bookkeeping below.
  std::array<double, kMaxSlots> packaging_share;  // read only if m.packaging
  if (m.packaging) {
    for (int j = 0; j < attended_count; ++j) {
      const int i = attended[j];
      const auto& pl = P[i];
      const int k = pl.domain;
      const double credit = credit_of[pl.leader == l];
      const double qf = pl.quality * pl.fit;
      const double r_pack = report_weight[i] * pack_return;
      const double r_sub = pv * (report_weight[i] + credit * w.citizens * need[k]) * credited[k] * qf +
                           public_need[k] * qf + participation_need * need[k];
      // pi = R_pack^theta / (R_pack^theta + R_sub^theta), with one power.
      packaging_share[i] = r_pack > 0 ? 1.0 / (1.0 + powFast(std::max(r_sub, 1e-12) / r_pack, theta)) : 0.0;
    }
  }
  // Special funds of a pilot whose attention share is below half the even share are diverted.
  const double neglected_share = 0.5 / n;
  double diverted = 0, top_pi = 0;
  double month_effort = 0, month_packaging = 0;
  double funds_spent = s.events.funds, funds_diverted = s.events.diverted;
  for (int j = 0; j < attended_count; ++j) {
    const int i = attended[j];
    auto& pl = P[i];
    const double attention_share = value[i] * inv_total;
    const double e = budget * attention_share;
    const double pi = m.packaging ? packaging_share[i] : 0.0;
    top_pi = i == top ? pi : top_pi;
    double funds = pl.funds_rate;
    funds_spent += funds;
    if (m.fund_diversion & (funds > 0) & (i != top) & (attention_share < neglected_share)) {
      diverted += funds;
      pl.diverted_total += funds;
      funds_diverted += funds;
      funds = 0;
    }
    s.effort_substance[i] = (e * (1.0 - pi) * competence + funds) * inv_dilution;
    s.effort_packaging[i] = e * pi;
    pl.substance_total += e * (1.0 - pi) + funds;
    pl.packaging_total += e * pi;
    pl.funds_total += funds;  // part of substance_total already: funds_total says how much
    month_effort += e + pl.funds_rate;
    month_packaging += e * pi;
  }
  s.events.funds = funds_spent;
  s.events.diverted = funds_diverted;
  if (top >= 0 && diverted > 0) {
    // Diverted funds go to the most visible pilot and are spent as its own resources are: on
    // packaging in the share the leader packages it, on substance otherwise.
    s.effort_substance[top] += diverted * (1.0 - top_pi) * inv_dilution;
    s.effort_packaging[top] += diverted * top_pi;
    P[top].substance_total += diverted * (1.0 - top_pi);
    P[top].packaging_total += diverted * top_pi;
    P[top].funds_total += diverted;
    month_packaging += diverted * top_pi;
  }
  s.units.month_effort[u] = month_effort;
  s.units.month_packaging[u] = month_packaging;
}

}  // namespace pilotsim
