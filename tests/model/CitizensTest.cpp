// 5.10 Citizens (src/model/mechanisms/Citizens.cpp): realised effectiveness against needs, and
// formalism's annoyance, move satisfaction month by month.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

/// Unit 0 with needs 0.8 in domain 0, 0.2 in domain 1, 0 elsewhere; legacy 0.4 in domain 0 and a
/// live pilot's realised 0.2 in domain 1; satisfaction 0.5; this month's effort 2 of which 0.5
/// packaging.
std::unique_ptr<State> citizenState(Params p = customParams({2})) {
  auto s = makeState(p);
  test::setAllNeeds(*s, 0.0);
  s->need(0, 0) = 0.8;
  s->need(0, 1) = 0.2;
  s->units.legacy[0] = 0.4;
  s->units.live_realised[1] = 0.2;
  s->units.satisfaction[0] = 0.5;
  s->units.month_effort[0] = 2.0;
  s->units.month_packaging[0] = 0.5;
  return s;
}

TEST(CitizensTest, SatisfactionMovesTowardNeedWeightedBenefitLessFormalism) {
  auto s = citizenState();
  updateCitizens(*s);
  // Legacy decays (0.4 x 0.95); effectiveness = legacy + live realised impact.
  const double e0 = 0.4 * 0.95, e1 = 0.2;
  EXPECT_NEAR(s->units.legacy[0], e0, 1e-12);
  EXPECT_NEAR(s->units.effectiveness[0], e0, 1e-12);
  EXPECT_NEAR(s->units.effectiveness[1], e1, 1e-12);
  const double benefit = (0.8 * e0 / (e0 + 0.4) + 0.2 * e1 / (e1 + 0.4)) / 1.0;
  EXPECT_NEAR(s->units.nwe[0], benefit, 1e-12);
  const double target = 0.3 + 0.6 * benefit - 0.3 * 0.5 / 2.0;
  EXPECT_NEAR(s->units.satisfaction[0], 0.5 + 0.1 * (target - 0.5), 1e-12);
}

TEST(CitizensTest, WithoutFormalismAnnoyancePackagingDoesNotMatter) {
  Params p = customParams({2});
  p.mechanisms.formalism_annoyance = false;
  auto s = citizenState(p);
  auto t = citizenState(p);
  t->units.month_packaging[0] = 2.0;  // all packaging
  updateCitizens(*s);
  updateCitizens(*t);
  EXPECT_EQ(s->units.satisfaction[0], t->units.satisfaction[0]);
  const double e0 = 0.38, e1 = 0.2;
  const double benefit = 0.8 * e0 / (e0 + 0.4) + 0.2 * e1 / (e1 + 0.4);
  EXPECT_NEAR(s->units.satisfaction[0], 0.5 + 0.1 * (0.3 + 0.6 * benefit - 0.5), 1e-12);
  // With the annoyance on, more packaging lowers satisfaction.
  auto a = citizenState();
  auto b = citizenState();
  b->units.month_packaging[0] = 2.0;
  updateCitizens(*a);
  updateCitizens(*b);
  EXPECT_NEAR(a->units.satisfaction[0] - b->units.satisfaction[0], 0.1 * 0.3 * (1.0 - 0.25), 1e-12);
}

TEST(CitizensTest, NoEffortNoNeedsAndTheBoundsOfTheTarget) {
  auto s = citizenState();
  s->units.month_effort[0] = 0.0;  // no effort this month: no formalism
  s->units.month_packaging[0] = 0.0;
  updateCitizens(*s);
  const double e0 = 0.38, e1 = 0.2;
  const double benefit = 0.8 * e0 / (e0 + 0.4) + 0.2 * e1 / (e1 + 0.4);
  EXPECT_NEAR(s->units.satisfaction[0], 0.5 + 0.1 * (0.3 + 0.6 * benefit - 0.5), 1e-12);
  // Unit 1 has no needs at all: no benefit, target 0.3.
  EXPECT_EQ(s->units.nwe[1], 0.0);
  EXPECT_NEAR(s->units.satisfaction[1], 0.5 + 0.1 * (0.3 - 0.5), 1e-12);
  // A huge annoyance cannot push the target below 0.
  Params p = customParams({2});
  p.citizens.annoyance = 100;
  auto t = citizenState(p);
  updateCitizens(*t);
  EXPECT_NEAR(t->units.satisfaction[0], 0.5 + 0.1 * (0.0 - 0.5), 1e-12);
  // Over many months satisfaction converges to its target.
  auto u = citizenState();
  for (int m = 0; m < 400; ++m) {
    u->units.legacy[0] = 0.4 / 0.95;  // held so that effectiveness stays 0.4 in domain 0
    updateCitizens(*u);
  }
  const double b = 0.8 * 0.5 + 0.2 * (0.2 / 0.6);
  EXPECT_NEAR(u->units.satisfaction[0], 0.3 + 0.6 * b - 0.075, 1e-9);
}

}  // namespace
}  // namespace pilotsim
