// The report of a `pilotsim calibrate` directory, from hand-written files (the layout
// experiment/CalibrationFiles.cpp writes): the histograms' bins hold the posterior weights, the priors'
// densities are on the scale each is drawn on, the pairs are the most correlated under the weights,
// the checks and generations carry their numbers, and a missing file or a bad column is refused
// with the file and the column named.
#include "ReportTestSupport.hpp"

#include "pilotsim/report/HtmlReport.hpp"
#include "pilotsim/report/ReportData.hpp"

#include "pilotsim/core/InputError.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

// Four parameters over four particles; the last particle has weight 0, so every correlation below
// holds under the weights and not without them. On the three weighted particles b = 5 + a and
// ln c = ln 100 - a ln 10 exactly, so rho(a, b) = 1 and rho(a, c) = rho(b, c) = -1 (on the log of c:
// on c itself, 100, 10, 1 is not a line). d = 6, 0, 5 is uncorrelated with a under the weights
// (1, 1, 2) / 4: sum w (a - 1.25) d = -1.875 + 0 + 1.875 = 0, so no pair with d is chosen.
constexpr const char* kSummary =
    "parameter,prior_low,prior_high,log_scale,median,lo90,hi90,mean\n"
    "drivers.promotion_share,0,4,0,1.5,0.2,2.8,1.25\n"
    "b,0,10,0,6.5,5.1,7,6.25\n"
    "c,0.01,100,1,3,1.2,90,20\n"
    "d,0,10,0,5,0.5,6,4\n";
constexpr const char* kPosterior =
    "particle,weight,distance,drivers.promotion_share,b,c,d\n"
    "3,1,0.5,0,5,100,6\n"
    "7,1,0.4,1,6,10,0\n"
    "9,2,0.2,2,7,1,5\n"
    "12,0,0.9,3,0,0.5,9\n";
constexpr const char* kPredictive =
    "statistic,target,observed,uncertainty,median,lo90,hi90,share_within,defined\n"
    "promotion_rate,1,0.13,0.03,0.12,0.1,0.15,0.62,4\n"
    "tenure_years,0,,,3.1,2.9,3.3,,4\n";
constexpr const char* kGenerations =
    "generation,tolerance,candidates,particles,acceptance_rate,ess\n"
    "0,inf,4,4,1,4\n"
    "1,1.5,10,4,0.4,3.2\n";
constexpr const char* kJson = R"json({
  "program": "pilotsim", "version": "0.1.0+abc", "model_version": 2, "calibration": "hand",
  "file": "hand.toml", "command": "pilotsim calibrate hand.toml --db hand.db --check tenure_years",
  "database": "hand.db", "method": "abc-smc", "seed": 11, "replicates": 2,
  "stop_reason": "reached max_generations = 2", "candidates": 14
})json";

class CalibrationReportTest : public ReportDirectoryTest {
 protected:
  CalibrationReportTest() : ReportDirectoryTest("calibration") {}
  void SetUp() override {
    ReportDirectoryTest::SetUp();
    write("calibration.json", kJson);
    write("posterior_summary.csv", kSummary);
    write("posterior.csv", kPosterior);
    write("predictive.csv", kPredictive);
    write("generations.csv", kGenerations);
  }
  Json build() { return calibrationReportData(dir_, "out/hand"); }
  std::string errorOf() {
    return errorMessage([&] { build(); });
  }
  static const Json& panelsOf(const Json& d, const std::string& id) { return chartOf(d, id)["variants"][0]["panels"]; }
  static std::vector<double> doubles(const Json& j) { return j.get<std::vector<double>>(); }
};

TEST_F(CalibrationReportTest, ChartsCaptionsAndSummary) {
  const Json d = build();
  EXPECT_EQ(d["kind"], "calibration");
  EXPECT_EQ(d["title"]["en"], "Calibration: hand");
  ASSERT_EQ(d["charts"].size(), 4u);
  EXPECT_EQ(d["charts"][0]["id"], "calibration-marginals");
  EXPECT_EQ(d["charts"][1]["id"], "calibration-pairs");
  EXPECT_EQ(d["charts"][2]["id"], "calibration-checks");
  EXPECT_EQ(d["charts"][3]["id"], "calibration-generations");
  // Every caption ends with the command calibration.json holds, in both languages.
  for (const auto& c : d["charts"]) {
    const std::string en = c["caption"]["en"], zh = c["caption"]["zh"];
    EXPECT_TRUE(en.ends_with("Produced by pilotsim calibrate hand.toml --db hand.db --check tenure_years.")) << en;
    EXPECT_NE(zh.find("由 pilotsim calibrate hand.toml --db hand.db --check tenure_years 生成。"), std::string::npos)
        << zh;
  }
  // One target (tenure_years was only checked), four particles, two generations.
  const std::string summary = d["summary"]["en"];
  EXPECT_NE(summary.find("ABC-SMC. Parameters fitted: 4; targets: 1; particles in the final population: 4; "
                         "generations: 2; candidates: 14; replicates per candidate: 2; model seed 11. Stopped: reached "
                         "max_generations = 2"),
            std::string::npos)
      << summary;
  // A log-uniform prior is drawn on a log axis, and the caption says so.
  EXPECT_NE(chartOf(d, "calibration-marginals")["caption"]["en"].get<std::string>().find("log axis"),
            std::string::npos);
}

TEST_F(CalibrationReportTest, BinsHoldTheNormalisedWeights) {
  const Json d = build();
  const Json& panels = panelsOf(d, "calibration-marginals");
  ASSERT_EQ(panels.size(), 4u);
  // Kish's ESS of weights (1, 1, 2, 0) / 4 is 1 / (1/16 + 1/16 + 1/4) = 8/3; the Rice rule gives
  // ceil(2 (8/3)^(1/3)) = 3 bins, below the floor of 5. Equal bins of width 0.6 over the particles'
  // range [0, 3]: 0 and 1 fall in the first two, 2 in the fourth, and 3 (weight 0) in the last.
  const Json& a = panels[0];
  EXPECT_NE(a["title"]["en"].get<std::string>().find("(drivers.promotion_share)"), std::string::npos) << a["title"];
  EXPECT_FALSE(a["log"].get<bool>());
  const auto lo = doubles(a["bins"]["lo"]), hi = doubles(a["bins"]["hi"]), weight = doubles(a["bins"]["weight"]),
             density = doubles(a["bins"]["density"]);
  ASSERT_EQ(weight.size(), 5u);
  const std::vector<double> expected = {0.25, 0.25, 0, 0.5, 0};
  for (std::size_t b = 0; b < 5; ++b) {
    // 1e-12: a few roundings of numbers near 1.
    EXPECT_NEAR(lo[b], 0.6 * static_cast<double>(b), 1e-12) << b;
    EXPECT_NEAR(hi[b], 0.6 * static_cast<double>(b + 1), 1e-12) << b;
    EXPECT_NEAR(weight[b], expected[b], 1e-12) << b;
    EXPECT_NEAR(density[b], expected[b] / 0.6, 1e-12) << b;
  }
  // In every panel the bins hold all the weight.
  for (const auto& p : panels) {
    const auto w = doubles(p["bins"]["weight"]);
    EXPECT_NEAR(std::accumulate(w.begin(), w.end(), 0.0), 1.0, 1e-12) << p["title"];
  }
  // The median and 90% interval are posterior_summary.csv's.
  EXPECT_DOUBLE_EQ(a["median"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(a["lo90"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(a["hi90"].get<double>(), 2.8);
}

TEST_F(CalibrationReportTest, PriorDensityOnTheDrawnScale) {
  const Json d = build();
  const Json& panels = panelsOf(d, "calibration-marginals");
  // Uniform on [0, 4]: 1/4 per unit.
  EXPECT_DOUBLE_EQ(panels[0]["prior_density"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(panels[0]["prior_low"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(panels[0]["prior_high"].get<double>(), 4);
  // Log-uniform on [0.01, 100]: flat on ln x, 1 / ln(10^4) per unit of ln x; the bins are equal on
  // ln x, from the smallest particle, 0.5, to the largest, 100, and their densities are per unit
  // of ln x too.
  const Json& c = panels[2];
  EXPECT_TRUE(c["log"].get<bool>());
  EXPECT_NEAR(c["prior_density"].get<double>(), 1 / std::log(1e4), 1e-15);
  EXPECT_NE(c["x_name"]["en"].get<std::string>().find("log axis"), std::string::npos);
  const auto lo = doubles(c["bins"]["lo"]), hi = doubles(c["bins"]["hi"]), weight = doubles(c["bins"]["weight"]),
             density = doubles(c["bins"]["density"]);
  ASSERT_EQ(lo.size(), 5u);
  EXPECT_NEAR(lo.front(), 0.5, 1e-12);
  EXPECT_NEAR(hi.back(), 100, 1e-10);
  const double width = std::log(100 / 0.5) / 5;
  for (std::size_t b = 0; b < 5; ++b) {
    EXPECT_NEAR(std::log(hi[b] / lo[b]), width, 1e-12) << b;
    EXPECT_NEAR(density[b], weight[b] / width, 1e-12) << b;
  }
}

TEST_F(CalibrationReportTest, BinCountFollowsTheEffectiveSampleSize) {
  // 50 particles: with equal weights Kish's ESS is 50, and the Rice rule gives ceil(2 * 50^(1/3)) =
  // ceil(7.37) = 8 bins; with all the weight on one of them the ESS is 1 and the floor of 5 applies.
  std::string equal = "particle,weight,distance,drivers.promotion_share,b,c,d\n", one = equal;
  for (int k = 0; k < 50; ++k) {
    const std::string values = fmt::format("{},{},{},{}\n", k / 16.0, k / 8.0, 1 + k, k % 7);
    equal += fmt::format("{},1,0.1,", k) + values;
    one += fmt::format("{},{},0.1,", k, k == 5 ? 1 : 0) + values;
  }
  write("posterior.csv", equal);
  EXPECT_EQ(panelsOf(build(), "calibration-marginals")[0]["bins"]["weight"].size(), 8u);
  write("posterior.csv", one);
  const Json d = build();
  const Json& a = panelsOf(d, "calibration-marginals")[0];
  EXPECT_EQ(a["bins"]["weight"].size(), 5u);
  // Particle 5, at 5/16 = 0.3125 in [0, 49/16], carries everything: the first of 5 bins 0.6125 wide.
  EXPECT_DOUBLE_EQ(a["bins"]["weight"][0].get<double>(), 1.0);
}

TEST_F(CalibrationReportTest, PairsAreTheMostCorrelatedUnderTheWeights) {
  const Json d = build();
  const Json& panels = panelsOf(d, "calibration-pairs");
  ASSERT_EQ(panels.size(), 3u);
  // The three pairs of a, b and c (|rho| = 1), none with d (rho = 0): which they are and their
  // signs, whatever the order rounding gives the ties. 1e-12: sums of a few products.
  std::map<std::string, double> rho;
  for (const auto& p : panels)
    rho[p["x_name"]["en"].get<std::string>() + " x " + p["y_name"]["en"].get<std::string>()] = p["rho"].get<double>();
  ASSERT_EQ(rho.size(), 3u);
  EXPECT_NEAR(rho.at("drivers.promotion_share x b"), 1, 1e-12);
  EXPECT_NEAR(rho.at("drivers.promotion_share x c"), -1, 1e-12);  // on ln c: on c it would be -0.91
  EXPECT_NEAR(rho.at("b x c"), -1, 1e-12);
  // The title gives rho; the axes of c are logarithmic; the points carry their values and their
  // weight relative to the heaviest particle's (2).
  for (const auto& p : panels) {
    EXPECT_NE(p["title"]["en"].get<std::string>().find(fmt::format("ρ = {:.2f}", p["rho"].get<double>())),
              std::string::npos)
        << p["title"];
    EXPECT_EQ(p["y_log"].get<bool>(), p["y_name"]["en"] == "c");
  }
  const Json* ab = nullptr;  // the only pair with b on the y axis
  for (const auto& p : panels)
    if (p["y_name"]["en"] == "b") ab = &p;
  ASSERT_NE(ab, nullptr);
  EXPECT_EQ(doubles((*ab)["x"]), (std::vector<double>{0, 1, 2, 3}));
  EXPECT_EQ(doubles((*ab)["y"]), (std::vector<double>{5, 6, 7, 0}));
  EXPECT_EQ(doubles((*ab)["weight"]), (std::vector<double>{0.5, 0.5, 1, 0}));
}

TEST_F(CalibrationReportTest, OneParameterHasNoPairs) {
  write("posterior_summary.csv",
        "parameter,prior_low,prior_high,log_scale,median,lo90,hi90,mean\nb,0,10,0,6.5,5.1,7,6.25\n");
  const Json d = build();
  for (const auto& c : d["charts"]) EXPECT_NE(c["id"], "calibration-pairs");
  ASSERT_EQ(d["notes"].size(), 1u);
  EXPECT_NE(d["notes"][0]["en"].get<std::string>().find("No pairs to draw"), std::string::npos);
}

TEST_F(CalibrationReportTest, ChecksMarkWhatWasNotFitted) {
  const Json d = build();
  const Json& panels = panelsOf(d, "calibration-checks");
  ASSERT_EQ(panels.size(), 2u);
  const Json &fitted = panels[0], &checked = panels[1];
  EXPECT_TRUE(fitted["target"].get<bool>());
  EXPECT_DOUBLE_EQ(fitted["observed"].get<double>(), 0.13);
  EXPECT_DOUBLE_EQ(fitted["uncertainty"].get<double>(), 0.03);
  EXPECT_DOUBLE_EQ(fitted["median"].get<double>(), 0.12);
  EXPECT_DOUBLE_EQ(fitted["lo90"].get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(fitted["hi90"].get<double>(), 0.15);
  EXPECT_EQ(fitted["defined"].get<int>(), 4);
  const std::string title = fitted["title"]["en"];
  EXPECT_NE(title.find("(promotion_rate), per leader-year; 62% within one uncertainty"), std::string::npos) << title;
  EXPECT_FALSE(checked["target"].get<bool>());
  EXPECT_TRUE(checked["observed"].is_null());
  EXPECT_TRUE(checked["uncertainty"].is_null());
  EXPECT_DOUBLE_EQ(checked["median"].get<double>(), 3.1);
  EXPECT_NE(checked["title"]["en"].get<std::string>().find("(not fitted, checked only)"), std::string::npos);
  EXPECT_NE(checked["title"]["zh"].get<std::string>().find("未拟合"), std::string::npos);
}

TEST_F(CalibrationReportTest, GenerationsLeaveAnInfiniteToleranceOut) {
  const Json d = build();
  const Json& panels = panelsOf(d, "calibration-generations");
  ASSERT_EQ(panels.size(), 2u);
  EXPECT_EQ(panels[0]["title"]["en"], "tolerance");
  EXPECT_EQ(doubles(panels[0]["x"]), (std::vector<double>{0, 1}));
  EXPECT_TRUE(panels[0]["y"][0].is_null());
  EXPECT_DOUBLE_EQ(panels[0]["y"][1].get<double>(), 1.5);
  EXPECT_EQ(panels[1]["title"]["en"], "acceptance rate");
  EXPECT_EQ(doubles(panels[1]["y"]), (std::vector<double>{1, 0.4}));
}

TEST_F(CalibrationReportTest, MissingFileIsNamed) {
  fs::remove(dir_ / "predictive.csv");
  const std::string e = errorOf();
  EXPECT_NE(e.find((dir_ / "predictive.csv").string()), std::string::npos) << e;
}

TEST_F(CalibrationReportTest, MissingOrBadColumnNamesFileAndColumn) {
  // A parameter of posterior_summary.csv that posterior.csv has no column for.
  write("posterior.csv", "particle,weight,distance,drivers.promotion_share,b,d\n3,1,0.5,0,5,6\n");
  EXPECT_EQ(errorOf(), (dir_ / "posterior.csv").string() + ":1: key 'c': missing column 'c'");
  write("posterior.csv", kPosterior);
  write("predictive.csv",
        "statistic,target,observed,uncertainty,median,lo90,hi90,defined\npromotion_rate,1,0.13,0.03,0.12,0.1,0.15,4\n");
  EXPECT_EQ(errorOf(), (dir_ / "predictive.csv").string() + ":1: key 'share_within': missing column 'share_within'");
  write("predictive.csv", kPredictive);
  // Values that are not what the column holds: the line and the column are named.
  write("posterior.csv", "particle,weight,distance,drivers.promotion_share,b,c,d\n3,heavy,0.5,0,5,100,6\n");
  EXPECT_NE(errorOf().find((dir_ / "posterior.csv").string() + ":2: key 'weight': expected a number"),
            std::string::npos)
      << errorOf();
  write("posterior.csv", "particle,weight,distance,drivers.promotion_share,b,c,d\n3,1,0.5,0,5,-1,6\n");
  EXPECT_EQ(errorOf(), (dir_ / "posterior.csv").string() + ":2: key 'c': expected a number > 0 (log-uniform prior)");
  write("posterior.csv", kPosterior);
  write("posterior_summary.csv", "parameter,prior_low,prior_high,log_scale,median,lo90,hi90,mean\nb,0,10,2,6,5,7,6\n");
  EXPECT_EQ(errorOf(), (dir_ / "posterior_summary.csv").string() + ":2: key 'log_scale': expected 0 or 1, got 2");
  write("posterior_summary.csv", kSummary);
  write(
      "predictive.csv",
      "statistic,target,observed,uncertainty,median,lo90,hi90,share_within,defined\nx,1,0.13,0,0.12,0.1,0.15,0.6,4\n");
  EXPECT_EQ(errorOf(), (dir_ / "predictive.csv").string() + ":2: key 'uncertainty': a target needs an uncertainty > 0");
  write("predictive.csv", kPredictive);
  write("generations.csv", "generation,tolerance,acceptance_rate\n0,inf,1.5\n");
  EXPECT_EQ(errorOf(),
            (dir_ / "generations.csv").string() + ":2: key 'acceptance_rate': expected a rate between 0 and 1");
  write("generations.csv", kGenerations);
  EXPECT_EQ(errorOf(), "(no error)");
}

TEST_F(CalibrationReportTest, MalformedSummaryNamesFileAndKey) {
  write("calibration.json", R"({"calibration": "hand", "method": "abc-mcmc", "stop_reason": "",
    "replicates": 2, "seed": 1, "candidates": 3})");
  EXPECT_EQ(errorOf(),
            "out/hand/calibration.json: key 'method': expected 'abc-smc' or 'abc-rejection', got 'abc-mcmc'");
  write("calibration.json", R"({"calibration": "hand", "method": "abc-smc", "stop_reason": "", "seed": 1})");
  EXPECT_EQ(errorOf(), "out/hand/calibration.json: key 'replicates': missing key");
}

TEST_F(CalibrationReportTest, WriteReportDrawsTheDirectory) {
  // writeReport recognises the directory and reaches this builder.
  const fs::path page = dir_ / "report.html";
  EXPECT_EQ(writeReport(dir_, page, "zh"), ReportKind::Calibration);
  std::ifstream in(page);
  const std::string html((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(html.find(R"("kind":"calibration")"), std::string::npos);
  EXPECT_NE(html.find(R"("id":"calibration-checks")"), std::string::npos);
}

}  // namespace
}  // namespace pilotsim
