// 5.2 Designated pilots: superiors as agents (paper s.2.1, s.2.4, s.3.2, s.4.2, s.5.3).
//
// Launch. Each superior weighs launching a programme `programmes.rate` times a year (unless C1's
// programme cap is reached), in a domain drawn from its signal. It is evaluated by its own
// superior, which values programmes in the domains it signals; it launches by logit on
//   U = a_s * launch_value * sig_parent(k) - (1 - a_s) * burden_aversion * D_area,
// with a_s its official's ambition and D_area the designated pilots already running per unit of
// its area (what it can see of the burden it puts on units): loaded areas launch less (pacing).
//
// Escalation. A programme asks each superior it reaches for a quota Q of pilots from its area
// (the launcher's nominal quota: its units x slot_share^levels below it). The superior passes
// Q x x down, with the target multiplied by x too (层层加码), choosing x in [escalation, max] to
// maximise its expected score from its own superior:
//   E[U(x)] = a_s [w_over E(D/Q - 1)+ - w_short E(1 - D/Q)+] - (1 - a_s) burden (x - 1)^2,
// D ~ Binomial(round(Q x), pi_s), pi_s its belief that a designated pilot meets its target (learnt
// from acceptance reviews, ProgrammeRecord.delivered). Hedging against shortfall and the reward
// for over-fulfilment (为超额完成试点任务以获得更高层级嘉奖) make x > 1; multiples compound down
// the chain, so escalation grows with the levels above the units. A superior with child regions
// splits its Q x among the regions it ranks highest (strength, need under A4 or C1), each taking
// its nominal share.
//
// Placement. A superior with units of its own offers max(1, round(Q x)) slots. Each eligible unit decides
// by logit whether to apply, on the expected credit of a designated pilot (designated weight x
// push, reports), its public value, special funds, framework cost and load. The superior ranks
// applicants on impression, the polish of their reports and their base (Matthew selection), moved
// toward need as far as A4 goes, or under C1 on need and spare capacity learnt in consultation
// (which costs every consulted unit attention), and takes the best. Refused applicants are units
// whose chance to pilot was crowded out. Under high-level push, slots left empty are imposed on the
// best non-applicants, who cannot refuse.
#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {
namespace {

/// Nominal quota of a programme launched by superior `sup`: its units x slot_share per level below.
double nominalQuota(const State& s, std::uint32_t sup) {
  return s.tree.unitsUnder(sup) * std::pow(s.params.programmes.slot_share, s.tree.levelsBelow(sup));
}

/// E[U(x)] of a superior passing quota q down as q x, with n = round(q x) pilots each delivering
/// with probability pi: exact binomial expectation.
double expectedEscalationUtility(const Params& p, double ambition, double pi, double q, double x) {
  const auto& sp = p.superiors;
  const int n = std::max(1, static_cast<int>(std::lround(q * x)));
  double over = 0, short_ = 0;
  // pmf(d) by the recurrence pmf(d+1) = pmf(d) (n - d)/(d + 1) pi/(1 - pi), from pmf(0) = (1-pi)^n.
  if (pi >= 1.0) {
    over = std::max(0.0, n / q - 1.0);
    short_ = std::max(0.0, 1.0 - n / q);
  } else {
    double pmf = std::pow(1.0 - pi, n);
    const double odds = pi / (1.0 - pi);
    for (int d = 0; d <= n; ++d) {
      over += pmf * std::max(0.0, d / q - 1.0);
      short_ += pmf * std::max(0.0, 1.0 - d / q);
      pmf *= odds * (n - d) / (d + 1.0);
    }
  }
  return ambition * (sp.overfulfilment_reward * over - sp.shortfall_penalty * short_) -
         (1.0 - ambition) * sp.burden_aversion * (x - 1.0) * (x - 1.0);
}

/// The multiple superior `sup` applies to a quota q (the imposed minimum when it does not choose).
double chooseMultiplier(const State& s, std::uint32_t sup, double q) {
  const auto& p = s.params;
  const double lo = p.couplings.escalation;
  if (!p.mechanisms.superior_escalation) return lo;
  double best = lo, best_u = -1e300;
  // A grid of tenths: superiors think in round multiples ("加码两成").
  const int steps = static_cast<int>(std::floor((std::max(lo, p.superiors.max_multiplier) - lo) * 10.0 + 1e-9));
  for (int i = 0; i <= steps; ++i) {
    const double x = lo + 0.1 * i;
    const double u = expectedEscalationUtility(p, s.superiors.ambition[sup], s.superiors.belief[sup], q, x);
    if (u > best_u + 1e-12) best_u = u, best = x;
  }
  return best;
}

/// Unit u's utility of applying for a designated pilot in domain k with target `target`.
double applicationUtility(const State& s, std::uint32_t u, int k, double target) {
  const auto& p = s.params;
  const auto w = evaluationWeights(p);
  const double pv = promotionValue(s, u);
  const double potential = meanQuality(p, s.units.head[u].competence) * p.programmes.framework_quality *
                           preparationFactor(p, p.programmes.framework_preparation) * designedFit(p, s.need(u, k));
  const double report = expectedReport(s, k, potential, creditedShareFor(s, u, k));
  const double career = w.designated * (1.0 + p.couplings.high_level_push) * std::min(1.0, report / target) +
                        w.reports * signalWeight(s, s.tree.unit_superior[u], k) * report;
  const double cost = p.behaviour.start_cost * p.programmes.framework_cost +
                      p.behaviour.load_cost * (s.units.load[u] + 1) / s.units.budget[u];
  return pv * career + publicValue(s, u, k, potential) + p.pilot.special_funds - cost;
}

/// How a superior ranks a unit for a slot (higher first).
double placementScore(const State& s, std::uint32_t u, int k, RandomStream& rng) {
  const auto& p = s.params;
  const double noise = rng.normal();
  if (p.regulation.consultation_placement) {
    const double spare =
        1.0 - std::min(1.0, s.units.load[u] / (p.regulation.consultation_capacity * s.units.budget[u]));
    return s.need(u, k) * spare + p.programmes.consultation_noise * noise;
  }
  const double strength = p.mechanisms.matthew_selection
                              ? s.leaders[s.units.leader[u]].impression + s.units.polish[u] + std::log(s.units.base[u])
                              : 0.0;
  const double a4 = p.regulation.scientific_targeting;
  return (1.0 - a4) * strength + a4 * p.programmes.need_weight * s.need(u, k) + p.programmes.selection_noise * noise;
}

/// Whether consultation (C1) would place a pilot in unit u at all.
bool consultationAdmits(const State& s, std::uint32_t u, int k) {
  const auto& r = s.params.regulation;
  return s.units.designated_live[u] < r.designation_cap && s.need(u, k) >= r.consultation_need &&
         s.units.domain_pilots[u * s.K + k] == 0;
}

/// Place `slots` designated pilots among the direct units of superior `sup` (node `node`).
void placeUnits(State& s, std::uint32_t sup, int k, double slots_wanted, double target, std::uint32_t node,
                RandomStream& srng) {
  const auto& p = s.params;
  auto& rec = s.programmes[node];
  auto& eligible = s.scratch_ids;
  auto& score = s.scratch_a;
  auto& applied = s.scratch_masks;
  eligible.clear();
  const auto begin = s.tree.unit_begin[sup], end = s.tree.unit_end[sup];
  score.assign(end - begin, 0.0);
  applied.assign(end - begin, 0);
  const bool c1 = p.regulation.consultation_placement;
  auto arng = s.key.stream(node, static_cast<std::uint32_t>(s.month), Purpose::ProgrammeApplication);
  std::uint32_t applicants = 0;
  for (auto u = begin; u < end; ++u) {
    if (s.tree.unit_superior[u] != sup || !canStartPilot(s, u)) continue;
    const double draw = arng.uniform();  // one draw per unit in order, whatever it decides
    if (c1) {
      // Consultation takes every consulted unit's time.
      s.units.burden[u] += p.costs.consultation * s.units.budget[u];
      if (!consultationAdmits(s, u, k)) continue;
    }
    score[u - begin] = placementScore(s, u, k, srng);
    const bool applies = draw < logitShare(applicationUtility(s, u, k, target), p.behaviour.rationality);
    applied[u - begin] = applies;
    applicants += applies;
    eligible.push_back(u);
  }
  const auto slots = static_cast<std::size_t>(std::max(1L, std::lround(slots_wanted)));
  // Applicants first (by score), then non-applicants (by score) for slots left under high-level push.
  std::sort(eligible.begin(), eligible.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int pa = applied[a - begin], pb = applied[b - begin];
    if (pa != pb) return pa > pb;
    const double sa = score[a - begin], sb = score[b - begin];
    return sa > sb || (sa == sb && a < b);
  });
  const std::size_t take_applicants = std::min<std::size_t>(slots, applicants);
  const bool imposed = p.couplings.high_level_push > 0;
  const std::size_t take = imposed ? std::min(slots, eligible.size()) : take_applicants;
  rec.eligible = static_cast<std::uint32_t>(eligible.size());
  rec.applicants = applicants;
  rec.selected = static_cast<std::uint32_t>(take_applicants);
  rec.forced = static_cast<std::uint32_t>(take - take_applicants);
  s.events.applications += applicants;
  s.events.refused += applicants - take_applicants;
  for (std::size_t i = 0; i < take; ++i) {
    const auto u = eligible[i];
    auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
    NewPilot np{u, k, Origin::Designated, s.units.leader[u], 0, 0};
    np.quality =
        boundQuality(p, drawQuality(p, s.units.head[u].competence, 1, p.programmes.framework_preparation, drng) *
                            p.programmes.framework_quality);
    np.fit = drawFit(p, s.need(u, k), drng);
    np.target = target;
    np.funds_rate = p.pilot.special_funds;
    np.programme = node;
    np.novelty = 0;  // the superior's design: the unit claims no first place for it
    startPilot(s, np);
    s.events.target_escalation += target / p.programmes.target;
    s.events.escalated_starts += 1;
  }
}

/// Pass a programme's quota q (pilots) and target down through superior `sup`.
void cascade(State& s, std::uint32_t programme, std::uint32_t parent_node, std::uint32_t launcher, std::uint32_t sup,
             int k, double q, double target, int depth, RandomStream& srng) {
  const auto& p = s.params;
  const double x = chooseMultiplier(s, sup, q);
  const auto node = static_cast<std::uint32_t>(s.programmes.size());
  ProgrammeRecord rec{};
  rec.id = node;
  rec.programme = programme == kNone ? node : programme;
  rec.parent = parent_node;
  rec.launcher = launcher;
  rec.superior = sup;
  rec.depth_below = static_cast<std::uint16_t>(depth);
  rec.domain = static_cast<std::uint16_t>(k);
  rec.month = s.month;
  rec.quota = q;
  rec.multiplier = x;
  rec.assigned = q * x;
  rec.target = target * x;
  s.programmes.push_back(rec);
  const double passed = q * x, passed_target = target * x;
  if (s.direct_units[sup] > 0) {
    placeUnits(s, sup, k, passed, passed_target, node, srng);
    return;
  }
  const auto cb = s.tree.child_begin[sup], ce = s.tree.child_end[sup];
  if (cb == ce) return;
  // Regions are ranked on their strength (mean log base of their units), moved toward their need
  // in the domain as far as A4 goes, or under C1 on need alone.
  std::vector<std::pair<double, std::uint32_t>> ranked;
  ranked.reserve(ce - cb);
  double nominal_total = 0;
  for (auto i = cb; i < ce; ++i) {
    const auto child = s.tree.children[i];
    double x_rank = srng.normal();
    const double a4 = p.regulation.scientific_targeting;
    if (p.regulation.consultation_placement || a4 > 0) aggregateNeeds(s, child, s.scratch_b);
    if (p.regulation.consultation_placement) {
      x_rank = s.scratch_b[k] * s.K + p.programmes.consultation_noise * x_rank;
    } else {
      const double strength = p.mechanisms.matthew_selection ? s.superior_strength[child] : 0.0;
      x_rank = p.programmes.selection_noise * x_rank + (1.0 - a4) * strength +
               (a4 > 0 ? a4 * p.programmes.need_weight * s.scratch_b[k] * s.K : 0.0);
    }
    ranked.emplace_back(-x_rank, child);
    nominal_total += nominalQuota(s, child);
  }
  // As many regions as the quota fills at their nominal share, at least one.
  const double per_region = nominal_total / static_cast<double>(ranked.size());
  const auto regions =
      std::clamp<std::size_t>(static_cast<std::size_t>(std::lround(passed / per_region)), 1, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(regions), ranked.end());
  ranked.resize(regions);
  double picked_nominal = 0;
  for (const auto& [neg, child] : ranked) picked_nominal += nominalQuota(s, child);
  for (const auto& [neg, child] : ranked)
    cascade(s, rec.programme, node, launcher, child, k, passed * nominalQuota(s, child) / picked_nominal, passed_target,
            depth + 1, srng);
}

/// Designated pilots per unit already running under superior `sup`: the burden it can see.
double designatedLoad(const State& s, std::uint32_t sup) {
  double live = 0;
  for (auto u = s.tree.unit_begin[sup]; u < s.tree.unit_end[sup]; ++u) live += s.units.designated_live[u];
  return live / std::max<std::uint32_t>(1, s.tree.unitsUnder(sup));
}

void considerLaunch(State& s, std::uint32_t sup) {
  const auto& p = s.params;
  if (p.regulation.programme_cap > 0 && s.superiors.running_programmes[sup] >= p.regulation.programme_cap) return;
  auto rng = s.stream(sup, Purpose::ProgrammeLaunch);
  const auto K = static_cast<std::size_t>(s.K);
  const int k = static_cast<int>(rng.categorical(std::span(&s.superiors.signal[sup * K], K)));
  const double ambition = s.superiors.ambition[sup];
  const auto parent = sup == 0 ? 0u : s.tree.parent[sup];  // the centre values the root's own signal
  const double utility = ambition * p.superiors.launch_value * signalWeight(s, parent, k) -
                         (1.0 - ambition) * p.superiors.burden_aversion * designatedLoad(s, sup);
  if (rng.uniform() >= logitShare(utility, p.behaviour.rationality)) return;
  auto srng = s.stream(sup, Purpose::ProgrammeSelection);
  ++s.superiors.running_programmes[sup];
  ++s.superiors.programmes_launched[sup];
  s.running_programmes.push_back({sup, s.month + p.programmes.term});
  cascade(s, kNone, kNone, sup, sup, k, nominalQuota(s, sup), p.programmes.target, 0, srng);
}

}  // namespace

void launchDesignatedPilots(State& s) {
  if (!s.params.mechanisms.designated_pilots) return;
  // Programmes past their term no longer count against the C1 cap.
  std::erase_if(s.running_programmes, [&](const RunningProgramme& r) {
    if (r.until > s.month) return false;
    --s.superiors.running_programmes[r.launcher];
    return true;
  });
  const double rate = s.params.programmes.rate / 12.0;
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup)
    if (dueNow(s, s.superiors.next_launch[sup], rate, sup, Purpose::LaunchConsider)) considerLaunch(s, sup);
}

}  // namespace pilotsim
