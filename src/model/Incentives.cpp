#include "model/Incentives.hpp"

#include "model/PilotLifecycle.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

EvaluationWeights evaluationWeights(const Params& p) {
  const auto& e = p.evaluation;
  const double rest = e.weight_reports + e.weight_novelty + e.weight_designated;
  const double c = p.regulation.citizen_weight;
  const double scale = rest > 0 ? (1.0 - c) / rest : 0.0;
  return {e.weight_reports * scale, e.weight_novelty * scale, e.weight_designated * scale, c};
}

double effectiveSteepness(const Params& p) {
  return p.drivers.tournament_steepness * (1.0 - 0.7 * p.regulation.reward_scope);
}

double promotionValue(const State& s, std::uint32_t unit) {
  const auto& p = s.params;
  const double q = p.drivers.promotion_share;
  // Slope of a softmax tournament at the median: steepness x q(1-q), scaled so q = 1/2 gives the
  // steepness itself. A certain or impossible promotion (q = 1 or 0) rewards no effort.
  const double slope = effectiveSteepness(p) * 4.0 * q * (1.0 - q);
  return s.units.head[unit].ambition * p.behaviour.promotion_payoff * slope;
}

double creditedShare(const Params& p, double delay, double horizon) {
  // With a first-order lag of `delay` months, the share of an effect realised within h months is
  // 1 - exp(-h/delay); the rest is realised after the leader left.
  const double in_office = delay <= 0 ? 1.0 : 1.0 - std::exp(-horizon / delay);
  const double retro = 0.8 * p.regulation.retrospective_share;  // 0.8: discount for later credit
  return in_office + retro * (1.0 - in_office);
}

double renamedNovelty(const Params& p) {
  return (p.mechanisms.first_mover_race ? 0.5 * p.drivers.rank_credit : 0.0) +
         (p.mechanisms.niche_seeking ? 0.25 * p.drivers.peer_push : 0.0);
}

double successorShare(const Params& p) {
  const double base = p.evaluation.successor_credit;
  return base + p.regulation.credit_sharing * (1.0 - base);
}

double yearlyDetection(const State& s, std::uint32_t unit) {
  return s.superiors.yearly_detection[s.tree.unit_superior[unit]];
}

double expectedPotential(const State& s, std::uint32_t unit, int k) {
  const double fit = designedFit(s.need(unit, k));
  return std::min(1.5, 0.85 * s.units.head[unit].competence) * fit;
}

bool dueNow(const State& s, std::int32_t& next, double p, std::uint32_t entity, Purpose purpose) {
  if (next >= 0 && s.month < next) return false;
  auto rng = s.stream(entity, purpose);
  const auto wait = [&] { return static_cast<std::int32_t>(std::min<std::uint32_t>(rng.geometric(p), 1u << 30)); };
  if (next < 0) {
    next = s.month + wait();  // the first occurrence may be this very month
    if (s.month < next) return false;
  }
  next = s.month + 1 + wait();
  return true;
}

std::size_t logitChoice(std::span<const double> utilities, double rationality, RandomStream& rng,
                        std::vector<double>& scratch) {
  scratch.resize(utilities.size());
  const double top = *std::max_element(utilities.begin(), utilities.end());
  for (std::size_t i = 0; i < utilities.size(); ++i)
    scratch[i] = std::exp(rationality * (utilities[i] - top));
  const auto i = rng.categorical(scratch);
  return i < utilities.size() ? i : 0;
}

}  // namespace pilotsim

namespace pilotsim {

std::size_t nestedLogitChoice(std::span<const double> options, double rationality, RandomStream& rng,
                              std::vector<double>& scratch) {
  const double top = *std::max_element(options.begin(), options.end());
  scratch.resize(options.size());
  double mean_exp = 0;
  for (std::size_t i = 0; i < options.size(); ++i) mean_exp += scratch[i] = std::exp(rationality * (options[i] - top));
  mean_exp /= static_cast<double>(options.size());
  const double iv = top + std::log(mean_exp) / rationality;
  const double act = 1.0 / (1.0 + std::exp(-rationality * iv));
  if (rng.uniform() >= act) return options.size();
  const auto i = rng.categorical(scratch);
  return i < options.size() ? i : 0;
}

}  // namespace pilotsim
