// 5.1 Environment and signals (paper s.2.1, s.2.3), and what peers see of each other.
//
// Needs revert to each unit's long-run level with noise:
//   n <- n + reversion (n_mean - n) + U(-sqrt3 sd, +sqrt3 sd),  clamped to [0, 1],
// and with `shock_rate` a year one domain's need jumps by `shock_size` ("new situations, new
// problems"). A running pilot in that domain was designed for the old need: it loses a share
// `shock_fit_loss` of its fit, until a second innovation redesigns it (SecondInnovation.cpp).
// Superiors revise their signals at exponential intervals: political emphasis (Dirichlet),
// partly inherited from their own superior, moved toward aggregate real needs as far as A4 goes.
#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

void aggregateNeeds(const State& s, std::uint32_t superior, std::vector<double>& out) {
  out.assign(static_cast<std::size_t>(s.K), 0.0);
  for (auto u = s.tree.unit_begin[superior]; u < s.tree.unit_end[superior]; ++u)
    for (int k = 0; k < s.K; ++k) out[k] += s.need(u, k);
  double total = 0;
  for (double x : out) total += x;
  for (double& x : out) x = total > 0 ? x / total : 1.0 / s.K;
}

namespace {

/// Running pilots in a shocked domain lose fit: the problem they were designed for has changed.
void shockPilots(State& s, std::uint32_t u, int k) {
  const double keep = 1.0 - s.params.pilot.shock_fit_loss;
  Pilot* P = s.unitPilots(u);
  for (int i = 0; i < s.pilotCount(u); ++i)
    if (P[i].domain == k && P[i].status != PilotStatus::Preparing)
      P[i].fit = std::max(static_cast<float>(s.params.pilot.min_fit), static_cast<float>(P[i].fit * keep));
  pilotsChanged(s, u);
}

void driftNeeds(State& s) {
  const auto& env = s.params.environment;
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  // Uniform noise with the given sd (half-width sqrt(3) sd), two 16-bit draws per 32-bit word: the
  // drift is a large share of the national scale's draws; summed over months it is close to
  // Gaussian.
  const double width = 2.0 * std::sqrt(3.0) * env.need_drift_sd;
  for (std::uint32_t u = 0; u < N; ++u) {
    auto rng = s.stream(u, Purpose::NeedDrift);
    double noise[kMaxDomains];
    for (int k = 0; k < s.K; k += 2) rng.uniform16x2(noise[k], noise[k + 1]);
    for (int k = 0; k < s.K; ++k) {
      double& n = s.need(u, k);
      n += env.need_reversion * (s.units.need_mean[u * s.K + k] - n) + width * (noise[k] - 0.5);
    }
    s.units.shocked[u] = 0;
    if (rng.uniform32() < env.shock_rate / 12.0) {
      // New situations, new problems (paper s.2.3): one domain's need jumps.
      const int k = static_cast<int>(rng.below(static_cast<std::uint32_t>(s.K)));
      s.need(u, k) += env.shock_size;
      s.units.shocked[u] = static_cast<std::uint8_t>(1u << k);
      if (s.units.domain_pilots[u * s.K + k] > 0) shockPilots(s, u, k);
    }
    for (int k = 0; k < s.K; ++k) s.need(u, k) = std::clamp(s.need(u, k), 0.0, 1.0);
  }
}

void reviseSignals(State& s) {
  const auto& p = s.params;
  const auto S = static_cast<std::uint32_t>(s.superiorCount());
  const auto K = static_cast<std::size_t>(s.K);
  auto& own = s.scratch_a;
  auto& needs = s.scratch_b;
  // Pre-order: a superior's parent has revised before it in the same month.
  for (std::uint32_t sup = 0; sup < S; ++sup) {
    if (s.month < s.superiors.next_revision[sup]) continue;
    auto rng = s.stream(sup, Purpose::SignalRevision);
    own.assign(K, 1.0 / static_cast<double>(K));
    if (p.mechanisms.political_signals) {
      // Political priorities: random emphasis (Dirichlet), partly inherited from above.
      double total = 0;
      for (auto& x : own) total += (x = rng.gamma(p.environment.signal_concentration));
      for (auto& x : own) x /= total;
      if (sup != 0) {
        const auto parent = s.tree.parent[sup];
        const double inh = p.environment.signal_inheritance;
        for (std::size_t k = 0; k < K; ++k) own[k] = inh * s.superiors.signal[parent * K + k] + (1 - inh) * own[k];
      }
    }
    // A4 scientific targeting: the signal follows aggregate real needs (learnt by research that
    // costs money: counted in the reform spending each year).
    aggregateNeeds(s, sup, needs);
    const double a4 = p.regulation.scientific_targeting;
    for (std::size_t k = 0; k < K; ++k) s.superiors.signal[sup * K + k] = a4 * needs[k] + (1 - a4) * own[k];
    s.superiors.next_revision[sup] = s.month + std::max(1.0, -p.environment.signal_period * std::log(rng.uniform()));
  }
}

}  // namespace

void updateEnvironment(State& s) {
  if (s.params.mechanisms.needs_drift) {
    driftNeeds(s);
  } else {
    std::fill(s.units.shocked.begin(), s.units.shocked.end(), 0);
  }
  reviseSignals(s);
}

void observePeers(State& s) {
  const auto K = static_cast<std::size_t>(s.K);
  const auto S = s.superiorCount();
  std::fill(s.peer_domain_units.begin(), s.peer_domain_units.end(), 0);
  std::fill(s.peer_mean_load.begin(), s.peer_mean_load.end(), 0.0);
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  for (std::uint32_t u = 0; u < N; ++u) {
    const auto sup = s.tree.unit_superior[u];
    unsigned mask = 0;
    for (std::size_t k = 0; k < K; ++k) {
      const unsigned has = s.units.domain_pilots[u * K + k] > 0;  // branch-free: hard to predict
      s.peer_domain_units[sup * K + k] += has;
      mask |= has << k;
    }
    s.units.domains_at_start[u] = static_cast<std::uint8_t>(mask);
    s.peer_mean_load[sup] += s.units.load[u];
  }
  // Units running each domain anywhere below each superior: its direct units, plus its children's
  // subtrees (children are numbered after their parent, so a backward pass sums bottom-up).
  for (std::size_t i = 0; i < S * K; ++i) s.subtree_domain_units[i] = s.peer_domain_units[i];
  for (std::size_t sup = S; sup-- > 1;) {
    const auto parent = s.tree.parent[sup];
    for (std::size_t k = 0; k < K; ++k) s.subtree_domain_units[parent * K + k] += s.subtree_domain_units[sup * K + k];
  }
  for (std::uint32_t sup = 0; sup < S; ++sup) {
    if (s.direct_units[sup] == 0) continue;
    s.peer_mean_load[sup] /= s.direct_units[sup];
    // How fast peers start pilots of their own: a moving average (about ten months at the default memory), read by
    // leaders who weigh the risk of being pre-empted while they prepare.
    auto& rate = s.superiors.start_rate[sup];
    const double memory = s.params.behaviour.observation_memory;
    rate = memory * rate + (1.0 - memory) * s.superiors.starts_month[sup] / static_cast<double>(s.direct_units[sup]);
    s.superiors.starts_month[sup] = 0;
  }
}

}  // namespace pilotsim
