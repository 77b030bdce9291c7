// 5.3 Spontaneous pilots: impression race, peer push, promotion drive (paper s.2.1, s.2.2, s.2.4,
// s.3.1).
//
// A leader who considers an initiative values a pilot of its own in each domain k at its best
// design: preparation p (behaviour.preparation_options) and boldness b (cautious, normal, bold),
//   U_k = PV * [ w_rep * sig_k * E[R] + w_nov * E[novelty] + w_cit * need * unmet * pot * credited
//               + iso - E[penalty] ] + public value(pot) + responsiveness - start cost - load cost,
//   pot = meanQuality * bold_quality[b] * prep(p) * learning * designedFit(need),
// where credited and E[R] count only the months left in office after the preparation. The first
// place in k, if no peer holds it, is worth the multi-level novelty claim, but only if no peer
// launches in k during the preparation: P(still first) = exp(-lambda p), lambda = the peers'
// observed start rate x peers / K. Hence the race (paper s.2.1): where the first place is open and
// worth much, leaders prepare less and launch worse designs; latecomers, with nothing to lose by
// waiting, prepare fully and learn from peers' pilots. Error tolerance lowers the expected failure
// penalty, so designs get bolder (higher mean and spread of quality, more failures); red-line
// crossings are never tolerated.
#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Initiatives.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {

double isomorphicPressure(const State& s, std::uint32_t u) {
  const auto& p = s.params;
  if (!p.mechanisms.isomorphic_pressure) return 0.0;
  const auto sup = s.tree.unit_superior[u];
  return p.behaviour.isomorphic_weight * p.drivers.peer_push * std::max(0.0, s.peer_mean_load[sup] - s.units.load[u]);
}

double expectedPenalty(const State& s, std::uint32_t u, int k, double quality, double fit, int boldness,
                       bool designated) {
  const auto& p = s.params;
  double penalty = 0;
  if (p.mechanisms.pilot_failure) {
    double h = failureHazard(p, s.difficulty[k], quality, fit) * p.pilot.bold_failure[boldness];
    if (designated) h *= p.programmes.framework_risk;
    penalty += windowProbability(p, h) * p.evaluation.failure_penalty * (1.0 - p.couplings.error_tolerance);
  }
  if (p.mechanisms.red_line) {
    // A crossing is assumed found: red lines are political, and superiors look for them.
    const double cross = windowProbability(p, p.pilot.redline_rate * p.pilot.bold_redline[boldness]);
    penalty += cross * p.evaluation.redline_penalty * (1.0 + p.leaders.redline_dismissal);
  }
  return penalty * riskFactor(p, s.units.head[u].risk_aversion);
}

void ownPilotOptions(const State& s, std::uint32_t u, std::vector<InitiativeOption>& out) {
  const auto& p = s.params;
  const auto& m = p.mechanisms;
  const auto w = evaluationWeights(p);
  const auto sup = s.tree.unit_superior[u];
  const double pv = promotionValue(s, u);
  const double competence = s.units.head[u].competence;
  const double peers = std::max<double>(1.0, s.direct_units[sup] - 1.0);
  const double iso = isomorphicPressure(s, u);
  const double cost = p.behaviour.start_cost +
                      p.behaviour.load_cost * (s.units.load[u] + s.units.preparing[u] + 1.0) / s.units.budget[u];
  const auto& options = p.behaviour.preparation_options;
  // Without the race every design gets the middle preparation; without bold designs, normal boldness.
  const std::size_t first_prep = m.preparation_race ? 0 : options.size() / 2;
  const std::size_t last_prep = m.preparation_race ? options.size() : first_prep + 1;
  const int first_bold = m.bold_designs ? 0 : 1, last_bold = m.bold_designs ? kBoldness : 2;
  // The chance a given open domain is claimed by a peer in a month.
  const double lambda = s.superiors.start_rate[sup] * peers / s.K;
  // What depends only on the preparation or only on the boldness, computed once per decision: this
  // runs for every leader who considers a move (a sixth of them a month), over every domain and
  // every design, and exp() was the largest cost of it.
  const double risk = riskFactor(p, s.units.head[u].risk_aversion);
  const double tolerated =
      p.mechanisms.pilot_failure ? p.evaluation.failure_penalty * (1.0 - p.couplings.error_tolerance) : 0.0;
  std::array<double, kBoldness> redline{};
  for (int b = first_bold; b < last_bold; ++b)
    redline[b] = m.red_line ? windowProbability(p, p.pilot.redline_rate * p.pilot.bold_redline[b]) *
                                  p.evaluation.redline_penalty * (1.0 + p.leaders.redline_dismissal)
                            : 0.0;
  std::array<double, kMaxPreparationOptions> prep_factor{}, first_kept{};
  for (std::size_t i = first_prep; i < last_prep; ++i) {
    prep_factor[i] = preparationFactor(p, options[i]);
    first_kept[i] = m.first_mover_race ? std::exp(-lambda * options[i]) : 1.0;
  }
  // Also once per decision, each in the order of operations of the formulas it stands for (so that
  // every utility is the same to the last bit): the design quality before learning from peers
  // (mean x boldness x preparation), the weights of public value and responsiveness, and the row of
  // the credit table each preparation option reads.
  const double mean_quality = meanQuality(p, competence);
  std::array<std::array<double, kBoldness>, kMaxPreparationOptions> designed{};
  std::array<std::size_t, kMaxPreparationOptions> credit_row{};
  const auto rows = s.horizon.size();
  for (std::size_t i = first_prep; i < last_prep; ++i) {
    for (int b = first_bold; b < last_bold; ++b)
      designed[i][b] = mean_quality * p.pilot.bold_quality[b] * prep_factor[i];
    // creditedShareFor(s, u, k, options[i]) = s.credited[row * K + k]
    const auto in_office = static_cast<std::size_t>(std::max(0, s.month + options[i] - s.units.head[u].start));
    credit_row[i] = std::min(in_office, rows - 1) * s.K;
  }
  const double public_weight = publicWeight(p, s.units.head[u].ambition);
  const double respond_weight = p.behaviour.pressure_weight * p.drivers.performance_pressure +
                                p.behaviour.participation_weight * p.regulation.participation;
  const auto& pp = p.pilot;
  const double max_quality = pp.max_quality, failure_quality = pp.failure_quality, window = pp.failure_window;
  for (int k = 0; k < s.K; ++k) {
    const double need = s.need(u, k);
    const double unmet = unmetShare(s, u, k);
    const double taken = peersRunning(s, u, k);
    const auto parts = noveltyParts(s, u, k);
    const double claim_now = parts.innovation + parts.first + parts.niche;
    // If a peer takes the first place meanwhile, the first-place credit is lost and the niche is
    // that of a domain one peer runs.
    const double claim_after =
        parts.innovation + (m.niche_seeking ? p.drivers.peer_push * (1.0 - std::min(1.0, (taken + 1) / peers)) : 0.0);
    const double learned = !m.learning_from_peers || taken <= 0
                               ? 1.0
                               : 1.0 + p.behaviour.learning * std::min(1.0, taken / p.behaviour.learning_saturation);
    const double fit = designedFit(p, need);
    const double sig = signalWeight(s, sup, k);
    const double public_per_potential = public_weight * need * unmet;  // publicValue(s, u, k, 1.0)
    const double respond = respond_weight * need * unmet;              // responsiveness(s, u, k)
    const double inflation = expectedReport(s, k, 0.0, 0.0);           // the packaging part of the expected report
    const double visibility = s.visibility[k];
    // The parts of failureHazard(p, difficulty, quality, fit) that do not depend on the quality,
    // and the weights of reports and of citizens' need in the career gain.
    const double hazard_base = pp.failure_rate * std::max(0.0, 1.0 + pp.failure_difficulty * (s.difficulty[k] - 0.5));
    const double fit_factor = 1.0 + pp.failure_fit * (1.0 - fit);
    const double report_weight = w.reports * sig;
    const double citizen_weight = w.citizens * need * unmet;
    InitiativeOption best{InitiativeOption::Kind::OwnPilot,
                          static_cast<std::uint8_t>(k),
                          0,
                          1,
                          AdoptionStyle::None,
                          kNone,
                          kNone,
                          kNone,
                          -1e300};
    for (std::size_t i = first_prep; i < last_prep; ++i) {
      const double months = options[i];
      const double credited = s.credited[credit_row[i] + k];
      const double still_first = taken <= 0 ? first_kept[i] : 1.0;
      const double novelty = taken <= 0 ? still_first * claim_now + (1.0 - still_first) * claim_after : claim_now;
      const double novelty_gain = w.novelty * novelty;
      for (int b = first_bold; b < last_bold; ++b) {
        const double quality = std::min(max_quality, designed[i][b] * learned);
        const double pot = quality * fit;
        const double failure =
            tolerated > 0 ? std::min(1.0, hazard_base * (1.0 + failure_quality * (1.0 - std::min(1.0, quality))) *
                                              fit_factor * pp.bold_failure[b] * window) *
                                tolerated
                          : 0.0;
        const double career = report_weight * (visibility * pot * credited + inflation) + novelty_gain +
                              citizen_weight * pot * credited + iso - (failure + redline[b]) * risk;
        const double utility = pv * career + public_per_potential * pot + respond - cost;
        if (utility > best.utility) {
          best.utility = utility;
          best.preparation = static_cast<std::uint8_t>(months);
          best.boldness = static_cast<std::uint8_t>(b);
        }
      }
    }
    out.push_back(best);
  }
}

void startOwnPilot(State& s, std::uint32_t u, const InitiativeOption& o) {
  const auto& p = s.params;
  const int k = o.domain;
  const double taken = peersRunning(s, u, k);
  auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
  NewPilot np{u, k, Origin::Spontaneous, s.units.leader[u], 0, 0};
  np.quality = drawQuality(p, s.units.head[u].competence, o.boldness, o.preparation, drng);
  if (taken > 0 && p.mechanisms.learning_from_peers)
    np.quality = boundQuality(
        p, np.quality * (1.0 + p.behaviour.learning * std::min(1.0, taken / p.behaviour.learning_saturation)));
  np.fit = drawFit(p, s.need(u, k), drng);
  np.preparation = o.preparation;
  np.boldness = o.boldness;
  s.events.designed_starts += 1;
  s.events.bold_starts += o.boldness == 2;
  startPilot(s, np);
}

}  // namespace pilotsim
