// Bands across replicates from monthly.csv and monthly_bands.csv.
#include "pilotsim/report/MonthlyBands.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/model/Measures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace pilotsim {
namespace {

/// monthly.csv text with every measure column: measure 0 takes `first[i]`, the others 1.
std::string monthlyCsv(const std::vector<std::tuple<int, int, std::string>>& rows) {
  std::string text = "replicate,month,year";
  for (const auto& m : measureTable()) text += "," + std::string(m.key);
  text += "\n";
  for (const auto& [rep, month, first] : rows) {
    text += std::to_string(rep) + "," + std::to_string(month) + ",1," + first;
    for (int k = 1; k < kMeasureCount; ++k) text += ",1";
    text += "\n";
  }
  return text;
}

TEST(MonthlyBandsTest, MeanAndTIntervalAcrossReplicatesPerMonth) {
  // Month 0: values 1, 2, 3 -> mean 2, sd 1, half-width t(0.975, 2) / sqrt(3) = 4.302653 / 1.732051.
  // Month 1: one replicate missing (empty field) -> n = 2.
  const auto csv = parseCsv(monthlyCsv({{0, 0, "1"}, {0, 1, "4"}, {1, 0, "2"}, {1, 1, ""}, {2, 0, "3"}, {2, 1, "6"}}),
                            "monthly.csv");
  const MonthlyBands b = bandsFromMonthly(csv);
  ASSERT_EQ(b.months, (std::vector<int>{0, 1}));
  const auto& first = b.measures.at(std::string(measureTable()[0].key));
  EXPECT_DOUBLE_EQ(first[0].mean, 2);
  EXPECT_EQ(first[0].n, 3);
  EXPECT_NEAR(first[0].hi - first[0].mean, 4.302652729749464 / std::sqrt(3.0), 1e-6);
  EXPECT_NEAR(first[0].mean - first[0].lo, 4.302652729749464 / std::sqrt(3.0), 1e-6);
  EXPECT_DOUBLE_EQ(first[1].mean, 5);
  EXPECT_EQ(first[1].n, 2);
  const auto& other = b.measures.at(std::string(measureTable()[1].key));
  EXPECT_DOUBLE_EQ(other[1].mean, 1);
  EXPECT_DOUBLE_EQ(other[1].sd, 0);
}

TEST(MonthlyBandsTest, AMonthWithoutValuesIsMissing) {
  const auto csv = parseCsv(monthlyCsv({{0, 0, ""}, {1, 0, ""}}), "monthly.csv");
  const MonthlyBands b = bandsFromMonthly(csv);
  const auto& first = b.measures.at(std::string(measureTable()[0].key));
  EXPECT_TRUE(std::isnan(first[0].mean));
  EXPECT_EQ(first[0].n, 0);
}

TEST(MonthlyBandsTest, MissingMeasureColumnNamesFileAndColumn) {
  const auto csv = parseCsv("replicate,month,year\n0,0,1\n", "run/monthly.csv");
  try {
    bandsFromMonthly(csv);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("run/monthly.csv:1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(std::string(measureTable()[0].key)), std::string::npos) << e.what();
  }
}

TEST(MonthlyBandsTest, NonNumericValueNamesLineAndColumn) {
  const auto csv = parseCsv(monthlyCsv({{0, 0, "high"}}), "monthly.csv");
  try {
    bandsFromMonthly(csv);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("monthly.csv:2"), std::string::npos) << e.what();
  }
}

TEST(MonthlyBandsTest, CompareBandsPerScenarioInFileOrder) {
  const auto csv = parseCsv(
      "scenario,month,measure,mean,lo,hi,n\n"
      "b,0,x,1,0.5,1.5,3\nb,1,x,2,1.5,2.5,3\nb,0,y,7,6,8,3\n"
      "a,0,x,3,2,4,3\na,1,x,,,,0\n",
      "monthly_bands.csv");
  const auto bands = bandsFromCompare(csv);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].first, "b");
  EXPECT_EQ(bands[1].first, "a");
  EXPECT_EQ(bands[0].second.months, (std::vector<int>{0, 1}));
  EXPECT_DOUBLE_EQ(bands[0].second.measures.at("x")[1].mean, 2);
  // y has no row for month 1: a gap, not a shifted series.
  ASSERT_EQ(bands[0].second.measures.at("y").size(), 2u);
  EXPECT_DOUBLE_EQ(bands[0].second.measures.at("y")[0].mean, 7);
  EXPECT_TRUE(std::isnan(bands[0].second.measures.at("y")[1].mean));
  EXPECT_TRUE(std::isnan(bands[1].second.measures.at("x")[1].mean));
}

}  // namespace
}  // namespace pilotsim
