// 5.2 Designated pilots (src/model/mechanisms/DesignatedPilots.cpp), model 2: superiors launch
// programmes by logit, choose an escalation multiple by expected binomial utility, units apply by
// logit, superiors rank applicants (Matthew selection, A4, C1 consultation), refused applicants are
// counted, and slots left empty are imposed under high-level push.
//
// Most tests make the logits certain choices: every superior's official is fully ambitious (so a
// programme in the signalled domain is worth a_s x launch_value x sig = 8 to it, K = 8 domains with
// all signal on domain 2) and behaviour.rationality is 1e3, so launches and applications with
// utilities of order 1 happen with probability 1 - e^-1000. Superiors' own escalation choice
// (mechanisms.superior_escalation) is off unless a test is about it: the multiple is then the
// imposed minimum couplings.escalation (1 by default).
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

/// Superiors weigh a programme every month (rate 12 a year), logits are certain, and superiors
/// pass on exactly what they were asked for (no escalation of their own).
Params everyMonth(std::vector<int> branching) {
  Params p = customParams(std::move(branching));
  p.programmes.rate = 12;
  p.behaviour.rationality = 1e3;
  p.mechanisms.superior_escalation = false;
  return p;
}

/// All signal on domain k (so programmes are in k and worth signalWeight = K = 8), and every
/// superior's official fully ambitious: launching is worth 8 against a burden weighted by 0.
void signalOnly(State& s, int k) {
  std::fill(s.superiors.signal.begin(), s.superiors.signal.end(), 0.0);
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) s.superiors.signal[sup * s.K + k] = 1.0;
  std::fill(s.superiors.ambition.begin(), s.superiors.ambition.end(), 1.0);
}

/// Units whose every leader wants to apply: ambition 0.6 (promotion value 0.6 x 1.92 = 1.15) and
/// competence 1. A designated pilot's career value is then at least PV x w_rep x sig x inflation =
/// 1.15 x 0.5 x 8 x 0.3 = 1.4, against a cost of 0.35 x 0.5 + 0.03 x (load + 1) = 0.2 or so: every
/// eligible unit applies (the tests check it on the programme record).
void willingUnits(State& s) {
  test::flattenUnits(s);
  test::setAllLeaders(s, 0.6, 1.0);
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

/// Designated pilots placed by programmes that superior `launcher` launched.
std::vector<const Pilot*> pilotsLaunchedBy(const State& s, std::uint32_t launcher) {
  std::vector<const Pilot*> out;
  for (std::uint32_t u = 0; u < s.unitCount(); ++u)
    for (int i = 0; i < s.pilotCount(u); ++i) {
      const Pilot& pl = s.unitPilots(u)[i];
      if (pl.origin == Origin::Designated && pl.programme != kNone && s.programmes[pl.programme].launcher == launcher)
        out.push_back(&pl);
    }
  return out;
}

/// Quality factor of the framework's 6 months of preparation: 0.7 + 0.3 (1 - e^{-6/4}) = 0.933.
const double kPrep = 0.7 + 0.3 * (1.0 - std::exp(-6.0 / 4.0));

// One superior over 10 units: its nominal quota is 10 x 0.15^1 = 1.5 pilots, x = 1, so it offers
// round(1.5) = 2 slots with the base target 0.4. All 10 units apply; it takes the two with by far
// the best impressions (100 against 0, selection noise sd 1) and refuses the other 8. The pilots
// carry special funds 0.1 and a design of competence x U(0.7, 1) x prep(6) x 1.1.
TEST(DesignatedPilotsTest, TheSuperiorPicksItsBestImpressionsWithFundsAndATarget) {
  auto s = makeState(everyMonth({10}));
  willingUnits(*s);
  signalOnly(*s, 2);
  s->leaders[s->units.leader[3]].impression = 100;
  s->leaders[s->units.leader[7]].impression = 100;
  s->month = 5;
  launchDesignatedPilots(*s);
  ASSERT_EQ(s->programmes.size(), 1u);
  const auto& rec = s->programmes[0];
  EXPECT_EQ(rec.launcher, 0u);
  EXPECT_EQ(rec.superior, 0u);
  EXPECT_EQ(rec.domain, 2);
  EXPECT_DOUBLE_EQ(rec.quota, 1.5);
  EXPECT_DOUBLE_EQ(rec.multiplier, 1.0);
  EXPECT_EQ(rec.eligible, 10u);
  EXPECT_EQ(rec.applicants, 10u);
  EXPECT_EQ(rec.selected, 2u);
  EXPECT_EQ(rec.forced, 0u);
  EXPECT_EQ(s->events.applications, 10);
  EXPECT_EQ(s->events.refused, 8);  // willing units crowded out of the two slots
  EXPECT_EQ(designatedUnits(*s), (std::set<std::uint32_t>{3, 7}));
  for (std::uint32_t u : {3u, 7u}) {
    ASSERT_EQ(s->pilotCount(u), 1);
    const Pilot& p = s->unitPilots(u)[0];
    EXPECT_EQ(p.origin, Origin::Designated);
    EXPECT_EQ(p.domain, 2);
    EXPECT_EQ(p.programme, 0u);
    EXPECT_EQ(p.target, 0.4f);
    EXPECT_EQ(p.funds_rate, 0.1f);
    EXPECT_EQ(s->units.designated_live[u], 1);
    // Competence 1: quality in 1.1 x prep x [0.7, 1] = [0.718, 1.026].
    EXPECT_GE(p.quality, static_cast<float>(1.1 * kPrep * 0.7) * (1 - 1e-6f));
    EXPECT_LE(p.quality, static_cast<float>(1.1 * kPrep) * (1 + 1e-6f));
    EXPECT_GE(p.fit, 0.02f);
    EXPECT_LE(p.fit, 1.0f);
  }
}

// 150 designated pilots (round(0.15 x 1000) slots): each quality / (1.1 x prep(6) x competence)
// lies in the design range [0.7, 1] with mean 0.85 (SE .007); fit has mean 0.15 + 0.85 x need =
// 0.49 (SE .008). Tolerances .03 are about 4 SE; without the 10% premium the mean ratio would be
// 0.77, and without the framework's preparation 0.79.
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
    EXPECT_EQ(r.origin, Origin::Designated);
    fit += r.fit;
    const double c = s->units.head[r.unit].competence;
    // Quality bounded to [0.05, 1.5]: outside the linear range (a few %).
    if (1.1 * kPrep * c > 1.5 || 1.1 * kPrep * 0.7 * c < 0.05) continue;
    const double x = r.quality / (1.1 * kPrep * c);
    EXPECT_GE(x, 0.7 - 1e-6);
    EXPECT_LE(x, 1.0 + 1e-6);
    ratio += x;
    ++n;
  }
  ASSERT_GT(n, 120);
  EXPECT_NEAR(ratio / n, 0.85, 0.03);
  EXPECT_NEAR(fit / 150, 0.49, 0.03);
}

// Matthew selection ranks on impression + polish of reports + ln(base): unit 1's base e^20 scores
// 20, unit 8's polished reports about 380, every other unit about 0 (noise sd 1). Both apply, as
// all do, and take the two slots.
TEST(DesignatedPilotsTest, MatthewSelectionFavoursStrongAndPolishedUnits) {
  auto s = makeState(everyMonth({10}));
  willingUnits(*s);
  signalOnly(*s, 2);
  s->units.base[1] = std::exp(20.0);  // a very strong governance base
  auto& shiny = test::addPilot(*s, 8, 0);
  shiny.packaging_stock = 1e6;         // a large packaging stock, decayed by 10% in the month
  advancePilots(*s, 8, UnitEffort{});  // the month's dynamics (no effort) turn the stock into polish
  EXPECT_NEAR(s->units.polish[8], 0.3 * std::pow(0.9e6, 0.6), 1.0);
  launchDesignatedPilots(*s);
  ASSERT_EQ(s->programmes.size(), 1u);
  EXPECT_EQ(s->programmes[0].applicants, 10u);
  EXPECT_EQ(designatedUnits(*s), (std::set<std::uint32_t>{1, 8}));
}

// Without Matthew selection the picks are random: over 400 programmes of 2 slots among 10 units
// that all apply, the two high-impression units get 0.2 of the slots each (SE of their joint share:
// sqrt(.2 x .8 / 800) = .014; tolerance .06 is 4 SE). With it they get all of them.
TEST(DesignatedPilotsTest, WithoutMatthewSelectionPicksIgnoreImpressionAndBase) {
  for (bool matthew : {true, false}) {
    int favoured = 0, total = 0;
    for (int m = 0; m < 400; ++m) {
      Params p = everyMonth({10});
      p.mechanisms.matthew_selection = matthew;
      auto s = makeState(p);
      willingUnits(*s);
      test::setAllNeeds(*s, 0.5);  // A4 moves picks toward need: equal needs keep them even
      signalOnly(*s, 2);
      s->units.base[3] = s->units.base[7] = std::exp(3.0);
      s->leaders[s->units.leader[3]].impression = 50;
      s->leaders[s->units.leader[7]].impression = 50;
      s->month = m;
      launchDesignatedPilots(*s);
      ASSERT_EQ(s->programmes.size(), 1u);
      ASSERT_EQ(s->programmes[0].applicants, 10u);
      for (auto u : designatedUnits(*s)) favoured += (u == 3 || u == 7), ++total;
    }
    ASSERT_EQ(total, 800);
    if (matthew)
      EXPECT_EQ(favoured, 800);
    else
      EXPECT_NEAR(favoured / 800.0, 0.2, 0.06);
  }
}

// C1: only units with need >= 0.35, fewer than 2 designated pilots and no pilot in the domain are
// consulted into a slot, ranked on need x spare capacity; impression no longer counts.
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

// C1's number control: unit 9, with the best impression, already runs its one allowed pilot and
// is not eligible; the two slots go to the next best, 8 and 7, out of 9 eligible applicants.
TEST(DesignatedPilotsTest, UnitsAtThePilotCapAreSkipped) {
  Params p = everyMonth({10});
  p.regulation.number_control = 1;
  auto s = makeState(p);
  willingUnits(*s);
  signalOnly(*s, 2);
  // Impressions 0, 10, ..., 90: far apart next to the selection noise (sd 1), unit 9 the best.
  for (std::uint32_t u = 0; u < 10; ++u) s->leaders[s->units.leader[u]].impression = 10.0 * u;
  test::addPilot(*s, 9, 0);
  launchDesignatedPilots(*s);
  ASSERT_EQ(s->programmes.size(), 1u);
  EXPECT_EQ(s->programmes[0].eligible, 9u);
  EXPECT_EQ(s->programmes[0].applicants, 9u);
  EXPECT_EQ(designatedUnits(*s), (std::set<std::uint32_t>{7, 8}));
}

// A load cost of 1000 makes applying hopeless (utility about -1000): no unit applies. Under
// high-level push the superior imposes its two slots on the best non-applicants, who cannot refuse;
// without push the slots stay empty. Either way no applicant was refused.
TEST(DesignatedPilotsTest, WithoutHighLevelPushAPickedUnitMayRefuse) {
  Params p = everyMonth({10});
  p.behaviour.load_cost = 1000;  // accepting is hopelessly costly
  for (double push : {1.0, 0.0}) {
    p.couplings.high_level_push = push;
    auto s = makeState(p);
    test::flattenUnits(*s);
    signalOnly(*s, 2);
    launchDesignatedPilots(*s);
    ASSERT_EQ(s->programmes.size(), 1u) << "push " << push;
    const auto& rec = s->programmes[0];
    EXPECT_EQ(rec.applicants, 0u) << "push " << push;
    EXPECT_EQ(rec.selected, 0u) << "push " << push;
    EXPECT_EQ(rec.forced, push > 0 ? 2u : 0u) << "push " << push;
    EXPECT_EQ(designatedCount(*s), push > 0 ? 2 : 0) << "push " << push;
    EXPECT_EQ(s->events.refused, 0) << "push " << push;
  }
}

// Model 1 escalated slot shares and targets by a fixed factor per level; model 2 passes a quota
// (pilots) and a target down the chain, each superior multiplying both by its multiple, here the
// imposed minimum esc (superiors' own choice off). Root over one region of 10 units, both
// launching this month:
// - the region's own programme: quota 10 x 0.15 = 1.5, round(1.5 esc) slots, target 0.4 esc;
// - the root's: quota 10 x 0.15^2 = 0.225, passed as 0.225 esc to the region, which places
//   max(1, round(0.225 esc^2)) = 1 slot with target 0.4 esc^2: one more level, one more factor.
TEST(DesignatedPilotsTest, TargetsAndSlotsEscalateAtEachLevelDown) {
  struct Case {
    double esc;
    int own_slots;
  };
  for (const Case c : {Case{1.0, 2}, Case{1.3, 2}, Case{2.0, 3}}) {
    Params p = everyMonth({1, 10});
    p.couplings.escalation = c.esc;
    auto s = makeState(p);
    willingUnits(*s);
    signalOnly(*s, 2);
    launchDesignatedPilots(*s);
    // Nodes in order: the root's programme at the root, then at the region; the region's own.
    ASSERT_EQ(s->programmes.size(), 3u) << "esc " << c.esc;
    const auto &root = s->programmes[0], &via = s->programmes[1], &own = s->programmes[2];
    EXPECT_EQ(root.superior, 0u);
    EXPECT_DOUBLE_EQ(root.quota, 0.225);
    EXPECT_DOUBLE_EQ(root.multiplier, c.esc);
    EXPECT_DOUBLE_EQ(root.target, 0.4 * c.esc);
    EXPECT_EQ(via.superior, 1u);
    EXPECT_EQ(via.launcher, 0u);
    EXPECT_EQ(via.parent, 0u);
    EXPECT_EQ(via.depth_below, 1);
    EXPECT_DOUBLE_EQ(via.quota, 0.225 * c.esc);
    EXPECT_DOUBLE_EQ(via.multiplier, c.esc);
    EXPECT_NEAR(via.target, 0.4 * c.esc * c.esc, 1e-12);
    EXPECT_EQ(own.launcher, 1u);
    EXPECT_DOUBLE_EQ(own.quota, 1.5);
    EXPECT_DOUBLE_EQ(own.target, 0.4 * c.esc);

    const auto from_root = pilotsLaunchedBy(*s, 0), from_region = pilotsLaunchedBy(*s, 1);
    ASSERT_EQ(from_root.size(), 1u) << "esc " << c.esc;
    EXPECT_FLOAT_EQ(from_root[0]->target, static_cast<float>(0.4 * c.esc * c.esc)) << "esc " << c.esc;
    ASSERT_EQ(static_cast<int>(from_region.size()), c.own_slots) << "esc " << c.esc;
    for (const Pilot* pl : from_region) EXPECT_FLOAT_EQ(pl->target, static_cast<float>(0.4 * c.esc)) << "esc " << c.esc;
    EXPECT_EQ(designatedCount(*s), 1 + c.own_slots);
  }
}

// A root over 4 regions of 5 units. Its quota is 20 x 0.15^2 = 0.45 pilots; each region's nominal
// share is 5 x 0.15 = 0.75, so the quota fills round(0.45 / 0.75) = 1 region (at least one): the
// strongest (superior_strength 100 against about 0, noise sd 1; needs equal, so A4 changes
// nothing), which places max(1, round(0.45)) = 1 pilot. With the imposed escalation 2.6 the root
// passes 1.17, which fills round(1.56) = 2 regions: the two strongest, asked 0.585 each, which
// they escalate to round(0.585 x 2.6) = round(1.52) = 2 pilots each, target 0.4 x 2.6^2 = 2.704.
TEST(DesignatedPilotsTest, StrongRegionsArePickedByProgrammesFromAbove) {
  for (double esc : {1.0, 2.6}) {
    Params p = everyMonth({4, 5});
    p.couplings.escalation = esc;
    auto s = makeState(p);
    willingUnits(*s);
    test::setAllNeeds(*s, 0.5);
    signalOnly(*s, 2);
    std::fill(s->superior_strength.begin() + 1, s->superior_strength.end(), 0.0);
    s->superior_strength[3] = 100;  // region 3 is by far the strongest
    s->superior_strength[1] = 50;   // region 1 the next
    launchDesignatedPilots(*s);
    const std::set<std::uint32_t> expected_regions =
        esc == 1.0 ? std::set<std::uint32_t>{3} : std::set<std::uint32_t>{1, 3};
    std::set<std::uint32_t> reached;
    for (const auto& rec : s->programmes)
      if (rec.launcher == 0 && rec.superior != 0) {
        reached.insert(rec.superior);
        EXPECT_DOUBLE_EQ(rec.quota, 0.45 * esc / static_cast<double>(expected_regions.size())) << "esc " << esc;
      }
    EXPECT_EQ(reached, expected_regions) << "esc " << esc;
    const auto from_root = pilotsLaunchedBy(*s, 0);
    EXPECT_EQ(from_root.size(), esc == 1.0 ? 1u : 4u) << "esc " << esc;
    std::set<std::uint32_t> regions_with_pilots;
    for (const Pilot* pl : from_root) {
      regions_with_pilots.insert(s->tree.unit_superior[pl->unit]);
      EXPECT_FLOAT_EQ(pl->target, static_cast<float>(0.4 * esc * esc)) << "esc " << esc;
    }
    EXPECT_EQ(regions_with_pilots, expected_regions) << "esc " << esc;
  }
}

// The escalation best response: a superior with units of its own, asked for Q = 1.5 pilots, picks
// x on the grid 1.0, 1.1, ..., 2.5 (from the imposed minimum) maximising
//   E[U(x)] = a [0.5 E(D/Q - 1)+ - 1.0 E(1 - D/Q)+] - (1 - a) (x - 1)^2,  D ~ Bin(round(1.5 x), pi).
// round(1.5 x) is 2 for x <= 1.6, 3 for 1.7..2.3 and 4 for 2.4, 2.5, so within each pilot count the
// burden favours the smallest x. By hand:
// - ambitious (a = 0.9), low belief (pi = 0.2): E[U] = -0.666 at 1.0 (2 pilots), -0.558 - 0.049 =
//   -0.607 at 1.7 (3), -0.456 - 0.196 = -0.652 at 2.4 (4): it hedges with x = 1.7, 3 pilots;
// - ambitious (a = 0.9), belief 0.7: -0.134 at 1.0, 0.140 - 0.049 = 0.091 at 1.7, 0.375 - 0.196 =
//   0.179 at 2.4, 0.150 at 2.5: it over-assigns for the over-fulfilment reward, x = 2.4, 4 pilots;
// - unambitious (a = 0.2), belief 0.9: 0.013 at 1.0, 0.005 at 1.1, falling after: the burden keeps
//   the minimum, x = 1.0, 2 pilots; with an imposed minimum of 1.3 it keeps 1.3 (round(1.95) = 2);
// - without over-fulfilment reward and shortfall penalty only the burden counts: x = 1.0.
// The target passed on is 0.4 x.
TEST(DesignatedPilotsTest, SuperiorsChooseTheEscalationThatMaximisesTheirExpectedScore) {
  struct Case {
    double ambition, belief, minimum;
    bool scored;
    double x;
    int pilots;
  };
  for (const Case c :
       {Case{0.9, 0.2, 1.0, true, 1.7, 3}, Case{0.9, 0.7, 1.0, true, 2.4, 4}, Case{0.2, 0.9, 1.0, true, 1.0, 2},
        Case{0.2, 0.9, 1.3, true, 1.3, 2}, Case{0.9, 0.2, 1.0, false, 1.0, 2}}) {
    Params p = everyMonth({10});
    p.mechanisms.superior_escalation = true;
    p.couplings.escalation = c.minimum;
    if (!c.scored) p.superiors.overfulfilment_reward = p.superiors.shortfall_penalty = 0;
    auto s = makeState(p);
    willingUnits(*s);
    signalOnly(*s, 2);
    // Launch utility a x 1 x 8 - (1 - a) x 1 x 0 > 0: certain at rationality 1e3.
    s->superiors.ambition[0] = c.ambition;
    s->superiors.belief[0] = c.belief;
    launchDesignatedPilots(*s);
    const std::string what = "a " + std::to_string(c.ambition) + " pi " + std::to_string(c.belief) + " min " +
                             std::to_string(c.minimum) + (c.scored ? "" : " unscored");
    ASSERT_EQ(s->programmes.size(), 1u) << what;
    const auto& rec = s->programmes[0];
    EXPECT_DOUBLE_EQ(rec.quota, 1.5) << what;
    EXPECT_NEAR(rec.multiplier, c.x, 1e-9) << what;
    EXPECT_NEAR(rec.assigned, 1.5 * c.x, 1e-9) << what;
    EXPECT_NEAR(rec.target, 0.4 * c.x, 1e-9) << what;
    EXPECT_EQ(rec.selected + rec.forced, static_cast<std::uint32_t>(c.pilots)) << what;
    EXPECT_EQ(designatedCount(*s), c.pilots) << what;
    for (const Pilot* pl : pilotsLaunchedBy(*s, 0)) EXPECT_FLOAT_EQ(pl->target, static_cast<float>(0.4 * c.x)) << what;
  }
}

// The launch logit U = a x launch_value x sig_parent(k) - (1 - a) x burden_aversion x D_area: an
// official without ambition whose area already runs 1 designated pilot per unit sees U = -1 and,
// at rationality 1e3, never launches; one with ambition 1 sees U = 8 and always does.
TEST(DesignatedPilotsTest, LoadedAreasWithUnambitiousSuperiorsLaunchNothing) {
  for (double ambition : {0.0, 1.0}) {
    auto s = makeState(everyMonth({10}));
    willingUnits(*s);
    signalOnly(*s, 2);
    s->superiors.ambition[0] = ambition;
    for (std::uint32_t u = 0; u < 10; ++u) test::addPilot(*s, u, 0, Origin::Designated);
    ASSERT_EQ(s->units.designated_live[4], 1);
    launchDesignatedPilots(*s);
    EXPECT_EQ(s->programmes.size(), ambition > 0 ? 1u : 0u) << "ambition " << ambition;
    EXPECT_EQ(s->superiors.programmes_launched[0], ambition > 0 ? 1u : 0u) << "ambition " << ambition;
  }
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
