// 5.9 Turnover, promotion, rotation, succession (paper s.2.4, s.4.3, s.5.2).
//
// A tenure ends when its drawn length is over (leaders.tenure_hazard) or when a detected red-line
// crossing cost the leader the post (dismissed). Penalties incurred since the last evaluation are
// charged to the impression first. A leader who was not dismissed enters a tournament among the
// peers' current leaders: with z the standardised impression,
//   P(promoted) = min(cap, c * exp(beta z)),  c such that the peers' mean probability is
// promotion_share (the quota). Under B2 the superior reviews the departing leader's contribution
// (measured with error review_error, one of its verifications) and mixes, at weight B2, its
// standing among the contributions per month of the leaders it reviewed before. A leader not
// promoted moves to lead another unit nearby with chance rotation_share (waiting up to pool_wait
// months for a vacancy), or else leaves. Vacancies are filled from that pool first, else by a new
// leader. Under B2, later reviews credit a rotated leader's old pilots' later impact to it
// (Evaluation.cpp).
// The successor inherits the unit's pilots and plans and, for each, chooses by logit to continue,
// stop or restart it under a new name:
//   U_continue = PV * share * w_rep * sig * R_p + public value of the pilot - load cost
//   U_stop     = -PV * (accountability + protection) - stop cost
//   U_restart  = PV * (w_nov * renamed novelty + w_rep * sig * keep * R_p - accountability - protection)
//                + keep * public value - start cost - load cost
// where share is the successor's credit share (low by default; B3 raises it) and protection the
// superior's displeasure at stopping a pilot it recognised or designated. Designated pilots under
// high-level push must be continued while their programme runs. A rotated leader arriving from
// another post may restart its old pilot there (另起炉灶): the content it knows, adapted to the new
// unit's need and claimed as new.
#include "model/Incentives.hpp"
#include "model/Leaders.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {
namespace {

/// B2's exit review of tenure l: its measured contribution per month, and the departing leader's
/// standing among those the superior reviewed before (0 without history).
double reviewedStanding(State& s, std::uint32_t sup, std::uint32_t l) {
  auto& S = s.superiors;
  auto rng = s.stream(l, Purpose::ReviewMeasure);
  const double months = std::max(1, s.month - s.leaders[l].start);
  const double per_month = measured(leaderContribution(s, l), s.params.verification.review_error, rng) / months;
  s.leaders[l].reviewed = static_cast<float>(per_month * months);
  S.reviews_used[sup] += s.params.costs.retrospective_review;
  const double n = S.review_count[sup];
  const double sd = n > 1 ? std::sqrt(S.review_m2[sup] / n) : 0.0;
  const double z = sd > 0 ? (per_month - S.review_mean[sup]) / sd : 0.0;
  // Welford's update of the running mean and sum of squares.
  S.review_count[sup] = n + 1;
  const double delta = per_month - S.review_mean[sup];
  S.review_mean[sup] += delta / (n + 1);
  S.review_m2[sup] += delta * (per_month - S.review_mean[sup]);
  return z;
}

bool promote(State& s, std::uint32_t u, std::uint32_t l) {
  const auto sup = s.tree.unit_superior[u];
  const double b2 = s.params.regulation.retrospective_share;
  // The peers' current leaders (this one included): impression, standardised.
  auto& weight = s.scratch_a;
  weight.clear();
  std::size_t self = 0;
  for (auto v = s.tree.unit_begin[sup]; v < s.tree.unit_end[sup]; ++v) {
    if (s.tree.unit_superior[v] != sup) continue;
    const auto lv = s.units.leader[v];
    if (lv == l) self = weight.size();
    weight.push_back(s.leaders[lv].impression);
  }
  double mean = 0, sq = 0;
  for (double v : weight) mean += v;
  mean /= static_cast<double>(weight.size());
  for (double v : weight) sq += (v - mean) * (v - mean);
  // A floor on the spread: with impressions all but equal, promotion is all but even.
  const double sd = std::max(std::sqrt(sq / static_cast<double>(weight.size())), 0.1);
  const double review = b2 > 0 ? reviewedStanding(s, sup, l) : 0.0;
  const double beta = s.params.drivers.tournament_steepness;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    const double z = (weight[i] - mean) / sd;
    weight[i] = std::exp(beta * (i == self ? (1.0 - b2) * z + b2 * review : z));
  }
  // Scale the weights so that the peers' probabilities min(cap, c * weight) average to the quota:
  // the tournament promotes promotion_share of leaders whatever its steepness. With the weights in
  // decreasing order and the first k capped, c = (quota n - cap k) / (sum of the rest); the right
  // k is the first for which the next weight stays below the cap.
  const double cap = s.params.leaders.max_promotion_probability;
  const double quota = std::min(s.params.drivers.promotion_share, cap);
  const double self_weight = weight[self];
  std::sort(weight.begin(), weight.end(), std::greater<>());
  double rest = 0;
  for (double x : weight) rest += x;
  const double n = static_cast<double>(weight.size());
  double c = 0;
  for (std::size_t k = 0; k < weight.size(); ++k) {
    c = (quota * n - cap * static_cast<double>(k)) / rest;
    if (c * weight[k] <= cap) break;
    rest -= weight[k];
  }
  auto rng = s.stream(l, Purpose::Promotion);
  return rng.uniform() < std::min(cap, c * self_weight);
}

void inherit(State& s, std::uint32_t u, std::uint32_t successor) {
  const auto& p = s.params;
  const auto w = evaluationWeights(p);
  const auto sup = s.tree.unit_superior[u];
  const double pv = promotionValue(s, u);
  const double share = successorShare(p);
  const double keep = p.pilot.restart_keep;
  auto rng = s.stream(u, Purpose::Succession);
  Pilot* P = s.unitPilots(u);
  const int inherited = s.pilotCount(u);
  // Decide for every inherited pilot first (in block order, so draws are reproducible), then act
  // from the back of the block: ending a pilot shifts only those after it, restarts are appended.
  enum Choice : std::uint32_t { Continue, Stop, Restart, Rule };
  auto& choice = s.scratch_ids;
  choice.assign(static_cast<std::size_t>(inherited), Continue);
  for (int i = 0; i < inherited; ++i) {
    const Pilot& pl = P[i];
    if (pl.status == PilotStatus::Institutionalised) {
      choice[i] = Rule;  // rules survive turnover
      continue;
    }
    const bool plan = pl.status == PilotStatus::Preparing;
    if (!plan) s.events.inherited += 1;
    const bool bound = pl.target > 0 && p.couplings.high_level_push > 0;  // programme still running
    const int k = pl.domain;
    const double sig = signalWeight(s, sup, k);
    const double pub = publicValue(s, u, k, std::max(pl.built, static_cast<double>(pl.quality) * pl.fit));
    const double load = p.behaviour.load_cost * s.units.load[u] / s.units.budget[u];
    const double protection = (pl.recognised || pl.target > 0) ? p.evaluation.protection_penalty : 0.0;
    const double blame = p.regulation.accountability + protection;
    double utility[3] = {
        pv * share * w.reports * sig * pl.reported + pub - load,
        -pv * blame - p.behaviour.stop_cost,
        -1e9,
    };
    if (p.mechanisms.renamed_restarts && !plan) {
      utility[2] = pv * (w.novelty * renamedNovelty(s, u, k) + w.reports * sig * keep * pl.reported - blame) +
                   keep * pub - p.behaviour.start_cost - load;
    }
    choice[i] = bound ? Continue : static_cast<Choice>(logitChoice(utility, p.behaviour.rationality, rng, s.scratch_b));
  }
  for (int i = inherited - 1; i >= 0; --i) {
    Pilot& pl = P[i];
    if (choice[i] == Continue || choice[i] == Rule) {
      if (pl.turnovers < 255) ++pl.turnovers;
      continue;
    }
    const bool plan = pl.status == PilotStatus::Preparing;
    if (!plan) {
      s.events.interrupted += 1;
      s.units.year_penalty[u] +=
          p.regulation.accountability + ((pl.recognised || pl.target > 0) ? p.evaluation.protection_penalty : 0.0);
    }
    if (choice[i] == Stop) {
      endPilot(s, u, i, plan ? PilotStatus::Abandoned : PilotStatus::Interrupted, true);
      continue;
    }
    // Restart under a new name: same content (lineage), the new leader's credit and novelty claim,
    // part of the built impact kept.
    NewPilot np{u, pl.domain, Origin::Restart, successor, 0, 0};
    auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
    np.quality = drawQuality(p, s.units.head[u].competence, 1, 0, drng);
    np.fit = pl.fit;
    np.lineage = pl.lineage;
    np.restarted_from = pl.id;
    np.novelty = renamedNovelty(s, u, pl.domain);
    np.built = keep * pl.built;
    np.realised = keep * pl.realised;
    np.already_real = pl.became_real != 0;
    const int k = pl.domain;
    endPilot(s, u, i, PilotStatus::Interrupted, true);
    s.units.legacy[u * s.K + k] -= np.realised;  // the kept part moves to the new pilot
    startPilot(s, np);
  }
}

/// A rotated leader arriving at unit u weighs restarting here the best of the pilots it started in
/// its previous post (另起炉灶): the content it knows, its quality raised by experience, adapted to
/// this unit's need, claimed as new here.
void considerRelocation(State& s, std::uint32_t u, std::uint32_t successor, std::uint32_t previous) {
  const auto& p = s.params;
  if (!p.mechanisms.relocated_restarts || !canStartPilot(s, u)) return;
  const Leader& before = s.leaders[previous];
  const Pilot* P = s.unitPilots(before.unit);
  const Pilot* best = nullptr;
  for (int i = 0; i < s.pilotCount(before.unit); ++i)
    if (P[i].leader == previous && P[i].status != PilotStatus::Preparing &&
        (!best || P[i].quality * P[i].fit > best->quality * best->fit))
      best = &P[i];
  if (!best) return;
  const int k = best->domain;
  const auto w = evaluationWeights(p);
  const double learned = p.mechanisms.learning_from_peers ? 1.0 + p.behaviour.learning : 1.0;
  const double quality = std::min(p.pilot.max_quality, best->quality * learned);
  const double pot = quality * adaptedFit(p, s.need(u, k));
  const double credited = creditedShareFor(s, u, k);
  const double career = w.reports * signalWeight(s, s.tree.unit_superior[u], k) * expectedReport(s, k, pot, credited) +
                        w.novelty * noveltyClaim(s, u, k) +
                        w.citizens * s.need(u, k) * unmetShare(s, u, k) * pot * credited;
  const double utility = promotionValue(s, u) * career + publicValue(s, u, k, pot) -
                         p.behaviour.relocation_cost_share * p.behaviour.start_cost -
                         p.behaviour.load_cost * (s.units.load[u] + 1.0) / s.units.budget[u];
  auto rng = s.stream(successor, Purpose::Relocation);
  if (rng.uniform() >= logitShare(utility, p.behaviour.rationality)) return;
  NewPilot np{u, k, Origin::Relocated, successor, quality, 0};
  np.fit = std::clamp(adaptedFit(p, s.need(u, k)) + p.pilot.fit_noise * rng.normal(), p.pilot.min_fit, 1.0);
  np.lineage = best->lineage;
  np.restarted_from = best->id;
  startPilot(s, np);
}

/// The rotated leader waiting longest for a post under `scope` (not back to its own unit), or kNone.
std::uint32_t takeFromPool(State& s, std::uint32_t scope, std::uint32_t u) {
  for (auto it = s.pool.begin(); it != s.pool.end(); ++it)
    if (it->scope == scope && it->until >= s.month && s.leaders[it->leader].unit != u) {
      const auto l = it->leader;
      s.pool.erase(it);
      return l;
    }
  return kNone;
}

}  // namespace

void turnOverLeaders(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.turnover) return;
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  std::erase_if(s.pool, [&](const PoolEntry& e) { return e.until < s.month; });  // waited too long: left
  auto& due = s.scratch_due;
  due.clear();
  for (std::uint32_t u = 0; u < N; ++u)
    if (s.units.head[u].tenure_end <= s.month || s.units.dismissed[u]) due.push_back(u);
  for (const auto u : due) {
    const auto l = s.units.leader[u];
    auto& leader = s.leaders[l];
    const auto sup = s.tree.unit_superior[u];
    const auto scope = sup == 0 ? 0u : s.tree.parent[sup];
    leader.impression -= (1.0 - p.evaluation.impression_memory) * s.units.year_penalty[u];
    s.units.year_penalty[u] = 0;
    ExitReason exit = ExitReason::Dismissed;
    if (!s.units.dismissed[u]) {
      const bool promoted = promote(s, u, l);
      auto rrng = s.stream(l, Purpose::Rotation);
      exit = promoted ? ExitReason::Promoted
                      : (p.mechanisms.rotation && rrng.uniform() < p.leaders.rotation_share ? ExitReason::Rotated
                                                                                            : ExitReason::Retired);
    }
    s.units.dismissed[u] = 0;
    leader.promoted = exit == ExitReason::Promoted ? 1 : 0;
    leader.exit = exit;
    leader.ended = s.month;
    leader.contribution_at_exit = static_cast<float>(leaderContribution(s, l));
    s.events.tenures_ended += 1;
    s.events.promotions += leader.promoted;
    s.ended_tenures.push_back(TenureRecord{l, u, leader.previous, leader.start, s.month, leader.ambition,
                                           leader.competence, leader.impression, 0.0, leader.reviewed, leader.promoted,
                                           exit, leader.start < p.run.burn_in, leader.pilots_started});
    if (exit == ExitReason::Rotated) {
      s.pool.push_back({l, scope, s.month + p.leaders.pool_wait});
      if (p.regulation.retrospective_share > 0) s.under_review.push_back(l);
    }
    const auto previous = takeFromPool(s, scope, u);
    const auto successor = appointLeader(s, u, s.month, 0, previous);
    inherit(s, u, successor);
    if (previous != kNone) considerRelocation(s, u, successor, previous);
  }
}

}  // namespace pilotsim
