// 5.7 Reporting, verification, evaluation: impression performance (paper s.2.1, s.3.1, s.4.1, s.5.2).
//
// A superior never sees true impact. It reads reports, R = vis_k r + bought inflation, with error
// (log-sd report_noise) at each evaluation, and it learns more only through verified channels, each
// a measurement with its own error and cost:
// - Inspection (monthly chance per direct unit from its verification capacity, x (1 + A3), less
//   what B2 reviews used; C3 adds independent checks). An inspection measures each pilot, partly
//   from what it finds and partly (formalism) from the materials presented: (1 - rho) r + rho R,
//   with log-sd inspection_error; the measurement replaces the report for a year. A
//   unit gap G = (sum R - sum m) / sum R above the tolerance costs inflation_penalty (1 + A3)
//   (G - tolerance) and exposes the inflation (packaging stocks reset). With chance
//   audit_detection it also finds the funds diverted recently. Red lines crossed are found.
//   Hosting costs the unit attention (costs.inspection).
// - Media, each December, expose a recognised pilot's inflation with yearly chance
//   media_exposure x media x its inflated share, with the same consequences.
// Annually (December) each unit's leader is scored:
//   score = w_rep * sum_p credit_p * V_p * sig_k(p) + w_nov * (novelty claimed in the year)
//         + w_des * (1 + push) * sum_designated min(1, V_p / target_p)
//         + w_cit * scale * S_survey + campaign rewards - penalties of the year,
// V_p the superior's value of pilot p (its measurement within a year, else its report as read),
// credit_p 1 for the leader's own pilots and the successor's share for inherited ones, S_survey the
// satisfaction survey's reading (error survey_error; run, at a cost, when B1 weighs it). The
// impression is updated relative to the peers' mean: I <- memory I + (1 - memory)(score - mean).
// Superiors are scored by their own superiors on their area's mean score and on
// the designated programmes they delivered against their quotas (over-fulfilment rewarded,
// shortfall penalised). Under B2, reviews measure the later contribution of leaders who moved to
// another post and credit it to their impression there.
#include "model/Incentives.hpp"
#include "model/Information.hpp"
#include "model/Leaders.hpp"
#include "model/MeasureCollector.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Campaigns.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

void planVerification(State& s) {
  const auto& p = s.params;
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) {
    const auto direct = s.direct_units[sup];
    const double capacity = p.evaluation.inspection_capacity * (1.0 + p.regulation.supervision);
    const double left = std::max(0.0, capacity - s.superiors.reviews_used[sup]);
    s.superiors.inspect_prob[sup] = direct > 0 ? std::min(1.0, left / (12.0 * direct)) : 0.0;
    // What leaders can expect: the chance a gap is found within a year, by inspection or C3.
    double rate = p.regulation.oversight / 12.0;
    if (p.mechanisms.inspection) rate += s.superiors.inspect_prob[sup];
    s.superiors.yearly_detection[sup] = 1.0 - std::pow(1.0 - std::min(1.0, rate), 12.0);
    s.superiors.reviews_used[sup] = 0;
  }
}

void redLineFound(State& s, std::uint32_t u, int index) {
  const auto& p = s.params;
  s.units.year_penalty[u] += p.evaluation.redline_penalty;  // never tolerated
  auto rng = s.stream(s.unitPilots(u)[index].id, Purpose::Dismissal);
  if (rng.uniform() < p.leaders.redline_dismissal) s.units.dismissed[u] = 1;
  haltPilot(s, u, index, HaltReason::RedLine);
}

namespace {

/// The superior measured the reports of unit u's pilots (all attended, or the single `only`):
/// penalise a gap above the tolerance and expose the inflation; halt red lines found.
void verify(State& s, std::uint32_t u, int only, Purpose purpose) {
  const auto& p = s.params;
  auto* P = s.unitPilots(u);
  double reported = 0, measured_total = 0;
  for (int i = s.pilotCount(u) - 1; i >= 0; --i) {
    auto& pl = P[i];
    if (!pl.attended() || (only >= 0 && i != only)) continue;
    auto rng = s.stream(pl.id, purpose);
    pl.assessed = static_cast<float>(checkedValue(s, pl, rng));
    pl.assessed_month = s.month;
    if (pl.crossed && p.mechanisms.red_line) {
      redLineFound(s, u, i);
      continue;
    }
    reported += pl.reported;
    measured_total += pl.assessed;
  }
  if (reported <= 0) return;
  const double gap = (reported - measured_total) / reported;
  if (gap <= p.evaluation.inflation_tolerance) return;
  s.units.year_penalty[u] +=
      p.evaluation.inflation_penalty * (1.0 + p.regulation.supervision) * (gap - p.evaluation.inflation_tolerance);
  for (int i = 0; i < s.pilotCount(u); ++i) {
    auto& pl = P[i];
    if (!pl.attended() || (only >= 0 && i != only)) continue;
    pl.packaging_stock = 0;
    pl.reported = s.visibility[pl.domain] * pl.realised;
  }
  if (only < 0) s.units.polish[u] = 0;  // exposed: the unit's reports no longer impress
  pilotsChanged(s, u);
}

void inspect(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.inspection && p.regulation.oversight <= 0) return;
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  const double c3 = std::min(1.0, p.regulation.oversight / 12.0);
  for (std::uint32_t u = 0; u < N; ++u) {
    // Inspection by the superior and independent checks (C3) in one monthly chance.
    const double inspect = p.mechanisms.inspection ? s.superiors.inspect_prob[s.tree.unit_superior[u]] : 0.0;
    const double check = 1.0 - (1.0 - inspect) * (1.0 - c3);
    if (!dueNow(s, s.units.next_check[u], check, u, Purpose::Inspection)) continue;
    if (c3 > 0) s.events.reform_spending += p.costs.oversight * c3 / check;
    s.units.burden[u] += p.costs.inspection * s.units.budget[u];
    if (s.units.load[u] == 0) continue;
    verify(s, u, -1, Purpose::InspectionMeasure);
    auto arng = s.stream(u, Purpose::Audit);
    if (s.units.diverted_year[u] > 0 && arng.uniform() < p.verification.audit_detection) {
      s.units.year_penalty[u] +=
          p.evaluation.diversion_penalty * s.units.diverted_year[u] / (12.0 * std::max(1e-9, p.pilot.special_funds));
      s.units.diverted_year[u] = 0;
    }
  }
}

/// The media expose recognised pilots' inflation, each December.
void exposeInMedia(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.media_exposure || !p.mechanisms.media) return;
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
    auto* P = s.unitPilots(u);
    for (int i = s.pilotCount(u) - 1; i >= 0; --i) {
      const auto& pl = P[i];
      if (!pl.recognised || !pl.attended() || pl.reported <= 0) continue;
      const double inflated = std::max(0.0, 1.0 - s.visibility[pl.domain] * pl.realised / pl.reported);
      auto rng = s.stream(pl.id, Purpose::MediaExposure);
      if (rng.uniform() < std::min(1.0, p.verification.media_exposure * p.recognition.media * inflated))
        verify(s, u, i, Purpose::MediaExposure);
    }
  }
}

void scoreUnits(State& s) {
  const auto& p = s.params;
  const auto w = evaluationWeights(p);
  const double successor = successorShare(p);
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  const bool survey = p.regulation.citizen_weight > 0;
  for (std::uint32_t u = 0; u < N; ++u) {
    const auto sup = s.tree.unit_superior[u];
    auto* P = s.unitPilots(u);
    double reports = 0, designated = 0, novelty = s.units.year_novelty[u];
    const auto l = s.units.leader[u];
    for (int i = 0; i < s.units.slot_count[u]; ++i) {
      auto& pl = P[i];
      if (!pl.attended()) continue;
      // A pilot is its initiator's achievement: the current leader gets only the successor's share
      // of an inherited pilot's reports (B3 raises it). Designated targets are the unit's task.
      const double credit = pl.leader == l ? 1.0 : successor;
      const double seen = valueSeen(s, pl);
      reports += credit * seen * signalWeight(s, sup, pl.domain);
      if (pl.target > 0) designated += std::min(1.0, seen / pl.target);
      // Novelty claims of pilots this leader launched in the last 12 months.
      if (pl.leader == l && s.month - pl.start < 12) novelty += s.records[pl.id].novelty;
    }
    double citizens = 0;
    if (survey) {
      auto rng = s.stream(u, Purpose::SurveyNoise);
      citizens = std::clamp(s.units.satisfaction[u] + p.verification.survey_error * rng.normal(), 0.0, 1.0);
      s.events.reform_spending += p.costs.survey;
    }
    s.units.score[u] =
        w.reports * reports + w.novelty * novelty + w.designated * (1.0 + p.couplings.high_level_push) * designated +
        w.citizens * p.evaluation.satisfaction_scale * citizens + s.units.year_follow[u] - s.units.year_penalty[u];
    s.units.year_penalty[u] = 0;
    s.units.year_follow[u] = 0;
    s.units.year_novelty[u] = 0;
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

/// Each superior's score from its own superior: its area's mean score, and its programmes'
/// delivery against their quotas (nodes whose term ended this year).
void scoreSuperiors(State& s) {
  const auto& sp = s.params.superiors;
  const auto S = s.superiorCount();
  auto& area = s.scratch_a;
  auto& units = s.scratch_b;
  area.assign(S, 0.0);
  units.assign(S, 0.0);
  for (std::uint32_t u = 0; u < s.unitCount(); ++u)
    for (auto a = s.tree.unit_superior[u];; a = s.tree.parent[a]) {
      area[a] += s.units.score[u];
      units[a] += 1;
      if (a == 0) break;
    }
  for (std::uint32_t a = 0; a < S; ++a) s.superiors.score[a] = units[a] > 0 ? area[a] / units[a] : 0.0;
  // Programme nodes are in launch order, so those whose term is over are a prefix.
  auto& first = s.programmes_settled;
  for (; first < s.programmes.size(); ++first) {
    const auto& node = s.programmes[first];
    if (node.month + s.params.programmes.term > s.month) break;
    const double ratio = node.quota > 0 ? node.delivered / node.quota : 1.0;
    s.superiors.score[node.superior] +=
        sp.overfulfilment_reward * std::max(0.0, ratio - 1.0) - sp.shortfall_penalty * std::max(0.0, 1.0 - ratio);
    s.superiors.year_quota[node.superior] += node.quota;
    s.superiors.year_delivered[node.superior] += node.delivered;
  }
}

/// B2's later reviews: the contribution a rotated leader's old pilots delivered after it left,
/// measured with error and credited to its impression in its new post.
void reviewLaterContributions(State& s) {
  const auto& p = s.params;
  const double b2 = p.regulation.retrospective_share;
  auto& list = s.under_review;
  if (b2 <= 0) {
    list.clear();
    return;
  }
  auto& later = s.scratch_a;
  later.clear();
  std::erase_if(list, [&](std::uint32_t l) { return s.month - s.leaders[l].ended >= 12 * p.regulation.review_years; });
  for (const auto l : list) {
    auto rng = s.stream(l, Purpose::ReviewMeasure);
    const double since = std::max(0.0, leaderContribution(s, l) - s.leaders[l].contribution_at_exit);
    later.push_back(measured(since, p.verification.review_error, rng));
    s.superiors.reviews_used[s.tree.unit_superior[s.leaders[l].unit]] += p.costs.retrospective_review;
  }
  if (later.size() < 2) return;
  double mean = 0, sq = 0;
  for (double x : later) mean += x;
  mean /= static_cast<double>(later.size());
  for (double x : later) sq += (x - mean) * (x - mean);
  const double sd = std::sqrt(sq / static_cast<double>(later.size()));
  if (sd <= 0) return;
  for (std::size_t i = 0; i < list.size(); ++i) {
    // Follow the person to the post it holds now.
    auto now = list[i];
    while (s.leaders[now].next != kNone) now = s.leaders[now].next;
    if (s.leaders[now].ended >= 0) continue;  // no longer in a post
    s.leaders[now].impression += b2 * p.leaders.retro_bonus * (later[i] - mean) / sd;
  }
}

void annualEvaluation(State& s) {
  const auto& p = s.params;
  exposeInMedia(s);
  sanctionLaggards(s);
  scoreUnits(s);
  scoreSuperiors(s);
  reviewLaterContributions(s);
  // Reform spending that comes once a year: A4's research and A3's extra verifications, B5's rewards.
  const double superiors = static_cast<double>(s.superiorCount());
  s.events.reform_spending +=
      superiors * (p.costs.targeting * p.regulation.scientific_targeting +
                   p.costs.inspector * p.evaluation.inspection_capacity * p.regulation.supervision);
  s.events.reform_spending += static_cast<double>(s.unitCount()) * p.costs.reward * p.regulation.reward_scope;
  planVerification(s);
}

}  // namespace

void evaluateUnits(State& s) {
  inspect(s);
  if (s.isDecember()) annualEvaluation(s);
}

}  // namespace pilotsim
