// 5.6 Pilot dynamics (src/model/mechanisms/PilotDynamics.cpp), one month at a time by hand:
//   dk = g (1 - difficulty / 2) q f s / (s + half) - decay k,  dr = (k' - r) / delay,
//   P' = P (1 - packaging decay) + packaging,  R = r' + inflation x persuasion x P'^eta,
// then symbolic stall, failure, A2 reviews, the acceptance review of designated pilots and
// institutionalisation.
//
// Quality and fit are stored as floats: hand computations use the float values. P^eta goes through
// powf (Incentives.hpp powFast), so reported impact is compared to 1e-6 relative; the other stocks
// are double arithmetic and compared to 1e-12.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

std::unique_ptr<State> dynamicsState(Params p = customParams({3})) { return makeState(p); }

TEST(PilotDynamicsTest, OneMonthOfImpactRealisationAndReports) {
  auto s = dynamicsState();
  s->month = 3;
  auto& pl = addPilot(*s, 0, 2, Origin::Spontaneous, 0.9, 0.7);  // elderly care: delay 30, difficulty .6
  pl.built = 0.4;
  pl.realised = 0.1;
  pl.packaging_stock = 2.0;
  s->units.live_realised[2] = 0.1;
  s->month = 5;
  s->effort_substance[0] = 0.3;
  s->effort_packaging[0] = 0.5;
  advancePilots(*s, 0);
  const double q = 0.9f, f = 0.7f;
  const double growth = 0.08 * (1 - 0.6 / 2) * q * f * 0.3 / (0.3 + 0.05);
  const double k = 0.4 + growth - 0.05 * 0.4;
  const double r = 0.1 + (k - 0.1) / 30.0;
  const double P = 2.0 * 0.9 + 0.5;
  const Pilot& after = s->unitPilots(0)[0];
  EXPECT_NEAR(after.built, k, 1e-12);
  EXPECT_NEAR(after.realised, r, 1e-12);
  EXPECT_NEAR(after.packaging_stock, P, 1e-12);
  const double R = r + 0.3 * 1.0 * std::pow(P, 0.6);
  EXPECT_NEAR(after.reported, R, 1e-6 * R);
  EXPECT_NEAR(after.contribution, r, 1e-12);
  EXPECT_NEAR(s->units.month_growth[0], growth, 1e-12);
  EXPECT_NEAR(s->units.live_realised[2], r, 1e-12);
  EXPECT_EQ(after.status, PilotStatus::Active);
  EXPECT_EQ(after.starved_months, 0);

  // C2 participation makes packaging less convincing: persuasion 1 - 0.7 x 0.5.
  auto t = dynamicsState();
  t->params.regulation.participation = 0.5;
  auto& x = addPilot(*t, 0, 0);
  x.packaging_stock = 1.0;
  t->effort_substance[0] = 0.0;
  t->effort_packaging[0] = 0.0;
  advancePilots(*t, 0);
  EXPECT_NEAR(t->unitPilots(0)[0].reported, 0.65 * 0.3 * std::pow(0.9, 0.6), 1e-6);
}

TEST(PilotDynamicsTest, ImpactSaturatesInSubstanceAndDecaysWithoutIt) {
  auto s = dynamicsState();
  auto& pl = addPilot(*s, 0, 0, Origin::Spontaneous, 1.0, 1.0);  // grid: difficulty .3, delay 6
  pl.built = 0.5;
  s->effort_substance[0] = 0.0;
  s->effort_packaging[0] = 0.0;
  advancePilots(*s, 0);
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.5 * 0.95, 1e-12);
  // Huge substance: growth tends to g (1 - d/2) q f.
  s->unitPilots(0)[0].built = 0.0;
  s->effort_substance[0] = 1e9;
  advancePilots(*s, 0);
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.08 * 0.85, 1e-9);
  // Over many months with steady substance the stock approaches growth / decay.
  for (int m = 0; m < 400; ++m) {
    s->effort_substance[0] = 0.05;  // = half-saturation: half the maximum build rate
    advancePilots(*s, 0);
  }
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.08 * 0.85 * 0.5 / 0.05, 1e-6);
  EXPECT_NEAR(s->unitPilots(0)[0].realised, s->unitPilots(0)[0].built, 1e-4);
}

/// A state with failures off, so that the other transitions can be followed month by month.
std::unique_ptr<State> noFailure() {
  Params p = customParams({3});
  p.mechanisms.pilot_failure = false;
  return makeState(p);
}

TEST(PilotDynamicsTest, StarvedPilotsBecomeSymbolicAndRecoverWithSubstance) {
  for (const bool stall : {true, false}) {
    auto s = noFailure();
    s->params.mechanisms.symbolic_stall = stall;
    addPilot(*s, 0, 0);
    for (int m = 1; m <= 6; ++m) {
      s->month = m;
      s->effort_substance[0] = 0.039;  // below the threshold 0.04
      advancePilots(*s, 0);
      EXPECT_EQ(s->unitPilots(0)[0].starved_months, m);
      const bool symbolic = stall && m >= 6;
      EXPECT_EQ(s->unitPilots(0)[0].status, symbolic ? PilotStatus::Symbolic : PilotStatus::Active) << "month " << m;
    }
    s->month = 7;
    s->effort_substance[0] = 0.04;  // enough again
    advancePilots(*s, 0);
    EXPECT_EQ(s->unitPilots(0)[0].starved_months, 0);
    EXPECT_EQ(s->unitPilots(0)[0].status, PilotStatus::Active);
  }
}

/// 300 units with 30 pilots each (q = f = 0.5, grid management) at the given age.
std::unique_ptr<State> crowd(Params p, int age) {
  auto s = makeState(p);
  for (std::uint32_t u = 0; u < s->unitCount(); ++u)
    for (int i = 0; i < 30; ++i) addPilot(*s, u, 0, Origin::Spontaneous, 0.5, 0.5);
  s->month = age;
  return s;
}

/// Advance every unit's pilots through months [from, to) with some substance; returns the pilots
/// at risk and the failures of each month (pilots of age a in month a).
struct FailureCount {
  double at_risk = 0, failed = 0;
};
FailureCount runMonths(State& s, int from, int to) {
  FailureCount c;
  for (int m = from; m < to; ++m) {
    s.month = m;
    double live = 0;
    for (std::uint32_t u = 0; u < s.unitCount(); ++u) live += s.pilotCount(u);
    c.at_risk += live;
    for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
      std::fill(s.effort_substance.begin(), s.effort_substance.end(), 0.1);
      advancePilots(s, u);
    }
  }
  for (const auto& r : s.records) c.failed += r.status == PilotStatus::Failed;
  return c;
}

// The failure hazard is rate x (0.5 + difficulty) x (2 - min(1, q)) x (2 - f) a month while the
// pilot is younger than the failure window: with rate 0.05, difficulty 0.3, q = f = 0.5 it is 0.09.
// 9,000 pilots followed for 24 months give about 81,000 pilot-months at risk, so the estimated
// hazard has SE sqrt(.09 x .91 / 81000) = .001; tolerance .004 is 4 SE.
TEST(PilotDynamicsTest, PilotsFailWithTheirHazardAndCostTheEvaluation) {
  Params p = customParams({300});
  p.pilot.failure_rate = 0.05;
  auto s = crowd(p, 0);
  const auto c = runMonths(*s, 0, 24);
  const double hazard = 0.05 * 0.8 * 1.5 * 1.5;
  EXPECT_NEAR(c.failed / c.at_risk, hazard, 0.004);
  for (const auto& r : s->records)
    if (r.status == PilotStatus::Failed) {
      EXPECT_GE(r.end, 0);
      EXPECT_LT(r.end, 24);
    }
  // Each failure costs failure_penalty x (1 - error tolerance) = 0.8 in this year's evaluation.
  double penalty = 0;
  for (double x : s->units.year_penalty) penalty += x;
  EXPECT_NEAR(penalty, 0.8 * c.failed, 1e-9);
  // Past the window nobody fails any more.
  const auto later = runMonths(*s, 24, 36);
  EXPECT_EQ(later.failed, c.failed);
}

// Quality and fit lower the hazard, difficulty raises it: elderly care (difficulty .6) with
// q = f = 1 has 0.05 x 1.1 x 1 x 1 = 0.055. About 125,000 pilot-months at risk: SE .0006, tol 5 SE.
TEST(PilotDynamicsTest, FailureHazardFallsWithQualityAndFitAndRisesWithDifficulty) {
  Params p = customParams({300});
  p.pilot.failure_rate = 0.05;
  auto s = makeState(p);
  for (std::uint32_t u = 0; u < 300; ++u)
    for (int i = 0; i < 30; ++i) test::addPilot(*s, u, 2, Origin::Spontaneous, 1.0, 1.0);
  const auto c = runMonths(*s, 0, 24);
  EXPECT_NEAR(c.failed / c.at_risk, 0.05 * 1.1 * 1.0 * 1.0, 0.003);
}

TEST(PilotDynamicsTest, NoFailuresWhenSwitchedOffAndNoPenaltyWhenTolerated) {
  Params p = customParams({100});
  p.pilot.failure_rate = 0.05;
  auto on = crowd(p, 0);
  EXPECT_GT(runMonths(*on, 0, 24).failed, 1000);
  p.mechanisms.pilot_failure = false;
  auto off = crowd(p, 0);
  EXPECT_EQ(runMonths(*off, 0, 24).failed, 0);
  p.mechanisms.pilot_failure = true;
  p.couplings.error_tolerance = 1.0;
  auto tolerated = crowd(p, 0);
  EXPECT_GT(runMonths(*tolerated, 0, 24).failed, 1000);
  for (double x : tolerated->units.year_penalty) EXPECT_EQ(x, 0.0);
}

TEST(PilotDynamicsTest, OldPilotsWithRealImpactAreInstitutionalised) {
  Params p = customParams({3});
  p.mechanisms.pilot_failure = false;
  p.pilot.institution_rate = 1.0;  // certain once eligible
  struct Case {
    int age;
    double realised;
    bool institutionalisation, symbolic, expected;
  };
  const Case cases[] = {
      {36, 0.5, true, false, true},   {35, 0.5, true, false, false}, {36, 0.1, true, false, false},
      {36, 0.5, false, false, false}, {36, 0.5, true, true, false},
  };
  for (const auto& c : cases) {
    p.mechanisms.institutionalisation = c.institutionalisation;
    auto s = makeState(p);
    auto& pl = addPilot(*s, 0, 0);
    pl.built = pl.realised = c.realised;
    if (c.symbolic) pl.status = PilotStatus::Symbolic, pl.starved_months = 10;
    s->month = c.age;
    s->effort_substance[0] = c.symbolic ? 0.0 : 1.0;  // a symbolic pilot stays starved
    advancePilots(*s, 0);
    const bool inst = s->unitPilots(0)[0].status == PilotStatus::Institutionalised;
    EXPECT_EQ(inst, c.expected) << "age " << c.age << " realised " << c.realised;
    EXPECT_EQ(s->units.load[0], c.expected ? 0 : 1);
  }
  // A rule decays slowly and takes no effort.
  p.mechanisms.institutionalisation = true;
  auto s = makeState(p);
  auto& pl = addPilot(*s, 0, 0);
  pl.built = pl.realised = 0.5;
  institutionalise(*s, pl);
  s->effort_substance[0] = 5.0;
  advancePilots(*s, 0);
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.5 * (1 - 0.005), 1e-12);
  EXPECT_EQ(s->units.month_growth[0], 0.0);
}

// Eligible pilots are institutionalised with the monthly hazard: 9,000 x 0.05 = 450 (SE 21,
// tolerance 4 SE).
TEST(PilotDynamicsTest, InstitutionalisationHazard) {
  Params p = customParams({300});
  p.mechanisms.pilot_failure = false;
  auto s = crowd(p, 40);
  for (std::uint32_t u = 0; u < s->unitCount(); ++u)
    for (int i = 0; i < 30; ++i) s->unitPilots(u)[i].built = s->unitPilots(u)[i].realised = 0.5;
  std::fill(s->effort_substance.begin(), s->effort_substance.end(), 1.0);
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) advancePilots(*s, u);
  EXPECT_NEAR(s->events.institutionalised, 9000 * 0.05, 84);
}

TEST(PilotDynamicsTest, DesignatedPilotsFaceAnAcceptanceReviewAtTheEndOfTheirTerm) {
  Params p = customParams({3});
  p.mechanisms.pilot_failure = false;
  p.pilot.institution_rate = 0.0;  // only the review can institutionalise
  const auto review = [&](double realised, bool symbolic, int age, bool inst_on) {
    p.mechanisms.institutionalisation = inst_on;
    auto s = makeState(p);
    auto& pl = addPilot(*s, 0, 0, Origin::Designated);
    pl.target = 0.4f;
    pl.funds_rate = 0.1f;
    pl.built = pl.realised = realised;
    if (symbolic) pl.status = PilotStatus::Symbolic, pl.starved_months = 10;
    s->month = age;
    s->effort_substance[0] = symbolic ? 0.0 : 1.0;
    advancePilots(*s, 0);
    return s;
  };
  auto success = review(0.5, false, 36, true);
  EXPECT_EQ(success->unitPilots(0)[0].status, PilotStatus::Institutionalised);
  EXPECT_EQ(success->unitPilots(0)[0].target, 0.0f);
  EXPECT_EQ(success->unitPilots(0)[0].funds_rate, 0.0f);
  auto shell = review(0.0, true, 36, true);
  EXPECT_EQ(shell->pilotCount(0), 0);
  EXPECT_EQ(shell->records[0].status, PilotStatus::Abandoned);
  auto middling = review(0.1, false, 36, true);
  EXPECT_EQ(middling->unitPilots(0)[0].status, PilotStatus::Active);
  EXPECT_EQ(middling->unitPilots(0)[0].target, 0.0f);  // left to the unit without funds or target
  EXPECT_EQ(middling->unitPilots(0)[0].funds_rate, 0.0f);
  auto early = review(0.5, false, 35, true);
  EXPECT_EQ(early->unitPilots(0)[0].status, PilotStatus::Active);
  EXPECT_EQ(early->unitPilots(0)[0].target, 0.4f);
  auto no_rules = review(0.5, false, 36, false);
  EXPECT_EQ(no_rules->unitPilots(0)[0].status, PilotStatus::Active);
  EXPECT_EQ(no_rules->unitPilots(0)[0].target, 0.0f);
}

TEST(PilotDynamicsTest, LifecycleReviewsStopEmptyPilotsAtMilestones) {
  Params p = customParams({3});
  p.mechanisms.pilot_failure = false;
  const auto outcome = [&](bool a2, int age, double built, bool symbolic) {
    p.regulation.lifecycle_review = a2;
    auto s = makeState(p);
    auto& pl = addPilot(*s, 0, 0);
    pl.built = built;
    if (symbolic) pl.status = PilotStatus::Symbolic, pl.starved_months = 10;
    s->month = age;
    s->effort_substance[0] = symbolic ? 0.0 : 0.05;
    advancePilots(*s, 0);
    return s->pilotCount(0) == 0 ? s->records[0].status : s->unitPilots(0)[0].status;
  };
  // Built impact after this month: built x 0.95 + growth; the milestone asks for 0.05.
  EXPECT_EQ(outcome(true, 12, 0.0, false), PilotStatus::Abandoned);
  EXPECT_EQ(outcome(true, 12, 0.5, true), PilotStatus::Abandoned);  // symbolic: exists in reports only
  EXPECT_EQ(outcome(true, 12, 0.5, false), PilotStatus::Active);
  EXPECT_EQ(outcome(true, 13, 0.0, false), PilotStatus::Active);  // not a milestone
  EXPECT_EQ(outcome(true, 24, 0.0, false), PilotStatus::Abandoned);
  EXPECT_EQ(outcome(false, 12, 0.0, false), PilotStatus::Active);  // no A2
  EXPECT_EQ(outcome(false, 12, 0.5, true), PilotStatus::Symbolic);
}

TEST(PilotDynamicsTest, ARealInnovationIsCountedOnceWhenItsRealisedImpactReachesTheThreshold) {
  auto s = noFailure();
  auto& pl = addPilot(*s, 0, 4);  // smart governance: delay 4
  pl.built = 1.0;
  pl.realised = 0.15;
  s->effort_substance[0] = 1.0;
  advancePilots(*s, 0);  // r = 0.15 + (k' - 0.15) / 4 > 0.2
  EXPECT_EQ(s->unitPilots(0)[0].became_real, 1);
  EXPECT_EQ(s->events.became_real, 1.0);
  advancePilots(*s, 0);
  EXPECT_EQ(s->events.became_real, 1.0);
}

}  // namespace
}  // namespace pilotsim
