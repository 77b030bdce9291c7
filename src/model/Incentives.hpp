// What a leader expects to gain from a move: the evaluation rule seen from below, and the few
// formulas that several decisions share (each defined here once).
//
// Every lever acts on behaviour through these functions (incentives) or through constraints and
// information in the mechanisms; no outcome is set from a lever directly. A leader's utility is
//   U = PV * (career gain in evaluation-score units) + w_pub * public value,
// with PV the promotion value of a score point and w_pub = (1 - ambition) + B0 * ambition.
// Leaders expect: what the evaluation rule says (weights, signals, credit shares), what they can
// see of their peers (domains run, pilot counts, recognised experiences), and their own unit's
// needs and effectiveness. None of these is another agent's private truth.
#pragma once

#include "model/State.hpp"

#include <algorithm>
#include <cmath>
#include <span>

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

/// Value to a leader of one point of evaluation score: ambition x payoff x the tournament's slope
/// at the median. A flat tournament (steepness 0), a certain or impossible promotion (quota 1 or 0)
/// or no ambition gives 0.
inline double promotionValue(const Params& p, double ambition) {
  const double q = p.drivers.promotion_share;
  return ambition * p.behaviour.promotion_payoff * p.drivers.tournament_steepness * 4.0 * q * (1.0 - q);
}
inline double promotionValue(const State& s, std::uint32_t unit) {
  return promotionValue(s.params, s.units.head[unit].ambition);
}

/// Weight of public value in a leader's utility: what the leader does not spend on career, plus
/// under B0 (the people-centred view of performance) a share of what it does.
inline double publicWeight(const Params& p, double ambition) {
  return ((1.0 - ambition) + p.regulation.people_centred * ambition) * p.behaviour.public_value;
}

/// Unmet share of need in domain k of unit u: 1 - E/(E + half).
inline double unmetShare(const State& s, std::uint32_t u, int k) {
  const double e = s.units.effectiveness[u * s.K + k];
  return 1.0 - e / (e + s.params.citizens.effect_half);
}

/// Public value to unit u's leader of realised impact `potential` in domain k: weighted need met.
inline double publicValue(const State& s, std::uint32_t u, int k, double potential) {
  return publicWeight(s.params, s.units.head[u].ambition) * s.need(u, k) * unmetShare(s, u, k) * potential;
}

/// Share of a report's packaging-bought inflation that convinces: residents' participation (C2)
/// sees through part of it.
inline double persuasion(const Params& p) {
  return 1.0 - p.regulation.participation_scrutiny * p.regulation.participation;
}

/// How much a leader's risk aversion magnifies a penalty it expects.
inline double riskFactor(const Params& p, double risk_aversion) {
  return 1.0 + p.behaviour.risk_weight * risk_aversion;
}

/// Utility of responding to citizens' needs in domain k apart from the evaluation: citizens',
/// media and experts' pressure and residents' participation (C2) steer toward needs.
inline double responsiveness(const State& s, std::uint32_t u, int k) {
  const auto& b = s.params.behaviour;
  return (b.pressure_weight * s.params.drivers.performance_pressure +
          b.participation_weight * s.params.regulation.participation) *
         s.need(u, k) * unmetShare(s, u, k);
}

/// Share of a delayed effect (delay in months) a leader with horizon h can expect to be credited
/// for: the part realised in office, plus under B2 a discounted share of the rest (later reviews
/// measure it, with error but without bias).
double creditedShare(const Params& p, double delay, double horizon);

/// creditedShare for unit u's current leader and domain k, `later` months from now, with the
/// leader's horizon the expected months left in office at its months in office (leaders do not
/// know the exact date). Read from a table built at initialisation.
inline double creditedShareFor(const State& s, std::uint32_t unit, int k, int later = 0) {
  const auto rows = s.horizon.size();  // the table has a row per entry of the horizon table
  const auto in_office = static_cast<std::size_t>(std::max(0, s.month + later - s.units.head[unit].start));
  return s.credited[std::min(in_office, rows - 1) * s.K + k];
}

/// Multiplier the superior's signalled priorities put on reports in domain k (upper pull).
inline double signalWeight(const State& s, std::uint32_t superior, int k) {
  if (!s.params.mechanisms.political_signals) return 1.0;
  const double sk = s.superiors.signal[superior * s.K + k] * s.K;  // 1 = average priority
  return std::max(0.0, 1.0 + s.params.drivers.upper_pull * (sk - 1.0));
}

/// The parts of the novelty a new pilot of unit u in domain k claims if launched now: credit for
/// an innovation of its own; the rank credit if no peer runs k, worth (1 + novelty_level_gain) more
/// for each level above the peers at which no unit runs k either (全市唯一, 全省首创, 全国第一); and
/// the niche credit in proportion to how few peers run k. Reads the views of the start of the
/// month (observePeers).
struct NoveltyParts {
  double innovation, first, niche;
};
NoveltyParts noveltyParts(const State& s, std::uint32_t u, int k);
/// The novelty a new pilot of one's own claims: the sum of its parts.
inline double noveltyClaim(const State& s, std::uint32_t u, int k) {
  const auto n = noveltyParts(s, u, k);
  return n.innovation + n.first + n.niche;
}
/// The novelty a renamed pilot (a restart, or a copied and renamed adoption) of unit u in domain k
/// claims: shares of what an innovation of its own would (behaviour.renamed_rank_share of the
/// innovation and first-place credit, renamed_niche_share of the niche credit).
double renamedNovelty(const State& s, std::uint32_t u, int k);

/// Peers (not unit u itself) running a pilot in domain k at the start of the month.
inline double peersRunning(const State& s, std::uint32_t u, int k) {
  const auto sup = s.tree.unit_superior[u];
  const unsigned self = (s.units.domains_at_start[u] >> k) & 1u;
  return s.peer_domain_units[sup * s.K + k] - static_cast<double>(self);
}

/// Credit share a leader gets for a pilot started by someone else (successor credit + B3).
inline double successorShare(const Params& p) {
  const double base = p.evaluation.successor_credit;
  return base + p.regulation.credit_sharing * (1.0 - base);
}

/// Probability that a unit's reporting gap is detected within a year (inspection + C3).
inline double yearlyDetection(const State& s, std::uint32_t unit) {
  return s.superiors.yearly_detection[s.tree.unit_superior[unit]];
}

/// Mean design quality a leader of given competence draws (before preparation and boldness).
inline double meanQuality(const Params& p, double competence) {
  return competence * 0.5 * (1.0 + p.pilot.quality_floor);
}

/// Quality factor of `months` of preparation: unprepared_quality, closing the gap to 1 with time.
inline double preparationFactor(const Params& p, double months) {
  const double h0 = p.pilot.unprepared_quality;
  return h0 + (1.0 - h0) * (1.0 - std::exp(-months / p.pilot.preparation_scale));
}

/// Expected fit of a pilot designed for a local need level (high need, good fit).
inline double designedFit(const Params& p, double need) {
  return p.pilot.designed_fit_floor + (1.0 - p.pilot.designed_fit_floor) * need;
}
/// Expected fit of an adopted experience adapted to local needs.
inline double adaptedFit(const Params& p, double need) {
  return p.diffusion.adapted_fit_floor + (1.0 - p.diffusion.adapted_fit_floor) * need;
}
/// Expected fit of a copied experience, whatever the need.
inline double copiedFit(const Params& p) { return 0.5 * (p.diffusion.copied_fit_min + p.diffusion.copied_fit_max); }

/// Expected reported impact of a pilot of potential q x f in domain k over the evaluation horizon,
/// as its leader sees it: the visible, credited part of its realised impact, plus what packaging
/// can add if leaders package at all.
inline double expectedReport(const State& s, int k, double potential, double credited) {
  const auto& p = s.params;
  return s.visibility[k] * potential * credited + (p.mechanisms.packaging ? p.pilot.inflation * persuasion(p) : 0.0);
}

/// Monthly failure hazard of a pilot of given difficulty, quality and fit, before boldness.
inline double failureHazard(const Params& p, double difficulty, double quality, double fit) {
  const auto& pp = p.pilot;
  return pp.failure_rate * std::max(0.0, 1.0 + pp.failure_difficulty * (difficulty - 0.5)) *
         (1.0 + pp.failure_quality * (1.0 - std::min(1.0, quality))) * (1.0 + pp.failure_fit * (1.0 - fit));
}
/// The chance a leader reckons that a pilot with monthly hazard h fails (or crosses a red line)
/// within the failure window: the first-order estimate h x window, at most 1. (Leaders weigh
/// risks roughly; the exact 1 - exp(-h window) differs by under 10% for chances under 0.2.)
inline double windowProbability(const Params& p, double h) { return std::min(1.0, h * p.pilot.failure_window); }

/// Whether to act at all, then which option: P(act) = logistic(beta * IV) against doing nothing
/// (utility 0), with IV = (1/beta) log(mean_k exp(beta U_k)) the inclusive value of the options;
/// then an option by logit. Returns the chosen option index, or options.size() for "nothing".
/// Nesting keeps the number of options from inflating the chance of acting.
std::size_t nestedLogitChoice(std::span<const double> options, double rationality, RandomStream& rng,
                              std::vector<double>& scratch);

/// Utility of choosing among options by logit: returns the chosen index; utilities are compared
/// against each other only (the first is often the "do nothing" option at 0).
std::size_t logitChoice(std::span<const double> utilities, double rationality, RandomStream& rng,
                        std::vector<double>& scratch);
/// The logit chance of the option with utility u against one at 0.
inline double logitShare(double u, double rationality) { return 1.0 / (1.0 + std::exp(-rationality * u)); }

/// Whether a recurring event with monthly probability p happens this month, for an entity whose
/// next occurrence is `next` (-1: not drawn yet). Waiting times are drawn as geometric variables,
/// one draw per occurrence instead of one per month, with the same distribution. The test for a
/// month before the next occurrence is inline: it is the common case, every unit every month.
bool drawDue(const State& s, std::int32_t& next, double p, std::uint32_t entity, Purpose purpose);
inline bool dueNow(const State& s, std::int32_t& next, double p, std::uint32_t entity, Purpose purpose) {
  if (next >= 0 && s.month < next) return false;
  return drawDue(s, next, p, entity, purpose);
}

/// A measurement of a positive true value with log-normal error of log-sd `sd` (mean-preserving):
/// what every verified channel and every read report gives a superior instead of the truth.
inline double measured(double truth, double sd, RandomStream& rng) {
  if (sd <= 0) return truth;
  return truth * std::exp(sd * rng.normal() - 0.5 * sd * sd);
}

}  // namespace pilotsim
