// 5.4 Adoption and diffusion (paper s.2.3, s.3.3, s.4.3).
//
// A running promotion campaign pushes a recognised experience (a lineage) to every unit under the
// promoting superior. A unit that has not adopted it adopts this month with hazard
//   h = base * (1 + peer_effect * peers_adopted + promotion_effect * momentum
//               + performance_pressure * (media_effect * media + need))
//       * min(3, resources^elasticity) / (1 + 0.15 load)
// where peers_adopted is the share of the unit's peers (same direct superior) that adopted and need
// the unit's need in the domain. Each adoption adds momentum (diffusion inertia), which decays
// otherwise; media attention decays 5% a month. An adopter chooses by logit to
// adapt the experience to local needs (good fit, costly) or to copy and rename it (cheap, fit as it
// happens, but a novelty claim that is weaker the more peers already run the original).
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {
namespace {

void adopt(State& s, Campaign& c, std::uint32_t u, double peers_adopted) {
  const auto& p = s.params;
  const auto l = s.units.leader[u];
  const int k = c.domain;
  const double need = s.need(u, k);
  const double ambition = s.units.head[u].ambition;
  const double pv = promotionValue(s, u);
  const auto w = evaluationWeights(p);
  const double unmet = unmetShare(s, u, k);
  const double credited = creditedShareFor(s, u, k);
  const double competence = s.units.head[u].competence;

  AdoptionStyle style = AdoptionStyle::Adapt;
  if (p.mechanisms.copy_and_rename) {
    // Adapting fits needs (adaptedFit); a copy's fit is whatever it happens to be (kCopiedFit) but the renamed copy can
    // be claimed as new, the less convincingly the more peers already run the original. Both are valued like a new
    // pilot: reports and satisfaction from its realised impact, public value; adapting costs more.
    const double sig = signalWeight(s, s.tree.unit_superior[u], k);
    const auto value = [&](double fit) {
      const double potential = competence * fit;
      return pv * (w.reports * sig + w.citizens * need) * unmet * potential * credited +
             (1 - ambition) * p.behaviour.public_value * need * unmet * potential;
    };
    const double utility[2] = {
        value(adaptedFit(need)) + 0.5 * p.regulation.participation * need - p.behaviour.adapt_cost,
        value(kCopiedFit) + pv * w.novelty * renamedNovelty(p) * (1.0 - peers_adopted)};
    auto rng = s.stream(s.nextPilotId(), Purpose::AdoptionStyle);
    if (logitChoice(utility, p.behaviour.rationality, rng, s.scratch_b) == 1) style = AdoptionStyle::CopyRename;
  }
  auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
  NewPilot np{u, k, Origin::Adoption, l, 0, 0};
  np.lineage = c.lineage;
  np.style = style;
  if (style == AdoptionStyle::Adapt) {
    // Adapting an experience is learning from the peers who ran it.
    const double learned = p.mechanisms.learning_from_peers ? 1.0 + p.behaviour.learning : 1.0;
    np.quality = std::min(1.5, drawQuality(competence, drng) * learned);
    np.fit = std::clamp(adaptedFit(need) + 0.1 * drng.normal(), 0.02, 1.0);
    ++c.adapted;
  } else {
    np.quality = drawQuality(competence, drng);
    np.fit = 0.05 + 0.55 * drng.uniform();
    np.novelty = renamedNovelty(p) * (1.0 - peers_adopted);
    ++c.copied;
    s.events.adoptions_copy += 1;
  }
  s.events.adoptions_total += 1;
  startPilot(s, np);
}

}  // namespace

void indexCampaign(const State& s, Campaign& c) {
  const auto begin = s.tree.unit_begin[c.superior];
  c.peers_adopted.assign(s.tree.subtree_end[c.superior] - c.superior, 0);
  c.pending.clear();
  for (std::uint32_t i = 0; i < c.adopted.size(); ++i) {
    if (c.adopted[i])
      ++c.peers_adopted[s.tree.unit_superior[begin + i] - c.superior];
    else
      c.pending.push_back(i);
  }
}

void diffuseInnovations(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.diffusion) return;
  const auto& d = p.diffusion;
  auto& adopters = s.scratch_ids;  // this month's, counted among peers only after the month
  for (const std::uint32_t ci : s.running_campaigns) {
    auto& c = s.campaigns[ci];
    const auto begin = s.tree.unit_begin[c.superior];
    const auto scope = static_cast<std::uint32_t>(c.adopted.size());
    adopters.clear();
    const double media = p.mechanisms.media ? c.media : 0.0;
    const double push = 1.0 + d.promotion_effect * c.momentum + d.media_effect * p.drivers.performance_pressure * media;
    auto rng = s.key.stream(ci, static_cast<std::uint32_t>(s.month), Purpose::Adoption);
    std::uint32_t new_adopters = 0;
    // Only units yet to adopt are visited, in unit order (so the draws are those of a full scan).
    // Each visit draws once whatever it decides, so the draws are made a chunk ahead, apart from the
    // hazards' divisions.
    constexpr std::size_t kChunk = 256;
    double draws[kChunk];
    const std::size_t pending = c.pending.size();
    for (std::size_t j = 0; j < pending; ++j) {
      if (j % kChunk == 0) rng.uniform32(std::span<double>(draws, std::min(kChunk, pending - j)));
      const std::uint32_t i = c.pending[j];
      const auto u = begin + i;
      const auto sup = s.tree.unit_superior[u];
      const double peers = std::max(1.0, s.direct_units[sup] - 1.0);
      const double resources = s.units.adoption_resources[u];
      // Citizens' demand in the domain adds to the pressure (performance pressure, paper s.2.3).
      const double demand = p.drivers.performance_pressure * s.need(u, c.domain);
      // Peers' adoptions as of the start of the month, so that the order of units does not matter.
      const double peer_share = c.peers_adopted[sup - c.superior] / peers;
      const double h =
          d.base_hazard * (push + demand + d.peer_effect * peer_share) * resources / (1.0 + 0.15 * s.units.load[u]);
      if (draws[j % kChunk] >= h || !canStartPilot(s, u)) continue;
      c.adopted[i] = 1;
      ++new_adopters;
      adopters.push_back(u);
      adopt(s, c, u, peer_share);
    }
    for (const auto u : adopters) ++c.peers_adopted[s.tree.unit_superior[u] - c.superior];
    if (new_adopters > 0) std::erase_if(c.pending, [&](std::uint32_t i) { return c.adopted[i] != 0; });
    c.adopters += new_adopters;
    // Diffusion inertia: adoptions feed the campaign's momentum (annualised share adopting).
    c.momentum = c.momentum * (1.0 - d.momentum_decay) + p.couplings.diffusion_inertia * 12.0 * new_adopters / scope;
    c.media *= 0.95;
    const double share = static_cast<double>(c.adopters) / scope;
    const int age = s.month - c.start;
    if (c.month50 < 0 && share >= 0.5) c.month50 = age;
    if (c.month90 < 0 && share >= 0.9) c.month90 = age;
    if (share >= 0.95 || age >= d.duration) {
      c.running = false;
      c.pending = {};  // the working views are not needed once the campaign is over
      c.peers_adopted = {};
    }
  }
  // Finished campaigns leave the running list (order kept: campaigns act in start order).
  std::erase_if(s.running_campaigns, [&](std::uint32_t ci) { return !s.campaigns[ci].running; });
}

}  // namespace pilotsim
