#include "pilotsim/experiment/Summary.hpp"

#include "pilotsim/core/Stats.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace pilotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A replicate whose measure `m` takes value month + offset in each of `months` months, and NaN in
// every other measure.
RunResult rampReplicate(std::uint32_t replicate, int months, Measure m, double offset) {
  RunResult r;
  r.replicate = replicate;
  for (int t = 0; t < months; ++t) {
    MonthlyRow row;
    row.month = t;
    row.values.fill(kNaN);
    row.values[static_cast<int>(m)] = t + offset;
    r.monthly.push_back(row);
  }
  return r;
}

InnovationRecord campaign(std::int32_t m50, std::int32_t m90) {
  InnovationRecord c{};
  c.month50 = m50;
  c.month90 = m90;
  return c;
}

TEST(SummaryTest, MonthlyMeanSkipsNan) {
  RunResult r = rampReplicate(0, 4, Measure::PseudoShare, 1);  // 1, 2, 3, 4
  r.monthly[1].values[static_cast<int>(Measure::PseudoShare)] = kNaN;
  EXPECT_DOUBLE_EQ(monthlyMean(r.monthly, Measure::PseudoShare), (1 + 3 + 4) / 3.0);
  EXPECT_DOUBLE_EQ(monthlyMean(r.monthly, Measure::PseudoShare, 2), 3.5);
  EXPECT_TRUE(std::isnan(monthlyMean(r.monthly, Measure::Satisfaction)));
}

TEST(SummaryTest, FinalIsTheLastSixtyMonthsAndWholeRunAllOfThem) {
  SummaryBuilder builder;
  // 70 months: final window is months 10..69, mean 39.5 + offset; whole run mean 34.5 + offset.
  builder.add(rampReplicate(0, 70, Measure::PseudoShare, 0));
  builder.add(rampReplicate(1, 70, Measure::PseudoShare, 1));
  const Summary s = builder.summary();
  ASSERT_EQ(s.measures.size(), static_cast<std::size_t>(kMeasureCount));
  EXPECT_EQ(s.replicates, 2);

  const MeasureSummary& m = s[Measure::PseudoShare];
  EXPECT_EQ(m.id, Measure::PseudoShare);
  EXPECT_DOUBLE_EQ(m.final_period.mean, 40.0);
  EXPECT_DOUBLE_EQ(m.whole_run.mean, 35.0);
  EXPECT_EQ(m.final_period.n, 2);
  // Two replicates 1 apart: sd = 1/sqrt(2), half-width = t(1) * sd / sqrt(2) = t(1) / 2.
  EXPECT_NEAR(m.final_period.sd, std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(m.final_period.hi - m.final_period.mean, tQuantile975(1) / 2, 1e-9);
  EXPECT_NEAR(m.final_period.mean - m.final_period.lo, tQuantile975(1) / 2, 1e-9);

  // A measure with no value in any month has no replicate to average.
  EXPECT_EQ(s[Measure::Satisfaction].final_period.n, 0);
}

TEST(SummaryTest, ShortRunsUseAllMonthsAsFinal) {
  SummaryBuilder builder;
  builder.add(rampReplicate(0, 24, Measure::PilotGini, 0));
  const Summary s = builder.summary();
  EXPECT_DOUBLE_EQ(s[Measure::PilotGini].final_period.mean, 11.5);
  EXPECT_DOUBLE_EQ(s[Measure::PilotGini].whole_run.mean, 11.5);
  EXPECT_EQ(s[Measure::PilotGini].final_period.n, 1);
}

TEST(SummaryTest, InnovationTimesPoolCampaignsThatGotThere) {
  SummaryBuilder builder;
  RunResult a = rampReplicate(0, 3, Measure::PilotGini, 0);
  a.innovations = {campaign(5, 20), campaign(-1, -1)};
  RunResult b = rampReplicate(1, 3, Measure::PilotGini, 0);
  b.innovations = {campaign(7, -1)};
  builder.add(a);
  builder.add(b);
  const InnovationSummary inn = builder.summary().innovations;
  EXPECT_EQ(inn.campaigns, 3u);
  EXPECT_EQ(inn.reached_50, 2u);
  EXPECT_EQ(inn.reached_90, 1u);
  EXPECT_DOUBLE_EQ(inn.mean_months_to_50, 6.0);
  EXPECT_DOUBLE_EQ(inn.mean_months_to_90, 20.0);

  SummaryBuilder none;
  none.add(rampReplicate(0, 3, Measure::PilotGini, 0));
  EXPECT_TRUE(std::isnan(none.summary().innovations.mean_months_to_50));
}

TEST(SummaryTest, JsonCarriesRunFactsAndEveryMeasure) {
  SummaryBuilder builder;
  builder.add(rampReplicate(0, 70, Measure::PseudoShare, 0));
  builder.add(rampReplicate(1, 70, Measure::PseudoShare, 1));
  Scenario scenario;
  scenario.name = "test";
  scenario.base = "county";
  scenario.source = "preset:county";
  scenario.params.run.seed = 7;
  scenario.params.run.months = 70;
  scenario.params.run.burn_in = 12;
  const std::string text = summaryJson(builder.summary(), scenario);
  ASSERT_EQ(text.back(), '\n');
  const auto j = nlohmann::json::parse(text);

  EXPECT_EQ(text.rfind("{\n  \"program\": \"pilotsim\"", 0), 0u) << "keys keep their written order";
  EXPECT_EQ(j["scenario"]["name"], "test");
  EXPECT_EQ(j["scenario"]["base"], "county");
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["replicates"], 2);
  EXPECT_EQ(j["months"], 70);
  EXPECT_EQ(j["burn_in"], 12);
  EXPECT_EQ(j["final_window_months"], 60);
  ASSERT_EQ(j["measures"].size(), static_cast<std::size_t>(kMeasureCount));

  for (const MeasureInfo& info : measureTable()) {
    const auto& m = j["measures"][std::string(info.key)];
    for (const char* field : {"zh", "en", "unit", "meaning", "key_measure", "final", "whole_run"}) {
      EXPECT_TRUE(m.contains(field)) << info.key << "." << field;
    }
  }
  const auto& pseudo = j["measures"][std::string(measureTable()[static_cast<int>(Measure::PseudoShare)].key)];
  EXPECT_DOUBLE_EQ(pseudo["final"]["mean"].get<double>(), 40.0);
  EXPECT_DOUBLE_EQ(pseudo["whole_run"]["mean"].get<double>(), 35.0);
  EXPECT_EQ(pseudo["final"]["n"], 2);
  // NaN is not JSON: it is written as null.
  const auto& empty = j["measures"][std::string(measureTable()[static_cast<int>(Measure::Satisfaction)].key)];
  EXPECT_TRUE(empty["final"]["mean"].is_null());
  EXPECT_TRUE(j["innovations"]["mean_months_to_50"].is_null());

  // Deterministic: the same input gives the same bytes.
  EXPECT_EQ(text, summaryJson(builder.summary(), scenario));
}

}  // namespace
}  // namespace pilotsim
