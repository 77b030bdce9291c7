// 5.6 Pilot dynamics (src/model/mechanisms/PilotDynamics.cpp, docs/ODD.md s.7.8), one month at a
// time by hand, with the effort handed over explicitly (UnitEffort):
//   dk = g_k q f s / (s + half) - decay k,  g_k = 0.08 (1 - 0.5 difficulty_k),
//   dr = (k' - r) / delay_k,  P' = P (1 - 0.1) + packaging,  R = vis_k r' + persuasion 0.3 P'^0.6,
// then symbolic stall, red-line crossings, failure, A2 milestone checks, and at the end of the pilot
// period the acceptance review of designated pilots and the superior's verdict: written into rules
// or concluded. Superiors learn from acceptance reviews.
//
// Quality and fit are stored as floats: hand computations use the float values. P^eta goes through
// powf (Incentives.hpp powFast), so reported impact is compared to 1e-6 relative; the other stocks
// are double arithmetic and compared to 1e-12. Where a review's verdict is computed by hand, the
// superior's reading error is switched off (report_noise, inspection_error), so that the value it
// sees is the report or the check (1 - formalism) r + formalism R exactly.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

/// Failures off, so that a drawn failure age does not interrupt a hand computation.
std::unique_ptr<State> dynamicsState(Params p = customParams({3})) {
  p.mechanisms.pilot_failure = false;
  auto s = makeState(p);
  test::flattenUnits(*s);  // budget 1: review costs of 0.03 a review
  return s;
}

/// Effort with the same substance and packaging for every slot.
UnitEffort uniformEffort(double substance, double packaging = 0.0) {
  UnitEffort e;
  e.substance.fill(substance);
  e.packaging.fill(packaging);
  return e;
}

/// The pilot's final status: in the block if it is still there, else from its record.
PilotStatus statusOf(const State& s, std::uint32_t u, std::uint32_t id) {
  for (int i = 0; i < s.pilotCount(u); ++i)
    if (s.unitPilots(u)[i].id == id) return s.unitPilots(u)[i].status;
  return s.records[id].status;
}

TEST(PilotDynamicsTest, OneMonthOfImpactRealisationAndReports) {
  auto s = dynamicsState();
  s->month = 3;
  auto& pl = addPilot(*s, 0, 2, Origin::Spontaneous, 0.9, 0.7);  // elderly care: delay 30, difficulty .6, vis .25
  pl.built = 0.4;
  pl.realised = 0.1;
  pl.packaging_stock = 2.0;
  s->units.live_realised[2] = 0.1;
  s->month = 5;
  UnitEffort e;
  e.substance[0] = 0.3;
  e.packaging[0] = 0.5;
  advancePilots(*s, 0, e);
  const double q = 0.9f, f = 0.7f;
  const double growth = 0.08 * (1 - 0.5 * 0.6) * q * f * 0.3 / (0.3 + 0.05);
  const double k = 0.4 + growth - 0.05 * 0.4;
  const double r = 0.1 + (k - 0.1) / 30.0;
  const double P = 2.0 * 0.9 + 0.5;
  const Pilot& after = s->unitPilots(0)[0];
  EXPECT_NEAR(after.built, k, 1e-12);
  EXPECT_NEAR(after.realised, r, 1e-12);
  EXPECT_NEAR(after.packaging_stock, P, 1e-12);
  // Only a quarter of realised impact in elderly care shows in a report.
  const double bought = 0.3 * 1.0 * std::pow(P, 0.6);
  EXPECT_NEAR(after.reported, 0.25 * r + bought, 1e-6 * after.reported);
  EXPECT_NEAR(after.contribution, r, 1e-12);
  EXPECT_NEAR(s->units.month_growth[0], growth, 1e-12);
  EXPECT_NEAR(s->units.polish[0], bought, 1e-6 * bought);
  EXPECT_NEAR(s->units.live_realised[2], r, 1e-12);
  EXPECT_EQ(after.status, PilotStatus::Active);
  EXPECT_EQ(after.starved_months, 0);

  // C2 participation makes packaging less convincing: persuasion 1 - 0.7 x 0.5.
  auto t = dynamicsState();
  t->params.regulation.participation = 0.5;
  auto& x = addPilot(*t, 0, 0);
  x.packaging_stock = 1.0;
  advancePilots(*t, 0, uniformEffort(0.0));
  EXPECT_NEAR(t->unitPilots(0)[0].reported, 0.65 * 0.3 * std::pow(0.9, 0.6), 1e-6);
}

TEST(PilotDynamicsTest, ImpactSaturatesInSubstanceAndDecaysWithoutIt) {
  auto s = dynamicsState();
  auto& pl = addPilot(*s, 0, 0, Origin::Spontaneous, 1.0, 1.0);  // grid: difficulty .3, delay 6
  pl.built = 0.5;
  advancePilots(*s, 0, uniformEffort(0.0));
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.5 * 0.95, 1e-12);
  // Huge substance: growth tends to g (1 - 0.5 d) q f.
  s->unitPilots(0)[0].built = 0.0;
  advancePilots(*s, 0, uniformEffort(1e9));
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.08 * 0.85, 1e-9);
  // Over many months with steady substance the stock approaches growth / decay (the month is not
  // advanced: the pilot stays at age 0, before any review).
  for (int m = 0; m < 400; ++m) advancePilots(*s, 0, uniformEffort(0.05));  // = half-saturation
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.08 * 0.85 * 0.5 / 0.05, 1e-6);
  EXPECT_NEAR(s->unitPilots(0)[0].realised, s->unitPilots(0)[0].built, 1e-4);
}

TEST(PilotDynamicsTest, StarvedPilotsBecomeSymbolicAndRecoverWithSubstance) {
  for (const bool stall : {true, false}) {
    auto s = dynamicsState();
    s->params.mechanisms.symbolic_stall = stall;
    addPilot(*s, 0, 0);
    for (int m = 1; m <= 6; ++m) {
      s->month = m;
      advancePilots(*s, 0, uniformEffort(0.039));  // below the threshold 0.04
      EXPECT_EQ(s->unitPilots(0)[0].starved_months, m);
      const bool symbolic = stall && m >= 6;
      EXPECT_EQ(s->unitPilots(0)[0].status, symbolic ? PilotStatus::Symbolic : PilotStatus::Active) << "month " << m;
    }
    s->month = 7;
    advancePilots(*s, 0, uniformEffort(0.04));  // enough again
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
  const auto effort = uniformEffort(0.1);
  for (int m = from; m < to; ++m) {
    s.month = m;
    double live = 0;
    for (std::uint32_t u = 0; u < s.unitCount(); ++u) live += s.pilotCount(u);
    c.at_risk += live;
    for (std::uint32_t u = 0; u < s.unitCount(); ++u) advancePilots(s, u, effort);
  }
  for (const auto& r : s.records) c.failed += r.status == PilotStatus::Failed;
  return c;
}

// The failure hazard is rate x (1 + (difficulty - 0.5)) x (1 + (1 - min(1, q))) x (1 + (1 - f)) a
// month while the pilot is younger than the failure window, drawn as a failure age at the start:
// with rate 0.05, difficulty 0.3, q = f = 0.5 it is 0.09. 9,000 pilots followed for 24 months give
// about 81,000 pilot-months at risk, so the estimated hazard has SE sqrt(.09 x .91 / 81000) = .001;
// tolerance .004 is 4 SE.
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
  // Past the window nobody fails any more (months 24..35: before the end of the pilot period).
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

// A bold pilot crosses a red line at its drawn age: the crossing is counted, and nothing else
// happens until a check finds it (here an A2 milestone review: halted, the penalty 3 never
// tolerated).
TEST(PilotDynamicsTest, ARedLineCrossedStaysHiddenUntilAReviewFindsIt) {
  auto s = dynamicsState();
  auto& pl = addPilot(*s, 0, 0);
  pl.redline_age = 3;
  const auto id = pl.id;
  for (int m = 1; m <= 11; ++m) {
    s->month = m;
    advancePilots(*s, 0, uniformEffort(0.5));
    EXPECT_EQ(s->unitPilots(0)[0].crossed, m >= 3 ? 1 : 0) << "month " << m;
  }
  EXPECT_EQ(s->events.redline_crossed, 1.0);  // counted once, at age 3
  EXPECT_EQ(statusOf(*s, 0, id), PilotStatus::Active);
  EXPECT_EQ(s->units.year_penalty[0], 0.0);
  s->params.regulation.lifecycle_review = true;
  s->month = 12;
  advancePilots(*s, 0, uniformEffort(0.5));
  EXPECT_EQ(s->pilotCount(0), 0);
  EXPECT_EQ(s->records[id].status, PilotStatus::Halted);
  EXPECT_EQ(s->records[id].halt_reason, HaltReason::RedLine);
  EXPECT_EQ(s->units.year_penalty[0], 3.0);
}

/// Parameters for hand-checked A2 milestone checks: the check is (1 - formalism) r + formalism R
/// without error. Goal 0.05 x min(1, age / 12), halted under 0.25 of it. No red lines, so that no
/// drawn crossing is found at a check.
Params milestoneParams() {
  Params p = customParams({3});
  p.mechanisms.red_line = false;
  p.regulation.lifecycle_review = true;
  p.verification.inspection_error = 0.0;
  return p;
}

struct Milestone {
  PilotStatus status;
  HaltReason reason;
  float assessed;
  int assessed_month;
  double burden;
};
/// One month of a grid-management pilot (vis 0.7, delay 6) of the given age, built = realised =
/// `realised`, packaging stock `stock`, without effort: r' = realised (1 - 0.05 / 6), R = 0.7 r' + bought.
Milestone milestone(Params p, int age, double realised, double stock = 0.0) {
  auto s = dynamicsState(p);
  auto& pl = addPilot(*s, 0, 0);
  pl.built = pl.realised = realised;
  pl.packaging_stock = stock;
  const auto id = pl.id;
  s->month = age;
  advancePilots(*s, 0, uniformEffort(0.0));
  const bool live = s->pilotCount(0) > 0;
  const Pilot* after = live ? &s->unitPilots(0)[0] : nullptr;
  return {statusOf(*s, 0, id), s->records[id].halt_reason, live ? after->assessed : -1.0f,
          live ? after->assessed_month : -1, s->units.burden[0]};
}

// Model 1's milestone review measured built impact against a fixed goal and abandoned empty pilots;
// model 2's A2 review is a check of (1 - formalism) r + formalism R every review_period months of
// age, against halt_share x milestone_goal x min(1, age / 12), and halts the pilot (reason Review).
TEST(PilotDynamicsTest, MilestoneChecksMeasureProgressAndHaltEmptyPilots) {
  const Params p = milestoneParams();
  // Empty at a milestone: check 0 < 0.25 x 0.05 -> halted; every review costs 0.03 of the budget.
  auto empty = milestone(p, 12, 0.0);
  EXPECT_EQ(empty.status, PilotStatus::Halted);
  EXPECT_EQ(empty.reason, HaltReason::Review);
  EXPECT_NEAR(empty.burden, 0.03, 1e-15);
  EXPECT_EQ(milestone(p, 24, 0.0).status, PilotStatus::Halted);
  // Progress: check (0.7 + 0.3 x 0.7) r' = 0.91 r', r' = 0.05 (1 - 0.05 / 6), above 0.0125.
  auto progress = milestone(p, 12, 0.05);
  EXPECT_EQ(progress.status, PilotStatus::Active);
  EXPECT_NEAR(progress.assessed, 0.91 * 0.05 * (1 - 0.05 / 6), 1e-7);
  EXPECT_EQ(progress.assessed_month, 12);
  EXPECT_NEAR(progress.burden, 0.03, 1e-15);
  // Not a milestone: no check, no cost.
  auto between = milestone(p, 13, 0.0);
  EXPECT_EQ(between.status, PilotStatus::Active);
  EXPECT_EQ(between.assessed_month, -1);
  EXPECT_EQ(between.burden, 0.0);
  // Without A2 there are no milestone checks; without halting they measure but stop nothing.
  Params off = p;
  off.regulation.lifecycle_review = false;
  EXPECT_EQ(milestone(off, 12, 0.0).status, PilotStatus::Active);
  EXPECT_EQ(milestone(off, 12, 0.0).assessed_month, -1);
  Params no_halt = p;
  no_halt.mechanisms.halting = false;
  auto kept = milestone(no_halt, 12, 0.0);
  EXPECT_EQ(kept.status, PilotStatus::Active);
  EXPECT_EQ(kept.assessed_month, 12);
  // The goal is pro rata before a year: with reviews every 6 months, a check of 0.91 x 0.011 x
  // (1 - 0.05 / 6) = 0.0099 passes at age 6 (0.25 x 0.025) and fails at age 12 (0.25 x 0.05).
  Params half = p;
  half.regulation.review_period = 6;
  EXPECT_EQ(milestone(half, 6, 0.011).status, PilotStatus::Active);
  EXPECT_EQ(milestone(half, 12, 0.011).status, PilotStatus::Halted);
}

// Formalism: the check rests partly on the materials presented, so an empty pilot whose report is
// bought by packaging (stock 2 -> 1.8, R = 0.3 x 1.8^0.6 = 0.43) passes a milestone with 0.3 x 0.43;
// a check with formalism 0 finds it empty and halts it.
TEST(PilotDynamicsTest, FormalisticChecksLetPackagedEmptyPilotsPass) {
  Params p = milestoneParams();
  const double R = 0.3 * std::pow(1.8, 0.6);
  auto packaged = milestone(p, 12, 0.0, 2.0);
  EXPECT_EQ(packaged.status, PilotStatus::Active);
  EXPECT_NEAR(packaged.assessed, 0.3 * R, 1e-6);
  p.verification.formalism = 0.0;
  EXPECT_EQ(milestone(p, 12, 0.0, 2.0).status, PilotStatus::Halted);
}

/// Parameters for hand-checked verdicts at the end of the pilot period: the superior reads reports
/// without error and writes a pilot it sees at or above the threshold 0.3 into rules for certain.
/// No red lines (as in milestoneParams).
Params termParams() {
  Params p = customParams({3});
  p.mechanisms.red_line = false;
  p.mechanisms.report_noise = false;
  p.pilot.institution_rate = 1.0;
  return p;
}

// Model 1 institutionalised old pilots with real impact at a monthly hazard; model 2 replaced it by
// the superior's verdict at the end of the pilot period (pilot.term 36): written into rules if the
// value it sees (here the report) is at least institution_threshold 0.3, with chance institution_rate;
// else the pilot is concluded and its realised impact stays as legacy. The superior sees only the
// value: a packaged report passes; B4's legalisation makes it check first.
TEST(PilotDynamicsTest, AtTheEndOfItsPeriodAPilotIsWrittenIntoRulesOrConcluded) {
  struct Case {
    int age;
    double realised, stock;
    bool institutionalisation;
    double legalisation;
    PilotStatus expected;
  };
  // Realised 0.5 with substance 1: r' = 0.4985, R = 0.7 r' = 0.349; realised 0.1: R = 0.069.
  const Case cases[] = {
      {36, 0.5, 0, true, 0, PilotStatus::Institutionalised},
      {35, 0.5, 0, true, 0, PilotStatus::Active},
      {36, 0.1, 0, true, 0, PilotStatus::Concluded},
      {36, 0.5, 0, false, 0, PilotStatus::Concluded},
      {40, 0.5, 0, true, 0, PilotStatus::Institutionalised},
      // Empty, with a report bought by packaging (0.43): written into rules on its report, but a
      // B4 check reads it at (1 - 0.3) 0 + 0.3 x 0.43 = 0.13 (x an error of log-sd 0.15) and concludes it.
      {36, 0.0, 2.0, true, 0, PilotStatus::Institutionalised},
      {36, 0.0, 2.0, true, 1, PilotStatus::Concluded},
  };
  for (const auto& c : cases) {
    Params p = termParams();
    p.mechanisms.institutionalisation = c.institutionalisation;
    p.regulation.legalisation = c.legalisation;
    auto s = dynamicsState(p);
    auto& pl = addPilot(*s, 0, 0);
    pl.built = pl.realised = c.realised;
    pl.packaging_stock = c.stock;
    pl.substance_total = 1.0f;  // effort spent so far (allocateEffort's accumulator)
    const auto id = pl.id;
    s->month = c.age;
    advancePilots(*s, 0, uniformEffort(c.realised > 0 ? 1.0 : 0.0));
    const auto status = statusOf(*s, 0, id);
    EXPECT_EQ(status, c.expected) << "age " << c.age << " realised " << c.realised << " legalisation "
                                  << c.legalisation;
    EXPECT_EQ(s->units.load[0], c.expected == PilotStatus::Active ? 1 : 0);
    EXPECT_NEAR(s->units.burden[0], c.age >= 36 ? 0.03 : 0.0, 1e-15);  // the review's cost
    const bool empty_rule = c.expected == PilotStatus::Institutionalised && c.realised == 0;
    EXPECT_EQ(s->events.institutionalised_empty, empty_rule ? 1.0 : 0.0);
    EXPECT_EQ(s->superiors.reviews_used[0], c.legalisation > 0 ? 1.0 : 0.0);  // B4's check uses a verification
    if (c.expected == PilotStatus::Concluded) {
      EXPECT_EQ(s->pilotCount(0), 0);
      EXPECT_EQ(s->records[id].end, c.age);
      EXPECT_EQ(s->records[id].halt_reason, HaltReason::None);
      EXPECT_NEAR(s->units.legacy[0], s->records[id].impact_realised, 1e-12);  // its impact stays
      EXPECT_EQ(s->events.ended_effort, 1.0);
      EXPECT_EQ(s->events.wasted_effort, 0.0);  // a concluded pilot did what a pilot is for
    }
  }
  // A rule decays slowly, takes no effort and faces no further review.
  auto s = dynamicsState(termParams());
  auto& pl = addPilot(*s, 0, 0);
  pl.built = pl.realised = 0.5;
  institutionalise(*s, pl);
  s->month = 48;
  advancePilots(*s, 0, uniformEffort(5.0));
  EXPECT_EQ(s->unitPilots(0)[0].status, PilotStatus::Institutionalised);
  EXPECT_NEAR(s->unitPilots(0)[0].built, 0.5 * (1 - 0.005), 1e-12);
  EXPECT_EQ(s->units.month_growth[0], 0.0);
  EXPECT_EQ(s->units.burden[0], 0.0);
}

// A measurement within a year replaces the report in the value the superior sees: with A2
// (formalism 0, halting off) the milestone check at 36 finds the packaged empty pilot empty, and the
// verdict that follows concludes it instead of writing its report (0.43) into rules.
TEST(PilotDynamicsTest, TheVerdictReadsTheLastCheckRatherThanTheReport) {
  Params p = termParams();
  p.regulation.lifecycle_review = true;
  p.verification.formalism = 0.0;
  p.verification.inspection_error = 0.0;
  p.mechanisms.halting = false;
  auto s = dynamicsState(p);
  const auto id = addPilot(*s, 0, 0).id;
  s->unitPilots(0)[0].packaging_stock = 2.0;
  s->month = 36;
  advancePilots(*s, 0, uniformEffort(0.0));
  EXPECT_EQ(s->records[id].status, PilotStatus::Concluded);
  EXPECT_NEAR(s->records[id].reported, 0.3 * std::pow(1.8, 0.6), 1e-6);
  EXPECT_NEAR(s->units.burden[0], 0.03 + 0.03, 1e-15);  // the milestone check and the verdict
}

// With certain eligibility the verdict is random with chance institution_rate 0.3, doubled
// (recognised_boost 1) for a pilot the superior recognised. 9,000 pilots at the end of their period
// each: SE sqrt(9000 x .3 x .7) = 43 and sqrt(9000 x .6 x .4) = 46; tolerance 4 SE. None is left
// running.
TEST(PilotDynamicsTest, RulesAreWrittenWithTheInstitutionalisationChance) {
  for (const bool recognised : {false, true}) {
    Params p = customParams({300});
    p.mechanisms.pilot_failure = false;
    p.mechanisms.report_noise = false;
    auto s = crowd(p, 36);
    for (std::uint32_t u = 0; u < s->unitCount(); ++u)
      for (int i = 0; i < 30; ++i) {
        auto& pl = s->unitPilots(u)[i];
        pl.built = pl.realised = 0.5;  // R = 0.349 after the month with substance 1
        pl.recognised = recognised;
      }
    for (std::uint32_t u = 0; u < s->unitCount(); ++u) advancePilots(*s, u, uniformEffort(1.0));
    const double expected = 9000 * (recognised ? 0.6 : 0.3);
    EXPECT_NEAR(s->events.institutionalised, expected, recognised ? 186 : 174) << "recognised " << recognised;
    EXPECT_EQ(s->events.institutionalised_empty, 0.0);
    int attended = 0;
    for (std::uint32_t u = 0; u < s->unitCount(); ++u) attended += s->units.load[u];
    EXPECT_EQ(attended, 0);
  }
}

/// A designated grid pilot of unit 0 (target 0.4) designated by a programme passed from the root
/// (node 0) to unit 0's superior (node 1), reviewed at the programme's term 24 (pilot.term stays 36).
struct Designated {
  std::unique_ptr<State> s;
  std::uint32_t id, sup, root;
};
Designated designated(double realised, int age, bool halting = true) {
  Params p = termParams();
  p.structure.branching = {2, 3};
  p.programmes.term = 24;
  p.mechanisms.halting = halting;
  Designated d{dynamicsState(p), 0, 0, 0};
  State& s = *d.s;
  d.sup = s.tree.unit_superior[0];
  d.root = s.tree.parent[d.sup];
  EXPECT_NE(d.sup, d.root);
  for (std::uint32_t node = 0; node < 2; ++node) {
    ProgrammeRecord rec{};
    rec.id = node;
    rec.programme = 0;
    rec.parent = node == 0 ? kNone : 0;
    rec.launcher = d.root;
    rec.superior = node == 0 ? d.root : d.sup;
    s.programmes.push_back(rec);
  }
  auto& pl = addPilot(s, 0, 0, Origin::Designated);
  pl.target = 0.4f;
  pl.funds_rate = 0.1f;
  pl.programme = 1;
  pl.built = pl.realised = realised;
  d.id = pl.id;
  s.month = age;
  advancePilots(s, 0, uniformEffort(0.0));  // R = 0.7 realised (1 - 0.05 / 6)
  return d;
}

// At the programme's term the acceptance review compares the value seen (the report) with the
// target: delivered or not (the record, and every node of the chain learns: belief += 0.05 (1 -
// belief) or -= 0.05 belief from 0.7); under halt_share x target = 0.1 the pilot is halted; then the
// end-of-period verdict applies (rules at 0.3 and above, else concluded).
TEST(PilotDynamicsTest, DesignatedPilotsFaceAnAcceptanceReviewAtTheProgrammesTerm) {
  const auto chain = [](const Designated& d, double belief, std::uint32_t delivered) {
    for (std::uint32_t node = 0; node < 2; ++node) {
      EXPECT_EQ(d.s->programmes[node].reviewed, 1u);
      EXPECT_EQ(d.s->programmes[node].delivered, delivered);
    }
    EXPECT_NEAR(d.s->superiors.belief[d.sup], belief, 1e-12);
    EXPECT_NEAR(d.s->superiors.belief[d.root], belief, 1e-12);
  };
  // R = 0.694 >= 0.4: delivered, and written into rules without target or funds.
  auto success = designated(1.0, 24);
  EXPECT_EQ(success.s->records[success.id].delivered, 1);
  ASSERT_EQ(success.s->pilotCount(0), 1);
  EXPECT_EQ(success.s->unitPilots(0)[0].status, PilotStatus::Institutionalised);
  EXPECT_EQ(success.s->unitPilots(0)[0].target, 0.0f);
  EXPECT_EQ(success.s->unitPilots(0)[0].funds_rate, 0.0f);
  EXPECT_NEAR(success.s->units.burden[0], 0.03, 1e-15);
  chain(success, 0.7 + 0.05 * 0.3, 1);
  // R = 0.174: short of the target, above the halting line, below the threshold of rules: concluded.
  auto middling = designated(0.25, 24);
  EXPECT_EQ(middling.s->records[middling.id].delivered, 0);
  EXPECT_EQ(middling.s->records[middling.id].status, PilotStatus::Concluded);
  chain(middling, 0.7 - 0.05 * 0.7, 0);
  // R = 0.069 < 0.1: halted at the review; without halting, concluded.
  auto shell = designated(0.1, 24);
  EXPECT_EQ(shell.s->records[shell.id].status, PilotStatus::Halted);
  EXPECT_EQ(shell.s->records[shell.id].halt_reason, HaltReason::Review);
  EXPECT_EQ(shell.s->records[shell.id].delivered, 0);
  chain(shell, 0.7 - 0.05 * 0.7, 0);
  auto kept = designated(0.1, 24, false);
  EXPECT_EQ(kept.s->records[kept.id].status, PilotStatus::Concluded);
  // Before the term: no review, nothing learnt.
  auto early = designated(1.0, 23);
  EXPECT_EQ(early.s->unitPilots(0)[0].status, PilotStatus::Active);
  EXPECT_EQ(early.s->unitPilots(0)[0].target, 0.4f);
  EXPECT_EQ(early.s->records[early.id].delivered, -1);
  EXPECT_EQ(early.s->programmes[1].reviewed, 0u);
  EXPECT_EQ(early.s->superiors.belief[early.sup], 0.7);
  EXPECT_EQ(early.s->units.burden[0], 0.0);
  // A spontaneous pilot of the same age waits for pilot.term.
  auto s = dynamicsState(termParams());
  s->params.programmes.term = 24;
  addPilot(*s, 0, 0).built = 1.0;
  s->month = 24;
  advancePilots(*s, 0, uniformEffort(0.0));
  EXPECT_EQ(s->unitPilots(0)[0].status, PilotStatus::Active);
}

TEST(PilotDynamicsTest, ARealInnovationIsCountedOnceWhenItsRealisedImpactReachesTheThreshold) {
  auto s = dynamicsState();
  auto& pl = addPilot(*s, 0, 4);  // smart governance: delay 4
  pl.built = 1.0;
  pl.realised = 0.15;
  advancePilots(*s, 0, uniformEffort(1.0));  // r = 0.15 + (k' - 0.15) / 4 > 0.2
  EXPECT_EQ(s->unitPilots(0)[0].became_real, 1);
  EXPECT_EQ(s->events.became_real, 1.0);
  advancePilots(*s, 0, uniformEffort(1.0));
  EXPECT_EQ(s->events.became_real, 1.0);
}

}  // namespace
}  // namespace pilotsim
