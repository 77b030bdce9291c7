// 5.3 Spontaneous pilots (paper s.2.1, s.2.2, s.2.4, s.3.1).
//
// Each month a leader may weigh starting a pilot. Whether to start at all is a logit of the
// options' inclusive value against doing nothing (utility 0); which domain, a logit over domains k
// (Incentives.hpp nestedLogitChoice), with utility
//   U_k = PV * [ w_rep * sig_k * E[report_k] + w_nov * novelty_k + w_cit * need_k * unmet_k * credited_k * pot_k
//               + iso - p_fail_k * penalty * (1 - tolerance) * (1 + risk) ]
//       + (1 - ambition) * public_value * need_k * unmet_k * pot_k
//       + pressure and participation terms - start cost - load cost,
// where PV is the promotion value of a score point (Incentives.hpp). novelty_k rewards being first
// among peers in k (rank tournament) and standing apart from them (niche seeking); iso is the
// pressure to keep up with peers' number of pilots. The choice is logit. First movers rush and
// design worse; latecomers learn from peers' pilots and design better.
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {
namespace {

/// Expected reported impact of a new pilot in the evaluation horizon: the realised part credited
/// in office, plus what packaging can add if leaders package at all.
double expectedReport(const Params& p, double potential, double credited) {
  const double real = potential * credited;
  return real + (p.mechanisms.packaging ? p.pilot.inflation * (1.0 - 0.7 * p.regulation.participation) : 0.0);
}

/// Chance that a pilot in domain k fails within its failure window, as leaders expect it.
double failureProbability(const Params& p, const Domain& d) {
  if (!p.mechanisms.pilot_failure) return 0.0;
  return 1.0 - std::exp(-p.pilot.failure_rate * p.pilot.failure_window * (0.5 + d.difficulty) * 1.5);
}

/// Novelty a new pilot can claim when `taken` of its unit's `peers` already run its domain: the rank
/// credit if it is first, the niche credit in proportion to how few peers are there.
double noveltyClaim(const Params& p, double taken, double peers) {
  double novelty = 0;
  if (p.mechanisms.first_mover_race && taken <= 0) novelty += p.drivers.rank_credit;
  if (p.mechanisms.niche_seeking) novelty += p.drivers.peer_push * (1.0 - taken / peers);
  return novelty;
}

/// Peers (not unit u itself) running a pilot in domain k at the start of the month.
double peersRunning(const State& s, std::uint32_t u, std::uint32_t sup, int k) {
  const unsigned self = (s.units.domains_at_start[u] >> k) & 1u;
  return s.peer_domain_units[sup * s.K + k] - static_cast<double>(self);
}

}  // namespace

void startSpontaneousPilots(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.spontaneous_pilots) return;
  const auto& m = p.mechanisms;
  const auto w = evaluationWeights(p);
  const auto K = static_cast<std::size_t>(s.K);
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  std::vector<double>& utility = s.scratch_a;
  std::array<double, 8> failure{};
  for (int k = 0; k < s.K; ++k) failure[k] = failureProbability(p, s.domains[k]);
  // The leaders weighing a pilot this month, found first (whether one does depends only on its own
  // unit, which no other unit's start changes), so that the next one's data can be fetched while
  // this one decides: about one unit in seven, scattered over the arrays.
  auto& due = s.scratch_due;
  due.clear();
  for (std::uint32_t u = 0; u < N; ++u)
    if (dueNow(s, s.units.next_consider[u], p.behaviour.consider_rate, u, Purpose::SpontaneousConsider) &&
        canStartPilot(s, u))
      due.push_back(u);
  for (std::size_t j = 0; j < due.size(); ++j) {
    const auto u = due[j];
    if (j + 1 < due.size()) {
      const auto next = due[j + 1];
      __builtin_prefetch(&s.need(next, 0));
      __builtin_prefetch(&s.units.effectiveness[next * K]);
      __builtin_prefetch(&s.units.head[next]);
      __builtin_prefetch(&s.leaders[s.units.leader[next]]);
    }
    const auto l = s.units.leader[u];
    const auto sup = s.tree.unit_superior[u];
    const double pv = promotionValue(s, u);
    const double ambition = s.units.head[u].ambition;
    const double peers = std::max<double>(1.0, s.direct_units[sup] - 1.0);
    const double load = s.units.load[u];
    // Isomorphic pressure: fear of falling behind peers who run more pilots (paper s.2.2).
    const double iso =
        m.isomorphic_pressure ? 0.2 * p.drivers.peer_push * std::max(0.0, s.peer_mean_load[sup] - load) : 0.0;
    const double penalty =
        p.evaluation.failure_penalty * (1.0 - p.couplings.error_tolerance) * (1.0 + s.units.head[u].risk_aversion);
    const double cost = p.behaviour.start_cost + p.behaviour.load_cost * (load + 1.0) / s.units.budget[u];

    utility.assign(K, 0.0);
    for (int k = 0; k < s.K; ++k) {
      const double need = s.need(u, k);
      const double unmet = unmetShare(s, u, k);
      const double pot = expectedPotential(s, u, k);
      const double novelty = noveltyClaim(p, peersRunning(s, u, sup, k), peers);
      const double credited = creditedShareFor(s, u, k);
      const double career = w.reports * signalWeight(s, sup, k) * expectedReport(p, pot, credited) +
                            w.novelty * novelty + w.citizens * need * unmet * pot * credited + iso -
                            failure[k] * penalty;
      const double pub = (1.0 - ambition) * p.behaviour.public_value * need * unmet * pot;
      // Citizens', media and experts' pressure and residents' participation steer toward needs.
      const double responsive =
          (0.2 * p.drivers.performance_pressure + 0.5 * p.regulation.participation) * need * unmet;
      utility[k] = pv * career + pub + responsive - cost;
    }
    auto crng = s.stream(u, Purpose::SpontaneousChoice);
    const auto choice = nestedLogitChoice(utility, p.behaviour.rationality, crng, s.scratch_b);
    if (choice == K) continue;
    const int k = static_cast<int>(choice);
    const double taken = peersRunning(s, u, sup, k);
    const bool first = taken <= 0;

    auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
    NewPilot np{u, k, Origin::Spontaneous, l, 0, 0};
    np.quality = drawQuality(s.units.head[u].competence, drng);
    if (first && m.first_mover_race) {
      // Racing to be first: the stronger the rank credit and the leader's ambition, the less time
      // is spent on design (paper s.2.1: haste harms the design's precision).
      np.quality /= 1.0 + p.behaviour.rush * p.drivers.rank_credit * ambition;
    } else if (!first && m.learning_from_peers) {
      np.quality = std::min(1.5, np.quality * (1.0 + p.behaviour.learning * std::min(1.0, taken / 3.0)));
    }
    np.fit = drawFit(s.need(u, k), drng);
    np.first_mover = first;
    np.novelty = noveltyClaim(p, taken, peers);
    startPilot(s, np);
  }
}

}  // namespace pilotsim
