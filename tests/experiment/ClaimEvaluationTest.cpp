// Verdicts of tests, claims and ablations, and running a small claims file end to end.
#include "pilotsim/experiment/ClaimEvaluation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace pilotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Interval iv(double mean, double lo, double hi, int n = 10) { return Interval{mean, lo, hi, 1.0, n}; }

TEST(ClaimEvaluationTest, TestVerdictFollowsTheIntervalSide) {
  EXPECT_EQ(judgeTest(iv(1, 0.5, 1.5), Direction::Higher), TestVerdict::Supported);
  EXPECT_EQ(judgeTest(iv(1, 0.5, 1.5), Direction::Lower), TestVerdict::Contradicted);
  EXPECT_EQ(judgeTest(iv(0.1, -0.5, 0.7), Direction::Higher), TestVerdict::Inconclusive);
  EXPECT_EQ(judgeTest(iv(kNaN, kNaN, kNaN, 0), Direction::Higher), TestVerdict::Inconclusive);
}

TEST(ClaimEvaluationTest, ClaimVerdictNeedsEveryTestAndFailsOnAnyContradiction) {
  const auto with = [](std::initializer_list<TestVerdict> vs) { return judgeClaim(std::vector<TestVerdict>(vs)); };
  EXPECT_EQ(with({TestVerdict::Supported, TestVerdict::Supported}), Verdict::Supported);
  EXPECT_EQ(with({TestVerdict::Supported, TestVerdict::Inconclusive}), Verdict::Inconclusive);
  EXPECT_EQ(with({TestVerdict::Inconclusive, TestVerdict::Contradicted}), Verdict::NotSupported);
  EXPECT_EQ(with({}), Verdict::Inconclusive);
  // A real but negligible effect does not support a claim, and does not refute it either.
  EXPECT_EQ(with({TestVerdict::Supported, TestVerdict::Negligible}), Verdict::Inconclusive);
}

// Issue 11: practical, not only statistical, significance. An interval beyond zero supports a test
// only when the estimate also reaches the declared minimal effect; otherwise the effect is negligible.
TEST(ClaimEvaluationTest, SupportNeedsTheMinimalEffect) {
  EXPECT_EQ(judgeTest(iv(1, 0.5, 1.5), Direction::Higher, 0.8), TestVerdict::Supported);
  EXPECT_EQ(judgeTest(iv(1, 0.5, 1.5), Direction::Higher, 1.0), TestVerdict::Supported);  // reaching it is enough
  EXPECT_EQ(judgeTest(iv(1, 0.5, 1.5), Direction::Higher, 1.2), TestVerdict::Negligible);
  EXPECT_EQ(judgeTest(iv(-1, -1.5, -0.5), Direction::Higher, 1.2), TestVerdict::Negligible);
  EXPECT_EQ(judgeTest(iv(-1, -1.5, -0.5), Direction::Higher, 0.8), TestVerdict::Contradicted);
  EXPECT_EQ(judgeTest(iv(2, -0.5, 4.5), Direction::Higher, 0.8), TestVerdict::Inconclusive);
  // By p-value (the Holm-adjusted verdict): the estimate's sign gives the direction.
  EXPECT_EQ(judgeTestByP(1.0, 0.01, Direction::Higher, 0.5), TestVerdict::Supported);
  EXPECT_EQ(judgeTestByP(-1.0, 0.01, Direction::Higher, 0.5), TestVerdict::Contradicted);
  EXPECT_EQ(judgeTestByP(0.3, 0.01, Direction::Higher, 0.5), TestVerdict::Negligible);
  EXPECT_EQ(judgeTestByP(1.0, 0.05, Direction::Higher, 0.5), TestVerdict::Inconclusive);  // p < alpha, strictly
  EXPECT_EQ(judgeTestByP(1.0, kNaN, Direction::Higher, 0.5), TestVerdict::Inconclusive);
}

// The three verdicts of a claim: current tests only (a superseded test does not count), tests as
// first specified only (a revision does not count), and Holm-adjusted over every test of the run.
TEST(ClaimEvaluationTest, ClaimVerdictsReadCurrentFirstSpecifiedAndHolmAdjustedTests) {
  ClaimSpec spec;
  spec.tests.resize(2);
  spec.tests[0].superseded = true;  // test 1 as first specified, revised by test 2
  spec.tests[1].revises = 0;
  ClaimResult c;
  c.claim = &spec;
  // Test 1 contradicted, test 2 supported with p = 0.02 (alone it passes; adjusted over the family of
  // three p-values below, 0.02 x 2 = 0.04 still passes, 0.03 x 3 = 0.09 would not).
  TestResult t1, t2;
  t1.test = &spec.tests[0];
  t1.effect = Interval{-1, -1.5, -0.5, 1, 10};
  t1.verdict = TestVerdict::Contradicted;
  t1.p = 0.001;
  t2.test = &spec.tests[1];
  t2.effect = Interval{1, 0.2, 1.8, 1, 10};
  t2.verdict = TestVerdict::Supported;
  t2.p = 0.02;
  c.tests = {t1, t2};
  ClaimSpec other_spec;
  other_spec.tests.resize(1);
  ClaimResult other;
  other.claim = &other_spec;
  TestResult t3;
  t3.test = &other_spec.tests[0];
  t3.effect = Interval{1, 0.1, 1.9, 1, 10};
  t3.verdict = TestVerdict::Supported;
  t3.p = 0.03;
  other.tests = {t3};
  std::vector<ClaimResult> claims = {c, other};
  judgeClaims(claims);
  EXPECT_EQ(claims[0].verdict, Verdict::Supported);           // test 2 only
  EXPECT_EQ(claims[0].verdict_first, Verdict::NotSupported);  // test 1 only
  EXPECT_NEAR(claims[0].tests[1].p_holm, 0.04, 1e-15);        // second smallest of three: x 2
  EXPECT_EQ(claims[0].verdict_holm, Verdict::Supported);
  EXPECT_NEAR(claims[1].tests[0].p_holm, 0.04, 1e-15);  // x 1, but the running maximum is 0.04
  EXPECT_EQ(claims[1].verdict_holm, Verdict::Supported);
  EXPECT_EQ(testStatusText(spec, 0), "as first specified, superseded by test 2");
}

TEST(ClaimEvaluationTest, AblationVerdicts) {
  const Interval on = iv(1.0, 0.8, 1.2);
  EXPECT_EQ(judgeAblation(on, iv(0.05, -0.1, 0.2), Direction::Higher), AblationVerdict::Removed);
  EXPECT_EQ(judgeAblation(on, iv(kNaN, kNaN, kNaN, 0), Direction::Higher), AblationVerdict::Removed);
  EXPECT_EQ(judgeAblation(on, iv(-0.5, -0.7, -0.3), Direction::Higher), AblationVerdict::Removed);  // reversed
  EXPECT_EQ(judgeAblation(on, iv(0.4, 0.3, 0.5), Direction::Higher), AblationVerdict::Reduced);
  EXPECT_EQ(judgeAblation(on, iv(0.9, 0.7, 1.1), Direction::Higher), AblationVerdict::NotRemoved);
  EXPECT_EQ(judgeAblation(iv(0.1, -0.1, 0.3), iv(0, -0.1, 0.1), Direction::Higher), AblationVerdict::NoEffect);
}

TEST(ClaimEvaluationTest, ContrastTextReadsAsAFormula) {
  ClaimTest t;
  t.weights = {{"low", -1}, {"high", 1}};
  EXPECT_EQ(contrastText(t), "high - low");
  t.weights = {{"baseline", -0.5}, {"reform", 1}};
  EXPECT_EQ(contrastText(t), "reform - 0.5 x baseline");
  t.weights = {{"baseline", 1}};
  t.reference = 0.25;
  EXPECT_EQ(contrastText(t), "baseline - 0.25");
}

// Packaging on against off: the packaging share is 0 without it and clearly positive with it, so the
// claim is supported, and the ablation that switches packaging off removes the effect.
const char* kBook = R"(
[[claim]]
id = "X1"
statement_en = "packaging packages"
statement_zh = "包装"
[claim.scenarios]
off = { set = ["mechanisms.packaging=false", "run.months=24", "run.burn_in=12"] }
on = { set = ["run.months=24", "run.burn_in=12"] }
[[claim.test]]
outcome = "packaging_share"
contrast = { off = -1, on = 1 }
expect = "higher"
[[claim.test]]
outcome = "packaging_share"
contrast = { off = -1, on = 1 }
expect = "lower"

[[ablation]]
mechanism = "mechanisms.packaging"
claim = "X1"
outcome = "packaging_share"
effect_en = "e"
effect_zh = "e"

[[ablation]]
mechanism = "mechanisms.fund_diversion"
outcome = "diverted_funds"
expect = "higher"
scenario = { set = ["run.months=24", "run.burn_in=12"] }
effect_en = "e"
effect_zh = "e"
)";

TEST(ClaimEvaluationTest, RunsClaimsAndAblationsAndIsIndependentOfThreads) {
  const ClaimBook book = loadClaims(kBook, "book.toml");
  ComparisonOptions options;
  options.replicates = 4;
  options.seed = 11;
  options.threads = 1;
  ClaimSelection all;
  all.ablations = true;
  const ClaimsReport one = runClaims(book, all, options);
  ASSERT_EQ(one.claims.size(), 1u);
  const auto& c = one.claims[0];
  EXPECT_EQ(c.tests[0].verdict, TestVerdict::Supported);
  EXPECT_EQ(c.tests[1].verdict, TestVerdict::Contradicted);
  EXPECT_EQ(c.verdict, Verdict::NotSupported);
  EXPECT_GT(c.tests[0].effect.mean, 0.05);
  EXPECT_EQ(c.tests[0].effect.n, 4);
  ASSERT_EQ(c.levels.size(), 2u);
  EXPECT_EQ(c.levels[0][0].mean, 0.0);  // packaging off: no packaging at all
  ASSERT_EQ(one.ablations.size(), 2u);
  EXPECT_EQ(one.ablations[0].verdict, AblationVerdict::Removed);
  EXPECT_EQ(one.ablations[0].off.mean, 0.0);
  EXPECT_EQ(one.ablations[1].verdict, AblationVerdict::Removed);
  EXPECT_GT(one.ablations[1].difference.mean, 0.0);
  // The two claim scenarios plus two for each ablation, the claim's own "on"/"off" reused.
  EXPECT_EQ(one.runs.size(), 6u);

  options.threads = 3;
  const ClaimsReport three = runClaims(book, all, options);
  EXPECT_EQ(three.claims[0].tests[0].effect.mean, c.tests[0].effect.mean);
  EXPECT_EQ(three.claims[0].tests[0].effect.lo, c.tests[0].effect.lo);
  EXPECT_EQ(three.ablations[1].difference.hi, one.ablations[1].difference.hi);
}

TEST(ClaimEvaluationTest, SelectionByIdAndUnknownIds) {
  const ClaimBook book = loadClaims(kBook, "book.toml");
  ComparisonOptions options;
  options.replicates = 2;
  ClaimSelection only;
  only.ids = {"mechanisms.fund_diversion"};
  only.claims = false;
  only.ablations = true;
  const ClaimsReport r = runClaims(book, only, options);
  EXPECT_TRUE(r.claims.empty());
  ASSERT_EQ(r.ablations.size(), 1u);
  EXPECT_EQ(r.ablations[0].ablation->mechanism, "mechanisms.fund_diversion");
  ClaimSelection bad;
  bad.ids = {"P42"};
  EXPECT_THROW(runClaims(book, bad, options), InputError);
}

}  // namespace
}  // namespace pilotsim
