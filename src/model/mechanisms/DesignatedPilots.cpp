// 5.2 Designated pilots (paper s.2.1, s.2.4, s.3.2, s.4.2).
//
// A superior launches a programme in a priority domain with special funds. It picks a share of the
// regions below it, each picked region picks a share of its own, down to the units; at each level
// down the share and the target are multiplied by the escalation factor (layer-by-layer
// escalation), so a national programme reaches about a hundred units and a district programme
// one or two. By default the superior picks on impression, on the
// polish of the unit's reports and on its governance base, so pilots pile onto strong units; with
// high-level push a picked unit cannot refuse. Under C1 placement follows need and spare capacity,
// under a cap of designated pilots per unit.
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"

#include <algorithm>
#include <cmath>

namespace pilotsim {
namespace {

bool accepts(State& s, std::uint32_t u, int k, double target, std::uint32_t programme) {
  const auto& p = s.params;
  if (p.couplings.high_level_push > 0) return true;  // a political task cannot be refused
  const auto w = evaluationWeights(p);
  const double pv = promotionValue(s, u);
  const double career = w.designated * std::min(1.0, p.programmes.target / std::max(target, 1e-9)) +
                        w.reports * signalWeight(s, s.tree.unit_superior[u], k) * 0.5;
  const double pub = (1 - s.units.head[u].ambition) * p.behaviour.public_value * s.need(u, k) * unmetShare(s, u, k) *
                     expectedPotential(s, u, k);
  const double cost = p.behaviour.load_cost * (s.units.load[u] + 1) / s.units.budget[u];
  const double utility[2] = {0.0, pv * career + pub + p.pilot.special_funds - cost};
  // Keyed by the programme (launcher and picking superior), so that a unit picked by two
  // programmes in one month decides on independent draws.
  auto rng = s.key.stream(programme, static_cast<std::uint32_t>(s.month), Purpose::ProgrammeAcceptance);
  for (std::uint32_t i = 0; i < u - s.tree.unit_begin[s.tree.unit_superior[u]]; ++i) rng.uniform();
  return logitChoice(utility, p.behaviour.rationality, rng, s.scratch_b) == 1;
}

/// Pick units among a superior's direct units for a programme in domain k.
void pickUnits(State& s, std::uint32_t sup, int k, double share, double target, std::uint32_t programme,
               RandomStream& srng) {
  const auto& p = s.params;
  const auto K = static_cast<std::size_t>(s.K);
  auto& ids = s.scratch_ids;
  auto& score = s.scratch_a;
  ids.clear();
  const auto begin = s.tree.unit_begin[sup], end = s.tree.unit_end[sup];
  score.assign(end - begin, 0.0);
  const bool c1 = p.regulation.consultation_placement;
  for (auto u = begin; u < end; ++u) {
    if (s.tree.unit_superior[u] != sup || !canStartPilot(s, u)) continue;
    const double noise = srng.normal();
    if (c1) {
      // Consultation: only where the need is real, the domain not yet covered and there is spare
      // capacity, under a cap.
      if (s.units.designated_live[u] >= p.regulation.designation_cap || s.need(u, k) < 0.35 ||
          s.units.domain_pilots[u * K + k] > 0)
        continue;
      score[u - begin] =
          s.need(u, k) * (1.0 - std::min(1.0, s.units.load[u] / (6.0 * s.units.budget[u]))) + 0.05 * noise;
    } else {
      // Without consultation: impression, polish and base (Matthew selection) or chance, moved
      // toward need as far as A4's scientific targeting goes.
      const double strength = p.mechanisms.matthew_selection ? s.leaders[s.units.leader[u]].impression +
                                                                   s.units.polish[u] + std::log(s.units.base[u])
                                                             : 0.0;
      const double a4 = p.regulation.scientific_targeting;
      score[u - begin] = (1.0 - a4) * strength + a4 * 4.0 * s.need(u, k) + noise;
    }
    ids.push_back(u);
  }
  const auto slots = static_cast<std::size_t>(std::max(1L, std::lround(share * s.direct_units[sup])));
  const auto take = std::min<std::size_t>(slots, ids.size());
  // Highest score first; ties broken by unit id so the order is reproducible.
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(take), ids.end(),
                    [&](std::uint32_t a, std::uint32_t b) {
                      const double sa = score[a - begin], sb = score[b - begin];
                      return sa > sb || (sa == sb && a < b);
                    });
  for (std::size_t i = 0; i < take; ++i) {
    const auto u = ids[i];
    if (!accepts(s, u, k, target, programme)) continue;
    auto drng = s.stream(s.nextPilotId(), Purpose::PilotDesign);
    const auto l = s.units.leader[u];
    NewPilot np{u, k, Origin::Designated, l, 0, 0};
    // The superior's framework lowers design risk (paper s.2.4): a small quality premium.
    np.quality = std::min(1.5, 1.1 * drawQuality(s.units.head[u].competence, drng));
    np.fit = drawFit(s.need(u, k), drng);
    np.target = target;
    np.funds_rate = p.pilot.special_funds;
    startPilot(s, np);
  }
}

/// Pass a programme down from superior `sup`, `down` levels below the launching superior: it picks
/// a share of its child superiors (or of its units) and each picked child does the same with the
/// share multiplied by the escalation factor (layer-by-layer escalation).
void cascade(State& s, std::uint32_t launcher, std::uint32_t sup, int k, int down, RandomStream& srng) {
  const auto& p = s.params;
  const double esc = std::pow(p.couplings.escalation, down);
  const double share = std::min(1.0, p.programmes.slot_share * esc);
  const auto programme = launcher * static_cast<std::uint32_t>(s.superiorCount()) + sup;
  if (s.direct_units[sup] > 0) pickUnits(s, sup, k, share, p.programmes.target * esc, programme, srng);
  const auto cb = s.tree.child_begin[sup], ce = s.tree.child_end[sup];
  if (cb == ce) return;
  // Regions are picked on their strength (mean log base of their units), moved toward their need
  // in the domain as far as A4 goes, or under C1 on need alone.
  std::vector<std::pair<double, std::uint32_t>> ranked;
  ranked.reserve(ce - cb);
  for (auto i = cb; i < ce; ++i) {
    const auto child = s.tree.children[i];
    double x = srng.normal();
    const double a4 = p.regulation.scientific_targeting;
    if (p.regulation.consultation_placement || a4 > 0) aggregateNeeds(s, child, s.scratch_b);
    if (p.regulation.consultation_placement) {
      x = s.scratch_b[k] * s.K + 0.05 * x;
    } else {
      const double strength = p.mechanisms.matthew_selection ? s.superior_strength[child] : 0.0;
      x += (1.0 - a4) * strength + (a4 > 0 ? a4 * 4.0 * s.scratch_b[k] * s.K : 0.0);
    }
    ranked.emplace_back(-x, child);
  }
  const auto slots =
      std::min<std::size_t>(ranked.size(), static_cast<std::size_t>(std::max(1L, std::lround(share * ranked.size()))));
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(slots), ranked.end());
  ranked.resize(slots);
  for (const auto& [neg, child] : ranked) cascade(s, launcher, child, k, down + 1, srng);
}

void launch(State& s, std::uint32_t sup, RandomStream& rng) {
  const auto K = static_cast<std::size_t>(s.K);
  const int k = static_cast<int>(rng.categorical(std::span(&s.superiors.signal[sup * K], K)));
  auto srng = s.stream(sup, Purpose::ProgrammeSelection);
  cascade(s, sup, sup, k, 0, srng);
}

}  // namespace

void launchDesignatedPilots(State& s) {
  if (!s.params.mechanisms.designated_pilots) return;
  const double rate = s.params.programmes.rate / 12.0;
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) {
    auto rng = s.stream(sup, Purpose::ProgrammeLaunch);
    if (rng.uniform() < rate) launch(s, sup, rng);
  }
}

}  // namespace pilotsim
