// 5.5 Effort (src/model/mechanisms/EffortAllocation.cpp, docs/ODD.md s.7.7): the budget net of reform
// burden and design attention (B5 adds cadres' effort), attention across pilots, the substance /
// packaging split (formalism of checks in the return to packaging), dilution by switching costs and
// the leader's logistic choice to divert special funds, by hand. The effort reaches the dynamics
// through the UnitEffort hand-off, which is what these tests read.
//
// Set-up for the hand computations: budget 1, leader ambition 0.5 and competence 1, needs 0.5 and
// no effectiveness yet (unmet share 1), flat signals (weight 1), 10 months in office. Then
//   promotion value PV = 0.5 x 1 x (2 x 4 x 0.4 x 0.6) = 0.96, weights reports .5, citizens .1,
//   designated .15, public value of a domain (1 - 0.5) x 1 x 0.5 x 1 = 0.25,
//   yearly detection D = 1 - (1 - 2 / 48)^12 (capacity 2 a year over 4 units, no A2 review),
//   severity min(1, 0.5 x 2 x 1) = 1, so a check takes (1 - formalism 0.3) x 1 = 0.7 of a report
//   bought by packaging: R_pack = PV x wr x 0.3 x persuasion 1 x (1 - 0.7 D),
//   R_sub = PV (wr vis_k + credit x 0.1 x need) chi_k q f + 0.25 q f  (no C2).
// Attention weights use powf (Incentives.hpp powFast) for exponents other than 1 and 2, so values
// built on them are compared to 1e-6 (float precision); the packaging share (exponent 2) and the
// rest are double arithmetic and compared to 1e-12.
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
// Report visibility of the first domains (domains.visibility): grid 0.7, community 0.5, care 0.25,
// mediation 0.25.
constexpr double kVis[] = {0.7, 0.5, 0.25, 0.25};
const double kDetection = 1 - std::pow(1 - 2.0 / 48.0, 12);

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

/// Share chi_k of a delayed effect credited to a leader 10 months in office (no B2).
double credited(const State& s, double delay) { return 1 - std::exp(-s.horizon[10] / delay); }

/// Packaging share of a pilot: 1 / (1 + (R_sub / R_pack)^2) (packaging elasticity 2).
double packShare(double r_sub, double r_pack) { return r_pack > 0 ? 1.0 / (1.0 + std::pow(r_sub / r_pack, 2.0)) : 0.0; }

/// R_pack of the set-up for report weight wr, with chance `verified` a year that a check replaces the report.
double packReturn(double wr, double verified = kDetection) { return wr * kPV * 0.3 * (1 - verified * 0.7); }

// One pilot takes the whole budget, split by the packaging share into packaging (effort) and
// substance (effort x competence); model 2's R_sub reads the domain's report visibility and R_pack
// the formalism of checks.
TEST(EffortAllocationTest, OnePilotSplitsTheWholeBudgetBetweenSubstanceAndPackaging) {
  auto s = handState();
  ASSERT_EQ(s->units.effectiveness[0], 0.0);  // unmet share 1
  ASSERT_EQ(s->units.burden[0], 0.0);
  addPilot(*s, 0, 0, Origin::Spontaneous, 0.5, 0.5);  // grid management: delay 6, visibility 0.7
  ASSERT_NEAR(promotionValue(*s, 0), kPV, 1e-12);
  ASSERT_NEAR(s->superiors.yearly_detection[0], kDetection, 1e-15);
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const double wr = 0.5;  // own pilot: reports x signal 1
  const double r_sub = kPV * (wr * kVis[0] + 0.1 * 0.5) * credited(*s, 6) * 0.25 + kPublic * 0.25;
  const double pi = packShare(r_sub, packReturn(wr));
  ASSERT_GT(pi, 0.01);
  ASSERT_LT(pi, 0.99);
  EXPECT_NEAR(e.packaging[0], pi, 1e-12);
  EXPECT_NEAR(e.substance[0], (1 - pi) * 1.0, 1e-12);  // x competence, no dilution
  const Pilot& pl = s->unitPilots(0)[0];
  EXPECT_NEAR(pl.packaging_total, pi, 1e-6);  // float accumulators
  EXPECT_NEAR(pl.substance_total, 1 - pi, 1e-6);
  EXPECT_NEAR(s->units.month_effort[0], 1.0, 1e-12);
  EXPECT_NEAR(s->units.month_packaging[0], pi, 1e-12);
  EXPECT_EQ(s->events.budget, 1.0);
  EXPECT_EQ(s->events.reform_attention, 0.0);
  // Competence multiplies effective substance, not the effort spent.
  test::setLeader(*s, 0, 0.5, 1.5);
  allocateEffort(*s, 0, e);
  EXPECT_NEAR(e.substance[0], (1 - pi) * 1.5, 1e-12);
  EXPECT_NEAR(e.packaging[0], pi, 1e-12);
}

// Attention is shared in proportion to v^phi, phi = 1 + focus (n - 1) = 1.25 for two pilots, and
// switching costs divide effective substance by 1 + 0.25 (n - 1).
TEST(EffortAllocationTest, AttentionFollowsValueAndSwitchingCostsDiluteSubstance) {
  auto s = handState();
  addPilot(*s, 0, 0, Origin::Spontaneous, 0.5, 0.5);  // delay 6, visibility 0.7
  addPilot(*s, 0, 1, Origin::Spontaneous, 1.0, 1.0);  // community services: delay 9, visibility 0.5
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const double phi = 1.25;
  const double va = std::pow(kPV * 0.5 + kPublic * 0.25 + 1e-3, phi);
  const double vb = std::pow(kPV * 0.5 + kPublic * 1.0 + 1e-3, phi);
  const double ea = va / (va + vb), eb = vb / (va + vb);
  const double pia = packShare(kPV * (0.5 * kVis[0] + 0.05) * credited(*s, 6) * 0.25 + kPublic * 0.25, packReturn(0.5));
  const double pib = packShare(kPV * (0.5 * kVis[1] + 0.05) * credited(*s, 9) * 1.0 + kPublic * 1.0, packReturn(0.5));
  const double dilution = 1 + 0.25 * (2 - 1);
  EXPECT_NEAR(e.packaging[0], ea * pia, 1e-6);
  EXPECT_NEAR(e.packaging[1], eb * pib, 1e-6);
  EXPECT_NEAR(e.substance[0], ea * (1 - pia) / dilution, 1e-6);
  EXPECT_NEAR(e.substance[1], eb * (1 - pib) / dilution, 1e-6);
  EXPECT_GT(eb, ea);  // the better pilot gets more attention
  EXPECT_NEAR(s->units.month_effort[0], 1.0, 1e-12);
  // Without attention dilution the same split reaches the pilots undiluted.
  s->params.mechanisms.attention_dilution = false;
  allocateEffort(*s, 0, e);
  EXPECT_NEAR(e.substance[0], ea * (1 - pia), 1e-6);
  EXPECT_NEAR(e.substance[1], eb * (1 - pib), 1e-6);
}

// Report weight wr = credit x reports x signal + [R < T] designated (1 + push) / T: an unmet
// designated target weighs in full, a met one not at all; a predecessor's pilot is worth the
// successor's credit share (0.3, raised by B3) on its reports and on the citizens' part.
TEST(EffortAllocationTest, DesignatedTargetsAndInheritedPilotsWeighDifferently) {
  auto s = handState();
  auto& d = addPilot(*s, 0, 0, Origin::Designated, 0.5, 0.5);
  d.target = 0.4f;
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const double chi = credited(*s, 6);
  // wr = 0.5 + 0.15 x 2 / 0.4 (float target).
  const double wr = 0.5 + 0.15 * 2.0 / static_cast<double>(0.4f);
  EXPECT_NEAR(e.packaging[0], packShare(kPV * (wr * kVis[0] + 0.05) * chi * 0.25 + kPublic * 0.25, packReturn(wr)),
              1e-12);
  // Once the report meets the target, more reports add nothing to the designated score.
  s->unitPilots(0)[0].reported = 0.4f;
  allocateEffort(*s, 0, e);
  const double pi_met = packShare(kPV * (0.5 * kVis[0] + 0.05) * chi * 0.25 + kPublic * 0.25, packReturn(0.5));
  EXPECT_NEAR(e.packaging[0], pi_met, 1e-12);
  EXPECT_LT(pi_met, packShare(kPV * (wr * kVis[0] + 0.05) * chi * 0.25 + kPublic * 0.25, packReturn(wr)));

  for (const double sharing : {0.0, 0.5}) {
    auto t = handState();
    t->params.regulation.credit_sharing = sharing;                    // B3
    addPilot(*t, 0, 0, Origin::Spontaneous, 0.5, 0.5).leader = 9999;  // not the current leader
    allocateEffort(*t, 0, e);
    const double credit = 0.3 + sharing * 0.7;
    const double pi_t = packShare(kPV * (credit * 0.5 * kVis[0] + credit * 0.1 * 0.5) * chi * 0.25 + kPublic * 0.25,
                                  packReturn(credit * 0.5));
    EXPECT_NEAR(e.packaging[0], pi_t, 1e-12) << "credit sharing " << sharing;
  }
}

// Model 1 tested that certain detection makes packaging worthless; model 2 replaced it by checks
// that read the presented materials at the share `formalism`: a certain check still leaves packaging
// formalism x severity of its return, and only formalism 0 makes it worthless. A2's milestone
// reviews (a chance 12 / review_period a year) and the media for recognised pilots add to the chance
// of a check. No ambition (PV = 0) leaves no return to packaging at all.
TEST(EffortAllocationTest, ChecksReduceTheReturnToPackagingExceptWhatFormalismReads) {
  const auto share = [](auto&& setup) {
    auto s = handState();
    addPilot(*s, 0, 0, Origin::Spontaneous, 0.5, 0.5);
    setup(*s);
    UnitEffort e;
    allocateEffort(*s, 0, e);
    return e.packaging[0];  // one pilot: its packaging share
  };
  const double r_sub = kPV * (0.5 * kVis[0] + 0.05) * credited(*handState(), 6) * 0.25 + kPublic * 0.25;
  const double certain_formal = share([](State& s) { s.superiors.yearly_detection[0] = 1.0; });
  EXPECT_NEAR(certain_formal, packShare(r_sub, 0.5 * kPV * 0.3 * (1 - 0.7)), 1e-12);
  EXPECT_GT(certain_formal, 0.0);
  EXPECT_EQ(share([](State& s) {
              s.superiors.yearly_detection[0] = 1.0;
              s.params.verification.formalism = 0.0;
            }),
            0.0);
  // Formalism 1: a check reads only the report, so it costs packaging nothing, as no check does.
  const double unchecked = share([](State& s) { s.superiors.yearly_detection[0] = 0.0; });
  EXPECT_NEAR(unchecked, packShare(r_sub, 0.5 * kPV * 0.3), 1e-12);
  EXPECT_EQ(share([](State& s) {
              s.superiors.yearly_detection[0] = 1.0;
              s.params.verification.formalism = 1.0;
            }),
            unchecked);
  // A2: a milestone review every 12 months is a certain check; every 24 months a chance 1/2.
  EXPECT_EQ(share([](State& s) {
              s.params.regulation.lifecycle_review = true;
              s.params.verification.formalism = 0.0;
            }),
            0.0);
  EXPECT_NEAR(share([](State& s) {
                s.params.regulation.lifecycle_review = true;
                s.params.regulation.review_period = 24;
              }),
              packShare(r_sub, packReturn(0.5, 1 - (1 - kDetection) * 0.5)), 1e-12);
  // The media check a recognised pilot with chance media_exposure x media = 0.1 a year.
  EXPECT_NEAR(share([](State& s) { s.unitPilots(0)[0].recognised = 1; }),
              packShare(r_sub, packReturn(0.5, 1 - (1 - kDetection) * 0.9)), 1e-12);
  // No promotion value: nothing to gain from reports.
  auto t = handState();
  addPilot(*t, 0, 0);
  test::setLeader(*t, 0, 0.0, 1.0);
  UnitEffort e;
  allocateEffort(*t, 0, e);
  EXPECT_EQ(e.packaging[0], 0.0);
  EXPECT_NEAR(e.substance[0], 1.0, 1e-12);
}

// C2 participation: residents see through part of the inflation (persuasion 1 - 0.7 x C2) and
// steer attention to needs (participation_weight x C2 x need added to R_sub).
TEST(EffortAllocationTest, ParticipationLowersTheReturnToPackagingAndRaisesSubstance) {
  auto s = handState();
  s->params.regulation.participation = 0.5;
  addPilot(*s, 0, 0, Origin::Spontaneous, 0.5, 0.5);
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const double r_sub = kPV * (0.5 * kVis[0] + 0.05) * credited(*s, 6) * 0.25 + kPublic * 0.25 + 0.5 * 0.5 * 0.5;
  EXPECT_NEAR(e.packaging[0], packShare(r_sub, packReturn(0.5) * (1 - 0.7 * 0.5)), 1e-12);
}

TEST(EffortAllocationTest, WithoutPackagingAllEffortIsSubstance) {
  auto s = handState();
  addPilot(*s, 0, 0);
  addPilot(*s, 0, 3);
  UnitEffort e;
  allocateEffort(*s, 0, e);
  EXPECT_GT(s->units.month_packaging[0], 0.0);
  s->params.mechanisms.packaging = false;
  allocateEffort(*s, 0, e);
  EXPECT_EQ(e.packaging[0], 0.0);
  EXPECT_EQ(e.packaging[1], 0.0);
  EXPECT_EQ(s->units.month_packaging[0], 0.0);
  EXPECT_NEAR(e.substance[0] + e.substance[1], 1.0 / 1.25, 1e-12);
}

// Reform activities take the attention they were owed first (burden, then cleared), pilots in
// preparation take design_attention x budget each, and the rest goes to pilots; a burden above the
// budget leaves nothing for pilots and is not carried over.
TEST(EffortAllocationTest, ReformBurdenAndDesignAttentionComeOutOfTheBudget) {
  auto s = handState();
  addPilot(*s, 0, 0);
  NewPilot plan{0, 1, Origin::Spontaneous, s->units.leader[0], 0.5, 0.5};
  plan.preparation = 3;
  startPilot(*s, plan);
  ASSERT_EQ(s->units.preparing[0], 1);
  ASSERT_EQ(s->units.load[0], 1);
  s->units.burden[0] = 0.3;
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const double budget = 1.0 - 0.3 - 0.05 * 1.0 * 1;
  EXPECT_NEAR(e.substance[0] + e.packaging[0], budget, 1e-12);  // competence 1, one pilot attended
  EXPECT_EQ(e.substance[1], 0.0);                               // the plan is not attended
  EXPECT_EQ(e.packaging[1], 0.0);
  EXPECT_NEAR(s->units.month_effort[0], budget, 1e-12);
  EXPECT_EQ(s->units.burden[0], 0.0);
  EXPECT_NEAR(s->events.reform_attention, 0.3, 1e-15);
  EXPECT_EQ(s->events.budget, 1.0);
  // A burden beyond the budget: all of it goes to reform activities, none to pilots.
  s->units.burden[0] = 2.0;
  allocateEffort(*s, 0, e);
  EXPECT_EQ(e.substance[0] + e.packaging[0], 0.0);
  EXPECT_NEAR(s->events.reform_attention, 0.3 + 1.0, 1e-15);
  EXPECT_EQ(s->units.burden[0], 0.0);
  // A unit without pilots still pays its burden.
  s->units.burden[1] = 0.2;
  allocateEffort(*s, 1, e);
  EXPECT_NEAR(s->events.reform_attention, 1.3 + 0.2, 1e-15);
  EXPECT_EQ(s->units.burden[1], 0.0);
  EXPECT_EQ(s->units.month_effort[1], 0.0);
}

// B5: cadres add reward_scope x cadre_response x sigma(impression) of the budget, sigma the
// logistic of the leader's impression (the unit's prospects). Off (scope 0), nothing is added.
TEST(EffortAllocationTest, RewardScopeAddsCadresEffortByTheUnitsProspects) {
  const auto spent = [](double scope, double impression) {
    auto s = handState();
    s->params.regulation.reward_scope = scope;
    s->leaders[s->units.leader[0]].impression = impression;
    addPilot(*s, 0, 0);
    UnitEffort e;
    allocateEffort(*s, 0, e);
    EXPECT_EQ(s->events.budget, 1.0);  // the budget proper, without cadres' extra effort
    EXPECT_NEAR(s->units.month_effort[0], e.substance[0] + e.packaging[0], 1e-12);  // competence 1
    return s->units.month_effort[0];
  };
  EXPECT_NEAR(spent(0.0, 2.0), 1.0, 1e-12);
  EXPECT_NEAR(spent(1.0, 0.0), 1.0 + 0.3 * 0.5, 1e-12);
  EXPECT_NEAR(spent(0.5, std::log(3.0)), 1.0 + 0.5 * 0.3 * 0.75, 1e-12);
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

/// In neglectState (signal weight 8/7 on domain 0): the valued pilot's packaging share, both
/// pilots' attention and values, and the diverted share of the neglected pilot's funds,
///   logistic(8 (v_top - v_p - PV D audit 0.5 x penalty / (12 F))).
struct Valued {
  double pi, ea, eb, share;
};
Valued valued(const State& s, double detection = kDetection, double diversion_penalty = 2.0) {
  const double wr = 0.5 * 8.0 / 7;
  const double public_a = 0.5 * 1.0 * 1.0;  // (1 - ambition) x need 1 x unmet 1
  const double raw_a = kPV * wr + public_a + 1e-3, raw_b = 1e-3;
  const double va = std::pow(raw_a, 1.25), vb = std::pow(raw_b, 1.25);
  const double r_sub = kPV * (wr * kVis[0] + 0.1 * 1.0) * credited(s, 6) * 1.0 + public_a * 1.0;
  const double funds = 0.1f;
  const double penalty = kPV * detection * 0.5 * diversion_penalty / (12 * funds);
  const double share = 1 / (1 + std::exp(-8 * (raw_a - raw_b - penalty)));
  return {packShare(r_sub, packReturn(wr, detection)), va / (va + vb), vb / (va + vb), share};
}

// The neglected pilot's funds are diverted to the most visible pilot in the logistic share, and
// spent there as its own resources are (packaging in its share pi, substance otherwise).
TEST(EffortAllocationTest, FundsOfANeglectedPilotAreDivertedToTheMostVisibleOne) {
  auto s = neglectState();
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const auto v = valued(*s);
  ASSERT_LT(v.eb, 0.25);  // below half the even share: neglected
  ASSERT_GT(v.share, 0.9);
  ASSERT_LT(v.share, 0.9999);  // a share, not all or nothing
  const double funds = 0.1f, moved = funds * v.share;
  EXPECT_NEAR(e.packaging[0], (v.ea + moved) * v.pi, 1e-6);
  EXPECT_NEAR(e.substance[0], (v.ea * 1.0 + moved) * (1 - v.pi) / 1.25, 1e-6);
  EXPECT_NEAR(e.substance[1], (v.eb + funds - moved) / 1.25, 1e-6);  // its report is worth nothing: pi 0
  EXPECT_EQ(e.packaging[1], 0.0);
  const Pilot* P = s->unitPilots(0);
  EXPECT_NEAR(P[1].diverted_total, moved, 1e-7);
  EXPECT_NEAR(P[1].funds_total, funds - moved, 1e-7);
  EXPECT_NEAR(P[0].funds_total, moved, 1e-7);
  EXPECT_NEAR(s->events.funds, funds, 1e-12);
  EXPECT_NEAR(s->events.diverted, moved, 1e-12);
  EXPECT_NEAR(s->units.diverted_year[0], moved, 1e-12);
  EXPECT_NEAR(s->units.month_packaging[0], (v.ea + moved) * v.pi, 1e-6);
  EXPECT_NEAR(s->units.month_effort[0], 1.0 + funds, 1e-9);
}

// Likely audits with a heavy penalty make diversion not worth it: the expected penalty per unit of
// funds, PV x 1 x 0.5 x 10 / (12 x 0.1) = 4, outweighs the value gap, so a share of about 6e-11 moves.
TEST(EffortAllocationTest, LikelyAuditsDeterDiversion) {
  auto s = neglectState();
  s->superiors.yearly_detection[0] = 1.0;
  s->params.evaluation.diversion_penalty = 10.0;
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const auto v = valued(*s, 1.0, 10.0);
  ASSERT_LT(v.share, 1e-9);
  const double funds = 0.1f;
  EXPECT_NEAR(s->events.diverted, funds * v.share, 1e-15);
  EXPECT_NEAR(e.substance[1], (v.eb + funds) / 1.25, 1e-6);
  EXPECT_NEAR(s->unitPilots(0)[1].funds_total, funds, 1e-7);
}

// The most visible pilot's own special funds are never diverted: they are spent on it.
TEST(EffortAllocationTest, TheMostVisiblePilotKeepsItsOwnFunds) {
  auto s = neglectState();
  s->unitPilots(0)[0].funds_rate = 0.1f;
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const auto v = valued(*s);
  const double funds = 0.1f, moved = funds * v.share;
  EXPECT_NEAR(s->unitPilots(0)[0].funds_total, funds + moved, 1e-7);
  EXPECT_EQ(s->unitPilots(0)[0].diverted_total, 0.0f);
  EXPECT_NEAR(s->events.diverted, moved, 1e-12);
  // Its own funds are substance (as in s_eff = (e (1 - pi) c + F) / dilution); diverted funds are
  // spent in its packaging share.
  EXPECT_NEAR(e.substance[0], (v.ea * (1 - v.pi) + funds + moved * (1 - v.pi)) / 1.25, 1e-6);
  EXPECT_NEAR(e.packaging[0], (v.ea + moved) * v.pi, 1e-6);
  EXPECT_NEAR(s->units.month_effort[0], 1.0 + 2 * funds, 1e-9);
}

TEST(EffortAllocationTest, WithoutFundDiversionFundsReachTheirPilot) {
  auto s = neglectState();
  s->params.mechanisms.fund_diversion = false;
  UnitEffort e;
  allocateEffort(*s, 0, e);
  const auto v = valued(*s);
  const double funds = 0.1f;
  EXPECT_NEAR(e.packaging[0], v.ea * v.pi, 1e-6);
  EXPECT_NEAR(e.substance[1], (v.eb + funds) / 1.25, 1e-7);
  EXPECT_EQ(s->unitPilots(0)[1].diverted_total, 0.0f);
  EXPECT_EQ(s->unitPilots(0)[1].funds_total, 0.1f);
  EXPECT_EQ(s->events.diverted, 0.0);
  EXPECT_EQ(s->units.diverted_year[0], 0.0);
}

// Packaging switched off: no effort of any kind, diverted funds included, buys packaging.
TEST(EffortAllocationTest, WithoutPackagingDivertedFundsBuyNoPackaging) {
  auto s = neglectState();
  s->params.mechanisms.packaging = false;
  UnitEffort e;
  allocateEffort(*s, 0, e);
  EXPECT_GT(s->events.diverted, 0.0);
  EXPECT_EQ(e.packaging[0], 0.0);
  EXPECT_EQ(e.packaging[1], 0.0);
  EXPECT_EQ(s->units.month_packaging[0], 0.0);
  EXPECT_EQ(s->unitPilots(0)[0].packaging_total, 0.0f);
}

TEST(EffortAllocationTest, InstitutionalisedPilotsGetNoAttention) {
  auto s = handState();
  addPilot(*s, 0, 0);
  addPilot(*s, 0, 1);
  institutionalise(*s, s->unitPilots(0)[0]);
  UnitEffort e;
  e.substance.fill(7.0);  // left over from another unit: overwritten
  e.packaging.fill(7.0);
  allocateEffort(*s, 0, e);
  EXPECT_EQ(e.substance[0], 0.0);
  EXPECT_EQ(e.packaging[0], 0.0);
  // The other pilot is alone in needing attention: the whole budget, no dilution.
  EXPECT_NEAR(e.substance[1] + e.packaging[1], 1.0, 1e-12);
  // No pilot needing attention: nothing is spent.
  auto t = handState();
  allocateEffort(*t, 1, e);
  EXPECT_EQ(t->units.month_effort[1], 0.0);
}

}  // namespace
}  // namespace pilotsim
