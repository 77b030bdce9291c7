// The report of `pilotsim claims --decompose` from a hand-written decomposition.json whose numbers
// give shares and whiskers known in advance, including a negative full effect (dividing by it turns
// an interval round) and levers left out (a variant that could not run, a full effect of 0).
#include "ReportTestSupport.hpp"

#include "pilotsim/report/ReportData.hpp"

#include "pilotsim/core/InputError.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

// Test 1: the full effect is -2 [-3, -1].
//   accountability: alone -1.5 [-2.5, -0.5] -> share 0.75, whiskers [-0.5/-2, -2.5/-2] = [0.25, 1.25];
//                   without -0.4 [-1, 0.2]  -> share lost 0.8, whiskers 1 - [-1/-2, 0.2/-2] = [0.5, 1.1].
//   credit sharing: could not run (left out of the bars, counted).
//   not.a.param:    alone -0.2 [-0.6, 0.2]  -> 0.1, whiskers [0.2/-2, -0.6/-2] = [-0.1, 0.3];
//                   without -1.9 [-2.3, -1.5] -> 0.05, whiskers 1 - [-2.3/-2, -1.5/-2] = [-0.15, 0.25].
// Test 2: a full effect of 0 has no shares: left out of the bars, counted, but in the table.
constexpr const char* kDecomposition = R"({
  "program": "pilotsim", "version": "0.1.0+abc", "model_version": 2,
  "command": "pilotsim claims --decompose P12 --replicates 3", "seed": 7, "replicates": 3,
  "claims_file": "claims/claims.toml",
  "tests": [
    {"claim": "P12", "test": 3, "outcome": "pilots_per_unit_mean", "difference": "reform - baseline",
     "treated": "reform", "control": "baseline",
     "full": {"mean": -2, "lo": -3, "hi": -1, "sd": 1, "n": 3},
     "levers": [
       {"lever": "regulation.accountability", "control_value": "0", "treated_value": "1",
        "alone": {"mean": -1.5, "lo": -2.5, "hi": -0.5, "sd": 1, "n": 3},
        "without": {"mean": -0.4, "lo": -1.0, "hi": 0.2, "sd": 1, "n": 3},
        "share_alone": 0.75, "share_lost": 0.8, "carries": true, "problem": ""},
       {"lever": "regulation.credit_sharing", "control_value": "0", "treated_value": "0.6",
        "alone": {"mean": null, "lo": null, "hi": null, "sd": null, "n": 0},
        "without": {"mean": null, "lo": null, "hi": null, "sd": null, "n": 0},
        "share_alone": null, "share_lost": null, "carries": false, "problem": "breaks a rule"},
       {"lever": "not.a.param", "control_value": "a", "treated_value": "b",
        "alone": {"mean": -0.2, "lo": -0.6, "hi": 0.2, "sd": 1, "n": 3},
        "without": {"mean": -1.9, "lo": -2.3, "hi": -1.5, "sd": 1, "n": 3},
        "share_alone": 0.1, "share_lost": 0.05, "carries": false, "problem": ""}]},
    {"claim": "P6", "test": 1, "outcome": "pilots_per_unit_mean", "difference": "high - low",
     "treated": "high", "control": "low",
     "full": {"mean": 0, "lo": -1, "hi": 1, "sd": 1, "n": 3},
     "levers": [
       {"lever": "regulation.accountability", "control_value": "0", "treated_value": "2",
        "alone": {"mean": 0.5, "lo": 0, "hi": 1, "sd": 1, "n": 3},
        "without": {"mean": -0.5, "lo": -1, "hi": 0, "sd": 1, "n": 3},
        "share_alone": null, "share_lost": null, "carries": false, "problem": ""}]}]
})";

class DecompositionReportTest : public ReportDirectoryTest {
 protected:
  DecompositionReportTest() : ReportDirectoryTest("decomposition") {}
  Json build(const std::string& json) {
    write("decomposition.json", json);
    return decompositionReportData(dir_, "out/dec");
  }
  std::string errorOf(const std::string& json) {
    return errorMessage([&] { build(json); });
  }
};

TEST_F(DecompositionReportTest, SharesAndWhiskersOfANegativeFullEffect) {
  // The bars are the file's shares; the whiskers are the variants' intervals over the full effect's
  // mean, ordered (lo < hi) although the division by -2 turns them round.
  const Json d = build(kDecomposition);
  EXPECT_EQ(d["kind"], "decomposition");
  ASSERT_EQ(d["charts"].size(), 2u);
  const Json& bars = d["charts"][0];
  EXPECT_EQ(bars["id"], "decomposition-bars");
  EXPECT_EQ(bars["type"], "bars");
  ASSERT_EQ(bars["variants"].size(), 1u);  // the test with a full effect of 0 has none
  const Json& v = bars["variants"][0];
  EXPECT_EQ(v["label"]["en"], "P12 test 3: pilots per unit (mean)");
  ASSERT_EQ(v["categories"].size(), 2u);                                     // credit sharing could not run
  EXPECT_EQ(v["categories"][0]["en"], "★ accountability for interruption");  // it carries the effect
  EXPECT_EQ(v["categories"][0]["zh"], "★ 中断责任追究");
  EXPECT_EQ(v["categories"][1]["en"], "not.a.param");  // not in the registry: the key
  ASSERT_EQ(v["series"].size(), 2u);
  const Json& alone = v["series"][0];
  const Json& lost = v["series"][1];
  EXPECT_EQ(alone["name"]["en"], "alone / full");
  EXPECT_EQ(lost["name"]["en"], "lost without it / full");
  const double alone_expected[][3] = {{0.75, 0.25, 1.25}, {0.1, -0.1, 0.3}};
  const double lost_expected[][3] = {{0.8, 0.5, 1.1}, {0.05, -0.15, 0.25}};
  for (std::size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    EXPECT_DOUBLE_EQ(alone["value"][i].get<double>(), alone_expected[i][0]);
    EXPECT_DOUBLE_EQ(alone["lo"][i].get<double>(), alone_expected[i][1]);
    EXPECT_DOUBLE_EQ(alone["hi"][i].get<double>(), alone_expected[i][2]);
    EXPECT_DOUBLE_EQ(lost["value"][i].get<double>(), lost_expected[i][0]);
    EXPECT_DOUBLE_EQ(lost["lo"][i].get<double>(), lost_expected[i][1]);
    EXPECT_DOUBLE_EQ(lost["hi"][i].get<double>(), lost_expected[i][2]);
  }
  // The caption states the rule, counts what is left out and ends with the command.
  const std::string en = bars["caption"]["en"];
  EXPECT_NE(en.find("either share is at least 0.5"), std::string::npos) << en;
  EXPECT_NE(en.find(" 1 levers whose variants could not run"), std::string::npos) << en;
  EXPECT_NE(en.find(" 1 tests whose full effect is 0 or undefined"), std::string::npos) << en;
  EXPECT_NE(en.rfind("Produced by pilotsim claims --decompose P12 --replicates 3."), std::string::npos) << en;
  EXPECT_NE(std::string(bars["caption"]["zh"]).find("由 pilotsim claims --decompose P12 --replicates 3 生成。"),
            std::string::npos);
}

TEST_F(DecompositionReportTest, TableHasEveryLeverOfEveryTest) {
  // One row per lever, the test's cells on its first row only, like decomposition.md; a lever that
  // could not run says why instead of showing numbers.
  const Json d = build(kDecomposition);
  const Json& t = d["charts"][1];
  EXPECT_EQ(t["id"], "decomposition-table");
  EXPECT_EQ(t["type"], "table");
  ASSERT_EQ(t["rows"].size(), 4u);
  ASSERT_EQ(t["columns"].size(), 10u);
  const Json& r0 = t["rows"][0];
  EXPECT_EQ(r0[0]["en"], "P12 test 3 (reform - baseline)");
  EXPECT_EQ(r0[0]["zh"], "P12 检验3（reform - baseline）");
  EXPECT_EQ(r0[1]["en"], "pilots per unit (mean)");
  EXPECT_EQ(r0[2]["en"], "-2 [-3, -1]");
  EXPECT_EQ(r0[3]["en"], "accountability for interruption (regulation.accountability)");
  EXPECT_EQ(r0[4]["en"], "0 → 1");
  EXPECT_EQ(r0[5]["en"], "-1.5 [-2.5, -0.5]");
  EXPECT_EQ(r0[6]["en"], "-0.4 [-1, 0.2]");
  EXPECT_EQ(r0[7]["en"], "75%");
  EXPECT_EQ(r0[8]["en"], "80%");
  EXPECT_EQ(r0[9]["en"], "yes");
  EXPECT_EQ(r0[9]["zh"], "是");
  const Json& r1 = t["rows"][1];
  EXPECT_EQ(r1[0]["en"], "");  // the test is named once
  EXPECT_EQ(r1[2]["en"], "");
  EXPECT_EQ(r1[5]["en"], "-");
  EXPECT_EQ(r1[7]["en"], "-");
  EXPECT_EQ(r1[9]["en"], "could not run: breaks a rule");
  EXPECT_EQ(t["rows"][2][3]["en"], "not.a.param");
  EXPECT_EQ(t["rows"][2][9]["en"], "no");
  EXPECT_EQ(t["rows"][3][0]["en"], "P6 test 1 (high - low)");
  EXPECT_EQ(t["rows"][3][7]["en"], "-");  // no share of a full effect of 0
  EXPECT_EQ(d["summary"]["en"], "2 tests decomposed, 4 levers in all; 3 replicates per variant, seed 7.");
}

TEST_F(DecompositionReportTest, NothingToDrawIsANoteNotAnEmptyChart) {
  // A chart without variants would break the page (it draws variant 0): with no test, or none with
  // a drawable full effect, the report says so in a note.
  const Json none = build(R"({"command": "c", "seed": 1, "replicates": 2, "tests": []})");
  EXPECT_TRUE(none["charts"].empty());
  ASSERT_EQ(none["notes"].size(), 1u);
  EXPECT_NE(std::string(none["notes"][0]["en"]).find("No test to decompose"), std::string::npos);

  std::string zero = replaced(kDecomposition, R"("full": {"mean": -2,)", R"("full": {"mean": null,)");
  const Json undrawn = build(zero);
  ASSERT_EQ(undrawn["charts"].size(), 1u);
  EXPECT_EQ(undrawn["charts"][0]["id"], "decomposition-table");
  ASSERT_EQ(undrawn["notes"].size(), 1u);
}

TEST_F(DecompositionReportTest, MalformedValuesNameThePath) {
  // One file holds many tests and levers: the message says which value is wrong.
  EXPECT_EQ(errorOf(replaced(kDecomposition, R"("lo": -0.6)", R"("lo": "low")")),
            "out/dec/decomposition.json: key 'tests[0].levers[2].alone.lo': expected a number or null");
  EXPECT_EQ(errorOf(replaced(kDecomposition, R"("carries": true)", R"("carries": "yes")")),
            "out/dec/decomposition.json: key 'tests[0].levers[0].carries': expected true or false");
  EXPECT_EQ(errorOf(replaced(kDecomposition, R"("test": 1,)", R"("test": 1.5,)")),
            "out/dec/decomposition.json: key 'tests[1].test': expected a whole number, 0 or more");
  EXPECT_EQ(errorOf(R"({"command": "c", "seed": 1, "replicates": 2})"),
            "out/dec/decomposition.json: key 'tests': missing key");
  EXPECT_EQ(errorOf(R"({"command": "c", "seed": 1, "replicates": 2, "tests": {}})"),
            "out/dec/decomposition.json: key 'tests': expected an array");
  EXPECT_EQ(errorOf(R"({"command": "c", "seed": 1, "replicates": 2, "tests": [[]]})"),
            "out/dec/decomposition.json: key 'tests[0]': expected an object");
}

}  // namespace
}  // namespace pilotsim
