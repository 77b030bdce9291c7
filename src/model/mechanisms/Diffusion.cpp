// 5.4 Adoption and diffusion: flexible response, diffusion inertia (paper s.2.2, s.2.3, s.3.3, s.4.3).
//
// Adoption is a leader's choice, weighed with its other initiatives (Initiatives.cpp). A leader
// knows the experiences its superiors recognised recently (KnownExperience) and the campaigns that
// cover its unit. It reads an experience's promise from what its superior saw in it (a report, or
// a measurement under A3), q_hat = seen / reference_report; it cannot see the truth. Adopting
//   adapt: quality = (t q_src + (1 - t) q_own) (1 - loss) (1 + learning), fit ~ adaptedFit(need)
//   copy : quality = (t q_src + (1 - t) q_own) (1 - loss),                fit ~ U(copied min, max)
// (t = design_transfer, loss = replication_loss: experience does not travel whole), is valued as a
// new pilot is (reports, citizens, public value, failure), plus under a campaign the superior's
// reward now and the sanction a laggard would face once coverage passes the threshold (each x
// stake x momentum), plus the demand citizens press after media coverage (performance pressure),
// minus a cost that scarce budgets raise. A copy can be renamed and claimed as new, the less
// convincingly the more units already run the original; adapting claims nothing. The novelty a
// pilot of one's own could claim instead is what makes a leader who wants to be first slow to
// adopt a neighbour's innovation.
//
// A campaign's momentum (its superior's attention) decays monthly, faster when the superior runs
// more campaigns than its attention carries and when its signal has moved away from the domain;
// adoptions feed it (diffusion inertia). A campaign ends when coverage reaches the superior's goal,
// when its momentum falls under the attention floor (attention moved on), or at the time limit.
#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Campaigns.hpp"
#include "model/mechanisms/Initiatives.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {

double campaignStake(const State& s, std::uint32_t sup) {
  return 1.0 + s.params.diffusion.endorsement_boost * (s.tree.levelsBelow(sup) - 1);
}

std::uint32_t startCampaign(State& s, std::uint32_t sup, const Pilot& source, double seen) {
  const auto& p = s.params;
  const auto begin = s.tree.unit_begin[sup], end = s.tree.unit_end[sup];
  const int above = s.tree.levelsBelow(sup) - 1;
  Campaign c;
  c.lineage = source.lineage;
  c.superior = sup;
  c.origin_unit = source.unit;
  c.source_pilot = source.id;
  c.domain = source.domain;
  c.level = s.tree.depth[sup];
  c.start = s.month;
  c.stake = campaignStake(s, sup);
  c.momentum = 1.0;
  c.media = p.mechanisms.media ? p.recognition.media * (1.0 + p.recognition.media_level_gain * above) : 0.0;
  c.seen = static_cast<float>(seen);
  c.adopted.assign(end - begin, 0);
  // Units already running the lineage (its origin, earlier adopters) count as adopters.
  for (auto u = begin; u < end; ++u) {
    const Pilot* P = s.unitPilots(u);
    for (int i = 0; i < s.pilotCount(u); ++i)
      if (P[i].lineage == c.lineage) {
        c.adopted[u - begin] = 1;
        ++c.adopters;
        break;
      }
  }
  const auto id = static_cast<std::uint32_t>(s.campaigns.size());
  s.running_campaigns.push_back(id);
  s.superiors.campaign_ids[sup].push_back(id);
  ++s.superiors.campaigns_started[sup];
  s.campaigns.push_back(std::move(c));
  return id;
}

void sanctionLaggards(State& s) {
  const auto& d = s.params.diffusion;
  if (!s.params.mechanisms.campaign_incentives) return;
  for (const auto ci : s.running_campaigns) {
    const auto& c = s.campaigns[ci];
    if (static_cast<double>(c.adopters) < d.sanction_threshold * c.adopted.size()) continue;
    const double sanction = d.sanction * c.stake * c.momentum;
    const auto begin = s.tree.unit_begin[c.superior];
    for (std::size_t i = 0; i < c.adopted.size(); ++i)
      if (!c.adopted[i]) s.units.year_penalty[begin + i] += sanction;
  }
}

namespace {

using Candidate = AdoptionCandidate;

bool runsLineage(const State& s, std::uint32_t u, std::uint32_t lineage) {
  const Pilot* P = s.unitPilots(u);
  for (int i = 0; i < s.pilotCount(u); ++i)
    if (P[i].lineage == lineage) return true;
  return false;
}

/// Whether candidate a ranks before b: campaigns first (they carry incentives), then the best
/// seen; ties by lineage, so that the order is reproducible.
bool ranksBefore(const Candidate& a, const Candidate& b) {
  const bool ca = a.campaign != kNone, cb = b.campaign != kNone;
  if (ca != cb) return ca;
  return a.seen > b.seen || (a.seen == b.seen && a.lineage < b.lineage);
}

/// The candidates of unit u, best first: campaigns covering it that it has not followed, then
/// (voluntary adoption) experiences its superiors named recently; at most diffusion.candidates,
/// one per lineage, none the unit already runs. Kept as a short sorted list while scanning, since
/// a leader weighs only the few best it knows of.
void gatherCandidates(const State& s, std::uint32_t u, std::vector<Candidate>& out) {
  const auto& p = s.params;
  out.clear();
  const auto limit = static_cast<std::size_t>(p.diffusion.candidates);
  if (limit == 0) return;
  const auto offer = [&](const Candidate& c) {
    if (out.size() == limit && !ranksBefore(c, out.back())) return;
    for (auto& o : out)
      if (o.lineage == c.lineage) {
        if (ranksBefore(c, o)) {  // the better offer of the same experience (its campaign) replaces it
          o = c;
          std::sort(out.begin(), out.end(), ranksBefore);
        }
        return;
      }
    if (runsLineage(s, u, c.lineage)) return;
    if (out.size() == limit) out.pop_back();
    out.insert(std::upper_bound(out.begin(), out.end(), c, ranksBefore), c);
  };
  for (auto a = s.tree.unit_superior[u];; a = s.tree.parent[a]) {
    if (p.mechanisms.diffusion)
      for (const auto ci : s.superiors.campaign_ids[a]) {
        const auto& c = s.campaigns[ci];
        if (!c.adopted[u - s.tree.unit_begin[a]])
          offer({c.lineage, c.source_pilot, ci, static_cast<std::uint8_t>(c.domain), c.seen});
      }
    if (p.mechanisms.voluntary_adoption)
      for (int j = 0; j < kKnownExperiences; ++j) {
        const auto& e = s.superiors.known[a * kKnownExperiences + j];
        if (e.lineage != kNone) offer({e.lineage, e.source, kNone, e.domain, e.seen});
      }
    if (a == 0) break;
  }
}

/// Quality an adopter of competence c expects (or gets, with the true source quality and its own draw).
double adoptedQuality(const Params& p, double source_quality, double own_quality, AdoptionStyle style) {
  const auto& d = p.diffusion;
  const double learned =
      style == AdoptionStyle::Adapt && p.mechanisms.learning_from_peers ? 1.0 + p.behaviour.learning : 1.0;
  return std::clamp((d.design_transfer * source_quality + (1.0 - d.design_transfer) * own_quality) *
                        (1.0 - d.replication_loss) * learned,
                    p.pilot.min_quality, p.pilot.max_quality);
}

}  // namespace

void adoptionOptions(State& s, std::uint32_t u, std::vector<InitiativeOption>& out) {
  const auto& p = s.params;
  const auto& d = p.diffusion;
  auto& candidates = s.scratch_candidates_adoption;
  gatherCandidates(s, u, candidates);
  if (candidates.empty()) return;
  const auto w = evaluationWeights(p);
  const auto sup = s.tree.unit_superior[u];
  const double pv = promotionValue(s, u);
  const double competence = s.units.head[u].competence;
  const double iso = isomorphicPressure(s, u);
  const double load = p.behaviour.load_cost * (s.units.load[u] + s.units.preparing[u] + 1.0) / s.units.budget[u];
  const double base_cost = p.behaviour.start_cost * p.behaviour.adoption_cost_share * s.units.adoption_cost[u];
  for (const auto& c : candidates) {
    const int k = c.domain;
    const double need = s.need(u, k);
    const double unmet = unmetShare(s, u, k);
    const double credited = creditedShareFor(s, u, k);
    const double sig = signalWeight(s, sup, k);
    const double promise = std::clamp(c.seen / d.reference_report, p.pilot.min_quality, p.pilot.max_quality);
    const double renamed = p.mechanisms.copy_and_rename ? renamedNovelty(s, u, k) : 0.0;
    double incentive = 0, coverage = 0, media = 0;
    if (c.campaign != kNone) {
      const auto& camp = s.campaigns[c.campaign];
      // Coverage as of the start of the month (this month's adopters are not yet seen), so that
      // the order in which units decide does not matter.
      coverage = static_cast<double>(camp.adopters - camp.new_adopters) / camp.adopted.size();
      media = p.mechanisms.media ? camp.media : 0.0;
      if (p.mechanisms.campaign_incentives) {
        incentive = d.reward * camp.stake * camp.momentum;
        if (coverage >= d.sanction_threshold) incentive += d.sanction * camp.stake * camp.momentum;
      }
    }
    const double publicised = p.behaviour.pressure_weight * p.drivers.performance_pressure * d.media_effect * media;
    for (const auto style : {AdoptionStyle::Adapt, AdoptionStyle::CopyRename}) {
      if (style == AdoptionStyle::CopyRename && !p.mechanisms.copy_and_rename) continue;
      const bool adapt = style == AdoptionStyle::Adapt;
      // The adopter's own share of the design is made without preparation (adoptExperience).
      const double quality = adoptedQuality(p, promise, meanQuality(p, competence) * preparationFactor(p, 0), style);
      const double fit = adapt ? adaptedFit(p, need) : copiedFit(p);
      const double pot = quality * fit;
      const double novelty = adapt ? 0.0 : renamed * (1.0 - coverage);
      const double career = w.reports * sig * expectedReport(s, k, pot, credited) + w.novelty * novelty +
                            w.citizens * need * unmet * pot * credited + iso + incentive -
                            expectedPenalty(s, u, k, quality, fit, 1, false);
      const double cost = base_cost + (adapt ? p.behaviour.adapt_cost : 0.0) + load;
      const double utility = pv * career + publicValue(s, u, k, pot) + responsiveness(s, u, k) + publicised - cost;
      out.push_back({InitiativeOption::Kind::Adoption, static_cast<std::uint8_t>(k), 0, 1, style, c.lineage, c.source,
                     c.campaign, utility});
    }
  }
}

void adoptExperience(State& s, std::uint32_t u, const InitiativeOption& o) {
  const auto& p = s.params;
  const int k = o.domain;
  const auto& source = s.records[o.source];
  auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
  const double own = drawQuality(p, s.units.head[u].competence, 1, 0, drng);
  NewPilot np{u, k, Origin::Adoption, s.units.leader[u], 0, 0};
  np.lineage = o.lineage;
  np.style = o.style;
  np.adopted_from = o.source;
  np.campaign = o.campaign;
  np.quality = adoptedQuality(p, source.quality, own, o.style);
  double coverage = 0;
  if (o.campaign != kNone) {
    auto& c = s.campaigns[o.campaign];
    coverage = static_cast<double>(c.adopters - c.new_adopters) / c.adopted.size();  // as of the month's start
    c.adopted[u - s.tree.unit_begin[c.superior]] = 1;
    ++c.adopters;
    ++c.new_adopters;
    ++(o.style == AdoptionStyle::Adapt ? c.adapted : c.copied);
    if (p.mechanisms.campaign_incentives) s.units.year_follow[u] += p.diffusion.reward * c.stake * c.momentum;
  } else {
    s.events.adoptions_voluntary += 1;
  }
  if (o.style == AdoptionStyle::Adapt) {
    np.fit = std::clamp(adaptedFit(p, s.need(u, k)) + p.pilot.fit_noise * drng.normal(), p.pilot.min_fit, 1.0);
    np.novelty = 0;
  } else {
    np.fit = p.diffusion.copied_fit_min + (p.diffusion.copied_fit_max - p.diffusion.copied_fit_min) * drng.uniform();
    np.novelty = renamedNovelty(s, u, k) * (1.0 - coverage);
    s.events.adoptions_copy += 1;
  }
  s.events.adoptions_total += 1;
  // How well the experience replicates here, against its source (paper: 经验难复制推广).
  if (source.fit > 0 && source.quality > 0) {
    s.events.replication_fit += np.fit / source.fit;
    s.events.replication_potential += np.quality * np.fit / (source.quality * source.fit);
    s.events.replications += 1;
  }
  startPilot(s, np);
}

void updateCampaigns(State& s) {
  const auto& p = s.params;
  const auto& d = p.diffusion;
  for (const std::uint32_t ci : s.running_campaigns) {
    auto& c = s.campaigns[ci];
    const auto scope = static_cast<double>(c.adopted.size());
    // Attention: decays faster when the superior carries more campaigns than it can, and when its
    // signal no longer favours the domain.
    const double crowding = std::max(1.0, s.superiors.campaign_ids[c.superior].size() / p.superiors.campaign_capacity);
    const double priority = std::max(0.25, signalWeight(s, c.superior, c.domain));
    const double decay = std::min(1.0, d.momentum_decay * crowding / priority);
    c.momentum = c.momentum * (1.0 - decay) + p.couplings.diffusion_inertia * 12.0 * c.new_adopters / scope;
    c.new_adopters = 0;
    c.media *= 1.0 - p.recognition.media_decay;
    const double share = c.adopters / scope;
    const int age = s.month - c.start;
    if (c.month10 < 0 && share >= 0.1) c.month10 = age;
    if (c.month50 < 0 && share >= 0.5) c.month50 = age;
    if (c.month90 < 0 && share >= 0.9) c.month90 = age;
    CampaignEnd reason = CampaignEnd::Running;
    if (share >= d.goal) {
      reason = CampaignEnd::Coverage;
    } else if (c.momentum < d.attention_floor) {
      reason = CampaignEnd::Attention;
    } else if (age >= d.duration) {
      reason = CampaignEnd::TimeLimit;
    }
    if (reason != CampaignEnd::Running) {
      c.running = false;
      c.end = s.month;
      c.end_reason = reason;
      std::erase(s.superiors.campaign_ids[c.superior], ci);
    }
  }
  // Finished campaigns leave the running list (order kept: campaigns act in start order).
  std::erase_if(s.running_campaigns, [&](std::uint32_t ci) { return !s.campaigns[ci].running; });
}

}  // namespace pilotsim
