// The Kaplan–Meier estimator against a case worked by hand (and by R's survival::survfit with
// conf.type = "log-log", which gives the same numbers).
#include "pilotsim/report/KaplanMeier.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace pilotsim {
namespace {

// Times 1 (event), 2 (censored), 3 (event), 3 (event), 4 (censored), 5 (event):
//   t = 1: n = 6, d = 1, S = 5/6;             Greenwood sum 1/(6*5)          = 0.0333...
//   t = 3: n = 4, d = 2, S = 5/6 * 2/4 = 5/12; sum + 2/(4*2)                 = 0.28333...
//   t = 5: n = 1, d = 1, S = 0
// log-log interval at t = 1: S^exp(±1.96 * sqrt(0.0333) / |ln S|) = [0.27312, 0.97471]
//                     t = 3: [0.05599, 0.76652]
TEST(KaplanMeierTest, HandWorkedExampleWithCensoringAndTies) {
  const std::vector<SurvivalSpell> spells{{3, true}, {1, true}, {4, false}, {2, false}, {5, true}, {3, true}};
  const SurvivalCurve k = kaplanMeier(spells);
  EXPECT_EQ(k.subjects, 6);
  EXPECT_EQ(k.events, 4);
  EXPECT_DOUBLE_EQ(k.last_time, 5);
  ASSERT_EQ(k.steps.size(), 3u);

  EXPECT_DOUBLE_EQ(k.steps[0].time, 1);
  EXPECT_EQ(k.steps[0].at_risk, 6);
  EXPECT_EQ(k.steps[0].events, 1);
  EXPECT_NEAR(k.steps[0].survival, 5.0 / 6.0, 1e-15);
  EXPECT_NEAR(k.steps[0].lo, 0.27312284992835584, 1e-12);
  EXPECT_NEAR(k.steps[0].hi, 0.9747124266908935, 1e-12);

  EXPECT_DOUBLE_EQ(k.steps[1].time, 3);
  EXPECT_EQ(k.steps[1].at_risk, 4);  // the spell censored at 2 has left, the one at 4 has not
  EXPECT_EQ(k.steps[1].events, 2);
  EXPECT_NEAR(k.steps[1].survival, 5.0 / 12.0, 1e-15);
  EXPECT_NEAR(k.steps[1].lo, 0.05599186485205287, 1e-12);
  EXPECT_NEAR(k.steps[1].hi, 0.7665222195505801, 1e-12);

  EXPECT_DOUBLE_EQ(k.steps[2].time, 5);
  EXPECT_EQ(k.steps[2].at_risk, 1);
  EXPECT_DOUBLE_EQ(k.steps[2].survival, 0);
  EXPECT_DOUBLE_EQ(k.steps[2].lo, 0);
  EXPECT_DOUBLE_EQ(k.steps[2].hi, 0);
  EXPECT_DOUBLE_EQ(k.median, 3);  // first time S <= 0.5
}

TEST(KaplanMeierTest, CensoredAtAnEventTimeIsStillAtRisk) {
  // At t = 2 one event and one censoring: n = 3 (both count), S = 2/3.
  const std::vector<SurvivalSpell> spells{{2, true}, {2, false}, {7, false}};
  const SurvivalCurve k = kaplanMeier(spells);
  ASSERT_EQ(k.steps.size(), 1u);
  EXPECT_EQ(k.steps[0].at_risk, 3);
  EXPECT_NEAR(k.steps[0].survival, 2.0 / 3.0, 1e-15);
  EXPECT_TRUE(std::isnan(k.median));
  EXPECT_DOUBLE_EQ(k.last_time, 7);
}

TEST(KaplanMeierTest, NoEventsOrNoSpells) {
  const std::vector<SurvivalSpell> censored{{1, false}, {4, false}};
  EXPECT_TRUE(kaplanMeier(censored).steps.empty());
  EXPECT_EQ(kaplanMeier(std::vector<SurvivalSpell>{}).subjects, 0);
}

TEST(KaplanMeierTest, EventsAtTimeZeroDropTheCurveAtOnce) {
  // Pilots interrupted in the very month their leader left: the survival-across-turnover curve
  // starts below 1.
  const std::vector<SurvivalSpell> spells{{0, true}, {0, true}, {3, true}, {6, false}};
  const SurvivalCurve k = kaplanMeier(spells);
  ASSERT_EQ(k.steps.size(), 2u);
  EXPECT_DOUBLE_EQ(k.steps[0].time, 0);
  EXPECT_DOUBLE_EQ(k.steps[0].survival, 0.5);
  EXPECT_DOUBLE_EQ(k.steps[1].survival, 0.25);
}

TEST(KaplanMeierTest, RejectsNegativeTimes) {
  const std::vector<SurvivalSpell> spells{{-1, true}};
  EXPECT_THROW(kaplanMeier(spells), std::invalid_argument);
}

}  // namespace
}  // namespace pilotsim
