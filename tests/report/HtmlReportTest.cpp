// The page is one self-contained file, survives hostile labels, and bad input or an unwritable
// output give the errors the command line maps to exit codes 2 and 1.
#include "pilotsim/report/HtmlReport.hpp"

#include "pilotsim/experiment/Campaign.hpp"
#include "pilotsim/experiment/CampaignRun.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/report/ReportData.hpp"
#include "pilotsim/report/ReportKind.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

Json tinyDocument(const std::string& label) {
  Json doc;
  doc["kind"] = "run";
  doc["title"] = {{"zh", "标题 " + label}, {"en", "Title " + label}};
  doc["charts"] = Json::array();
  return doc;
}

TEST(HtmlReportTest, OneFileWithEverythingInline) {
  const std::string html = reportHtml(tinyDocument("x"), "zh");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("data-lang=\"zh\""), std::string::npos);
  EXPECT_NE(html.find("<title>标题 x</title>"), std::string::npos);
  EXPECT_NE(html.find("echarts"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);  // nothing loaded from elsewhere
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
}

TEST(HtmlReportTest, LabelsCannotEndTheScriptElement) {
  const std::string html = reportHtml(tinyDocument("</script><script>alert(1)</script>"), "en");
  const auto data = html.find("id=\"report-data\">");
  ASSERT_NE(data, std::string::npos);
  const auto end = html.find("</script>", data);
  const std::string json = html.substr(data + 17, end - data - 17);
  EXPECT_EQ(json.find('<'), std::string::npos);
  EXPECT_EQ(Json::parse(json)["title"]["en"], "Title </script><script>alert(1)</script>");
  EXPECT_NE(html.find("<title>Title &lt;/script&gt;"), std::string::npos);
}

TEST(HtmlReportTest, OnlyChineseOrEnglish) { EXPECT_THROW(reportHtml(tinyDocument("x"), "fr"), std::invalid_argument); }

class HtmlReportFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("pilotsim-html-report-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  fs::path root_;
};

TEST_F(HtmlReportFilesTest, RunWithoutMeasureColumnsNamesTheFile) {
  write(root_ / "run/scenario.toml", toToml(loadPreset("county")));
  write(root_ / "run/monthly.csv", "replicate,month,year\n0,0,1\n");
  try {
    writeReport(root_ / "run", root_ / "report.html", "en");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("monthly.csv:1"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(root_ / "report.html"));
}

TEST_F(HtmlReportFilesTest, MalformedCompareJsonNamesTheFile) {
  write(root_ / "cmp/compare.json", "{\"scenarios\": [");
  write(root_ / "cmp/monthly_bands.csv", "scenario,month,measure,mean,lo,hi,n\n");
  try {
    writeReport(root_ / "cmp", root_ / "report.html", "en");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("compare.json: malformed JSON"), std::string::npos) << e.what();
  }
}

TEST_F(HtmlReportFilesTest, ClaimsWithUnknownVerdictNamesLineAndKey) {
  write(root_ / "cl/claims.json",
        R"({"command": "c", "claims": [{"id": "P1", "statement_zh": "z", "statement_en": "e"}], "ablations": []})");
  write(root_ / "cl/claims.csv",
        "claim,section,design,test,outcome,contrast,reference,expect,n,effect,effect_lo,effect_hi,effect_size,test_"
        "verdict,claim_verdict\n"
        "P1,2.1,x,1,pseudo_share,a - b,0,higher,3,1,0.5,1.5,2,maybe,supported\n");
  try {
    writeReport(root_ / "cl", root_ / "report.html", "en");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("claims.csv:2: key 'test_verdict': unknown verdict 'maybe'"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(HtmlReportFilesTest, DecompositionAndRobustnessDirectoriesAreDrawn) {
  // writeReport reaches each kind's builder: the page's data names the kind and its charts.
  write(root_ / "dec/decomposition.json", R"({"command": "c", "seed": 1, "replicates": 2, "tests": [
    {"claim": "P6", "test": 2, "outcome": "pilots_per_unit_mean", "difference": "high - low",
     "full": {"mean": 1, "lo": 0.5, "hi": 1.5},
     "levers": [{"lever": "couplings.escalation", "control_value": "1", "treated_value": "1.6",
                 "alone": {"mean": 0.6, "lo": 0.2, "hi": 1}, "without": {"mean": 0.3, "lo": 0, "hi": 0.6},
                 "share_alone": 0.6, "share_lost": 0.7, "carries": true, "problem": ""}]}]})");
  write(root_ / "rob/robustness.json", R"({"command": "c", "sets": 1, "sets_done": 1, "sets_failed": 0,
    "replicates": 2, "seed": 1, "parameters": [], "claims": []})");
  EXPECT_EQ(writeReport(root_ / "dec", root_ / "dec.html", "en"), ReportKind::Decomposition);
  EXPECT_EQ(writeReport(root_ / "rob", root_ / "rob.html", "zh"), ReportKind::Robustness);
  std::ifstream dec(root_ / "dec.html"), rob(root_ / "rob.html");
  const std::string dec_html((std::istreambuf_iterator<char>(dec)), {}),
      rob_html((std::istreambuf_iterator<char>(rob)), {});
  EXPECT_NE(dec_html.find(R"("kind":"decomposition")"), std::string::npos);
  EXPECT_NE(dec_html.find(R"("id":"decomposition-bars")"), std::string::npos);
  EXPECT_NE(rob_html.find(R"("kind":"robustness")"), std::string::npos);
}

// A tiny campaign (county, 24 months) of `method`'s design over three factors, run into a database
// under root_; returns the database's path.
fs::path runTinyCampaign(const fs::path& root, const std::string& design) {
  const std::string text =
      "name = \"tiny\"\nbase = \"county\"\nmonths = 24\nset = [\"run.burn_in=12\"]\n"
      "replicates = 2\nmeasures = [\"pseudo_share\"]\n" +
      design +
      "[factors.\"regulation.legalisation\"]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n"
      "[factors.\"regulation.people_centred\"]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n"
      "[factors.\"evaluation.weight_designated\"]\ndistribution = \"uniform\"\nmin = 0.05\n"
      "max = 0.3\n";
  const CampaignSpec spec = parseCampaignText(text, "tiny.toml");
  const fs::path db = root / "tiny.db";
  CampaignStore store(db, CampaignStore::Mode::ReadWrite);
  const auto plan = openCampaign(spec, store, "pilotsim sweep tiny.toml");
  runCampaign(spec, plan, store, 1);
  return db;
}

TEST_F(HtmlReportFilesTest, MorrisCampaignHasTheMuStarSigmaPlaneWithOnePointPerFactor) {
  const fs::path db = runTinyCampaign(root_, "[design]\nmethod = \"morris\"\ntrajectories = 4\nseed = 3\n");
  const Json doc = campaignReportData(db, "tiny.db");
  ASSERT_EQ(doc["charts"].size(), 2u);
  const Json& bars = doc["charts"][0];
  const Json& plane = doc["charts"][1];
  EXPECT_EQ(plane["id"], "morris-plane");
  EXPECT_EQ(plane["type"], "scatter");
  // The caption says how to read the plane, in both languages, with its sources.
  for (const char* lang : {"zh", "en"}) {
    const std::string caption = plane["caption"][lang];
    EXPECT_NE(caption.find("Morris 1991"), std::string::npos) << lang;
    EXPECT_NE(caption.find("Campolongo"), std::string::npos) << lang;
  }
  // One variant per output, as the bars; one point per factor at the bars' (mu*, sigma), named as the
  // bars' categories are.
  ASSERT_EQ(plane["variants"].size(), bars["variants"].size());
  for (std::size_t v = 0; v < bars["variants"].size(); ++v) {
    const Json& b = bars["variants"][v];
    const Json& s = plane["variants"][v]["series"];
    ASSERT_EQ(s.size(), 1u);
    ASSERT_EQ(s[0]["x"].size(), 3u);
    EXPECT_EQ(s[0]["labels"], b["categories"]);
    EXPECT_EQ(s[0]["x"], b["series"][0]["value"]);  // mu*
    EXPECT_EQ(s[0]["y"], b["series"][1]["value"]);  // sigma
    EXPECT_EQ(s[0]["x_lo"], b["series"][0]["lo"]);
    EXPECT_EQ(s[0]["labels"][0]["en"], std::string(findParam("regulation.legalisation")->en));
  }
}

TEST_F(HtmlReportFilesTest, OnlyAMorrisCampaignHasThePlane) {
  const fs::path db = runTinyCampaign(root_, "[design]\nmethod = \"latin-hypercube\"\nsamples = 12\nseed = 3\n");
  const Json doc = campaignReportData(db, "tiny.db");
  ASSERT_EQ(doc["charts"].size(), 1u);
  EXPECT_EQ(doc["charts"][0]["id"], "sensitivity");
}

TEST_F(HtmlReportFilesTest, MalformedDecompositionAndRobustnessNameFileAndKey) {
  // A hand-edited summary: the message names the file and the path to the bad value, and no page
  // is left behind.
  write(root_ / "dec/decomposition.json", R"({"command": "c", "seed": 1, "replicates": 2, "tests": [
    {"claim": "P6", "test": 2, "outcome": "x", "difference": "a - b", "full": {"mean": 1, "lo": 0.5, "hi": 1.5},
     "levers": [{"lever": "k", "control_value": "1", "treated_value": "2", "alone": {"mean": 0.6, "lo": 0.2},
                 "without": {"mean": 0.3, "lo": 0, "hi": 0.6}, "share_alone": 0.6, "share_lost": 0.7,
                 "carries": true, "problem": ""}]}]})");
  write(root_ / "rob/robustness.json", R"({"command": "c", "sets": 1, "sets_done": 1, "sets_failed": 0,
    "replicates": 2, "seed": 1, "parameters": [], "claims": [{"id": "P1", "verdicts": {}}]})");
  const auto errorOf = [&](const fs::path& dir) -> std::string {
    try {
      writeReport(dir, root_ / "report.html", "en");
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  EXPECT_EQ(errorOf(root_ / "dec"),
            (root_ / "dec/decomposition.json").string() + ": key 'tests[0].levers[0].alone.hi': missing key");
  EXPECT_EQ(errorOf(root_ / "rob"), (root_ / "rob/robustness.json").string() + ": key 'claims[0].tests': missing key");
  EXPECT_FALSE(fs::exists(root_ / "report.html"));
}

TEST_F(HtmlReportFilesTest, UnwritableOutputIsAnOutputError) {
  write(root_ / "cl/claims.json", R"({"command": "c", "claims": [], "ablations": []})");
  write(root_ / "file", "not a directory");
  EXPECT_THROW(writeReport(root_ / "cl", root_ / "file/report.html", "en"), OutputError);
  // A good report is written whole, and nothing else is left beside it.
  writeReport(root_ / "cl", root_ / "out/report.html", "zh");
  EXPECT_TRUE(fs::exists(root_ / "out/report.html"));
  EXPECT_EQ(std::distance(fs::directory_iterator(root_ / "out"), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace pilotsim
