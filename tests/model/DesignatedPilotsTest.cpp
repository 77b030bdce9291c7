// 5.2 Designated pilots (src/model/mechanisms/DesignatedPilots.cpp): who is picked (Matthew
// selection, random, or C1 consultation), slots, escalation down the levels, high-level push,
// and the caps.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

/// Superiors launch a programme every month (rate 12 a year) in domain 2.
Params everyMonth(std::vector<int> branching) {
  Params p = customParams(std::move(branching));
  p.programmes.rate = 12;
  return p;
}

void signalOnly(State& s, int k) {
  std::fill(s.superiors.signal.begin(), s.superiors.signal.end(), 0.0);
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) s.superiors.signal[sup * s.K + k] = 1.0;
}

std::set<std::uint32_t> designatedUnits(const State& s) {
  std::set<std::uint32_t> out;
  for (std::uint32_t u = 0; u < s.unitCount(); ++u)
    if (test::countOrigin(s, u, Origin::Designated) > 0) out.insert(u);
  return out;
}

int designatedCount(const State& s) {
  int n = 0;
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) n += test::countOrigin(s, u, Origin::Designated);
  return n;
}

TEST(DesignatedPilotsTest, TheSuperiorPicksItsBestImpressionsWithFundsAndATarget) {
  auto s = makeState(everyMonth({10}));
  test::flattenUnits(*s);
  signalOnly(*s, 2);
  s->leaders[s->units.leader[3]].impression = 100;
  s->leaders[s->units.leader[7]].impression = 100;
  s->month = 5;
  launchDesignatedPilots(*s);
  // round(0.15 x 10) = 2 slots, escalation^0 = 1: target 0.4.
  EXPECT_EQ(designatedUnits(*s), (std::set<std::uint32_t>{3, 7}));
  for (std::uint32_t u : {3u, 7u}) {
    ASSERT_EQ(s->pilotCount(u), 1);
    const Pilot& p = s->unitPilots(u)[0];
    EXPECT_EQ(p.origin, Origin::Designated);
    EXPECT_EQ(p.domain, 2);
    EXPECT_EQ(p.target, 0.4f);
    EXPECT_EQ(p.funds_rate, 0.1f);
    EXPECT_EQ(s->units.designated_live[u], 1);
    // Design: the superior's framework adds 10% to a quality drawn in competence x [0.7, 1].
    const double c = s->units.head[u].competence;
    EXPECT_GE(p.quality, static_cast<float>(std::min(1.5, 1.1 * 0.7 * c)) * (1 - 1e-6f));
    EXPECT_LE(p.quality, static_cast<float>(std::min(1.5, 1.1 * c)) * (1 + 1e-6f));
    EXPECT_GE(p.fit, 0.02f);
    EXPECT_LE(p.fit, 1.0f);
  }
}

// 150 designated pilots (round(0.15 x 1000) slots): each quality / (1.1 x competence) lies in the
// design range [0.7, 1] with mean 0.85 (SE .007); fit has mean 0.15 + 0.85 x need = 0.49 (SE .008).
// Tolerances .03 are about 4 SE; without the 10% premium the mean ratio would be 0.77.
TEST(DesignatedPilotsTest, DesignatedPilotsCarryAQualityPremiumAndFitTheirNeed) {
  Params p = everyMonth({1000});
  auto s = makeState(p);
  signalOnly(*s, 2);
  test::setAllNeeds(*s, 0.4);
  launchDesignatedPilots(*s);
  ASSERT_EQ(s->records.size(), 150u);
  double ratio = 0, fit = 0;
  int n = 0;
  for (const auto& r : s->records) {
    fit += r.fit;
    const double c = s->units.head[r.unit].competence;
    if (1.1 * c > 1.5) continue;  // quality capped at 1.5: outside the linear range (a few %)
    const double x = r.quality / (1.1 * c);
    EXPECT_GE(x, 0.7 - 1e-6);
    EXPECT_LE(x, 1.0 + 1e-6);
    ratio += x;
    ++n;
  }
  ASSERT_GT(n, 120);
  EXPECT_NEAR(ratio / n, 0.85, 0.03);
  EXPECT_NEAR(fit / 150, 0.49, 0.03);
}

TEST(DesignatedPilotsTest, MatthewSelectionFavoursStrongAndPolishedUnits) {
  auto s = makeState(everyMonth({10}));
  test::flattenUnits(*s);
  signalOnly(*s, 2);
  s->units.base[1] = std::exp(20.0);  // a very strong governance base
  auto& shiny = test::addPilot(*s, 8, 0);
  shiny.packaging_stock = 1e6;  // polished applications: 0.3 x (1e6)^0.6 = 1,200
  advancePilots(*s, 8, UnitEffort{});  // the month's dynamics (no effort) turn the stock into polish
  EXPECT_NEAR(s->units.polish[8], 0.3 * std::pow(0.9e6, 0.6), 1.0);
  launchDesignatedPilots(*s);
  EXPECT_EQ(designatedUnits(*s), (std::set<std::uint32_t>{1, 8}));
}

// Without Matthew selection the picks are random: over 400 programmes of 2 slots among 10 units
// the two high-impression units get 0.2 of the slots each (SE of their joint share: sqrt(.2 x .8 /
// 800) = .014; tolerance .06 is 4 SE). With it they get all of them.
TEST(DesignatedPilotsTest, WithoutMatthewSelectionPicksIgnoreImpressionAndBase) {
  for (bool matthew : {true, false}) {
    int favoured = 0, total = 0;
    for (int m = 0; m < 400; ++m) {
      Params p = everyMonth({10});
      p.mechanisms.matthew_selection = matthew;
      auto s = makeState(p);
      test::flattenUnits(*s);
      test::setAllNeeds(*s, 0.5);  // A4 moves picks toward need: equal needs keep them even
      signalOnly(*s, 2);
      s->units.base[3] = s->units.base[7] = std::exp(3.0);
      s->leaders[s->units.leader[3]].impression = 50;
      s->leaders[s->units.leader[7]].impression = 50;
      s->month = m;
      launchDesignatedPilots(*s);
      for (auto u : designatedUnits(*s)) favoured += (u == 3 || u == 7), ++total;
    }
    ASSERT_EQ(total, 800);
    if (matthew)
      EXPECT_EQ(favoured, 800);
    else
      EXPECT_NEAR(favoured / 800.0, 0.2, 0.06);
  }
}

TEST(DesignatedPilotsTest, ConsultationPlacesByNeedWhereTheDomainIsUncoveredUnderACap) {
  Params p = everyMonth({10});
  p.regulation.consultation_placement = true;
  p.regulation.designation_cap = 2;
  auto s = makeState(p);
  test::flattenUnits(*s);
  signalOnly(*s, 2);
  test::setAllNeeds(*s, 0.3);
  for (std::uint32_t u : {1u, 4u, 6u, 9u}) s->need(u, 2) = 0.9;
  s->leaders[s->units.leader[0]].impression = 100;  // impression no longer counts
  test::addPilot(*s, 6, 2);                         // domain already covered in unit 6
  test::addPilot(*s, 9, 0, Origin::Designated);     // unit 9 at the cap of 2
  test::addPilot(*s, 9, 1, Origin::Designated);
  launchDesignatedPilots(*s);
  EXPECT_EQ(designatedUnits(*s), (std::set<std::uint32_t>{1, 4, 9}));
  EXPECT_EQ(test::countOrigin(*s, 9, Origin::Designated), 2);  // nothing new there
  EXPECT_EQ(test::countOrigin(*s, 1, Origin::Designated), 1);
  EXPECT_EQ(test::countOrigin(*s, 4, Origin::Designated), 1);
}

TEST(DesignatedPilotsTest, UnitsAtThePilotCapAreSkipped) {
  Params p = everyMonth({10});
  p.regulation.number_control = 1;
  auto s = makeState(p);
  test::flattenUnits(*s);
  signalOnly(*s, 2);
  // Impressions 0, 10, ..., 90: far apart next to the selection noise (sd 1), unit 9 the best.
  for (std::uint32_t u = 0; u < 10; ++u) s->leaders[s->units.leader[u]].impression = 10.0 * u;
  test::addPilot(*s, 9, 0);
  launchDesignatedPilots(*s);
  EXPECT_EQ(designatedUnits(*s), (std::set<std::uint32_t>{7, 8}));
}

TEST(DesignatedPilotsTest, WithoutHighLevelPushAPickedUnitMayRefuse) {
  Params p = everyMonth({10});
  p.behaviour.load_cost = 1000;  // accepting is hopelessly costly
  for (double push : {1.0, 0.0}) {
    p.couplings.high_level_push = push;
    auto s = makeState(p);
    signalOnly(*s, 2);
    launchDesignatedPilots(*s);
    // Under push a political task cannot be refused: two slots filled whatever the cost.
    EXPECT_EQ(designatedCount(*s), push > 0 ? 2 : 0) << "push " << push;
  }
}

TEST(DesignatedPilotsTest, TargetsAndSlotsEscalateAtEachLevelDown) {
  // Root over one region of 10 units. Both launch every month: the region's own programme has
  // 2 slots and target 0.4; the root's reaches the units one level down with share 0.15 x esc and
  // target 0.4 x esc.
  struct Case {
    double esc;
    int slots_from_root;
    float root_target;
  };
  for (const Case c : {Case{1.3, 2, 0.52f}, Case{2.0, 3, 0.8f}, Case{1.0, 2, 0.4f}}) {
    Params p = everyMonth({1, 10});
    p.couplings.escalation = c.esc;
    auto s = makeState(p);
    signalOnly(*s, 2);
    launchDesignatedPilots(*s);
    int own = 0, from_root = 0;
    for (std::uint32_t u = 0; u < 10; ++u)
      for (int i = 0; i < s->pilotCount(u); ++i) {
        const float t = s->unitPilots(u)[i].target;
        own += t == 0.4f;
        from_root += t == c.root_target;
      }
    if (c.esc == 1.0) {
      EXPECT_EQ(own, 4) << "no escalation: both programmes alike";
    } else {
      EXPECT_EQ(own, 2) << "esc " << c.esc;
      EXPECT_EQ(from_root, c.slots_from_root) << "esc " << c.esc;
    }
  }
}

TEST(DesignatedPilotsTest, StrongRegionsArePickedByProgrammesFromAbove) {
  Params p = everyMonth({4, 5});
  auto s = makeState(p);
  signalOnly(*s, 2);
  s->superior_strength[3] = 100;  // region 3 (units 10-14) is by far the strongest
  launchDesignatedPilots(*s);
  // The root's programme (target 0.52) goes to one region (round(0.15 x 4) -> at least 1).
  int from_root = 0;
  for (std::uint32_t u = 0; u < 20; ++u)
    for (int i = 0; i < s->pilotCount(u); ++i)
      if (s->unitPilots(u)[i].target == 0.52f) {
        ++from_root;
        EXPECT_EQ(s->tree.unit_superior[u], 3u) << "unit " << u;
      }
  EXPECT_EQ(from_root, 1);  // round(0.195 x 5) = 1 slot in the region
}

TEST(DesignatedPilotsTest, SwitchedOffOrRateZeroNoProgrammes) {
  Params p = everyMonth({2, 5});
  p.mechanisms.designated_pilots = false;
  auto s = makeState(p);
  for (int m = 0; m < 12; ++m, ++s->month) launchDesignatedPilots(*s);
  EXPECT_EQ(s->records.size(), 0u);
  p = customParams({2, 5});
  p.programmes.rate = 0;
  s = makeState(p);
  for (int m = 0; m < 12; ++m, ++s->month) launchDesignatedPilots(*s);
  EXPECT_EQ(s->records.size(), 0u);
  // The same months with the baseline rate of 1.5 a year launch some.
  p.programmes.rate = 1.5;
  s = makeState(p);
  for (int m = 0; m < 48; ++m, ++s->month) launchDesignatedPilots(*s);
  EXPECT_GT(s->records.size(), 0u);
}

}  // namespace
}  // namespace pilotsim
