// The report of `pilotsim claims --robustness N` from a hand-written robustness.json (the layout
// experiment/RobustnessFiles.cpp writes): each chart takes its numbers from the right place (the three
// readings of a claim's verdict differ, so a mix-up shows), an unfinished analysis says so, and a
// malformed file is refused with the path to the bad value.
#include "ReportTestSupport.hpp"

#include "pilotsim/report/ReportData.hpp"

#include "pilotsim/core/InputError.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

// 10 sets, 8 done, 2 of them failed: 6 judged. P1 has two tests, the second without drivers; its
// first test has six drivers, of which the chart shows five and the table three. P2's shares are
// null (as when no set was judged). The shares need not add up: the report only draws them.
constexpr const char* kRobustness = R"json({
  "program": "pilotsim", "version": "0.1.0+abc", "model_version": 2,
  "command": "pilotsim claims --robustness 10 P1 P2 --replicates 3 --seed 5",
  "claims_file": "claims/claims.toml", "database": "out/robustness.db",
  "sets": 10, "sets_done": 8, "sets_failed": 2, "replicates": 3, "seed": 5, "design_seed": 1,
  "chance_rho": 0.9,
  "parameters": [{"key": "drivers.a", "zh": "甲", "en": "a", "min": 0, "max": 1},
                 {"key": "drivers.b", "zh": "乙", "en": "b", "min": 0, "max": 1}],
  "claims": [
    {"id": "P1", "statement_zh": "z", "statement_en": "e",
     "verdicts": {
       "current": {"supported": {"count": 3, "share": 0.5, "lo": 0.2, "hi": 0.8},
                   "inconclusive": {"count": 2, "share": 0.33, "lo": 0.1, "hi": 0.7},
                   "not supported": {"count": 1, "share": 0.17, "lo": 0.03, "hi": 0.56}},
       "holm": {"supported": {"count": 2, "share": 0.25, "lo": 0.05, "hi": 0.6},
                "inconclusive": {"count": 4, "share": 0.6, "lo": 0.3, "hi": 0.9},
                "not supported": {"count": 0, "share": 0.0, "lo": 0.0, "hi": 0.39}},
       "first": {"supported": {"count": 6, "share": 1.0, "lo": 0.61, "hi": 1.0},
                 "inconclusive": {"count": 0, "share": 0.0, "lo": 0.0, "hi": 0.39},
                 "not supported": {"count": 0, "share": 0.0, "lo": 0.0, "hi": 0.39}}},
     "tests": [
       {"test": 1, "outcome": "pilots_per_unit_mean", "status": "as first specified", "superseded": false,
        "expect": "higher", "minimal_effect": 0.02, "effect": {"median": 0.1, "q05": -0.2, "q95": 0.4},
        "verdicts": {"supported": {"count": 3, "share": 0.469, "lo": 0.408, "hi": 0.53},
                     "contradicted": {"count": 1, "share": 0.1, "lo": 0.02, "hi": 0.4},
                     "negligible": {"count": 1, "share": 0.2, "lo": 0.05, "hi": 0.5},
                     "inconclusive": {"count": 1, "share": 0.3, "lo": 0.1, "hi": 0.6}},
        "drivers": [{"parameter": "drivers.a", "zh": "甲", "en": "a", "rho": 0.61, "lo": 0.52, "hi": 0.69},
                    {"parameter": "drivers.b", "zh": "乙", "en": "b", "rho": -0.4, "lo": -0.5, "hi": -0.3},
                    {"parameter": "drivers.c", "zh": "丙", "en": "c", "rho": 0.3, "lo": 0.1, "hi": 0.5},
                    {"parameter": "drivers.d", "zh": "丁", "en": "d", "rho": 0.2, "lo": 0.0, "hi": 0.4},
                    {"parameter": "drivers.e", "zh": "戊", "en": "e", "rho": -0.1, "lo": -0.3, "hi": 0.1},
                    {"parameter": "drivers.f", "zh": "己", "en": "f", "rho": 0.05, "lo": -0.2, "hi": 0.3}]},
       {"test": 2, "outcome": "not_an_outcome", "status": "as first specified, superseded by test 3",
        "superseded": true, "expect": "lower", "minimal_effect": 0, "effect": {"median": null, "q05": null, "q95": null},
        "verdicts": {"supported": {"count": 0, "share": 0, "lo": 0, "hi": 0.39},
                     "contradicted": {"count": 0, "share": 0, "lo": 0, "hi": 0.39},
                     "negligible": {"count": 0, "share": 0, "lo": 0, "hi": 0.39},
                     "inconclusive": {"count": 6, "share": 1, "lo": 0.61, "hi": 1}},
        "drivers": []}]},
    {"id": "P2", "statement_zh": "z", "statement_en": "e",
     "verdicts": {
       "current": {"supported": {"count": 0, "share": null, "lo": null, "hi": null},
                   "inconclusive": {"count": 0, "share": null, "lo": null, "hi": null},
                   "not supported": {"count": 0, "share": null, "lo": null, "hi": null}},
       "holm": {"supported": {"count": 0, "share": null, "lo": null, "hi": null},
                "inconclusive": {"count": 0, "share": null, "lo": null, "hi": null},
                "not supported": {"count": 0, "share": null, "lo": null, "hi": null}},
       "first": {"supported": {"count": 0, "share": null, "lo": null, "hi": null},
                 "inconclusive": {"count": 0, "share": null, "lo": null, "hi": null},
                 "not supported": {"count": 0, "share": null, "lo": null, "hi": null}}},
     "tests": [
       {"test": 3, "outcome": "pilots_per_unit_mean", "status": "revision of test 1 (2024-05-01)", "superseded": false,
        "expect": "lower", "minimal_effect": 0.5, "effect": {"median": -1, "q05": -2, "q95": 0.5},
        "verdicts": {"supported": {"count": 0, "share": null, "lo": null, "hi": null},
                     "contradicted": {"count": 0, "share": null, "lo": null, "hi": null},
                     "negligible": {"count": 0, "share": null, "lo": null, "hi": null},
                     "inconclusive": {"count": 0, "share": null, "lo": null, "hi": null}},
        "drivers": [{"parameter": "drivers.b", "zh": "乙", "en": "b", "rho": null, "lo": null, "hi": null}]}]}]
})json";

class RobustnessReportTest : public ReportDirectoryTest {
 protected:
  RobustnessReportTest() : ReportDirectoryTest("robustness") {}
  Json build(const std::string& json) {
    write("robustness.json", json);
    return robustnessReportData(dir_, "out/rob");
  }
  std::string errorOf(const std::string& json) {
    return errorMessage([&] { build(json); });
  }
};

TEST_F(RobustnessReportTest, MapHasEachReadingsShares) {
  // One variant per reading, in the order current, Holm, first; one series per claim verdict, with
  // the verdict for its colour; value, lo and hi from that reading's verdict, null stays null.
  const Json d = build(kRobustness);
  EXPECT_EQ(d["kind"], "robustness");
  const Json& map = chartOf(d, "robustness-map");
  EXPECT_EQ(map["type"], "bars");
  ASSERT_EQ(map["variants"].size(), 3u);
  EXPECT_EQ(map["variants"][0]["label"]["en"], "current tests");
  EXPECT_EQ(map["variants"][1]["label"]["en"], "Holm-adjusted");
  EXPECT_EQ(map["variants"][2]["label"]["en"], "as first specified");
  const Json& holm = map["variants"][1];
  ASSERT_EQ(holm["categories"].size(), 2u);
  EXPECT_EQ(holm["categories"][0]["en"], "P1");
  EXPECT_EQ(holm["categories"][1]["en"], "P2");
  ASSERT_EQ(holm["series"].size(), 3u);
  EXPECT_EQ(holm["series"][0]["verdict"], "supported");
  EXPECT_EQ(holm["series"][1]["verdict"], "inconclusive");
  EXPECT_EQ(holm["series"][2]["verdict"], "not supported");
  EXPECT_EQ(holm["series"][2]["name"]["zh"], "不支持");
  EXPECT_DOUBLE_EQ(holm["series"][0]["value"][0].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(holm["series"][0]["lo"][0].get<double>(), 0.05);
  EXPECT_DOUBLE_EQ(holm["series"][0]["hi"][0].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(holm["series"][1]["value"][0].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(holm["series"][2]["hi"][0].get<double>(), 0.39);
  EXPECT_TRUE(holm["series"][0]["value"][1].is_null());
  EXPECT_DOUBLE_EQ(map["variants"][0]["series"][0]["value"][0].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(map["variants"][2]["series"][0]["value"][0].get<double>(), 1.0);
  // What a share is, and how many sets stand behind it.
  const std::string en = map["caption"]["en"];
  EXPECT_NE(en.find("10 parameter sets drawn by Latin hypercube from the plausible range of every sampled parameter "
                    "(2 of them), each set run with every claim"),
            std::string::npos)
      << en;
  EXPECT_NE(en.find("6 sets judged, 2 broke a cross-parameter rule and were not; 2 not run yet; 3 replicates"),
            std::string::npos)
      << en;
  EXPECT_NE(en.find("Wilson"), std::string::npos);
  EXPECT_NE(en.rfind("Produced by pilotsim claims --robustness 10 P1 P2 --replicates 3 --seed 5."), std::string::npos);
}

TEST_F(RobustnessReportTest, TableHasOneRowPerTest) {
  // One row per test, the claim named on its first; shares with their Wilson intervals in percent;
  // the drivers cell has the first three only; statuses in Chinese too.
  const Json d = build(kRobustness);
  const Json& t = chartOf(d, "robustness-table");
  EXPECT_EQ(t["type"], "table");
  ASSERT_EQ(t["columns"].size(), 11u);
  ASSERT_EQ(t["rows"].size(), 3u);
  const Json& r0 = t["rows"][0];
  EXPECT_EQ(r0[0]["en"], "P1");
  EXPECT_EQ(r0[1]["en"], "1");
  EXPECT_EQ(r0[2]["en"], "as first specified");
  EXPECT_EQ(r0[2]["zh"], "首次设定");
  EXPECT_EQ(r0[3]["en"], "pilots per unit (mean)");
  EXPECT_EQ(r0[4]["en"], "> 0 (0.02)");
  EXPECT_EQ(r0[5]["en"], "0.1 [-0.2, 0.4]");
  EXPECT_EQ(r0[6]["en"], "47% [41, 53]");  // supported
  EXPECT_EQ(r0[7]["en"], "20% [5, 50]");   // negligible
  EXPECT_EQ(r0[8]["en"], "30% [10, 60]");  // inconclusive
  EXPECT_EQ(r0[9]["en"], "10% [2, 40]");   // contradicted
  EXPECT_EQ(r0[10]["en"], "a (ρ = 0.61); b (ρ = -0.40); c (ρ = 0.30)");
  EXPECT_EQ(r0[10]["zh"], "甲 (ρ = 0.61); 乙 (ρ = -0.40); 丙 (ρ = 0.30)");
  const Json& r1 = t["rows"][1];
  EXPECT_EQ(r1[0]["en"], "");  // the claim is named on its first row
  EXPECT_EQ(r1[2]["zh"], "首次设定,已由第 3 项修订");
  EXPECT_EQ(r1[3]["en"], "not_an_outcome");
  EXPECT_EQ(r1[4]["en"], "< 0 (0)");
  EXPECT_EQ(r1[5]["en"], "-");
  EXPECT_EQ(r1[10]["en"], "-");
  const Json& r2 = t["rows"][2];
  EXPECT_EQ(r2[0]["en"], "P2");
  EXPECT_EQ(r2[2]["zh"], "修订第 1 项检验 (2024-05-01)");
  EXPECT_EQ(r2[6]["en"], "-");
  EXPECT_EQ(r2[10]["en"], "b (ρ = -)");
  EXPECT_NE(std::string(t["caption"]["en"]).find("would exceed 0.90 with probability 5%"), std::string::npos);
  // With few sets that level is beyond 1, where a number would mislead.
  const Json few = build(replaced(kRobustness, R"("chance_rho": 0.9)", R"("chance_rho": 1.36)"));
  const std::string few_caption = chartOf(few, "robustness-table")["caption"]["en"];
  EXPECT_EQ(few_caption.find("1.36"), std::string::npos) << few_caption;
  EXPECT_NE(few_caption.find("even |ρ| = 1 may be chance"), std::string::npos) << few_caption;
}

TEST_F(RobustnessReportTest, DriversUpToFivePerTest) {
  // A variant per test that has drivers, at most five bars; a test without any is counted instead
  // of drawn as an empty variant.
  const Json d = build(kRobustness);
  const Json& c = chartOf(d, "robustness-drivers");
  EXPECT_EQ(c["type"], "bars");
  ASSERT_EQ(c["variants"].size(), 2u);
  const Json& v = c["variants"][0];
  EXPECT_EQ(v["label"]["en"], "P1 test 1: pilots per unit (mean)");
  ASSERT_EQ(v["categories"].size(), 5u);
  EXPECT_EQ(v["categories"][4]["zh"], "戊");
  ASSERT_EQ(v["series"].size(), 1u);
  EXPECT_EQ(v["series"][0]["name"]["en"], "Spearman ρ");
  EXPECT_DOUBLE_EQ(v["series"][0]["value"][1].get<double>(), -0.4);
  EXPECT_DOUBLE_EQ(v["series"][0]["lo"][1].get<double>(), -0.5);
  EXPECT_DOUBLE_EQ(v["series"][0]["hi"][1].get<double>(), -0.3);
  EXPECT_EQ(c["variants"][1]["label"]["en"], "P2 test 3: pilots per unit (mean)");
  EXPECT_NE(std::string(c["caption"]["en"]).find(" 1 tests without drivers"), std::string::npos);
}

TEST_F(RobustnessReportTest, UnfinishedAnalysisHasANote) {
  // The shares of an analysis still running may change: the page says so, and only then.
  const Json running = build(kRobustness);
  ASSERT_EQ(running["notes"].size(), 1u);
  EXPECT_NE(std::string(running["notes"][0]["en"]).find("unfinished: 8 of 10 parameter sets are done"),
            std::string::npos);
  const Json done = build(replaced(kRobustness, R"("sets_done": 8)", R"("sets_done": 10)"));
  EXPECT_TRUE(done["notes"].empty());
  EXPECT_EQ(done["charts"].size(), 3u);
}

TEST_F(RobustnessReportTest, MalformedValuesNameThePath) {
  // A hand-edited or truncated file: the message gives the path from the root to the bad value, and
  // counts that contradict each other are refused rather than drawn as shares above 1.
  EXPECT_EQ(errorOf(replaced(kRobustness, R"("expect": "lower", "minimal_effect": 0,)",
                             R"("expect": "sideways", "minimal_effect": 0,)")),
            "out/rob/robustness.json: key 'claims[0].tests[1].expect': expected 'higher' or 'lower', got 'sideways'");
  EXPECT_EQ(errorOf(replaced(kRobustness, R"("not supported": {"count": 0, "share": 0.0, "lo": 0.0, "hi": 0.39}},
       "first")",
                             R"("no": {}},
       "first")")),
            "out/rob/robustness.json: key 'claims[0].verdicts.holm.not supported': missing key");
  EXPECT_EQ(errorOf(replaced(kRobustness, R"("rho": -0.4,)", R"("rho": "-0.4",)")),
            "out/rob/robustness.json: key 'claims[0].tests[0].drivers[1].rho': expected a number or null");
  EXPECT_EQ(errorOf(replaced(kRobustness, R"("sets_done": 8)", R"("sets_done": 11)")),
            "out/rob/robustness.json: key 'sets_done': 11 sets done of 10");
  EXPECT_EQ(errorOf(replaced(kRobustness, R"("sets_failed": 2)", R"("sets_failed": -2)")),
            "out/rob/robustness.json: key 'sets_failed': expected a whole number, 0 or more");
}

}  // namespace
}  // namespace pilotsim
