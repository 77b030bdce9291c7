#include "model/Incentives.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

double creditedShare(const Params& p, double delay, double horizon) {
  // With a first-order lag of `delay` months, the share of an effect realised within h months is
  // 1 - exp(-h/delay); the rest is realised after the leader left, and only B2's later reviews
  // credit it, worth less to the leader than credit in office.
  const double in_office = delay <= 0 ? 1.0 : 1.0 - std::exp(-horizon / delay);
  const double retro = p.behaviour.retrospective_discount * p.regulation.retrospective_share;
  return in_office + retro * (1.0 - in_office);
}

NoveltyParts noveltyParts(const State& s, std::uint32_t u, int k) {
  const auto& p = s.params;
  const auto sup = s.tree.unit_superior[u];
  const double taken = peersRunning(s, u, k);
  const double peers = std::max<double>(1.0, s.direct_units[sup] - 1.0);
  NoveltyParts n{p.drivers.innovation_credit, 0.0, 0.0};
  if (p.mechanisms.first_mover_race && taken <= 0) {
    // The claim reaches as high as no other unit runs the domain: walk up while unique.
    int levels = 0;
    if (p.mechanisms.multilevel_novelty) {
      const unsigned self = (s.units.domains_at_start[u] >> k) & 1u;
      for (auto a = sup; a != 0;) {
        a = s.tree.parent[a];
        if (s.subtree_domain_units[a * s.K + k] - self > 0) break;
        ++levels;
      }
    }
    n.first = p.drivers.rank_credit * (1.0 + p.drivers.novelty_level_gain * levels);
  }
  if (p.mechanisms.niche_seeking) n.niche = p.drivers.peer_push * (1.0 - taken / peers);
  return n;
}

double renamedNovelty(const State& s, std::uint32_t u, int k) {
  const auto& b = s.params.behaviour;
  const auto n = noveltyParts(s, u, k);
  return b.renamed_rank_share * (n.innovation + n.first) + b.renamed_niche_share * n.niche;
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

std::size_t nestedLogitChoice(std::span<const double> options, double rationality, RandomStream& rng,
                              std::vector<double>& scratch) {
  if (options.empty()) return 0;
  const double top = *std::max_element(options.begin(), options.end());
  scratch.resize(options.size());
  double mean_exp = 0;
  for (std::size_t i = 0; i < options.size(); ++i) mean_exp += scratch[i] = std::exp(rationality * (options[i] - top));
  mean_exp /= static_cast<double>(options.size());
  const double iv = top + std::log(mean_exp) / rationality;
  if (rng.uniform() >= logitShare(iv, rationality)) return options.size();
  const auto i = rng.categorical(scratch);
  return i < options.size() ? i : 0;
}

}  // namespace pilotsim
