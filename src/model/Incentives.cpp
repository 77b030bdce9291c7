#include "model/Incentives.hpp"

#include "model/PilotLifecycle.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

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

double expectedPotential(const State& s, std::uint32_t unit, int k) {
  const double fit = designedFit(s.need(unit, k));
  return std::min(1.5, 0.85 * s.units.head[unit].competence) * fit;
}

bool drawDue(const State& s, std::int32_t& next, double p, std::uint32_t entity, Purpose purpose) {
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
  for (std::size_t i = 0; i < utilities.size(); ++i) scratch[i] = std::exp(rationality * (utilities[i] - top));
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
