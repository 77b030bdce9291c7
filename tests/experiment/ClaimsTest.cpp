// Claims files: the built-in claims, and every error a researcher writing their own file can make.
#include "pilotsim/experiment/Claims.hpp"

#include "pilotsim/scenario/ParamRegistry.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace pilotsim {
namespace {

TEST(ClaimsTest, BuiltinClaimsAreP1ToP14WithTests) {
  const ClaimBook& book = builtinClaims();
  ASSERT_EQ(book.claims.size(), 14u);
  for (std::size_t i = 0; i < book.claims.size(); ++i) {
    const auto& c = book.claims[i];
    EXPECT_EQ(c.id, "P" + std::to_string(i + 1));
    EXPECT_FALSE(c.tests.empty()) << c.id;
    EXPECT_FALSE(c.statement_zh.empty()) << c.id;
    EXPECT_FALSE(c.section.empty()) << c.id;
  }
  EXPECT_EQ(book.find("P5")->design, "2x2 interaction");
  EXPECT_EQ(book.find("P99"), nullptr);
}

// Point 3 of the claims issue: every mechanism has an ablation.
TEST(ClaimsTest, EveryMechanismSwitchHasOneAblation) {
  std::set<std::string> switches, ablated;
  for (const auto& spec : paramRegistry())
    if (spec.key.starts_with("mechanisms.")) switches.emplace(spec.key);
  for (const auto& a : builtinClaims().ablations) EXPECT_TRUE(ablated.insert(a.mechanism).second) << a.mechanism;
  EXPECT_EQ(ablated, switches);
}

TEST(ClaimsTest, ScenariosResolveToTheirPresetWithOverrides) {
  const ClaimSpec& p11 = *builtinClaims().find("P11");
  ASSERT_EQ(p11.scenarios.size(), 2u);
  const Scenario reform = resolveClaimScenario(p11.scenarios[1]);
  EXPECT_EQ(reform.name, "reform-a-top-design");
  const Scenario low = resolveClaimScenario(builtinClaims().find("P1")->scenarios[0]);
  EXPECT_EQ(low.params.drivers.rank_credit, 0.0);
  EXPECT_EQ(low.name, "baseline");
}

const char* kValid = R"(
[[claim]]
id = "X1"
statement_en = "packaging packages"
statement_zh = "包装"
[claim.scenarios]
off = { set = ["mechanisms.packaging=false"] }
on = {}
[[claim.test]]
outcome = "packaging_share"
contrast = { off = -1, on = 1 }
expect = "higher"
)";

TEST(ClaimsTest, AMinimalClaimParses) {
  const ClaimBook book = loadClaims(kValid, "mine.toml");
  ASSERT_EQ(book.claims.size(), 1u);
  const auto& c = book.claims[0];
  EXPECT_EQ(c.design, "contrast");
  EXPECT_EQ(c.scenarios[0].base, "baseline");
  EXPECT_EQ(c.tests[0].weights.at("off"), -1.0);
  EXPECT_EQ(c.tests[0].expect, Direction::Higher);
}

/// The error for `text`, as "file:line: key: ..." (InputError's what()).
std::string errorOf(const std::string& text) {
  try {
    loadClaims(text, "mine.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ClaimsTest, ErrorsNameFileLineKeyAndWhatIsAllowed) {
  struct Case {
    std::string text, expected;
  };
  const std::string v = kValid;
  const Case cases[] = {
      {"[[claim]\n", "mine.toml:1"},
      {"[[claims]]\nid = \"x\"\n", "unknown key; allowed here: claim, ablation"},
      {replaced(v, "statement_zh = \"包装\"\n", ""), "key 'claim.statement_zh': missing"},
      {replaced(v, "id = \"X1\"", "id = \"X1\"\ncolour = \"red\""), "mine.toml:4: key 'claim.colour': unknown key"},
      {replaced(v, "outcome = \"packaging_share\"", "outcome = \"packaging\""), "unknown outcome \"packaging\""},
      {replaced(v, "expect = \"higher\"", "expect = \"up\""), "expected \"higher\" or \"lower\""},
      {replaced(v, "{ off = -1, on = 1 }", "{ off = -1, of = 1 }"), "\"of\" is not one of the claim's scenarios"},
      {replaced(v, "{ off = -1, on = 1 }", "{ off = 0, on = 0 }"), "every weight is 0"},
      {replaced(v, "{ off = -1, on = 1 }", "{ off = -1, on = \"one\" }"), "contrast.on': expected a number"},
      {replaced(v, "on = {}", "on = { base = \"nowhere\" }"), "claim.scenarios.on"},
      {replaced(v, "mechanisms.packaging=false", "mechanisms.packaging=maybe"), "claim.scenarios.off"},
      {replaced(v, "mechanisms.packaging=false", "drivers.peer_push=9"), "expected a number in [0, 3], got 9"},
      {v + replaced(v, "statement_en", "statement_en"), "claim \"X1\" is declared twice"},
      {"", "nothing to run"},
      {v + "[[ablation]]\nmechanism = \"drivers.peer_push\"\noutcome = \"pseudo_share\"\nexpect = \"lower\"\n"
           "effect_en = \"e\"\neffect_zh = \"e\"\n",
       "is not a mechanism switch"},
      {v + "[[ablation]]\nmechanism = \"mechanisms.packaging\"\nclaim = \"X2\"\noutcome = \"packaging_share\"\n"
           "effect_en = \"e\"\neffect_zh = \"e\"\n",
       "no claim \"X2\""},
      {v + "[[ablation]]\nmechanism = \"mechanisms.packaging\"\nclaim = \"X1\"\noutcome = \"pseudo_share\"\n"
           "effect_en = \"e\"\neffect_zh = \"e\"\n",
       "claim X1 has no test of \"pseudo_share\""},
      {v + "[[ablation]]\nmechanism = \"mechanisms.packaging\"\nclaim = \"X1\"\ntest = 2\noutcome = "
           "\"packaging_share\"\n"
           "effect_en = \"e\"\neffect_zh = \"e\"\n",
       "expected a test number of claim X1, 1 to 1"},
  };
  for (const auto& c : cases) {
    const std::string error = errorOf(c.text);
    EXPECT_NE(error.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << error;
    EXPECT_NE(error.find("mine.toml"), std::string::npos) << error;
  }
}

// Issue 11, pre-registration: a revision names the test it replaces (which stays, superseded), when
// and why; the minimal effect is a number of at least 0.
TEST(ClaimsTest, RevisionsKeepTheirOriginalAndSayWhenAndWhy) {
  const std::string v = kValid;
  const std::string second =
      "[[claim.test]]\noutcome = \"pseudo_share\"\ncontrast = { off = -1, on = 1 }\n"
      "expect = \"higher\"\nminimal_effect = 0.02\n";
  const ClaimBook book = loadClaims(v + second + "revises = 1\ndate = \"2026-12-03\"\nreason = \"why\"\n", "mine.toml");
  const auto& tests = book.claims[0].tests;
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_TRUE(tests[0].superseded);
  EXPECT_EQ(tests[0].revises, -1);
  EXPECT_FALSE(tests[1].superseded);
  EXPECT_EQ(tests[1].revises, 0);
  EXPECT_EQ(tests[1].revised_on, "2026-12-03");
  EXPECT_EQ(tests[1].revision_reason, "why");
  EXPECT_EQ(tests[1].minimal_effect, 0.02);

  const struct {
    std::string text, expected;
  } cases[] = {
      {v + second + "revises = 1\nreason = \"why\"\n", "key 'claim.test.date': missing"},
      {v + second + "revises = 1\ndate = \"3 Dec\"\nreason = \"why\"\n", "expected a date YYYY-MM-DD"},
      {v + second + "revises = 2\ndate = \"2026-12-03\"\nreason = \"why\"\n",
       "expected the number of an earlier test of claim X1, 1 to 1"},
      {v + second + "date = \"2026-12-03\"\n", "date and reason belong to a test that revises another"},
      {replaced(v, "expect = \"higher\"", "expect = \"higher\"\nrevises = 1\ndate = \"2026-12-03\"\nreason = \"r\""),
       "the claim's first test cannot revise another"},
      {v + second + "revises = 1\ndate = \"2026-12-03\"\nreason = \"why\"\n" + second +
           "revises = 1\ndate = \"2026-12-03\"\nreason = \"again\"\n",
       "test 1 is already revised by a later test"},
      {replaced(v, "expect = \"higher\"", "expect = \"higher\"\nminimal_effect = -1"),
       "expected a number of at least 0"},
  };
  for (const auto& c : cases) {
    const std::string error = errorOf(c.text);
    EXPECT_NE(error.find(c.expected), std::string::npos) << "expected '" << c.expected << "' in: " << error;
  }
}

// The shipped file declares a minimal effect for every test, and keeps the tests as first specified
// that model 1's record says were replaced (docs/claims.md): P1's start rate, P2's mean fit, P6's and
// P9's tests at push 0.5, P9's wasted share.
TEST(ClaimsTest, ShippedTestsArePreRegistered) {
  int superseded = 0;
  for (const auto& c : builtinClaims().claims)
    for (const auto& t : c.tests) {
      EXPECT_GT(t.minimal_effect, 0) << c.id << " " << t.outcome;
      superseded += t.superseded ? 1 : 0;
    }
  EXPECT_EQ(superseded, 7);
  const auto& p1 = builtinClaims().find("P1")->tests;
  EXPECT_EQ(p1[0].outcome, "starts_spontaneous");
  EXPECT_TRUE(p1[0].superseded);
  EXPECT_EQ(p1[1].outcome, "vacancy_months");
  EXPECT_EQ(p1[1].revises, 0);
  const auto& p9 = builtinClaims().find("P9")->tests;
  EXPECT_EQ(p9[5].outcome, "wasted_share");
  EXPECT_EQ(p9[5].weights.count("few_first"), 1u);
  EXPECT_EQ(p9[6].revises, 5);
}

}  // namespace
}  // namespace pilotsim
