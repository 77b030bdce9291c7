// 5.7 Reporting, verification and evaluation (src/model/mechanisms/Evaluation.cpp, Information.hpp):
// checks measure pilots (with error, partly from the presented materials), penalise a reporting gap
// above the tolerance and expose the inflation; audits find diverted funds; the media expose
// recognised pilots; each December the superior scores its units on what it sees, forms
// peer-relative impressions, is scored itself, reviews rotated leaders' later contributions (B2)
// and plans next year's verifications.
//
// Hand-checked cases turn the measurement noise off where the test is not about it
// (mechanisms.report_noise = false, verification.inspection_error = survey_error = review_error = 0,
// verification.formalism = 0): each such test says so. Pilot::assessed is a float, so expectations
// that pass through a measurement round it the same way.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

/// Parameters with every measurement exact: checks see the realised impact itself, reports are
/// read at face value, surveys read satisfaction exactly.
Params exactParams(std::vector<int> branching) {
  Params p = customParams(std::move(branching));
  p.mechanisms.report_noise = false;
  p.verification.inspection_error = 0;
  p.verification.formalism = 0;
  p.verification.survey_error = 0;
  p.verification.review_error = 0;
  return p;
}

/// What an exact check records of realised impact r (Pilot::assessed is a float).
double asAssessed(double r) { return static_cast<double>(static_cast<float>(r)); }

/// Unit 0 of a 3-unit county runs two pilots (domains 0 and 1) reporting 1.0 and 0.5 over realised
/// 0.3 and 0.2: with exact checks the gap is (1.5 - 0.5) / 1.5 = 2/3. A rule reports 10 over 0 but
/// is no longer a pilot and is not checked. Month 4 (not December). Exact measurements unless the
/// caller's parameters say otherwise.
std::unique_ptr<State> inflatedState(Params p = exactParams({3})) {
  auto s = makeState(p);
  s->month = 4;
  auto& a = addPilot(*s, 0, 0);
  a.reported = 1.0, a.realised = 0.3, a.packaging_stock = 3.0;
  auto& b = addPilot(*s, 0, 1);
  b.reported = 0.5, b.realised = 0.2, b.packaging_stock = 1.0;
  auto& c = addPilot(*s, 0, 2);  // a rule: not part of the comparison
  c.reported = 10.0, c.realised = 0.0, c.packaging_stock = 2.0;
  institutionalise(*s, c);
  s->units.polish[0] = 0.4;
  return s;
}

/// The unit gap an exact inspection of inflatedState's two pilots finds, and with formalism rho
/// (the check reads (1 - rho) r + rho R).
double inflatedGap(double rho = 0.0) {
  const double measured = asAssessed((1 - rho) * 0.3 + rho * 1.0) + asAssessed((1 - rho) * 0.2 + rho * 0.5);
  return (1.5 - measured) / 1.5;
}

// An inspection (exact measurements) finds the gap 2/3 > tolerance 0.2: penalty
// inflation_penalty x (G - tol), the pilots' packaging stocks reset, their reports back to the
// visible share v_k of realised impact (model 1 reset reports to the whole realised impact; model
// 2's reports show only the visible share), their measurement kept for a year, the unit's polish
// gone. The rule is not checked (model 1 reset it too; model 2 checks attended pilots only). A3
// raises the penalty by (1 + supervision); formalism shrinks the gap found by (1 - rho).
TEST(EvaluationTest, AnInspectionPenalisesTheGapAboveToleranceAndExposesTheInflation) {
  auto s = inflatedState();
  s->superiors.inspect_prob[0] = 1.0;  // inspected this month for sure
  evaluateUnits(*s);
  const double gap = inflatedGap();
  EXPECT_NEAR(gap, 2.0 / 3, 1e-7);
  EXPECT_NEAR(s->units.year_penalty[0], 2.0 * (gap - 0.2), 1e-12);
  const double realised[2] = {0.3, 0.2};
  for (int i = 0; i < 2; ++i) {
    const Pilot& pl = s->unitPilots(0)[i];
    EXPECT_EQ(pl.packaging_stock, 0.0);
    EXPECT_DOUBLE_EQ(pl.reported, s->visibility[pl.domain] * realised[i]);
    EXPECT_EQ(pl.assessed, static_cast<float>(realised[i]));
    EXPECT_EQ(pl.assessed_month, 4);
  }
  const Pilot& rule = s->unitPilots(0)[2];
  ASSERT_EQ(rule.status, PilotStatus::Institutionalised);
  EXPECT_EQ(rule.packaging_stock, 2.0);
  EXPECT_EQ(rule.reported, 10.0);
  EXPECT_EQ(s->units.polish[0], 0.0);
  EXPECT_EQ(s->units.year_penalty[1], 0.0);  // no pilots: nothing to inspect
  // A3 process supervision raises the penalty by (1 + supervision).
  Params p = exactParams({3});
  p.regulation.supervision = 1.5;
  auto t = inflatedState(p);
  t->superiors.inspect_prob[0] = 1.0;
  evaluateUnits(*t);
  EXPECT_NEAR(t->units.year_penalty[0], 2.0 * 2.5 * (gap - 0.2), 1e-12);
  // Formalism 0.5: the check reads half the presented report, the gap found is halved, to 1/3.
  Params q = exactParams({3});
  q.verification.formalism = 0.5;
  auto f = inflatedState(q);
  f->superiors.inspect_prob[0] = 1.0;
  evaluateUnits(*f);
  EXPECT_NEAR(inflatedGap(0.5), 1.0 / 3, 1e-7);
  EXPECT_NEAR(f->units.year_penalty[0], 2.0 * (inflatedGap(0.5) - 0.2), 1e-12);
  EXPECT_EQ(f->unitPilots(0)[0].assessed, static_cast<float>(0.5 * 0.3 + 0.5 * 1.0));
  // Formalism 0.75: the gap found, 1/6, is within the tolerance: the inflation passes.
  q.verification.formalism = 0.75;
  auto g = inflatedState(q);
  g->superiors.inspect_prob[0] = 1.0;
  evaluateUnits(*g);
  EXPECT_EQ(g->units.year_penalty[0], 0.0);
  EXPECT_EQ(g->unitPilots(0)[0].packaging_stock, 3.0);
}

// Exact measurements. Reports 0.32 and 0.28 over 0.3 and 0.2: (0.6 - 0.5) / 0.6 = 0.17 <= 0.2.
TEST(EvaluationTest, AGapWithinToleranceIsLeftAlone) {
  auto s = inflatedState();
  s->unitPilots(0)[0].reported = 0.32;
  s->unitPilots(0)[1].reported = 0.28;
  s->superiors.inspect_prob[0] = 1.0;
  evaluateUnits(*s);
  EXPECT_EQ(s->units.year_penalty[0], 0.0);
  EXPECT_EQ(s->unitPilots(0)[0].packaging_stock, 3.0);
  EXPECT_EQ(s->unitPilots(0)[0].reported, 0.32);
  EXPECT_EQ(s->units.polish[0], 0.4);
  // Still measured: the superior now values the pilot at what it found.
  EXPECT_EQ(s->unitPilots(0)[0].assessed_month, 4);
}

// An inspection audits the funds diverted recently with chance audit_detection: found, they cost
// diversion_penalty x diverted / (12 special_funds) (per year of a pilot's special funds) and the
// account is cleared. Gap within tolerance (exact measurements) so only the audit penalises.
TEST(EvaluationTest, AnInspectionAuditsDivertedFunds) {
  // An inspection for certain of a unit with 0.6 of funds diverted this year, evaluated.
  const auto audited = [](double detection) {
    Params p = exactParams({3});
    p.verification.audit_detection = detection;
    auto s = inflatedState(p);
    s->unitPilots(0)[0].reported = 0.3, s->unitPilots(0)[1].reported = 0.2;
    s->units.diverted_year[0] = 0.6;
    s->superiors.inspect_prob[0] = 1.0;
    evaluateUnits(*s);
    return s;
  };
  auto s = audited(1.0);
  EXPECT_NEAR(s->units.year_penalty[0], 2.0 * 0.6 / (12.0 * 0.1), 1e-12);
  EXPECT_EQ(s->units.diverted_year[0], 0.0);
  // An audit that never finds anything leaves both alone.
  auto t = audited(0.0);
  EXPECT_EQ(t->units.year_penalty[0], 0.0);
  EXPECT_EQ(t->units.diverted_year[0], 0.6);
}

// Exact measurements. With mechanisms.inspection off and no C3 oversight nothing detects, even a
// superior that would inspect every month; C3 oversight at 12 a year checks every month on its own.
TEST(EvaluationTest, WithoutInspectionOnlyOversightDetects) {
  Params p = exactParams({3});
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
  p.regulation.oversight = 12.0;
  auto t = inflatedState(p);
  evaluateUnits(*t);
  EXPECT_NEAR(t->units.year_penalty[0], 2.0 * (inflatedGap() - 0.2), 1e-12);
  EXPECT_EQ(t->unitPilots(0)[0].packaging_stock, 0.0);
}

// Checks happen with the monthly chance 1 - (1 - inspection) (1 - oversight / 12): with 0.1 and
// 1.2 a year, 0.19. 1,000 inflated units over 24 months: 24,000 unit-months, SE .0025; tol .01.
// Default (noisy) measurements: a report of 1 over realised 0 shows a gap of about 0.7 whatever
// the error, so every check detects. December's planVerification resets the inspection chance
// from the superior's capacity (model 1 had no such plan), so the test sets it back each month.
TEST(EvaluationTest, ChecksHappenWithTheInspectionAndOversightRates) {
  Params p = customParams({1000});
  p.regulation.oversight = 1.2;
  auto s = makeState(p);
  for (std::uint32_t u = 0; u < 1000; ++u) addPilot(*s, u, 0);
  int detected = 0;
  for (int m = 0; m < 24; ++m) {
    s->month = m;
    s->superiors.inspect_prob[0] = 0.1;
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

// Each December the media check a recognised attended pilot with chance media_exposure x media x
// its inflated share 1 - v_k r / R (here made certain), with an inspection's consequences for that
// pilot alone. Exact measurements, no inspection. Unit 0's recognised pilot reports 1.0 over 0.3
// in domain 0; the media find the gap 0.7: penalty 2 (0.7 - 0.2) = 1.0, and the superior now values
// the pilot at 0.3 instead of 1.0, so its score drops by 0.5 x 0.7 + 1.0 against the same unit
// without media exposure. The unrecognised pilot beside it is left alone.
TEST(EvaluationTest, TheMediaExposeRecognisedInflatedPilots) {
  const auto run = [](bool media) {
    Params p = exactParams({2});
    p.mechanisms.political_signals = false;
    p.verification.media_exposure = media ? 100.0 : 0.0;
    auto s = makeState(p);
    s->month = 11;
    auto& a = addPilot(*s, 0, 0);
    a.reported = 1.0, a.realised = 0.3, a.packaging_stock = 2.0, a.recognised = 1;
    auto& b = addPilot(*s, 0, 1);
    b.reported = 1.0, b.realised = 0.0, b.packaging_stock = 2.0;
    s->units.satisfaction[0] = s->units.satisfaction[1] = 0.0;
    s->superiors.inspect_prob[0] = 0.0;
    evaluateUnits(*s);
    return s;
  };
  auto exposed = run(true), quiet = run(false);
  EXPECT_EQ(exposed->unitPilots(0)[0].packaging_stock, 0.0);
  EXPECT_DOUBLE_EQ(exposed->unitPilots(0)[0].reported, exposed->visibility[0] * 0.3);
  EXPECT_EQ(exposed->unitPilots(0)[1].packaging_stock, 2.0);
  EXPECT_EQ(exposed->unitPilots(0)[1].reported, 1.0);
  EXPECT_EQ(quiet->unitPilots(0)[0].packaging_stock, 2.0);
  const double penalty = 2.0 * ((1.0 - asAssessed(0.3)) / 1.0 - 0.2);
  EXPECT_NEAR(quiet->units.score[0] - exposed->units.score[0], 0.5 * (1.0 - asAssessed(0.3)) + penalty, 1e-12);
}

// The December score, hand-computed with exact measurements (reports read at face value, the
// survey exact) and signal weight 1 on every domain. Weights .5 / .25 / .15 / .1 (B1 at its
// default 0.1 leaves the others' .5 / .25 / .15), push 1:
//   score = .5 sum credit V + .25 novelty + .15 x 2 x sum min(1, V / target) + .1 x 4 x survey
//           + campaign rewards - penalty,
// credit 1 for the leader's own pilots and the successor's share 0.3 for an inherited one, V the
// value seen: the report, or a measurement made within the year (model 2; model 1 used the report
// always). The impression moves halfway to the score's distance from the peers' mean, and the
// superior's own score is its area's mean score. The year's accounts start again.
TEST(EvaluationTest, AnnualScoreAndPeerRelativeImpression) {
  Params p = exactParams({3});
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
  // Unit 1: nothing but citizens. Unit 2: one report of 1.0 that an inspection 3 months ago
  // measured at 0.8 (the measurement counts, not the report), no novelty, campaign rewards 0.25.
  s->units.satisfaction[1] = 0.4;
  auto& e = addPilot(*s, 2, 0);
  e.reported = 1.0, e.assessed = 0.8f, e.assessed_month = 20;
  s->records[e.id].novelty = 0.0;  // started 3 months ago: its novelty claim would count
  s->units.satisfaction[2] = 0.6;
  s->units.year_follow[2] = 0.25;
  s->leaders[s->units.leader[0]].impression = 1.0;
  s->superiors.inspect_prob[0] = 0.0;  // no inspection to change the reports first

  s->month = 23;  // December
  ASSERT_TRUE(s->isDecember());
  evaluateUnits(*s);
  const double s0 =
      0.5 * (0.6 + 0.2 + 0.3 * 0.1) + 0.25 * 1.5 + 0.15 * 2 * (0.2 / static_cast<double>(0.4f)) + 0.1 * 4 * 0.5 - 0.3;
  const double s1 = 0.1 * 4 * 0.4;
  const double s2 = 0.5 * static_cast<double>(0.8f) + 0.1 * 4 * 0.6 + 0.25;
  EXPECT_NEAR(s->units.score[0], s0, 1e-12);
  EXPECT_NEAR(s->units.score[1], s1, 1e-12);
  EXPECT_NEAR(s->units.score[2], s2, 1e-12);
  const double mean = (s0 + s1 + s2) / 3;
  EXPECT_NEAR(s->leaders[s->units.leader[0]].impression, 0.5 * 1.0 + 0.5 * (s0 - mean), 1e-12);
  EXPECT_NEAR(s->leaders[s->units.leader[1]].impression, 0.5 * (s1 - mean), 1e-12);
  EXPECT_NEAR(s->leaders[s->units.leader[2]].impression, 0.5 * (s2 - mean), 1e-12);
  ASSERT_EQ(s->superiorCount(), 1u);
  EXPECT_NEAR(s->superiors.score[0], mean, 1e-12);
  for (double x : s->units.year_penalty) EXPECT_EQ(x, 0.0);  // a new year starts
  for (double x : s->units.year_follow) EXPECT_EQ(x, 0.0);
}

// Reports are read with mean-preserving log-normal error (log-sd report_noise 0.3) at the
// evaluation; a measurement within a year is used as it is. 2,000 units with one pilot reporting
// 1.0 and nothing else in the score (satisfaction 0, exact survey, no signals): score = .5 x the
// report as read. Mean of the readings 1 (SE .0067, tol .03); sd of their logs .3 (SE .005, tol
// .02). Unit 0's pilot, measured at 0.4 five months ago, scores exactly .5 x 0.4.
TEST(EvaluationTest, ReportsAreReadWithErrorUnlessMeasuredWithinTheYear) {
  Params p = customParams({2000});
  p.mechanisms.political_signals = false;
  p.verification.survey_error = 0;
  auto s = makeState(p);
  s->month = 18;
  for (std::uint32_t u = 0; u < 2000; ++u) {
    auto& pl = addPilot(*s, u, 0);
    pl.reported = 1.0;
    s->records[pl.id].novelty = 0.0;  // started within the year: its novelty claim would count
    s->units.satisfaction[u] = 0.0;
  }
  s->unitPilots(0)[0].assessed = 0.4f, s->unitPilots(0)[0].assessed_month = 18;
  s->superiors.inspect_prob[0] = 0.0;
  s->month = 23;
  evaluateUnits(*s);
  EXPECT_NEAR(s->units.score[0], 0.5 * static_cast<double>(0.4f), 1e-12);
  double sum = 0, log_sum = 0, log_sq = 0;
  for (std::uint32_t u = 1; u < 2000; ++u) {
    const double read = s->units.score[u] / 0.5;
    sum += read, log_sum += std::log(read), log_sq += std::log(read) * std::log(read);
  }
  const double n = 1999, log_mean = log_sum / n;
  EXPECT_NEAR(sum / n, 1.0, 0.03);
  EXPECT_NEAR(std::sqrt(log_sq / n - log_mean * log_mean), 0.3, 0.02);
  // Without report noise every reading is the report itself.
  p.mechanisms.report_noise = false;
  auto t = makeState(p);
  for (std::uint32_t u = 0; u < 2000; ++u) {
    auto& pl = addPilot(*t, u, 0);
    pl.reported = 1.0;
    t->records[pl.id].novelty = 0.0;
    t->units.satisfaction[u] = 0.0;
  }
  t->superiors.inspect_prob[0] = 0.0;
  t->month = 23;
  evaluateUnits(*t);
  for (std::uint32_t u = 0; u < 2000; ++u) ASSERT_EQ(t->units.score[u], 0.5);
}

// The satisfaction survey reads satisfaction with error survey_error (clamped to [0, 1]), only when
// B1 weighs it: 2,000 units at satisfaction 0.5, error 0.05: score = .1 x 4 x reading, readings'
// mean 0.5 (SE .0011, tol .005) and sd 0.05 (SE .0008, tol .004). With B1 at 0 no survey is run and
// satisfaction does not count. No pilots, so nothing else scores.
TEST(EvaluationTest, TheSatisfactionSurveyReadsWithError) {
  Params p = customParams({2000});
  auto s = makeState(p);
  std::fill(s->units.satisfaction.begin(), s->units.satisfaction.end(), 0.5);
  s->month = 11;
  evaluateUnits(*s);
  double sum = 0, sq = 0;
  for (double x : s->units.score) sum += x / 0.4, sq += (x / 0.4) * (x / 0.4);
  const double mean = sum / 2000;
  EXPECT_NEAR(mean, 0.5, 0.005);
  EXPECT_NEAR(std::sqrt(sq / 2000 - mean * mean), 0.05, 0.004);
  p.regulation.citizen_weight = 0;
  auto t = makeState(p);
  std::fill(t->units.satisfaction.begin(), t->units.satisfaction.end(), 0.5);
  t->month = 11;
  evaluateUnits(*t);
  for (double x : t->units.score) ASSERT_EQ(x, 0.0);
}

// Exact measurements. Signal weight max(0, 1 + upper_pull (K s_k - 1)): domain 3 signalled at 0.5
// (4x the average 1/8) weighs 4, domain 0 at 0 weighs max(0, 1 - 1) = 0.
TEST(EvaluationTest, SignalledDomainsWeighMoreInTheScore) {
  auto s = makeState(exactParams({2}));
  ASSERT_EQ(s->K, 8);
  std::fill(s->superiors.signal.begin(), s->superiors.signal.end(), 0.0);
  s->superiors.signal[3] = 0.5;  // domain 3 at 4x the average, domain 4 also 0.5, others 0
  s->superiors.signal[4] = 0.5;
  // Both started this year: their novelty claims are zeroed so that only reports score.
  for (auto [u, k] : {std::pair{0u, 3}, std::pair{1u, 0}}) {
    auto& pl = addPilot(*s, u, k);
    pl.reported = 1.0;
    s->records[pl.id].novelty = 0.0;
  }
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
  s->superiors.inspect_prob[0] = 0.0;
  for (int m = 0; m < 11; ++m) {
    s->month = m;
    evaluateUnits(*s);
  }
  EXPECT_EQ(s->leaders[s->units.leader[0]].impression, 0.7);
  EXPECT_EQ(s->units.score[0], 0.0);
  EXPECT_EQ(s->units.year_penalty[0], 0.4);
}

// A superior's score from its own superior: its area's mean score, plus for each programme node
// whose term ended overfulfilment_reward (D/Q - 1)+ - shortfall_penalty (1 - D/Q)+. Two counties of
// two units (exact survey, no pilots: score = .4 satisfaction). County A delivered 6 of a quota of
// 4 (+0.5 x 0.5), county B 2 of 4 (-1 x 0.5); a node launched later, its term not yet over, waits.
TEST(EvaluationTest, SuperiorsAreScoredOnTheirAreaAndTheirProgrammes) {
  auto s = makeState(exactParams({2, 2}));
  const double sat[4] = {0.2, 0.4, 0.6, 1.0};
  for (std::uint32_t u = 0; u < 4; ++u) s->units.satisfaction[u] = sat[u];
  const auto A = s->tree.unit_superior[0], B = s->tree.unit_superior[2];
  ASSERT_NE(A, B);
  ASSERT_EQ(s->tree.unit_superior[1], A);
  s->month = 47;
  const int term = s->params.programmes.term;
  ProgrammeRecord node{};
  node.superior = A, node.month = 47 - term, node.quota = 4, node.delivered = 6;
  s->programmes.push_back(node);
  node.superior = B, node.quota = 4, node.delivered = 2;
  s->programmes.push_back(node);
  node.superior = A, node.month = 47 - term + 1, node.quota = 4, node.delivered = 0;
  s->programmes.push_back(node);
  std::fill(s->superiors.inspect_prob.begin(), s->superiors.inspect_prob.end(), 0.0);
  evaluateUnits(*s);
  EXPECT_NEAR(s->superiors.score[A], 0.4 * (0.2 + 0.4) / 2 + 0.5 * 0.5, 1e-12);
  EXPECT_NEAR(s->superiors.score[B], 0.4 * (0.6 + 1.0) / 2 - 1.0 * 0.5, 1e-12);
  EXPECT_NEAR(s->superiors.score[0], 0.4 * (0.2 + 0.4 + 0.6 + 1.0) / 4, 1e-12);
  EXPECT_EQ(s->programmes_settled, 2u);
  EXPECT_EQ(s->superiors.year_quota[A], 4.0);
  EXPECT_EQ(s->superiors.year_delivered[A], 6.0);
  EXPECT_EQ(s->superiors.year_delivered[B], 2.0);
}

// B2's later reviews (December, exact review measurements): leaders who rotated away within
// review_years have the contribution their old pilots delivered since they left measured,
// standardised among those reviewed, and credited at B2 x retro_bonus to the impression in the post
// they hold now. Two reviewed leaders delivered 3 and 1 since leaving: z = +1 and -1, B2 = 0.5:
// +0.5 and -0.5 (all scores 0, so the scoring leaves impressions at 0). A third left 3 years ago:
// dropped from the list (its 100 would otherwise shift the mean). Each review uses
// retrospective_review of its old superior's verifications, which December's verification plan
// takes from the capacity 2 (1 + A3) = 4: 2 left for 6 units, monthly chance 2 / 72.
TEST(EvaluationTest, LaterReviewsCreditRotatedLeadersAndUseVerifications) {
  Params p = exactParams({6});
  p.regulation.retrospective_share = 0.5;
  p.regulation.supervision = 1.0;
  auto s = makeState(p);
  s->month = 47;
  std::fill(s->units.satisfaction.begin(), s->units.satisfaction.end(), 0.0);
  const auto reviewed = [&](std::uint32_t from, std::uint32_t now_at, double since, int ended) {
    auto& l = s->leaders[s->units.leader[from]];
    l.banked_contribution = since;
    l.contribution_at_exit = 0;
    l.ended = ended;
    l.next = s->units.leader[now_at];
    s->under_review.push_back(s->units.leader[from]);
  };
  reviewed(0, 2, 3.0, 42);
  reviewed(1, 3, 1.0, 42);
  reviewed(4, 5, 100.0, 47 - 36);
  s->superiors.inspect_prob[0] = 0.0;
  evaluateUnits(*s);
  EXPECT_NEAR(s->leaders[s->units.leader[2]].impression, 0.5, 1e-12);
  EXPECT_NEAR(s->leaders[s->units.leader[3]].impression, -0.5, 1e-12);
  EXPECT_EQ(s->leaders[s->units.leader[5]].impression, 0.0);
  EXPECT_EQ(s->under_review.size(), 2u);
  EXPECT_NEAR(s->superiors.inspect_prob[0], 2.0 / 72, 1e-12);
  EXPECT_NEAR(s->superiors.yearly_detection[0], 1 - std::pow(1 - 2.0 / 72, 12), 1e-12);
  EXPECT_EQ(s->superiors.reviews_used[0], 0.0);  // spent: next year starts afresh
  // Without B2 nobody is reviewed and the list is cleared.
  p.regulation.retrospective_share = 0;
  auto t = makeState(p);
  t->month = 47;
  t->under_review.push_back(t->units.leader[0]);
  evaluateUnits(*t);
  EXPECT_TRUE(t->under_review.empty());
  EXPECT_NEAR(t->superiors.inspect_prob[0], 4.0 / 72, 1e-12);
}

// The verification plan: capacity (1 + A3) less the reviews used, spread over the direct units'
// months, at most 1; the expected yearly detection adds C3's checks, 1 - (1 - min(1, i + C3/12))^12.
TEST(EvaluationTest, PlanVerificationSpreadsTheCapacityOverTheUnits) {
  Params p = customParams({4});
  p.regulation.oversight = 1.2;
  auto s = makeState(p);
  s->superiors.reviews_used[0] = 0.5;
  planVerification(*s);
  const double i = (2.0 - 0.5) / (12.0 * 4);
  EXPECT_NEAR(s->superiors.inspect_prob[0], i, 1e-12);
  EXPECT_NEAR(s->superiors.yearly_detection[0], 1 - std::pow(1 - (i + 0.1), 12), 1e-12);
  EXPECT_EQ(s->superiors.reviews_used[0], 0.0);
  // Reviews beyond the capacity leave no inspections; without inspection only C3 detects.
  s->superiors.reviews_used[0] = 5.0;
  planVerification(*s);
  EXPECT_EQ(s->superiors.inspect_prob[0], 0.0);
  p.mechanisms.inspection = false;
  auto t = makeState(p);
  planVerification(*t);
  EXPECT_NEAR(t->superiors.yearly_detection[0], 1 - std::pow(0.9, 12), 1e-12);
}

}  // namespace
}  // namespace pilotsim
