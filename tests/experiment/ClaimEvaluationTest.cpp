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
  const auto with = [](std::initializer_list<TestVerdict> vs) {
    std::vector<TestResult> tests;
    for (auto v : vs) tests.push_back({nullptr, {}, 0, v});
    return judgeClaim(tests);
  };
  EXPECT_EQ(with({TestVerdict::Supported, TestVerdict::Supported}), Verdict::Supported);
  EXPECT_EQ(with({TestVerdict::Supported, TestVerdict::Inconclusive}), Verdict::Inconclusive);
  EXPECT_EQ(with({TestVerdict::Inconclusive, TestVerdict::Contradicted}), Verdict::NotSupported);
  EXPECT_EQ(with({}), Verdict::Inconclusive);
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
  EXPECT_THROW(runClaims(book, bad, options), ScenarioError);
}

}  // namespace
}  // namespace pilotsim
