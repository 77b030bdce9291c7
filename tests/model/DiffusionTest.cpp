// 5.4 Adoption and diffusion (src/model/mechanisms/Diffusion.cpp): the adoption hazard, momentum
// (diffusion inertia), media, adapt versus copy-and-rename.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

/// A campaign by superior `sup` for the lineage of a pilot in domain 2 started in unit `origin`.
Campaign& addCampaign(State& s, std::uint32_t sup, std::uint32_t origin, double momentum, double media) {
  auto& src = test::addPilot(s, origin, 2);
  Campaign c;
  c.lineage = src.lineage;
  c.superior = sup;
  c.origin_unit = origin;
  c.source_pilot = src.id;
  c.domain = 2;
  c.level = s.tree.depth[sup];
  c.start = s.month;
  c.momentum = momentum;
  c.media = media;
  c.adopted.assign(s.tree.unitsUnder(sup), 0);
  c.adopted[origin - s.tree.unit_begin[sup]] = 1;
  c.adopters = 1;
  indexCampaign(s, c);
  s.running_campaigns.push_back(static_cast<std::uint32_t>(s.campaigns.size()));
  s.campaigns.push_back(std::move(c));
  return s.campaigns.back();
}

/// The monthly adoption hazard of unit u in campaign ci, by hand:
///   h = base x (1 + promotion x momentum + media_effect x pressure x media + peer x share / peers)
///       x resources / (1 + 0.15 load),
/// with the share of the unit's peers that had adopted at the start of the month.
double handHazard(const State& s, std::uint32_t ci, std::uint32_t u) {
  const auto& c = s.campaigns[ci];
  const auto& d = s.params.diffusion;
  const auto begin = s.tree.unit_begin[c.superior];
  const auto sup = s.tree.unit_superior[u];
  double adopted_peers = 0;
  for (std::uint32_t i = 0; i < c.adopted.size(); ++i)
    adopted_peers += c.adopted[i] && s.tree.unit_superior[begin + i] == sup;
  const double peers = std::max(1.0, s.direct_units[sup] - 1.0);
  const double media = s.params.mechanisms.media ? c.media : 0.0;
  return d.base_hazard *
         (1.0 + d.promotion_effect * c.momentum + d.media_effect * s.params.drivers.performance_pressure * media +
          d.peer_effect * adopted_peers / peers) *
         s.units.adoption_resources[u] / (1.0 + 0.15 * s.units.load[u]);
}

std::vector<std::uint32_t> newAdopters(const State& s, std::size_t records_before) {
  std::vector<std::uint32_t> out;
  for (auto i = records_before; i < s.records.size(); ++i) {
    EXPECT_EQ(s.records[i].origin, Origin::Adoption);
    out.push_back(s.records[i].unit);
  }
  return out;
}

// Five groups of units with different hazards (peers adopted or not, load, resources) and units
// at the pilot cap: each group's adopters are binomial with the hand-computed hazard, checked to
// 4 SE; units at the cap never adopt.
TEST(DiffusionTest, AdoptionHazardRisesWithPeersMomentumMediaAndResourcesAndFallsWithLoad) {
  Params p = customParams({2, 400});
  p.diffusion.base_hazard = 0.05;
  p.drivers.performance_pressure = 1.3;
  p.regulation.pilot_cap = 3;
  auto s = makeState(p);
  test::flattenUnits(*s);
  s->month = 40;
  addCampaign(*s, 0, 0, 0.7, 0.4);
  auto& c = s->campaigns[0];
  for (std::uint32_t u = 0; u < 400; u += 2) c.adopted[u] = 1;  // region 1: half of the peers adopted
  c.adopters = 200;
  indexCampaign(*s, c);
  // Region 2 (units 400-799): 400-499 plain, 500-599 loaded with 2 pilots, 600-699 poor, 700-799 at the cap.
  for (std::uint32_t u = 500; u < 600; ++u) test::addPilot(*s, u, 0), test::addPilot(*s, u, 1);
  for (std::uint32_t u = 600; u < 700; ++u) s->units.adoption_resources[u] = 0.4;
  for (std::uint32_t u = 700; u < 800; ++u)
    for (int j = 0; j < 3; ++j) test::addPilot(*s, u, 1);
  struct Group {
    std::uint32_t from, to, step;
    double h = 0, expected = 0;
    int adopted = 0;
  };
  std::vector<Group> groups = {{1, 400, 2}, {400, 500, 1}, {500, 600, 1}, {600, 700, 1}, {700, 800, 1}};
  for (auto& g : groups) {
    g.h = handHazard(*s, 0, g.from);
    for (auto u = g.from; u < g.to; u += g.step) EXPECT_NEAR(handHazard(*s, 0, u), g.h, 1e-12);
  }
  const auto before = s->records.size();
  diffuseInnovations(*s);
  for (auto u : newAdopters(*s, before))
    for (auto& g : groups)
      if (u >= g.from && u < g.to) ++g.adopted;
  const double base = 0.05 * (1 + 2 * 0.7 + 1.0 * 1.3 * 0.4);  // no peers adopted, no load
  EXPECT_NEAR(groups[1].h, base, 1e-12);
  EXPECT_NEAR(groups[0].h, base + 0.05 * 3 * 200.0 / 399, 1e-12);  // 200 of 399 peers adopted
  EXPECT_NEAR(groups[2].h, base / 1.3, 1e-12);
  EXPECT_NEAR(groups[3].h, base * 0.4, 1e-12);
  for (std::size_t i = 0; i < 4; ++i) {
    const double n = groups[i].to == 400 ? 200 : 100;
    const double sd = std::sqrt(n * groups[i].h * (1 - groups[i].h));
    EXPECT_NEAR(groups[i].adopted, n * groups[i].h, 4 * sd + 1) << "group " << i;
  }
  EXPECT_EQ(groups[4].adopted, 0);  // at the cap: cannot start a pilot
  for (std::uint32_t u = 700; u < 800; ++u) EXPECT_EQ(s->campaigns[0].adopted[u], 0);
  int total = 0;
  for (const auto& g : groups) total += g.adopted;
  EXPECT_EQ(s->campaigns[0].adopters, 200u + total);
  for (auto i = before; i < s->records.size(); ++i) {
    EXPECT_EQ(s->records[i].lineage, s->campaigns[0].lineage);
    EXPECT_EQ(s->campaigns[0].adopted[s->records[i].unit], 1);
  }
}

// The hazard in numbers: 2,000 units, h = 0.05 x (1 + 2 x 1) = 0.15 (peer term 3 / 1999 adds
// 0.0001): expected 300 adopters, SE 16; tolerance 64 = 4 SE.
TEST(DiffusionTest, AdoptionRateMatchesTheHazard) {
  Params p = customParams({2001});
  p.diffusion.base_hazard = 0.05;
  auto s = makeState(p);
  test::flattenUnits(*s);
  addCampaign(*s, 0, 0, 1.0, 0.0);
  const auto before = s->records.size();
  diffuseInnovations(*s);
  EXPECT_NEAR(static_cast<double>(s->records.size() - before), 2000 * 0.05 * (3 + 3.0 / 2000), 64);
}

TEST(DiffusionTest, MomentumGrowsWithAdoptionsAndDecaysOtherwise) {
  Params p = customParams({100});
  p.diffusion.base_hazard = 0.05;
  p.couplings.diffusion_inertia = 2.0;
  auto s = makeState(p);
  addCampaign(*s, 0, 0, 1.0, 0.8);
  const auto before = s->records.size();
  diffuseInnovations(*s);
  const double adopters = static_cast<double>(s->records.size() - before);
  ASSERT_GT(adopters, 0);
  const auto& c = s->campaigns[0];
  EXPECT_NEAR(c.momentum, 1.0 * (1 - 0.03) + 2.0 * 12.0 * adopters / 100, 1e-12);
  EXPECT_NEAR(c.media, 0.8 * 0.95, 1e-12);
  // No inertia: momentum only decays.
  s->params.couplings.diffusion_inertia = 0;
  const double m = c.momentum;
  ++s->month;
  diffuseInnovations(*s);
  EXPECT_NEAR(s->campaigns[0].momentum, m * 0.97, 1e-12);
}

TEST(DiffusionTest, CampaignsRecordFiftyAndNinetyPercentAndEnd) {
  Params p = customParams({10});
  p.diffusion.base_hazard = 1.0;  // everyone adopts at once
  auto s = makeState(p);
  test::flattenUnits(*s);
  s->month = 20;
  addCampaign(*s, 0, 0, 0.0, 0.0);
  s->month = 23;
  diffuseInnovations(*s);
  const auto& c = s->campaigns[0];
  EXPECT_EQ(c.adopters, 10u);
  EXPECT_EQ(c.month50, 3);
  EXPECT_EQ(c.month90, 3);
  EXPECT_FALSE(c.running);  // 95% reached
  // A stopped campaign does nothing.
  const auto n = s->records.size();
  ++s->month;
  diffuseInnovations(*s);
  EXPECT_EQ(s->records.size(), n);
  // A campaign ends after its duration whatever the share.
  Params q = customParams({10});
  q.diffusion.base_hazard = 0;
  auto t = makeState(q);
  addCampaign(*t, 0, 0, 0.0, 0.0);
  t->month = 119;
  diffuseInnovations(*t);
  EXPECT_TRUE(t->campaigns[0].running);
  t->month = 120;
  diffuseInnovations(*t);
  EXPECT_FALSE(t->campaigns[0].running);
}

// Media and performance pressure add to every unit's hazard: with the same draws, every unit that
// adopts without them adopts with them. Without the media mechanism (or without pressure) the
// media term vanishes exactly.
TEST(DiffusionTest, MediaAndPressureOnlyAddAdopters) {
  Params p = customParams({500});
  p.diffusion.base_hazard = 0.03;
  auto s = makeState(p);
  addCampaign(*s, 0, 0, 0.5, 2.0);
  const auto run = [&](auto change) {
    State copy = *s;
    change(copy);
    const auto before = copy.records.size();
    diffuseInnovations(copy);
    return newAdopters(copy, before);
  };
  const auto with = run([](State&) {});
  const auto without = run([](State& x) { x.params.mechanisms.media = false; });
  const auto no_pressure = run([](State& x) { x.params.drivers.performance_pressure = 0; });
  const auto silent = run([](State& x) { x.campaigns[0].media = 0; });
  for (auto u : without) EXPECT_NE(std::find(with.begin(), with.end(), u), with.end());
  EXPECT_GT(with.size(), without.size() + 10);
  EXPECT_EQ(without, silent);
  // Without pressure neither media nor citizens' demand push: only fewer adopters than with demand.
  for (auto u : no_pressure) EXPECT_NE(std::find(silent.begin(), silent.end(), u), silent.end());
  EXPECT_LT(no_pressure.size(), silent.size());
}

TEST(DiffusionTest, AdaptersFitTheirNeedsCopiersRenameForNovelty) {
  Params p = customParams({200});
  p.diffusion.base_hazard = 1.0;
  for (const bool copying : {false, true}) {
    p.mechanisms.copy_and_rename = true;
    p.behaviour.adapt_cost = copying ? 100.0 : -100.0;  // forces the choice
    auto s = makeState(p);
    test::flattenUnits(*s);  // hazard >= 1 for every unit
    s->month = 50;
    test::setAllNeeds(*s, 0.6);
    addCampaign(*s, 0, 0, 0.0, 0.0);
    const auto before = s->records.size();
    diffuseInnovations(*s);
    ASSERT_EQ(s->records.size() - before, 199u);
    const auto& c = s->campaigns[0];
    EXPECT_EQ(c.copied, copying ? 199u : 0u);
    EXPECT_EQ(c.adapted, copying ? 0u : 199u);
    EXPECT_EQ(s->events.adoptions_total, 199.0);
    EXPECT_EQ(s->events.adoptions_copy, copying ? 199.0 : 0.0);
    double fit = 0;
    for (auto i = before; i < s->records.size(); ++i) {
      const auto& r = s->records[i];
      EXPECT_EQ(r.lineage, c.lineage);
      EXPECT_EQ(r.domain, 2);
      EXPECT_EQ(r.style, copying ? AdoptionStyle::CopyRename : AdoptionStyle::Adapt);
      const double c = s->units.head[r.unit].competence;
      if (copying) {
        // A copy: plain design quality, fit uniform in [0.05, 0.6] whatever the need, a novelty claim.
        if (c <= 1.5) {
          EXPECT_GE(r.quality, 0.7 * c - 1e-6);
          EXPECT_LE(r.quality, c + 1e-6);
        }
        EXPECT_GE(r.fit, 0.05 - 1e-6);
        EXPECT_LE(r.fit, 0.6 + 1e-6);
        // Renamed: new but not first, half the rank credit and a quarter of the niche credit, the
        // less convincing the more peers already run the original (1 of 199 at the month's start).
        EXPECT_NEAR(r.novelty, (0.5 * p.drivers.rank_credit + 0.25 * p.drivers.peer_push) * (1 - 1.0 / 199), 1e-12);
      } else {
        // Adapting learns from the original (quality x (1 + learning)) and fits local needs.
        const double gain = 1.0 + p.behaviour.learning;
        if (gain * c <= 1.5) {
          EXPECT_GE(r.quality, gain * 0.7 * c - 1e-6);
          EXPECT_LE(r.quality, gain * c + 1e-6);
        }
        EXPECT_EQ(r.novelty, 0.0);
      }
      fit += r.fit;
    }
    // Mean fit: copies 0.325 (uniform, SE .011); adapted 0.3 + 0.7 x 0.6 = 0.72 (sd .1, SE .007).
    EXPECT_NEAR(fit / 199, copying ? 0.325 : 0.72, 0.045);
  }
}

TEST(DiffusionTest, WithoutCopyAndRenameEveryAdopterAdapts) {
  Params p = customParams({200});
  p.diffusion.base_hazard = 1.0;
  p.behaviour.adapt_cost = 100.0;  // copying would win by far
  p.mechanisms.copy_and_rename = false;
  auto s = makeState(p);
  test::flattenUnits(*s);
  addCampaign(*s, 0, 0, 0.0, 0.0);
  diffuseInnovations(*s);
  EXPECT_EQ(s->campaigns[0].adapted, 199u);
  EXPECT_EQ(s->campaigns[0].copied, 0u);
  EXPECT_EQ(s->events.adoptions_copy, 0.0);
}

TEST(DiffusionTest, WithoutDiffusionNobodyAdopts) {
  Params p = customParams({200});
  p.diffusion.base_hazard = 1.0;
  p.mechanisms.diffusion = false;
  auto s = makeState(p);
  addCampaign(*s, 0, 0, 5.0, 5.0);
  const auto before = s->records.size();
  for (int m = 0; m < 12; ++m, ++s->month) diffuseInnovations(*s);
  EXPECT_EQ(s->records.size(), before);
  EXPECT_EQ(s->campaigns[0].adopters, 1u);
}

// Poor units lag (paper s.3.3): adoption resources are (budget / mean)^elasticity, capped at 3,
// fixed at initialisation; with elasticity 0 every unit has the same.
TEST(DiffusionTest, AdoptionResourcesFollowBudgets) {
  Params p = customParams({300});
  auto s = makeState(p);
  for (std::uint32_t u = 0; u < 300; ++u)
    EXPECT_NEAR(s->units.adoption_resources[u], std::min(3.0, s->units.budget[u] / s->mean_budget), 1e-12);
  p.diffusion.resource_elasticity = 0;
  auto t = makeState(p);
  for (double r : t->units.adoption_resources) EXPECT_EQ(r, 1.0);
}

}  // namespace
}  // namespace pilotsim
