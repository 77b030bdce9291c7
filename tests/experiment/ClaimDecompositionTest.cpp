// `pilotsim claims --decompose` on a toy claim whose answer is known by construction: with the
// packaging mechanism off the packaging share is exactly 0, whatever else is changed, so the lever
// mechanisms.packaging alone gives the whole effect on it, and the treated scenario without the other
// lever (peer push) gives it too; peer push alone gives something else.
#include "pilotsim/experiment/ClaimDecomposition.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace pilotsim {
namespace {

const char* kToy = R"(
[[claim]]
id = "T1"
statement_en = "no packaging, no packaging share"
statement_zh = "无包装则无包装份额"
[claim.scenarios]
control = { set = ["run.months=24", "run.burn_in=12"] }
treated = { set = ["run.months=24", "run.burn_in=12", "mechanisms.packaging=false", "drivers.peer_push=2"] }
[[claim.test]]
outcome = "packaging_share"
contrast = { control = -1, treated = 1 }
expect = "lower"
)";

TEST(ClaimDecompositionTest, LeversAreTheParametersThatDiffer) {
  const ClaimBook book = loadClaims(kToy, "toy.toml");
  const Scenario control = resolveClaimScenario(book.claims[0].scenarios[0]);
  const Scenario treated = resolveClaimScenario(book.claims[0].scenarios[1]);
  // run.* are not levers (both set them alike here, and they never count).
  const auto levers = leversBetween(control, treated);
  ASSERT_EQ(levers.size(), 2u);
  EXPECT_NE(std::find(levers.begin(), levers.end(), "mechanisms.packaging"), levers.end());
  EXPECT_NE(std::find(levers.begin(), levers.end(), "drivers.peer_push"), levers.end());
  Scenario longer = control;
  longer.params.run.months = 48;
  EXPECT_TRUE(leversBetween(control, longer).empty());
}

TEST(ClaimDecompositionTest, AToyClaimDecomposesAsConstructed) {
  const ClaimBook book = loadClaims(kToy, "toy.toml");
  ComparisonOptions options;
  options.replicates = 4;
  options.seed = 11;
  options.threads = 2;
  const DecompositionReport r = decomposeClaims(book, {}, options);
  ASSERT_EQ(r.tests.size(), 1u);
  const TestDecomposition& d = r.tests[0];
  EXPECT_EQ(d.treated, "treated");
  EXPECT_EQ(d.control, "control");
  ASSERT_LT(d.full.mean, 0);  // the control packages, the treated cannot
  ASSERT_EQ(d.levers.size(), 2u);
  const auto& packaging = d.levers[0].key == "mechanisms.packaging" ? d.levers[0] : d.levers[1];
  const auto& push = d.levers[0].key == "mechanisms.packaging" ? d.levers[1] : d.levers[0];
  // Exactly, not within noise: each replicate's packaging share is 0 in both, so the differences match.
  EXPECT_EQ(packaging.alone.mean, d.full.mean);
  EXPECT_EQ(push.without.mean, d.full.mean);
  EXPECT_EQ(packaging.share_alone, 1.0);
  EXPECT_EQ(push.share_lost, 0.0);
  EXPECT_TRUE(packaging.carries);
  // Without packaging's lever the treated scenario still packages: most of the effect is lost.
  EXPECT_GT(packaging.share_lost, 0.5);
  EXPECT_NE(push.alone.mean, d.full.mean);
  EXPECT_EQ(packaging.control, "true");
  EXPECT_EQ(packaging.treated, "false");
}

// A claim whose scenarios differ in one lever has nothing to decompose.
TEST(ClaimDecompositionTest, SingleLeverClaimsAreLeftOut) {
  const ClaimBook& book = builtinClaims();
  ClaimSelection selection;
  selection.ids = {"P1"};
  ComparisonOptions options;
  options.replicates = 2;
  EXPECT_TRUE(decomposeClaims(book, selection, options).tests.empty());
  selection.ids = {"P99"};
  EXPECT_THROW(decomposeClaims(book, selection, options), InputError);
}

}  // namespace
}  // namespace pilotsim
