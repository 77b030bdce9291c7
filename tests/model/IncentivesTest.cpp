// The incentive functions every lever acts through (src/model/Incentives.*), against hand
// computations, and the two logit choices against their probabilities.
#include "model/Incentives.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

TEST(IncentivesTest, EvaluationWeightsRenormaliseAroundTheCitizenWeight) {
  Params p;
  // Baseline: reports .5, novelty .25, designated .15 sum to .9 = 1 - citizens .1, so unchanged.
  auto w = evaluationWeights(p);
  EXPECT_NEAR(w.reports, 0.5, 1e-12);
  EXPECT_NEAR(w.novelty, 0.25, 1e-12);
  EXPECT_NEAR(w.designated, 0.15, 1e-12);
  EXPECT_NEAR(w.citizens, 0.1, 1e-12);
  // B1 = 0.4: the others share 0.6 in proportions 5 : 2.5 : 1.5.
  p.regulation.citizen_weight = 0.4;
  w = evaluationWeights(p);
  EXPECT_NEAR(w.reports, 0.5 * 0.6 / 0.9, 1e-12);
  EXPECT_NEAR(w.novelty, 0.25 * 0.6 / 0.9, 1e-12);
  EXPECT_NEAR(w.designated, 0.15 * 0.6 / 0.9, 1e-12);
  EXPECT_NEAR(w.citizens, 0.4, 1e-12);
  EXPECT_NEAR(w.reports + w.novelty + w.designated + w.citizens, 1.0, 1e-12);
  // No other weight at all: only citizens count.
  p.evaluation.weight_reports = p.evaluation.weight_novelty = p.evaluation.weight_designated = 0;
  w = evaluationWeights(p);
  EXPECT_EQ(w.reports + w.novelty + w.designated, 0.0);
  EXPECT_NEAR(w.citizens, 0.4, 1e-12);
}

// Model 1 tested B5 as a flatter tournament (effectiveSteepness); model 2 models B5 as cadres'
// extra effort (EffortAllocationTest) and adds B0, the people-centred view of performance, which
// gives ambitious leaders a share of public value in their utility.
TEST(IncentivesTest, PeopleCentredViewGivesAmbitiousLeadersAShareOfPublicValue) {
  Params p;
  EXPECT_NEAR(publicWeight(p, 0.3), 0.7, 1e-12);  // B0 = 0: only what is not spent on career
  EXPECT_NEAR(publicWeight(p, 1.0), 0.0, 1e-12);
  p.regulation.people_centred = 0.5;
  EXPECT_NEAR(publicWeight(p, 0.3), 0.7 + 0.5 * 0.3, 1e-12);
  EXPECT_NEAR(publicWeight(p, 1.0), 0.5, 1e-12);
  p.behaviour.public_value = 2.0;  // the scale multiplies the whole weight
  EXPECT_NEAR(publicWeight(p, 1.0), 1.0, 1e-12);
}

TEST(IncentivesTest, PromotionValueIsAmbitionTimesPayoffTimesTournamentSlope) {
  Params p = customParams({4});
  auto s = makeState(p);
  test::setLeader(*s, 0, 0.5, 1.0);
  // slope = steepness 2 x 4 q (1 - q) with q = 0.4: 1.92; value = 0.5 x 1 x 1.92.
  EXPECT_NEAR(promotionValue(*s, 0), 0.96, 1e-12);
  s->params.behaviour.promotion_payoff = 2.0;
  EXPECT_NEAR(promotionValue(*s, 0), 1.92, 1e-12);
  // No ambition, a certain or an impossible promotion: effort earns nothing in the tournament.
  test::setLeader(*s, 0, 0.0, 1.0);
  EXPECT_EQ(promotionValue(*s, 0), 0.0);
  test::setLeader(*s, 0, 0.5, 1.0);
  s->params.drivers.promotion_share = 1.0;
  EXPECT_EQ(promotionValue(*s, 0), 0.0);
  s->params.drivers.promotion_share = 0.0;
  EXPECT_EQ(promotionValue(*s, 0), 0.0);
  s->params.drivers.promotion_share = 0.5;
  s->params.drivers.tournament_steepness = 0.0;
  EXPECT_EQ(promotionValue(*s, 0), 0.0);
}

// Leaders expect the horizon of the tenure table at their months in office; the credited share of
// each domain's delayed impact is read from a table built on that.
TEST(IncentivesTest, CreditedShareForReadsTheHorizonAtMonthsInOffice) {
  Params p = customParams({2});
  auto s = makeState(p);
  const auto expected = [&](std::size_t m, int k) {
    return creditedShare(s->params, s->params.domains.delay[k], s->horizon[m]);
  };
  s->units.head[0].start = 0;
  s->month = 0;
  EXPECT_EQ(creditedShareFor(*s, 0, 2), expected(0, 2));
  s->month = 17;
  EXPECT_EQ(creditedShareFor(*s, 0, 5), expected(17, 5));
  // Beyond the table the last entry holds; a start in the future counts as 0 months in office.
  s->month = 100000;
  EXPECT_EQ(creditedShareFor(*s, 0, 7), expected(s->horizon.size() - 1, 7));
  s->units.head[0].start = 5;
  s->month = 2;
  EXPECT_EQ(creditedShareFor(*s, 0, 0), expected(0, 0));
}

TEST(IncentivesTest, CreditedShareIsTheInOfficePartOfAFirstOrderLagPlusDiscountedRetrospectiveCredit) {
  Params p;
  EXPECT_NEAR(creditedShare(p, 12, 12), 1 - std::exp(-1.0), 1e-12);
  EXPECT_NEAR(creditedShare(p, 30, 6), 1 - std::exp(-0.2), 1e-12);
  EXPECT_EQ(creditedShare(p, 0, 6), 1.0);  // no delay: all within the tenure
  // Longer horizons and shorter delays are credited more.
  EXPECT_GT(creditedShare(p, 12, 24), creditedShare(p, 12, 12));
  EXPECT_GT(creditedShare(p, 6, 12), creditedShare(p, 30, 12));
  // B2: 0.8 x share of the part realised after leaving.
  p.regulation.retrospective_share = 0.5;
  const double in_office = 1 - std::exp(-1.0);
  EXPECT_NEAR(creditedShare(p, 12, 12), in_office + 0.4 * (1 - in_office), 1e-12);
  p.regulation.retrospective_share = 1.0;
  EXPECT_NEAR(creditedShare(p, 12, 12), in_office + 0.8 * (1 - in_office), 1e-12);
}

TEST(IncentivesTest, SignalWeightFollowsUpperPullAndVanishesWithoutPoliticalSignals) {
  Params p = customParams({3});
  auto s = makeState(p);
  const int K = s->K;
  ASSERT_EQ(K, 8);
  // Superior 0 signals domain 0 at 0.25 (twice the average 1/8) and domain 1 at 0.
  for (int k = 0; k < K; ++k) s->superiors.signal[k] = 0.75 / 6;
  s->superiors.signal[0] = 0.25;
  s->superiors.signal[1] = 0.0;
  EXPECT_NEAR(signalWeight(*s, 0, 0), 2.0, 1e-12);  // 1 + 1 x (2 - 1)
  EXPECT_NEAR(signalWeight(*s, 0, 1), 0.0, 1e-12);  // 1 + 1 x (0 - 1)
  EXPECT_NEAR(signalWeight(*s, 0, 2), 1.0, 1e-12);  // 0.125 = the average priority
  s->params.drivers.upper_pull = 0.5;
  EXPECT_NEAR(signalWeight(*s, 0, 0), 1.5, 1e-12);
  EXPECT_NEAR(signalWeight(*s, 0, 1), 0.5, 1e-12);
  s->params.drivers.upper_pull = 2.0;
  EXPECT_EQ(signalWeight(*s, 0, 1), 0.0);  // floored at 0
  // Upper pull 0 (neutral) or no political signals: every domain counts the same.
  s->params.drivers.upper_pull = 0.0;
  for (int k = 0; k < K; ++k) EXPECT_EQ(signalWeight(*s, 0, k), 1.0);
  s->params.drivers.upper_pull = 1.0;
  s->params.mechanisms.political_signals = false;
  for (int k = 0; k < K; ++k) EXPECT_EQ(signalWeight(*s, 0, k), 1.0);
}

TEST(IncentivesTest, SuccessorShareRisesWithCreditSharing) {
  Params p;
  EXPECT_NEAR(successorShare(p), 0.3, 1e-12);
  p.regulation.credit_sharing = 0.6;
  EXPECT_NEAR(successorShare(p), 0.3 + 0.6 * 0.7, 1e-12);
  p.regulation.credit_sharing = 1.0;
  EXPECT_NEAR(successorShare(p), 1.0, 1e-12);
}

TEST(IncentivesTest, YearlyDetectionCombinesInspectionAndOversight) {
  Params p = customParams({4});
  auto s = makeState(p);
  // Initialise: capacity 2 a year over 4 units -> 2 / 48 a month.
  EXPECT_NEAR(s->superiors.inspect_prob[0], 2.0 / 48.0, 1e-12);
  EXPECT_NEAR(yearlyDetection(*s, 0), 1 - std::pow(1 - 2.0 / 48.0, 12), 1e-12);
  // The chance is fixed for a run, so each variant is a new state.
  p.regulation.oversight = 1.2;  // C3: 0.1 a month on top
  EXPECT_NEAR(yearlyDetection(*makeState(p), 0), 1 - std::pow(1 - 2.0 / 48.0 - 0.1, 12), 1e-12);
  p.mechanisms.inspection = false;
  EXPECT_NEAR(yearlyDetection(*makeState(p), 0), 1 - std::pow(0.9, 12), 1e-12);
  p.regulation.oversight = 0.0;
  EXPECT_EQ(yearlyDetection(*makeState(p), 0), 0.0);  // neither: inflation is never detected
  // A3 multiplies the capacity at initialisation.
  Params q = customParams({4});
  q.regulation.supervision = 2.0;
  auto t = makeState(q);
  EXPECT_NEAR(t->superiors.inspect_prob[0], 6.0 / 48.0, 1e-12);
}

// Model 1 tested expectedPotential (competence x designed fit); model 2 splits what a leader
// expects of a design into mean quality, the preparation factor and the designed fit.
TEST(IncentivesTest, ExpectedDesignQualityPreparationAndFit) {
  Params p;
  EXPECT_NEAR(meanQuality(p, 1.0), 0.5 * (1 + 0.7), 1e-12);  // competence x mean of U(0.7, 1)
  EXPECT_NEAR(meanQuality(p, 2.0), 2.0 * 0.85, 1e-12);
  EXPECT_NEAR(preparationFactor(p, 0), 0.7, 1e-12);                               // unprepared
  EXPECT_NEAR(preparationFactor(p, 4), 0.7 + 0.3 * (1 - std::exp(-1.0)), 1e-12);  // one scale: 63% of the gap
  EXPECT_LT(preparationFactor(p, 60), 1.0);
  EXPECT_GT(preparationFactor(p, 60), 0.999);
  EXPECT_NEAR(designedFit(p, 0.5), 0.15 + 0.85 * 0.5, 1e-12);
  EXPECT_NEAR(adaptedFit(p, 0.5), 0.3 + 0.7 * 0.5, 1e-12);
  EXPECT_NEAR(copiedFit(p), 0.5 * (0.05 + 0.6), 1e-12);  // whatever the need
}

TEST(IncentivesTest, UnmetShare) {
  Params p = customParams({2});
  auto s = makeState(p);
  s->units.effectiveness[0 * s->K + 3] = 0.4;  // = effect_half
  EXPECT_NEAR(unmetShare(*s, 0, 3), 0.5, 1e-12);
  s->units.effectiveness[0 * s->K + 3] = 0.0;
  EXPECT_EQ(unmetShare(*s, 0, 3), 1.0);
}

// The failure hazard a leader expects: base rate scaled by difficulty above 0.5, quality below 1
// and fit below 1; the window chance is h x window, at most 1.
TEST(IncentivesTest, FailureHazardAndWindowProbability) {
  Params p;
  EXPECT_NEAR(failureHazard(p, 0.5, 1.0, 1.0), 0.006, 1e-15);
  EXPECT_NEAR(failureHazard(p, 0.7, 0.8, 0.6), 0.006 * 1.2 * 1.2 * 1.4, 1e-15);
  EXPECT_NEAR(failureHazard(p, 0.5, 1.4, 1.0), 0.006, 1e-15);  // quality above 1 does not lower it
  EXPECT_NEAR(windowProbability(p, 0.01), 0.24, 1e-15);
  EXPECT_EQ(windowProbability(p, 0.1), 1.0);
}

// Logit: P(i) = exp(b u_i) / sum exp(b u_j). With u = {0, ln 3 / b}, P(1) = 3/4. 20,000 independent
// streams: the binomial standard error is sqrt(0.1875 / 20000) = 0.0031, so 0.015 is ~5 SE.
TEST(IncentivesTest, LogitChoiceMatchesItsProbabilities) {
  const double beta = 8.0;
  const std::vector<double> u = {0.0, std::log(3.0) / beta};
  std::vector<double> scratch;
  const int n = 20000;
  int ones = 0;
  for (int i = 0; i < n; ++i) {
    RandomStream rng(7, 0, static_cast<std::uint32_t>(i), 0, Purpose::SpontaneousChoice);
    ones += logitChoice(u, beta, rng, scratch) == 1;
  }
  EXPECT_NEAR(ones / double(n), 0.75, 0.015);
  // Overwhelming utility difference: deterministic.
  const std::vector<double> v = {0.0, -1e9, 5.0};
  for (int i = 0; i < 100; ++i) {
    RandomStream rng(7, 0, static_cast<std::uint32_t>(i), 0, Purpose::SpontaneousChoice);
    EXPECT_EQ(logitChoice(v, beta, rng, scratch), 2u);
  }
}

// Nested logit: act with probability logistic(b IV), IV the inclusive value; with equal options IV
// equals their utility. u = logit(0.3) / b gives P(act) = 0.3; SE sqrt(.21/20000) = .0032, tol ~5 SE.
// Given acting, the two equal options are chosen about equally (SE .0056 on 6,000 acts).
TEST(IncentivesTest, NestedLogitActsWithTheLogisticOfTheInclusiveValue) {
  const double beta = 8.0;
  const double a = std::log(0.3 / 0.7) / beta;
  const std::vector<double> two = {a, a};
  std::vector<double> scratch;
  const int n = 20000;
  int act = 0, first = 0;
  for (int i = 0; i < n; ++i) {
    RandomStream rng(11, 0, static_cast<std::uint32_t>(i), 0, Purpose::SpontaneousChoice);
    const auto c = nestedLogitChoice(two, beta, rng, scratch);
    ASSERT_LE(c, 2u);
    if (c < 2) ++act, first += c == 0;
  }
  EXPECT_NEAR(act / double(n), 0.3, 0.016);
  EXPECT_NEAR(first / double(act), 0.5, 0.03);
}

// The number of equal options does not change whether to act: with the same draws, one option and
// four copies of it give the same decision every time (exact).
TEST(IncentivesTest, NestedLogitDoesNotInflateActingWithMoreOptions) {
  const double beta = 8.0;
  const std::vector<double> one = {0.02}, four = {0.02, 0.02, 0.02, 0.02};
  std::vector<double> scratch;
  int acts = 0;
  for (int i = 0; i < 2000; ++i) {
    RandomStream r1(3, 0, static_cast<std::uint32_t>(i), 0, Purpose::SpontaneousChoice);
    RandomStream r4(3, 0, static_cast<std::uint32_t>(i), 0, Purpose::SpontaneousChoice);
    const bool a1 = nestedLogitChoice(one, beta, r1, scratch) < 1;
    const bool a4 = nestedLogitChoice(four, beta, r4, scratch) < 4;
    EXPECT_EQ(a1, a4) << i;
    acts += a1;
  }
  // logistic(8 x 0.02) = 0.540: the test above compared both outcomes many times.
  EXPECT_GT(acts, 900);
  EXPECT_LT(acts, 1250);
}

TEST(IncentivesTest, PowFastMatchesPowWithinSinglePrecision) {
  EXPECT_EQ(powFast(3.0, 1.0), 3.0);
  EXPECT_EQ(powFast(3.0, 2.0), 9.0);
  // Other exponents go through powf: relative error within a few float ulps (1e-6).
  for (double x : {0.01, 0.5, 1.0, 2.7, 40.0})
    EXPECT_NEAR(powFast(x, 0.6), std::pow(x, 0.6), 1e-6 * std::pow(x, 0.6)) << x;
}

}  // namespace
}  // namespace pilotsim
