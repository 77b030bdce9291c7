#include "model/Initialise.hpp"

#include "model/HugePages.hpp"
#include "model/Incentives.hpp"
#include "model/Leaders.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pilotsim {

void initialise(State& s, const Params& params, std::uint32_t replicate) {
  s.params = params;
  s.key = RandomKey{static_cast<std::uint64_t>(params.run.seed), replicate};
  s.tree = buildHierarchy(shapeFor(params.structure));
  const auto table = domainTable();
  s.K = std::clamp(params.structure.domains, 1, static_cast<int>(table.size()));
  s.domains.assign(table.begin(), table.begin() + s.K);
  for (int k = 0; k < s.K; ++k) {
    s.build_rate[k] = params.pilot.growth * (1.0 - 0.5 * s.domains[k].difficulty);
    s.realise_rate[k] = 1.0 / std::max(1.0, s.domains[k].delay);
  }
  s.month = 0;
  s.total_months = params.run.burn_in + params.run.months;

  const auto N = s.unitCount();
  const auto S = s.superiorCount();
  const auto K = static_cast<std::size_t>(s.K);
  auto& U = s.units;
  U.base.resize(N);
  U.budget.resize(N);
  U.leader.assign(N, kNone);
  U.head.assign(N, LeaderTraits{});
  U.satisfaction.assign(N, 0.5);
  U.nwe.assign(N, 0.0);
  U.need_mean.resize(N * K);
  U.need.resize(N * K);
  U.legacy.assign(N * K, 0.0);
  U.rule_legacy.assign(N * K, 0.0);
  U.effectiveness.assign(N * K, 0.0);
  U.live_realised.assign(N * K, 0.0);
  U.domain_pilots.assign(N * K, 0);
  U.domains_at_start.assign(N, 0);
  U.slot_count.assign(N, 0);
  U.load.assign(N, 0);
  U.designated_live.assign(N, 0);
  U.year_penalty.assign(N, 0.0);
  U.month_effort.assign(N, 0.0);
  U.month_packaging.assign(N, 0.0);
  U.month_growth.assign(N, 0.0);
  U.polish.assign(N, 0.0);
  U.summary.assign(N, PilotSummary{});
  U.summary_stale.assign(N, 1);
  U.score.assign(N, 0.0);
  U.pilots_started.assign(N, 0);
  U.designated_received.assign(N, 0);
  U.leaders_count.assign(N, 0);
  U.next_consider.assign(N, -1);
  U.next_check.assign(N, -1);

  const auto& env = params.environment;
  double budget_sum = 0;
  for (std::uint32_t u = 0; u < N; ++u) {
    auto rng = s.key.stream(u, 0, Purpose::UnitBase);
    const double sd = env.base_sd;
    U.base[u] = std::exp(sd * rng.normal() - 0.5 * sd * sd);  // log-normal with mean 1: skewed
    U.budget[u] = env.budget * std::pow(U.base[u], env.budget_elasticity);
    budget_sum += U.budget[u];
    auto nrng = s.key.stream(u, 0, Purpose::UnitNeedMean);
    for (std::size_t k = 0; k < K; ++k) {
      const double m = nrng.beta(2.0, 2.5);
      U.need_mean[u * K + k] = m;
      U.need[u * K + k] = m;
    }
  }
  s.mean_budget = budget_sum / static_cast<double>(N);
  {
    std::vector<double> sorted = U.base;
    std::sort(sorted.begin(), sorted.end());
    s.base_q75 = sorted[std::min(N - 1, static_cast<std::size_t>(0.75 * static_cast<double>(N)))];
  }
  // Poor units lag in adopting (paper s.3.3): fixed per unit, so computed once.
  U.adoption_resources.resize(N);
  for (std::uint32_t u = 0; u < N; ++u)
    U.adoption_resources[u] =
        std::min(3.0, std::pow(U.budget[u] / s.mean_budget, params.diffusion.resource_elasticity));

  s.superiors.signal.assign(S * K, 1.0 / static_cast<double>(K));
  s.superiors.next_revision.assign(S, 0.0);
  s.superiors.inspect_prob.assign(S, 0.0);
  s.superiors.yearly_detection.assign(S, 0.0);
  const double supervision = 1.0 + params.regulation.supervision;
  s.superior_strength.assign(S, 0.0);
  for (std::uint32_t sup = 0; sup < S; ++sup) {
    for (auto u = s.tree.unit_begin[sup]; u < s.tree.unit_end[sup]; ++u)
      s.superior_strength[sup] += std::log(U.base[u]);
    s.superior_strength[sup] /= std::max<std::uint32_t>(1, s.tree.unitsUnder(sup));
  }
  s.direct_units.assign(S, 0);
  for (std::uint32_t u = 0; u < N; ++u) ++s.direct_units[s.tree.unit_superior[u]];
  for (std::uint32_t sup = 0; sup < S; ++sup) {
    // A superior inspects only its direct units, up to its capacity a year (A3 multiplies it).
    const auto direct = s.direct_units[sup];
    if (direct > 0)
      s.superiors.inspect_prob[sup] =
          std::min(1.0, params.evaluation.inspection_capacity * supervision / (12.0 * direct));
    // What leaders can expect: the chance a gap is found within a year, by inspection or C3.
    double rate = params.regulation.oversight / 12.0;
    if (params.mechanisms.inspection) rate += s.superiors.inspect_prob[sup];
    s.superiors.yearly_detection[sup] = 1.0 - std::pow(1.0 - std::min(1.0, rate), 12.0);
  }

  s.peer_domain_units.assign(S * K, 0);
  s.peer_mean_load.assign(S, 0.0);
  s.horizon = horizonTable(240);
  s.credited.resize(s.horizon.size() * K);
  for (std::size_t m = 0; m < s.horizon.size(); ++m)
    for (std::size_t k = 0; k < K; ++k) s.credited[m * K + k] = creditedShare(params, s.domains[k].delay, s.horizon[m]);
  s.promotion_accuracy = std::numeric_limits<double>::quiet_NaN();

  // Reserve for the expected number of pilots and leaders, so that growth rarely reallocates.
  const auto years = static_cast<std::size_t>(s.total_months / 12 + 1);
  // About three starts per unit per year in the baseline; unused reserve costs address space only.
  const std::size_t expected_pilots = N * years * 3;
  reserveOnHugePages(s.live, N * kMaxSlots);
  s.live.assign(N * kMaxSlots, Pilot{});
  s.records.reserve(expected_pilots);
  s.leaders.reserve(N * (years / 3 + 2));
  s.ended_tenures.reserve(N * (years / 3 + 1));
  s.event_history.reserve(static_cast<std::size_t>(s.total_months));
  s.monthly.reserve(static_cast<std::size_t>(params.run.months));

  // Initial leaders are part-way through their tenures, so that turnover is spread over time.
  for (std::uint32_t u = 0; u < N; ++u) {
    auto rng = s.key.stream(u, 0, Purpose::InitialTenure);
    appointLeader(s, u, 0, static_cast<int>(rng.below(42)));
  }
}

}  // namespace pilotsim
