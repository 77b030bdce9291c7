#include "pilotsim/sensitivity/ResultWriters.hpp"

#include "SensitivityTestSupport.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/sensitivity/TestFunctions.hpp"

#include <gtest/gtest.h>

namespace pilotsim::sensitivity {
namespace {

std::vector<OutputAnalysis> ishigamiResults(bool secondOrder) {
  SamplingSpec spec = test::specOf(DesignMethod::Saltelli, testFunctionInfo(TestFunction::Ishigami).factors);
  spec.design.samples = 64;
  spec.design.second_order = secondOrder;
  const Design d = generateDesign(spec);
  AnalysisOptions o;
  o.bootstrap = 50;
  return {analyzeOutput(d, "y", evaluateTestFunction(TestFunction::Ishigami, d), o)};
}

TEST(ResultWriters, TidyCsvHasOneRowPerStatisticAndFactor) {
  const auto results = ishigamiResults(true);
  CsvWriter w;
  writeResultsCsv(results, w);
  const CsvTable t = parseCsv(w.text(), "r.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"output", "method", "statistic", "factor", "factor_b", "level",
                                                "estimate", "ci_lo", "ci_hi", "n"}));
  ASSERT_EQ(t.rows.size(), 3u + 3u + 3u);  // S1, ST for 3 factors, S2 for 3 pairs
  EXPECT_EQ(t.rows[0][2], "S1");
  EXPECT_EQ(t.rows[6][2], "S2");
  EXPECT_EQ(t.rows[6][3], "x1");
  EXPECT_EQ(t.rows[6][4], "x2");
  EXPECT_EQ(t.rows[0][5], "");  // no level
  EXPECT_EQ(t.rows[0][9], "64");
  EXPECT_DOUBLE_EQ(t.number(0, 6), std::get<SobolResult>(results[0].result).factors[0].first.value);
}

TEST(ResultWriters, JsonNamesTheEstimators) {
  const auto j = resultsJson(ishigamiResults(false), AnalysisOptions{});
  EXPECT_EQ(j["bootstrap"]["resamples"], 1000);
  EXPECT_EQ(j["outputs"][0]["method"], "saltelli");
  EXPECT_EQ(j["outputs"][0]["estimators"]["ST"], "Jansen 1999 (Saltelli et al. 2010, Table 2 (f))");
  EXPECT_EQ(j["outputs"][0]["factors"].size(), 3u);
  EXPECT_TRUE(j["outputs"][0]["factors"][2]["S1"]["ci_lo"].is_number());
}

TEST(ResultWriters, TablesInChineseAndEnglish) {
  const auto results = ishigamiResults(false);
  const auto en = resultTables(results, false, AnalysisOptions{});
  const auto zh = resultTables(results, true, AnalysisOptions{}, {{"x1", "甲"}});
  ASSERT_EQ(en.size(), 1u);
  EXPECT_EQ(en[0].headings[0], "Factor");
  EXPECT_EQ(en[0].headings[2], "95% CI");
  EXPECT_EQ(zh[0].headings[0], "因子");
  EXPECT_EQ(zh[0].rows[0][0], "甲 (x1)");
  EXPECT_NE(zh[0].note.find("Jansen"), std::string::npos);
}

TEST(ResultWriters, FormatIndexKeepsSignsAndSmallValues) {
  EXPECT_EQ(formatIndex(0.31391), "0.3139");
  EXPECT_EQ(formatIndex(-0.0021), "-0.0021");
  EXPECT_EQ(formatIndex(3.2e-7), "3.2e-07");
  EXPECT_EQ(formatIndex(std::numeric_limits<double>::quiet_NaN()), "NA");
}

}  // namespace
}  // namespace pilotsim::sensitivity
