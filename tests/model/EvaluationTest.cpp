// 5.7 Reporting, inspection and evaluation (src/model/mechanisms/Evaluation.cpp): detected
// inflation is penalised and exposed; each December the superior scores its units and forms
// peer-relative impressions.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

/// Unit 0 of a 3-unit county runs two pilots reporting 1.0 and 0.5 over realised 0.3 and 0.2:
/// gap (1.5 - 0.5) / 1.5 = 2/3. Month 4 (not December).
std::unique_ptr<State> inflatedState(Params p = customParams({3})) {
  auto s = makeState(p);
  s->month = 4;
  auto& a = addPilot(*s, 0, 0);
  a.reported = 1.0, a.realised = 0.3, a.packaging_stock = 3.0;
  auto& b = addPilot(*s, 0, 1);
  b.reported = 0.5, b.realised = 0.2, b.packaging_stock = 1.0;
  auto& c = addPilot(*s, 0, 2);  // a rule: not part of the comparison
  c.reported = 10.0, c.realised = 0.0, c.packaging_stock = 2.0;
  institutionalise(*s, c);
  return s;
}

TEST(EvaluationTest, AnInspectionPenalisesTheGapAboveToleranceAndExposesTheInflation) {
  auto s = inflatedState();
  s->superiors.inspect_prob[0] = 1.0;  // inspected this month for sure
  evaluateUnits(*s);
  const double gap = (1.5 - 0.5) / 1.5;
  EXPECT_NEAR(s->units.year_penalty[0], 2.0 * (gap - 0.2), 1e-12);
  for (int i = 0; i < 3; ++i) {
    const Pilot& p = s->unitPilots(0)[i];
    EXPECT_EQ(p.packaging_stock, 0.0);
    EXPECT_EQ(p.reported, p.realised);
  }
  EXPECT_EQ(s->units.year_penalty[1], 0.0);  // no pilots: nothing to inspect
  // A3 process supervision raises the penalty by (1 + supervision).
  Params p = customParams({3});
  p.regulation.supervision = 1.5;
  auto t = inflatedState(p);
  t->superiors.inspect_prob[0] = 1.0;
  evaluateUnits(*t);
  EXPECT_NEAR(t->units.year_penalty[0], 2.0 * 2.5 * (gap - 0.2), 1e-12);
}

TEST(EvaluationTest, AGapWithinToleranceIsLeftAlone) {
  auto s = inflatedState();
  s->unitPilots(0)[0].reported = 0.32;  // (0.32 + 0.28 - 0.5) / 0.6 = 0.17 <= 0.2
  s->unitPilots(0)[1].reported = 0.28;
  s->superiors.inspect_prob[0] = 1.0;
  evaluateUnits(*s);
  EXPECT_EQ(s->units.year_penalty[0], 0.0);
  EXPECT_EQ(s->unitPilots(0)[0].packaging_stock, 3.0);
}

TEST(EvaluationTest, WithoutInspectionOnlyOversightDetects) {
  // Inspection off, no oversight: never detected, even by a superior that would inspect always.
  Params p = customParams({3});
  p.mechanisms.inspection = false;
  auto s = inflatedState(p);
  s->superiors.inspect_prob[0] = 1.0;
  for (int m = 4; m < 40; ++m) {
    s->month = m;
    if (s->isDecember()) continue;  // keep the penalty of the year from being reset
    evaluateUnits(*s);
  }
  EXPECT_EQ(s->units.year_penalty[0], 0.0);
  EXPECT_EQ(s->unitPilots(0)[0].packaging_stock, 3.0);
  // C3 oversight detects on its own (12 a year: every month).
  p.regulation.oversight = 12.0;
  auto t = inflatedState(p);
  evaluateUnits(*t);
  EXPECT_NEAR(t->units.year_penalty[0], 2.0 * (2.0 / 3 - 0.2), 1e-12);
}

// Checks happen with the monthly chance 1 - (1 - inspection) (1 - oversight / 12): with 0.1 and
// 1.2 a year, 0.19. 1,000 inflated units over 24 months: 24,000 unit-months, SE .0025; tol .01.
TEST(EvaluationTest, ChecksHappenWithTheInspectionAndOversightRates) {
  Params p = customParams({1000});
  p.regulation.oversight = 1.2;
  auto s = makeState(p);
  s->superiors.inspect_prob[0] = 0.1;
  for (std::uint32_t u = 0; u < 1000; ++u) addPilot(*s, u, 0);
  int detected = 0;
  for (int m = 0; m < 24; ++m) {
    s->month = m;
    for (std::uint32_t u = 0; u < 1000; ++u) {
      auto& pl = s->unitPilots(u)[0];
      pl.reported = 1.0, pl.realised = 0.0, pl.packaging_stock = 1.0;
      s->units.year_penalty[u] = 0;
    }
    evaluateUnits(*s);
    for (std::uint32_t u = 0; u < 1000; ++u) detected += s->unitPilots(u)[0].packaging_stock == 0.0;
  }
  EXPECT_NEAR(detected / 24000.0, 1 - 0.9 * 0.9, 0.01);
}

TEST(EvaluationTest, AnnualScoreAndPeerRelativeImpression) {
  Params p = customParams({3});
  p.mechanisms.political_signals = false;  // signal weight 1 on every domain
  auto s = makeState(p);
  // Unit 0: an own pilot started 8 months ago (novelty 1.5), a designated one started 18 months ago
  // (its novelty no longer counts), a predecessor's pilot (its novelty is not this leader's), and a
  // rule (institutionalised pilots are not reported as pilots).
  s->month = 15;
  auto& a = addPilot(*s, 0, 0);
  a.reported = 0.6;
  s->records[a.id].novelty = 1.5;
  s->month = 5;
  auto& b = addPilot(*s, 0, 1, Origin::Designated);
  b.reported = 0.2, b.target = 0.4f;
  s->records[b.id].novelty = 3.0;
  s->month = 20;
  auto& d = addPilot(*s, 0, 2);
  d.reported = 0.1, d.leader = 9999;
  s->records[d.id].novelty = 2.0;
  auto& c = addPilot(*s, 0, 3);
  c.reported = 5.0;
  institutionalise(*s, c);
  s->units.satisfaction[0] = 0.5;
  s->units.year_penalty[0] = 0.3;
  // Unit 1: nothing but citizens. Unit 2: one report of 1.0, no novelty.
  s->units.satisfaction[1] = 0.4;
  addPilot(*s, 2, 0).reported = 1.0;
  s->units.satisfaction[2] = 0.6;
  s->leaders[s->units.leader[0]].impression = 1.0;
  s->superiors.inspect_prob[0] = 0.0;  // no inspection to change the reports first

  s->month = 23;  // December
  ASSERT_TRUE(s->isDecember());
  evaluateUnits(*s);
  // Weights .5 / .25 / .15 / .1, push 1: score = .5 reports + .25 novelty + .15 x 2 x sum
  // min(1, R / target) + .1 x 4 x satisfaction - penalty, where an inherited pilot's report counts
  // with the successor's credit share 0.3.
  const double s0 =
      0.5 * (0.6 + 0.2 + 0.3 * 0.1) + 0.25 * 1.5 + 0.15 * 2 * (0.2 / static_cast<double>(0.4f)) + 0.1 * 4 * 0.5 - 0.3;
  const double s1 = 0.1 * 4 * 0.4;
  const double s2 = 0.5 * 1.0 + 0.1 * 4 * 0.6;
  EXPECT_NEAR(s->units.score[0], s0, 1e-12);
  EXPECT_NEAR(s->units.score[1], s1, 1e-12);
  EXPECT_NEAR(s->units.score[2], s2, 1e-12);
  const double mean = (s0 + s1 + s2) / 3;
  EXPECT_NEAR(s->leaders[s->units.leader[0]].impression, 0.5 * 1.0 + 0.5 * (s0 - mean), 1e-12);
  EXPECT_NEAR(s->leaders[s->units.leader[1]].impression, 0.5 * (s1 - mean), 1e-12);
  EXPECT_NEAR(s->leaders[s->units.leader[2]].impression, 0.5 * (s2 - mean), 1e-12);
  for (double x : s->units.year_penalty) EXPECT_EQ(x, 0.0);  // a new year starts
}

TEST(EvaluationTest, SignalledDomainsWeighMoreInTheScore) {
  auto s = makeState(customParams({2}));
  std::fill(s->superiors.signal.begin(), s->superiors.signal.end(), 0.0);
  s->superiors.signal[3] = 0.5;  // domain 3 at 4x the average, domain 4 also 0.5, others 0
  s->superiors.signal[4] = 0.5;
  addPilot(*s, 0, 3).reported = 1.0;
  addPilot(*s, 1, 0).reported = 1.0;
  s->units.satisfaction[0] = s->units.satisfaction[1] = 0.0;
  s->superiors.inspect_prob[0] = 0.0;
  s->month = 11;
  evaluateUnits(*s);
  EXPECT_NEAR(s->units.score[0], 0.5 * 4.0, 1e-12);  // 1 + upper_pull x (4 - 1)
  EXPECT_NEAR(s->units.score[1], 0.0, 1e-12);        // max(0, 1 - 1)
}

TEST(EvaluationTest, NoEvaluationBeforeDecember) {
  auto s = makeState(customParams({2}));
  addPilot(*s, 0, 0).reported = 1.0;
  s->leaders[s->units.leader[0]].impression = 0.7;
  s->units.year_penalty[0] = 0.4;
  for (int m = 0; m < 11; ++m) {
    s->month = m;
    evaluateUnits(*s);
  }
  EXPECT_EQ(s->leaders[s->units.leader[0]].impression, 0.7);
  EXPECT_EQ(s->units.score[0], 0.0);
}

}  // namespace
}  // namespace pilotsim
