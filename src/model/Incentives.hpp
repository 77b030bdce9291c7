// What a leader expects to gain from a move: the evaluation rule seen from below.
//
// Every lever acts on behaviour through these functions (incentives) or through constraints and
// information in the mechanisms; no outcome is set from a lever directly. A leader's utility is
//   U = promotionValue * (career gain in evaluation-score units) + (1 - ambition) * public value.
#pragma once

#include "pilotsim/model/State.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

/// x^y for x >= 0 where single precision is ample (attention weights that are normalised next,
/// diminishing returns to packaging): exponents 1 and 2 by multiplication, others by powf, which
/// is several times cheaper than pow. pow() was the largest single cost of the monthly loop.
inline double powFast(double x, double y) {
  if (y == 1.0) return x;
  if (y == 2.0) return x * x;
  return static_cast<double>(std::pow(static_cast<float>(x), static_cast<float>(y)));
}

// The small functions below are inline: the per-unit loops of every month call them.

/// Evaluation weights after B1: citizens get `citizen_weight`, the others share the rest in their
/// configured proportions.
struct EvaluationWeights {
  double reports, novelty, designated, citizens;
};
inline EvaluationWeights evaluationWeights(const Params& p) {
  const auto& e = p.evaluation;
  const double rest = e.weight_reports + e.weight_novelty + e.weight_designated;
  const double c = p.regulation.citizen_weight;
  const double scale = rest > 0 ? (1.0 - c) / rest : 0.0;
  return {e.weight_reports * scale, e.weight_novelty * scale, e.weight_designated * scale, c};
}

/// Tournament steepness after B5 (wider reward scope flattens it).
inline double effectiveSteepness(const Params& p) {
  return p.drivers.tournament_steepness * (1.0 - 0.7 * p.regulation.reward_scope);
}

/// Value to unit u's leader of one point of evaluation score: ambition x payoff x the tournament's
/// slope. A flat tournament (steepness 0) or no ambition gives 0.
inline double promotionValue(const State& s, std::uint32_t unit) {
  const auto& p = s.params;
  const double q = p.drivers.promotion_share;
  // Slope of a softmax tournament at the median: steepness x q(1-q), scaled so q = 1/2 gives the
  // steepness itself. A certain or impossible promotion (q = 1 or 0) rewards no effort.
  const double slope = effectiveSteepness(p) * 4.0 * q * (1.0 - q);
  return s.units.head[unit].ambition * p.behaviour.promotion_payoff * slope;
}

/// Share of a delayed effect (delay in months) a leader with horizon h can expect to be credited
/// for: the part realised in office, plus under B2 a discounted share of the rest.
double creditedShare(const Params& p, double delay, double horizon);

/// creditedShare for unit u's current leader and domain k, with the leader's horizon the expected
/// months left in office at its months in office (leaders do not know the exact date). Read from a
/// table built at initialisation: it depends only on months in office and the domain.
inline double creditedShareFor(const State& s, std::uint32_t unit, int k) {
  const auto rows = s.horizon.size();  // the table has a row per entry of the horizon table
  const auto in_office = static_cast<std::size_t>(std::max(0, s.month - s.units.head[unit].start));
  return s.credited[std::min(in_office, rows - 1) * s.K + k];
}

/// Multiplier the superior's signalled priorities put on reports in domain k (upper pull).
inline double signalWeight(const State& s, std::uint32_t superior, int k) {
  if (!s.params.mechanisms.political_signals) return 1.0;
  const double sk = s.superiors.signal[superior * s.K + k] * s.K;  // 1 = average priority
  return std::max(0.0, 1.0 + s.params.drivers.upper_pull * (sk - 1.0));
}

/// Novelty a renamed pilot (a restart, or a copied and renamed adoption) claims: new, but not
/// first: half the rank credit and a quarter of the niche credit a genuinely new pilot would claim.
double renamedNovelty(const Params& p);

/// Credit share a leader gets for a pilot started by someone else (successor credit + B3).
inline double successorShare(const Params& p) {
  const double base = p.evaluation.successor_credit;
  return base + p.regulation.credit_sharing * (1.0 - base);
}

/// Probability that a unit's reporting gap is detected within a year (inspection + C3).
inline double yearlyDetection(const State& s, std::uint32_t unit) {
  return s.superiors.yearly_detection[s.tree.unit_superior[unit]];
}

/// Expected true-impact potential q x f of a new pilot, as a leader estimates it before designing.
double expectedPotential(const State& s, std::uint32_t unit, int k);

/// Unmet share of need in domain k of unit u: 1 - E/(E + half).
inline double unmetShare(const State& s, std::uint32_t u, int k) {
  const double e = s.units.effectiveness[u * s.K + k];
  return 1.0 - e / (e + s.params.citizens.effect_half);
}

/// Whether to act at all, then which option: P(act) = logistic(beta * IV) against doing nothing
/// (utility 0), with IV = (1/beta) log(mean_k exp(beta U_k)) the inclusive value of the options;
/// then an option by logit. Returns the chosen option index, or options.size() for "nothing".
/// Nesting keeps the number of options from inflating the chance of acting.
std::size_t nestedLogitChoice(std::span<const double> options, double rationality, RandomStream& rng,
                              std::vector<double>& scratch);

/// Whether a recurring event with monthly probability p happens this month, for an entity whose
/// next occurrence is `next` (-1: not drawn yet). Waiting times are drawn as geometric variables,
/// one draw per occurrence instead of one per month, with the same distribution. The test for a
/// month before the next occurrence is inline: it is the common case, every unit every month.
bool drawDue(const State& s, std::int32_t& next, double p, std::uint32_t entity, Purpose purpose);
inline bool dueNow(const State& s, std::int32_t& next, double p, std::uint32_t entity, Purpose purpose) {
  if (next >= 0 && s.month < next) return false;
  return drawDue(s, next, p, entity, purpose);
}

/// Utility of choosing among options by logit: returns the chosen index; utilities are compared
/// against each other only (the first is often the "do nothing" option at 0).
std::size_t logitChoice(std::span<const double> utilities, double rationality, RandomStream& rng,
                        std::vector<double>& scratch);

}  // namespace pilotsim
