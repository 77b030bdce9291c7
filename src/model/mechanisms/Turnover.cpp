// 5.9 Turnover, promotion, succession (paper s.2.4, s.4.3, s.5.2).
//
// When a tenure ends the leader enters a tournament among the peers' current leaders: with z the
// standardised impression (under B2 mixed with standardised realised contribution: the superior
// looks back at what the leader's pilots delivered),
//   P(promoted) = min(0.95, c * exp(beta z)),  c such that the peers' mean probability is
// promotion_share (the quota), beta the steepness after B5. Penalties incurred since the last
// evaluation are charged to the departing leader's impression before the tournament. The successor inherits the unit's
// pilots and, for each that still needs attention, chooses by logit to continue, stop or restart it under a new name:
//   U_continue = PV * share * w_rep * sig * R_p + public value of the pilot - load cost
//   U_stop     = -PV * accountability (B4)
//   U_restart  = PV * (w_nov * fresh novelty + w_rep * sig * keep * R_p) + keep * public value
//                - start cost - PV * accountability
// where share is the successor's credit share (low by default; B3 raises it). Designated pilots
// under high-level push must be continued while their programme runs.
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"
#include "model/Leaders.hpp"
#include "model/PilotLifecycle.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {
namespace {

bool promote(State& s, std::uint32_t u, std::uint32_t l) {
  const auto sup = s.tree.unit_superior[u];
  const double b2 = s.params.regulation.retrospective_share;
  // The peers' current leaders (this one included): impression and, for B2's look back, realised
  // contribution per month in office.
  auto& impression = s.scratch_a;
  auto& contribution = s.scratch_b;
  impression.clear();
  contribution.clear();
  std::size_t self = 0;
  for (auto v = s.tree.unit_begin[sup]; v < s.tree.unit_end[sup]; ++v) {
    if (s.tree.unit_superior[v] != sup) continue;
    const auto lv = s.units.leader[v];
    if (lv == l) self = impression.size();
    impression.push_back(s.leaders[lv].impression);
    contribution.push_back(b2 > 0 ? leaderContribution(s, lv) / std::max(1, s.month - s.leaders[lv].start) : 0.0);
  }
  const auto standardise = [](std::vector<double>& x, double floor) {
    double mean = 0, sq = 0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(x.size());
    for (double v : x) sq += (v - mean) * (v - mean);
    const double sd = std::max(std::sqrt(sq / static_cast<double>(x.size())), floor);
    for (double& v : x) v = (v - mean) / sd;
  };
  standardise(impression, 0.1);
  standardise(contribution, 1e-3);
  const double beta = effectiveSteepness(s.params);
  auto& weight = impression;
  for (std::size_t i = 0; i < weight.size(); ++i)
    weight[i] = std::exp(beta * ((1.0 - b2) * impression[i] + b2 * contribution[i]));
  // Scale the weights so that the peers' probabilities min(0.95, c * weight) average to the quota:
  // the tournament promotes promotion_share of leaders whatever its steepness. With the weights in
  // decreasing order and the first k capped, c = (quota n - 0.95 k) / (sum of the rest); the right
  // k is the first for which the next weight stays below the cap.
  const double quota = std::min(s.params.drivers.promotion_share, 0.95);
  const double self_weight = weight[self];
  std::sort(weight.begin(), weight.end(), std::greater<>());
  double rest = 0;
  for (double x : weight) rest += x;
  const double n = static_cast<double>(weight.size());
  double c = 0;
  for (std::size_t k = 0; k < weight.size(); ++k) {
    c = (quota * n - 0.95 * static_cast<double>(k)) / rest;
    if (c * weight[k] <= 0.95) break;
    rest -= weight[k];
  }
  const double prob = std::min(0.95, c * self_weight);
  auto rng = s.stream(l, Purpose::Promotion);
  return rng.uniform() < prob;
}

void inherit(State& s, std::uint32_t u, std::uint32_t successor) {
  const auto& p = s.params;
  const auto w = evaluationWeights(p);
  const auto sup = s.tree.unit_superior[u];
  const double pv = promotionValue(s, u);
  const double ambition = s.units.head[u].ambition;
  const double share = successorShare(p);
  const double keep = p.pilot.restart_keep;
  auto rng = s.stream(u, Purpose::Succession);
  Pilot* P = s.unitPilots(u);
  const int inherited = s.pilotCount(u);
  // Decide for every inherited pilot first (in block order, so draws are reproducible), then act
  // from the back of the block: ending a pilot shifts only those after it, restarts are appended.
  enum Choice : std::uint8_t { Continue, Stop, Restart, Rule };
  auto& choice = s.scratch_ids;
  choice.assign(static_cast<std::size_t>(inherited), Continue);
  for (int i = 0; i < inherited; ++i) {
    const Pilot& pl = P[i];
    if (pl.status == PilotStatus::Institutionalised) {
      choice[i] = Rule;  // rules survive turnover
      continue;
    }
    s.events.inherited += 1;
    const bool bound = pl.target > 0 && p.couplings.high_level_push > 0;  // programme still running
    const int k = pl.domain;
    const double sig = signalWeight(s, sup, k);
    const double pub = (1.0 - ambition) * p.behaviour.public_value * s.need(u, k) * unmetShare(s, u, k) *
                       std::max(pl.built, static_cast<double>(pl.quality) * pl.fit);
    const double load = p.behaviour.load_cost * s.units.load[u] / s.units.budget[u];
    double utility[3] = {
        pv * share * w.reports * sig * pl.reported + pub - load,
        -pv * p.regulation.accountability,
        -1e9,
    };
    if (p.mechanisms.renamed_restarts) {
      utility[2] = pv * (w.novelty * renamedNovelty(p) + w.reports * sig * keep * pl.reported) + keep * pub -
                   p.behaviour.start_cost - pv * p.regulation.accountability;
    }
    choice[i] = bound ? Continue : static_cast<Choice>(logitChoice(utility, p.behaviour.rationality, rng, s.scratch_b));
  }
  for (int i = inherited - 1; i >= 0; --i) {
    Pilot& pl = P[i];
    if (choice[i] == Continue || choice[i] == Rule) {
      if (pl.turnovers < 255) ++pl.turnovers;
      continue;
    }
    s.events.interrupted += 1;
    s.units.year_penalty[u] += p.regulation.accountability;
    if (choice[i] == Stop) {
      endPilot(s, u, i, PilotStatus::Interrupted, true);
      continue;
    }
    // Restart under a new name: same content (lineage), the new leader's credit and novelty claim,
    // part of the built impact kept.
    NewPilot np{u, pl.domain, Origin::Restart, successor, 0, 0};
    auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
    np.quality = drawQuality(s.units.head[u].competence, drng);
    np.fit = pl.fit;
    np.lineage = pl.lineage;
    np.restarted_from = pl.id;
    np.novelty = renamedNovelty(p);
    np.built = keep * pl.built;
    np.realised = keep * pl.realised;
    np.already_real = pl.became_real != 0;
    const int k = pl.domain;
    endPilot(s, u, i, PilotStatus::Interrupted, true);
    s.units.legacy[u * s.K + k] -= np.realised;  // the kept part moves to the new pilot
    startPilot(s, np);
  }
}

}  // namespace

void turnOverLeaders(State& s) {
  if (!s.params.mechanisms.turnover) return;
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  // The units whose tenure ends this month, found first (a turnover changes only its own unit's
  // tenure), so that the next one's pilots and its peers' leaders (scattered over the leader
  // table, read by the tournament) can be fetched while this one is handled.
  auto& due = s.scratch_due;
  due.clear();
  for (std::uint32_t u = 0; u < N; ++u)
    if (s.units.head[u].tenure_end <= s.month) due.push_back(u);
  for (std::size_t j = 0; j < due.size(); ++j) {
    const auto u = due[j];
    if (j + 1 < due.size()) {
      const auto next = due[j + 1];
      s.prefetchPilots(next);
      const auto sup = s.tree.unit_superior[next];
      for (auto v = s.tree.unit_begin[sup]; v < s.tree.unit_end[sup]; ++v)
        if (s.tree.unit_superior[v] == sup) __builtin_prefetch(&s.leaders[s.units.leader[v]]);
    }
    const auto l = s.units.leader[u];
    s.leaders[l].impression -= (1.0 - s.params.evaluation.impression_memory) * s.units.year_penalty[u];
    s.units.year_penalty[u] = 0;
    s.leaders[l].promoted = promote(s, u, l) ? 1 : 0;
    s.leaders[l].ended = s.month;
    s.ended_tenures.push_back(TenureRecord{l, u, s.leaders[l].start, s.month, s.units.head[u].ambition,
                                           s.units.head[u].competence, s.leaders[l].impression, 0.0,
                                           s.leaders[l].promoted, s.leaders[l].pilots_started});
    const auto successor = appointLeader(s, u, s.month);
    inherit(s, u, successor);
  }
}

}  // namespace pilotsim
