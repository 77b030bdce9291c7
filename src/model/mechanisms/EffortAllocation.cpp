// 5.5 Effort: substance versus packaging, attention dilution, diversion of funds (paper s.4.1, s.4.2).
//
// A leader's monthly budget is B = budget x (1 + B5 cadres' extra effort) less the attention owed
// to reform activities (hosting inspections and reviews, consultation, participation: costs.*) and
// less the design attention of pilots in preparation. B is split across the pilots that need
// attention in proportion to v_p^phi, where v_p is the pilot's value to the leader (career credit
// for its reports, designated weight, public value) and phi = 1 + focus * (n - 1) grows with the
// number n of such pilots: a loaded leader concentrates on the most visible ones and lets the
// others starve. Within a pilot, the packaging share is
//   pi = R_pack^theta / (R_pack^theta + R_sub^theta),
//   R_pack = PV * wr * inflation * persuasion * (1 - P_v * (1 - formalism) * severity)
//   R_sub  = PV * (wr * vis_k + credit * w_cit * need) * credited * q * f + public value(q f)
//            + participation_weight * C2 * need
// with wr the weight of the pilot's reports to this leader (credit share x reports x signal, plus
// the designated target's weight while the target is not met), vis_k the share of realised impact
// a report in domain k shows, `credited` the share of a delayed effect credited to this leader,
// P_v the chance a year that the superior replaces the report by a check (inspection, C3, A2
// reviews, media for recognised pilots), which reads the report too at the share `formalism`, and
// severity the expected loss then. Packaging pays
// when evaluation rests on reports, the domain's impact hardly shows in them, verification is rare
// and tenure short relative to the delay. Effective substance is diluted by switching costs:
// s_eff = s / (1 + switching_cost * (n - 1)).
// Diversion is a choice: the share of a funded pilot's special funds moved to the most visible pilot
// is logistic(beta_div (v_top - v_p - expected audit penalty per unit of funds)), so funds of
// pilots the leader values little are diverted unless audits are likely. Diverted funds are spent as
// the top pilot's own resources are (packaging in its share pi, substance otherwise).
#include "model/Incentives.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {
// Runs once per unit and month over about 290,000 live pilots at the national scale: the largest
// cost of a month. Hence the per-domain terms computed once per unit, the per-pilot terms kept on
// the stack, and the running sums kept in locals and stored once.
void allocateEffort(State& s, std::uint32_t u, UnitEffort& effort) {
  const auto& p = s.params;
  const auto& m = p.mechanisms;
  const int count = s.units.slot_count[u];
  const int n = s.units.load[u];
  auto* P = s.unitPilots(u);
  std::fill_n(effort.substance.begin(), count, 0.0);
  std::fill_n(effort.packaging.begin(), count, 0.0);
  s.units.month_effort[u] = 0;
  s.units.month_packaging[u] = 0;
  // Reform activities take the attention they were owed first, whether or not pilots run.
  // B5: cadres put in more when innovation rewards reach them, the more the better the unit's prospects.
  const double scope = p.regulation.reward_scope;
  const double gross =
      s.units.budget[u] *
      (scope > 0 ? 1.0 + scope * p.behaviour.cadre_response / (1.0 + std::exp(-s.leaders[s.units.leader[u]].impression))
                 : 1.0);
  const double reform = std::min(gross, s.units.burden[u]);
  s.units.burden[u] = 0;
  s.events.reform_attention += reform;
  s.events.budget += s.units.budget[u];
  if (n == 0) return;
  const double budget =
      std::max(0.0, gross - reform - p.pilot.design_attention * s.units.budget[u] * s.units.preparing[u]);
  const auto w = evaluationWeights(p);
  const double successor = successorShare(p);
  const double persuade = persuasion(p);
  const double severity = std::min(
      1.0, p.behaviour.detection_deterrence * p.evaluation.inflation_penalty * (1.0 + p.regulation.supervision));
  const double theta = p.behaviour.packaging_elasticity;
  // What a check takes from a packaging-bought report: the part it does not read from the
  // presented materials, and the expected penalty.
  const double checked_loss = (1.0 - p.verification.formalism) * severity;
  const auto l = s.units.leader[u];
  const auto sup = s.tree.unit_superior[u];
  const double pv = promotionValue(s, u);
  // The chance a year that a report is replaced by a measurement: inspection and C3, A2's
  // milestone reviews, and for recognised pilots the media.
  const double review = p.regulation.lifecycle_review ? std::min(1.0, 12.0 / p.regulation.review_period) : 0.0;
  const double verified = m.packaging ? 1.0 - (1.0 - yearlyDetection(s, u)) * (1.0 - review) : 0.0;
  const double media =
      m.media_exposure && m.media ? std::min(1.0, p.verification.media_exposure * p.recognition.media) : 0.0;
  const double verified_of[2] = {verified, 1.0 - (1.0 - verified) * (1.0 - media)};  // by recognised
  const double phi = 1.0 + p.behaviour.focus * (n - 1);
  const double inv_dilution = m.attention_dilution ? 1.0 / (1.0 + p.pilot.switching_cost * (n - 1)) : 1.0;

  // Per domain: the share of a delayed effect credited to the leader, the superior's signal on
  // reports, need and public value. Per pilot: weight of its reports to this leader (wr) and its
  // value for attention. Computed once, used for attention and for the substance/packaging split.
  // (Bounded by kMaxDomains rather than by K: a loop of run-time length is compiled into calls of
  // memcpy for the plain copies, which cost more than the copies.)
  DomainArray credited{}, need{}, public_need{}, signal{};
  for (int k = 0; k < kMaxDomains; ++k) {
    if (k >= s.K) continue;
    credited[k] = creditedShareFor(s, u, k);
    need[k] = s.need(u, k);
    public_need[k] = publicValue(s, u, k, 1.0);
    signal[k] = signalWeight(s, sup, k);
  }
  const double designated_weight = w.designated * (1.0 + p.couplings.high_level_push);
  // Which pilots a leader attends to, whether a pilot is the leader's own and which is the most
  // visible vary from pilot to pilot without pattern, so branches on them are mispredicted often.
  // Hence the list of the pilots that need attention (the loops below visit only those) and
  // selections by index or by conditional move instead of by branch.
  const double credit_of[2] = {successor, 1.0};             // by whether the pilot is the leader's own
  std::array<double, kMaxSlots> report_weight, value, raw;  // read for attended pilots only
  std::array<std::uint8_t, kMaxSlots> attended;             // pilots that need attention
  int attended_count = 0;
  double total = 0, top_value = 0;
  int top = -1;  // the most visible pilot, which receives diverted funds
  for (int i = 0; i < count; ++i) {
    const auto& pl = P[i];
    if (!pl.attended()) continue;
    const int k = pl.domain;
    const double credit = credit_of[pl.leader == l];
    // As in the annual score: reports at the leader's credit share, plus a designated target in
    // full while it is not yet met (the score counts min(1, R / target): once met, more reports
    // add nothing to it, and the pilot is left to compete on its other merits).
    const bool unmet_target = (pl.target > 0) & (pl.reported < pl.target);
    report_weight[i] = credit * w.reports * signal[k] + (unmet_target ? designated_weight / pl.target : 0.0);
    raw[i] = pv * report_weight[i] + public_need[k] * pl.quality * pl.fit + 1e-3;
    value[i] = powFast(raw[i], phi);
    total += value[i];
    attended[attended_count++] = static_cast<std::uint8_t>(i);
    // The first pilot of greatest value (above the best so far).
    const bool better = value[i] > top_value;
    top = better ? i : top;
    top_value = better ? value[i] : top_value;
  }
  if (attended_count == 0) return;
  const double inv_total = 1.0 / total;

  const double competence = s.units.head[u].competence;
  const double pack_return = pv * p.pilot.inflation * persuade;
  const double participation_need = p.behaviour.participation_weight * p.regulation.participation;
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
      const double r_pack = report_weight[i] * pack_return * (1.0 - verified_of[pl.recognised != 0] * checked_loss);
      const double r_sub =
          pv * (report_weight[i] * s.visibility[k] + credit * w.citizens * need[k]) * credited[k] * qf +
          public_need[k] * qf + participation_need * need[k];
      // pi = R_pack^theta / (R_pack^theta + R_sub^theta), with one power.
      packaging_share[i] = r_pack > 0 ? 1.0 / (1.0 + powFast(std::max(r_sub, 1e-12) / r_pack, theta)) : 0.0;
    }
  }
  // Diversion: the expected audit penalty per unit of funds, in the value units of raw[].
  const double audit = pv * yearlyDetection(s, u) * p.verification.audit_detection * p.evaluation.diversion_penalty;
  const double top_raw = top >= 0 ? raw[top] : 0.0;
  double diverted = 0, top_pi = 0;
  double month_effort = 0, month_packaging = 0;
  double funds_spent = s.events.funds, funds_diverted = s.events.diverted;
  for (int j = 0; j < attended_count; ++j) {
    const int i = attended[j];
    auto& pl = P[i];
    const double e = budget * value[i] * inv_total;
    const double pi = m.packaging ? packaging_share[i] : 0.0;
    top_pi = i == top ? pi : top_pi;
    double funds = pl.funds_rate;
    funds_spent += funds;
    if (m.fund_diversion & (funds > 0) & (i != top)) {
      const double penalty = audit / (12.0 * funds);
      const double share = logitShare(top_raw - raw[i] - penalty, p.behaviour.diversion_rationality);
      const double moved = funds * share;
      diverted += moved;
      pl.diverted_total += static_cast<float>(moved);
      funds_diverted += moved;
      funds -= moved;
    }
    effort.substance[i] = (e * (1.0 - pi) * competence + funds) * inv_dilution;
    effort.packaging[i] = e * pi;
    pl.substance_total += static_cast<float>(e * (1.0 - pi) + funds);
    pl.packaging_total += static_cast<float>(e * pi);
    pl.funds_total += static_cast<float>(funds);  // part of substance_total already: funds_total says how much
    month_effort += e + pl.funds_rate;
    month_packaging += e * pi;
  }
  s.events.funds = funds_spent;
  s.events.diverted = funds_diverted;
  s.units.diverted_year[u] = s.units.diverted_year[u] * (11.0 / 12.0) + diverted;
  if (top >= 0 && diverted > 0) {
    // Diverted funds go to the most visible pilot and are spent as its own resources are: on
    // packaging in the share the leader packages it, on substance otherwise.
    effort.substance[top] += diverted * (1.0 - top_pi) * inv_dilution;
    effort.packaging[top] += diverted * top_pi;
    P[top].substance_total += static_cast<float>(diverted * (1.0 - top_pi));
    P[top].packaging_total += static_cast<float>(diverted * top_pi);
    P[top].funds_total += static_cast<float>(diverted);
    month_packaging += diverted * top_pi;
  }
  s.units.month_effort[u] = month_effort;
  s.units.month_packaging[u] = month_packaging;
}

}  // namespace pilotsim
