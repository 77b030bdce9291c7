#include "model/HugePages.hpp"
#include "model/Incentives.hpp"
#include "model/Initialise.hpp"
#include "model/Leaders.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pilotsim {

void initialise(State& s, const Params& params, std::uint32_t replicate) {
  s.params = params;
  s.key = RandomKey{static_cast<std::uint64_t>(params.run.seed), replicate};
  s.tree = buildHierarchy(shapeFor(params.structure));
  s.K = params.structure.domains;
  s.domains = domainTable().first(static_cast<std::size_t>(s.K));
  for (int k = 0; k < s.K; ++k) {
    s.difficulty[k] = params.domains.difficulty[k];
    s.visibility[k] = params.domains.visibility[k];
    s.build_rate[k] = params.pilot.growth * (1.0 - params.pilot.difficulty_drag * s.difficulty[k]);
    s.realise_rate[k] = 1.0 / std::max(1.0, params.domains.delay[k]);
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
  U.satisfaction.assign(N, params.citizens.initial);
  U.nwe.assign(N, 0.0);
  U.need_mean.resize(N * K);
  U.need.resize(N * K);
  U.legacy.assign(N * K, 0.0);
  U.rule_legacy.assign(N * K, 0.0);
  U.effectiveness.assign(N * K, 0.0);
  U.live_realised.assign(N * K, 0.0);
  U.domain_pilots.assign(N * K, 0);
  U.domains_at_start.assign(N, 0);
  U.shocked.assign(N, 0);
  U.slot_count.assign(N, 0);
  U.load.assign(N, 0);
  U.preparing.assign(N, 0);
  U.designated_live.assign(N, 0);
  U.year_penalty.assign(N, 0.0);
  U.year_follow.assign(N, 0.0);
  U.year_novelty.assign(N, 0.0);
  U.burden.assign(N, 0.0);
  U.dismissed.assign(N, 0);
  U.diverted_year.assign(N, 0.0);
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
    if (s.tree.unitsGiven()) {
      // A structure file's units bring their own base and budget. Every other draw keeps its own
      // stream, so they are the same as with drawn bases.
      U.base[u] = s.tree.unit_base[u];
      U.budget[u] = s.tree.unit_budget[u];
    } else {
      auto rng = s.key.stream(u, 0, Purpose::UnitBase);
      const double sd = env.base_sd;
      U.base[u] = std::exp(sd * rng.normal() - 0.5 * sd * sd);  // log-normal with mean 1: skewed
      U.budget[u] = env.budget * std::pow(U.base[u], env.budget_elasticity);
    }
    budget_sum += U.budget[u];
    auto nrng = s.key.stream(u, 0, Purpose::UnitNeedMean);
    for (std::size_t k = 0; k < K; ++k) {
      const double m = nrng.beta(env.need_alpha, env.need_beta);
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
  // Poor units find adopting costlier (paper s.3.3): fixed per unit, so computed once.
  U.adoption_cost.resize(N);
  for (std::uint32_t u = 0; u < N; ++u)
    U.adoption_cost[u] = std::min(3.0, std::pow(s.mean_budget / U.budget[u], params.diffusion.resource_elasticity));

  auto& SUP = s.superiors;
  SUP.signal.assign(S * K, 1.0 / static_cast<double>(K));
  SUP.next_revision.assign(S, 0.0);
  SUP.inspect_prob.assign(S, 0.0);
  SUP.yearly_detection.assign(S, 0.0);
  SUP.ambition.resize(S);
  SUP.belief.assign(S, params.superiors.initial_belief);
  SUP.reviews_used.assign(S, 0.0);
  SUP.start_rate.assign(S, 0.0);
  SUP.starts_month.assign(S, 0);
  SUP.next_launch.assign(S, -1);
  SUP.running_programmes.assign(S, 0);
  SUP.campaign_ids.assign(S, {});
  SUP.score.assign(S, 0.0);
  SUP.review_count.assign(S, 0.0);
  SUP.review_mean.assign(S, 0.0);
  SUP.review_m2.assign(S, 0.0);
  SUP.year_quota.assign(S, 0.0);
  SUP.year_delivered.assign(S, 0.0);
  SUP.year_overassigned.assign(S, 0.0);
  SUP.programmes_launched.assign(S, 0);
  SUP.campaigns_started.assign(S, 0);
  SUP.known.assign(S * kKnownExperiences, KnownExperience{});
  SUP.known_next.assign(S, 0);
  for (std::uint32_t sup = 0; sup < S; ++sup) {
    // Superiors' officials are cadres too: their ambition is drawn as leaders' is.
    auto rng = s.key.stream(sup, 0, Purpose::LeaderTraits);
    const auto& d = params.drivers;
    SUP.ambition[sup] = std::clamp(d.promotion_drive + d.ambition_spread * rng.normal(), 0.0, 1.0);
  }
  s.superior_strength.assign(S, 0.0);
  for (std::uint32_t sup = 0; sup < S; ++sup) {
    for (auto u = s.tree.unit_begin[sup]; u < s.tree.unit_end[sup]; ++u)
      s.superior_strength[sup] += std::log(U.base[u]);
    s.superior_strength[sup] /= std::max<std::uint32_t>(1, s.tree.unitsUnder(sup));
  }
  s.direct_units.assign(S, 0);
  for (std::uint32_t u = 0; u < N; ++u) ++s.direct_units[s.tree.unit_superior[u]];
  planVerification(s);

  s.peer_domain_units.assign(S * K, 0);
  s.subtree_domain_units.assign(S * K, 0);
  s.peer_mean_load.assign(S, 0.0);
  s.monthly_tenure_hazard = monthlyTenureHazards(params);
  s.horizon = horizonTable(s.monthly_tenure_hazard, 240);
  s.credited.resize(s.horizon.size() * K);
  for (std::size_t m = 0; m < s.horizon.size(); ++m)
    for (std::size_t k = 0; k < K; ++k)
      s.credited[m * K + k] = creditedShare(params, params.domains.delay[k], s.horizon[m]);
  s.promotion_accuracy = std::numeric_limits<double>::quiet_NaN();
  s.view_truth = std::numeric_limits<double>::quiet_NaN();

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
    appointLeader(s, u, 0, static_cast<int>(rng.below(static_cast<std::uint32_t>(params.leaders.initial_tenure_max))));
  }
}

}  // namespace pilotsim
