// 5.5 Effort (src/model/mechanisms/EffortAllocation.cpp): attention across pilots, the substance /
// packaging split, dilution by switching costs and diversion of special funds, by hand.
//
// Set-up for the hand computations: budget 1, leader ambition 0.5 and competence 1, needs 0.5 and
// no effectiveness yet (unmet share 1), flat signals (weight 1). Then
//   promotion value PV = 0.5 x 1 x (2 x 4 x 0.4 x 0.6) = 0.96, weights reports .5, citizens .1,
//   public value of a domain (1 - 0.5) x 1 x 0.5 x 1 = 0.25.
// Attention weights and the packaging share use powf (Incentives.hpp powFast) for exponents other
// than 1 and 2, so values built on them are compared to 1e-6 relative (float precision); the rest is
// exact double arithmetic and compared to 1e-12.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"
#include "model/Incentives.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

constexpr double kPV = 0.96, kPublic = 0.25;

std::unique_ptr<State> handState(Params p = customParams({4})) {
  p.mechanisms.political_signals = false;
  auto s = makeState(p);
  test::flattenUnits(*s);
  test::setAllNeeds(*s, 0.5);
  test::setAllLeaders(*s, 0.5, 1.0);
  s->month = 10;
  for (auto& h : s->units.head) h.start = 0;  // 10 months in office
  return s;
}

/// Packaging share of a pilot: 1 / (1 + (R_sub / R_pack)^2) (packaging elasticity 2).
double packShare(double r_sub, double r_pack) { return r_pack > 0 ? 1.0 / (1.0 + std::pow(r_sub / r_pack, 2.0)) : 0.0; }

TEST(EffortAllocationTest, OnePilotSplitsTheWholeBudgetBetweenSubstanceAndPackaging) {
  auto s = handState();
  addPilot(*s, 0, 0, Origin::Spontaneous, 0.5, 0.5);  // grid management: delay 6
  ASSERT_NEAR(promotionValue(*s, 0), kPV, 1e-12);
  allocateEffort(*s, 0);
  const double horizon = s->horizon[10];
  const double credited = 1 - std::exp(-horizon / 6.0);
  const double detection = 1 - std::pow(1 - 2.0 / 48.0, 12);  // capacity 2 a year over 4 units
  const double severity = std::min(1.0, 2.0 * 1.0 / 2.0);
  const double wr = 0.5;  // own pilot: reports x signal 1
  const double r_pack = wr * kPV * 0.3 * 1.0 * (1 - detection * severity);
  const double qf = 0.25;
  const double r_sub = kPV * (wr + 0.1 * 0.5) * credited * qf + kPublic * qf;
  const double pi = packShare(r_sub, r_pack);
  ASSERT_GT(pi, 0.01);
  ASSERT_LT(pi, 0.99);
  EXPECT_NEAR(s->effort_packaging[0], pi, 1e-12);
  EXPECT_NEAR(s->effort_substance[0], (1 - pi) * 1.0, 1e-12);  // x competence, no dilution
  const Pilot& pl = s->unitPilots(0)[0];
  EXPECT_NEAR(pl.packaging_total, pi, 1e-6);  // float accumulators
  EXPECT_NEAR(pl.substance_total, 1 - pi, 1e-6);
  EXPECT_NEAR(s->units.month_effort[0], 1.0, 1e-12);
  EXPECT_NEAR(s->units.month_packaging[0], pi, 1e-12);
  // Competence multiplies effective substance, not the effort spent.
  test::setLeader(*s, 0, 0.5, 1.5);
  allocateEffort(*s, 0);
  EXPECT_NEAR(s->effort_substance[0], (1 - pi) * 1.5, 1e-12);
}

TEST(EffortAllocationTest, AttentionFollowsValueAndSwitchingCostsDiluteSubstance) {
  auto s = handState();
  addPilot(*s, 0, 0, Origin::Spontaneous, 0.5, 0.5);  // delay 6
  addPilot(*s, 0, 1, Origin::Spontaneous, 1.0, 1.0);  // community services: delay 9
  allocateEffort(*s, 0);
  // phi = 1 + focus x (2 - 1) / 4; value = (PV x wr + public x q x f + 0.001)^phi.
  const double phi = 1.25;
  const double va = std::pow(kPV * 0.5 + kPublic * 0.25 + 1e-3, phi);
  const double vb = std::pow(kPV * 0.5 + kPublic * 1.0 + 1e-3, phi);
  const double ea = va / (va + vb), eb = vb / (va + vb);
  const double detection = 1 - std::pow(1 - 2.0 / 48.0, 12);
  const double r_pack = 0.5 * kPV * 0.3 * (1 - detection);
  const double h = s->horizon[10];
  const double pia = packShare(kPV * 0.55 * (1 - std::exp(-h / 6)) * 0.25 + kPublic * 0.25, r_pack);
  const double pib = packShare(kPV * 0.55 * (1 - std::exp(-h / 9)) * 1.0 + kPublic * 1.0, r_pack);
  const double dilution = 1 + 0.25 * (2 - 1);
  EXPECT_NEAR(s->effort_packaging[0], ea * pia, 1e-6);
  EXPECT_NEAR(s->effort_packaging[1], eb * pib, 1e-6);
  EXPECT_NEAR(s->effort_substance[0], ea * (1 - pia) / dilution, 1e-6);
  EXPECT_NEAR(s->effort_substance[1], eb * (1 - pib) / dilution, 1e-6);
  EXPECT_GT(eb, ea);  // the better pilot gets more attention
  EXPECT_NEAR(s->units.month_effort[0], 1.0, 1e-12);
  // Without attention dilution the same split reaches the pilots undiluted.
  s->params.mechanisms.attention_dilution = false;
  allocateEffort(*s, 0);
  EXPECT_NEAR(s->effort_substance[0], ea * (1 - pia), 1e-6);
  EXPECT_NEAR(s->effort_substance[1], eb * (1 - pib), 1e-6);
}

TEST(EffortAllocationTest, DesignatedTargetsAndInheritedPilotsWeighDifferently) {
  auto s = handState();
  auto& d = addPilot(*s, 0, 0, Origin::Designated, 0.5, 0.5);
  d.target = 0.4f;
  allocateEffort(*s, 0);
  // wr = reports + designated x (1 + push) / target = 0.5 + 0.15 x 2 / 0.4 (float target).
  const double wr = 0.5 + 0.15 * 2.0 / static_cast<double>(0.4f);
  const double detection = 1 - std::pow(1 - 2.0 / 48.0, 12);
  const double credited = 1 - std::exp(-s->horizon[10] / 6.0);
  const double pi = packShare(kPV * (wr + 0.05) * credited * 0.25 + kPublic * 0.25, wr * kPV * 0.3 * (1 - detection));
  EXPECT_NEAR(s->effort_packaging[0], pi, 1e-6);

  // A pilot started by a predecessor: credit share 0.3 (successor_credit) on its reports and on
  // the citizens' part of substance.
  auto t = handState();
  addPilot(*t, 0, 0, Origin::Spontaneous, 0.5, 0.5).leader = 9999;  // not the current leader
  allocateEffort(*t, 0);
  const double pi_t = packShare(kPV * (0.3 * 0.5 + 0.3 * 0.1 * 0.5) * credited * 0.25 + kPublic * 0.25,
                                0.3 * 0.5 * kPV * 0.3 * (1 - detection));
  EXPECT_NEAR(t->effort_packaging[0], pi_t, 1e-6);
}

TEST(EffortAllocationTest, CertainDetectionOrNoAmbitionMakesPackagingWorthless) {
  auto s = handState();
  addPilot(*s, 0, 0);
  s->superiors.yearly_detection[0] = 1.0;  // leaders know a gap is certain to be found
  allocateEffort(*s, 0);
  EXPECT_EQ(s->effort_packaging[0], 0.0);
  auto t = handState();
  addPilot(*t, 0, 0);
  test::setLeader(*t, 0, 0.0, 1.0);  // no promotion value
  allocateEffort(*t, 0);
  EXPECT_EQ(t->effort_packaging[0], 0.0);
  EXPECT_NEAR(t->effort_substance[0], 1.0, 1e-12);
}

TEST(EffortAllocationTest, WithoutPackagingAllEffortIsSubstance) {
  auto s = handState();
  addPilot(*s, 0, 0);
  addPilot(*s, 0, 3);
  allocateEffort(*s, 0);
  EXPECT_GT(s->units.month_packaging[0], 0.0);
  s->params.mechanisms.packaging = false;
  allocateEffort(*s, 0);
  EXPECT_EQ(s->effort_packaging[0], 0.0);
  EXPECT_EQ(s->effort_packaging[1], 0.0);
  EXPECT_EQ(s->units.month_packaging[0], 0.0);
  EXPECT_NEAR(s->effort_substance[0] + s->effort_substance[1], 1.0 / 1.25, 1e-12);
}

/// A unit with a valued pilot (domain 0, need 1, quality and fit 1) and a neglected pilot with
/// special funds (domain 1: need 0 and a superior signal of 0, so its reports are worth nothing and
/// its value is the floor 0.001).
std::unique_ptr<State> neglectState() {
  Params p = customParams({4});
  auto s = makeState(p);
  test::flattenUnits(*s);
  test::setAllNeeds(*s, 0.5);
  test::setAllLeaders(*s, 0.5, 1.0);
  s->month = 10;
  for (auto& h : s->units.head) h.start = 0;
  std::fill(s->superiors.signal.begin(), s->superiors.signal.end(), 1.0 / 7);
  s->superiors.signal[1] = 0.0;  // domain 1: weight max(0, 1 + (0 - 1)) = 0
  s->need(0, 0) = 1.0;
  s->need(0, 1) = 0.0;
  addPilot(*s, 0, 0, Origin::Spontaneous, 1.0, 1.0);
  addPilot(*s, 0, 1, Origin::Spontaneous, 1.0, 1.0).funds_rate = 0.1f;
  return s;
}

/// The valued pilot's packaging share and attention in neglectState (signal weight 8/7 on domain 0).
struct Valued {
  double pi, ea, eb;
};
Valued valued(const State& s) {
  const double sig = 8.0 / 7;
  const double wr = 0.5 * sig;
  const double public_a = 0.5 * 1.0 * 1.0;  // (1 - ambition) x need 1 x unmet 1
  const double va = std::pow(kPV * wr + public_a + 1e-3, 1.25);
  const double vb = std::pow(1e-3, 1.25);
  const double detection = 1 - std::pow(1 - 2.0 / 48.0, 12);
  const double credited = 1 - std::exp(-s.horizon[10] / 6.0);
  const double r_pack = wr * kPV * 0.3 * (1 - detection);
  const double r_sub = kPV * (wr + 0.1 * 1.0) * credited * 1.0 + public_a * 1.0;
  return {packShare(r_sub, r_pack), va / (va + vb), vb / (va + vb)};
}

TEST(EffortAllocationTest, FundsOfANeglectedPilotAreDivertedToTheMostVisibleOne) {
  auto s = neglectState();
  allocateEffort(*s, 0);
  const auto v = valued(*s);
  ASSERT_LT(v.eb, 0.25);  // below half the even share: neglected
  const double funds = 0.1f;
  // The diverted funds are spent as the valued pilot's own resources are: packaging in its share.
  EXPECT_NEAR(s->effort_packaging[0], (v.ea + funds) * v.pi, 1e-6);
  EXPECT_NEAR(s->effort_substance[0], (v.ea * 1.0 + funds) * (1 - v.pi) / 1.25, 1e-6);
  EXPECT_NEAR(s->effort_substance[1], v.eb / 1.25, 1e-9);  // no funds reach the neglected pilot
  const Pilot* P = s->unitPilots(0);
  EXPECT_EQ(P[1].diverted_total, 0.1f);
  EXPECT_EQ(P[1].funds_total, 0.0f);
  EXPECT_NEAR(s->events.funds, funds, 1e-12);
  EXPECT_NEAR(s->events.diverted, funds, 1e-12);
  EXPECT_NEAR(s->units.month_packaging[0], (v.ea + funds) * v.pi, 1e-6);
  EXPECT_NEAR(s->units.month_effort[0], 1.0 + funds, 1e-9);
}

TEST(EffortAllocationTest, WithoutFundDiversionFundsReachTheirPilot) {
  auto s = neglectState();
  s->params.mechanisms.fund_diversion = false;
  allocateEffort(*s, 0);
  const auto v = valued(*s);
  const double funds = 0.1f;
  EXPECT_NEAR(s->effort_packaging[0], v.ea * v.pi, 1e-6);
  EXPECT_NEAR(s->effort_substance[1], (v.eb + funds) / 1.25, 1e-7);
  EXPECT_EQ(s->unitPilots(0)[1].diverted_total, 0.0f);
  EXPECT_EQ(s->unitPilots(0)[1].funds_total, 0.1f);
  EXPECT_EQ(s->events.diverted, 0.0);
}

// Packaging switched off: no effort of any kind, diverted funds included, buys packaging.
TEST(EffortAllocationTest, WithoutPackagingDivertedFundsBuyNoPackaging) {
  auto s = neglectState();
  s->params.mechanisms.packaging = false;
  allocateEffort(*s, 0);
  EXPECT_GT(s->events.diverted, 0.0);
  EXPECT_EQ(s->effort_packaging[0], 0.0);
  EXPECT_EQ(s->effort_packaging[1], 0.0);
  EXPECT_EQ(s->units.month_packaging[0], 0.0);
  EXPECT_EQ(s->unitPilots(0)[0].packaging_total, 0.0f);
}

TEST(EffortAllocationTest, InstitutionalisedPilotsGetNoAttention) {
  auto s = handState();
  addPilot(*s, 0, 0);
  addPilot(*s, 0, 1);
  institutionalise(*s, s->unitPilots(0)[0]);
  allocateEffort(*s, 0);
  EXPECT_EQ(s->effort_substance[0], 0.0);
  EXPECT_EQ(s->effort_packaging[0], 0.0);
  // The other pilot is alone in needing attention: the whole budget, no dilution.
  EXPECT_NEAR(s->effort_substance[1] + s->effort_packaging[1], 1.0, 1e-12);
  // No pilot needing attention: nothing is spent.
  auto t = handState();
  allocateEffort(*t, 1);
  EXPECT_EQ(t->units.month_effort[1], 0.0);
}

}  // namespace
}  // namespace pilotsim
