#include "pilotsim/experiment/RunWriter.hpp"

#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) out.push_back(line);
  return out;
}

// The writer's rows contain no quoted fields, so a plain split is a correct CSV parse here.
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string column(const std::vector<std::string>& header, const std::vector<std::string>& row,
                   const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return row.at(i);
  }
  ADD_FAILURE() << "no column " << name;
  return {};
}

PilotRecord pilot(std::uint32_t id, std::int32_t start, std::int32_t end) {
  PilotRecord p{};
  p.id = id;
  p.unit = 3;
  p.domain = 1;
  p.origin = Origin::Designated;
  p.style = AdoptionStyle::None;
  p.status = end < 0 ? PilotStatus::Active : PilotStatus::Failed;
  p.restarted_from = std::numeric_limits<std::uint32_t>::max();
  p.start = start;
  p.end = end;
  p.quality = 0.25;
  p.packaging = 1.5;
  return p;
}

RunResult replicate(std::uint32_t r, int months) {
  RunResult result;
  result.replicate = r;
  for (int t = 0; t < months; ++t) {
    MonthlyRow row;
    row.month = t;
    for (int k = 0; k < kMeasureCount; ++k) row.values[k] = r + t * 0.5 + k;
    result.monthly.push_back(row);
  }
  // Pilot 2 failed in the last burn-in month, -1: a real end, not censoring.
  result.pilots = {pilot(0, -5, 10), pilot(1, 4, kStillRunning), pilot(2, -20, -1)};
  result.pilots[2].status = PilotStatus::Failed;
  result.pilots[1].restarted_from = 0;
  result.pilots[1].origin = Origin::Restart;
  TenureRecord in_office{};
  in_office.leader = 9;
  in_office.start = 2;
  in_office.end = kStillRunning;
  in_office.promoted = -1;
  TenureRecord promoted = in_office;
  promoted.end = 20;
  promoted.promoted = 1;
  result.tenures = {promoted, in_office};
  UnitRecord unit{};
  unit.unit = 3;
  unit.satisfaction = 0.5;
  result.units = {unit};
  InnovationRecord c{};
  c.domain = 0;
  c.month50 = 12;
  c.month90 = -1;
  c.final_share = 0.75;
  result.innovations = {c};
  return result;
}

class RunWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("pilotsim-runwriter-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    scenario_.name = "unit-test";
    scenario_.params.run.months = 24;
    scenario_.params.run.burn_in = 6;
    scenario_.params.run.replicates = 2;
    scenario_.params.run.seed = 11;
  }
  void TearDown() override { fs::remove_all(root_); }

  /// Write two replicates and commit; returns the output directory.
  fs::path writeRun(RecordsMode records) {
    OutputDirectory dir(root_ / "out", false);
    RunWriter writer(dir, scenario_, RunWriterOptions{records, "pilotsim run unit-test --seed 11"});
    writer.write(replicate(0, 24));
    writer.write(replicate(1, 24));
    summary_ = writer.finish();
    dir.commit();
    return dir.target();
  }

  fs::path root_;
  Scenario scenario_;
  Summary summary_;
};

TEST_F(RunWriterTest, WritesEveryFileWithHeadersMatchingRows) {
  const fs::path out = writeRun(RecordsMode::All);
  for (auto name : RunWriter::fileNames(RecordsMode::All)) {
    EXPECT_TRUE(fs::is_regular_file(out / name)) << name;
  }
  for (const char* csv : {"monthly.csv", "pilots.csv", "tenures.csv", "units.csv", "innovations.csv"}) {
    const auto rows = lines(readFile(out / csv));
    ASSERT_GE(rows.size(), 2u) << csv;
    const std::size_t width = fields(rows[0]).size();
    for (std::size_t i = 1; i < rows.size(); ++i) {
      EXPECT_EQ(fields(rows[i]).size(), width) << csv << " row " << i;
    }
  }
  EXPECT_EQ(summary_.replicates, 2);
}

TEST_F(RunWriterTest, MonthlyIsTidyWideWithMeasureColumnsInOrder) {
  const auto rows = lines(readFile(writeRun(RecordsMode::All) / "monthly.csv"));
  std::string expected = "replicate,month,year";
  for (const auto& m : measureTable()) expected += "," + std::string(m.key);
  EXPECT_EQ(rows[0], expected);
  ASSERT_EQ(rows.size(), 1u + 2 * 24);
  // Replicate 1, month 13: year 2; measure k = 1 + 6.5 + k.
  const auto row = fields(rows[1 + 24 + 13]);
  EXPECT_EQ(row[0], "1");
  EXPECT_EQ(row[1], "13");
  EXPECT_EQ(row[2], "2");
  EXPECT_EQ(row[3], "7.5");
  EXPECT_EQ(row[4], "8.5");
}

TEST_F(RunWriterTest, RecordsAreSurvivalReady) {
  const fs::path out = writeRun(RecordsMode::All);
  const auto pilots = lines(readFile(out / "pilots.csv"));
  const auto header = fields(pilots[0]);
  ASSERT_EQ(pilots.size(), 1u + 2 * 3);
  const auto ended = fields(pilots[1]);
  EXPECT_EQ(column(header, ended, "replicate"), "0");
  EXPECT_EQ(column(header, ended, "origin"), toString(Origin::Designated));
  EXPECT_EQ(column(header, ended, "status"), toString(PilotStatus::Failed));
  EXPECT_EQ(column(header, ended, "domain"), domainTable()[1].key);
  EXPECT_EQ(column(header, ended, "restarted_from"), "");
  EXPECT_EQ(column(header, ended, "start"), "-5");
  EXPECT_EQ(column(header, ended, "end"), "10");
  EXPECT_EQ(column(header, ended, "censored"), "0");
  EXPECT_EQ(column(header, ended, "duration"), "15");
  EXPECT_EQ(column(header, ended, "quality"), "0.25");
  EXPECT_EQ(column(header, ended, "packaging"), "1.5");
  const auto running = fields(pilots[2]);
  EXPECT_EQ(column(header, running, "restarted_from"), "0");
  EXPECT_EQ(column(header, running, "end"), "");
  EXPECT_EQ(column(header, running, "censored"), "1");
  EXPECT_EQ(column(header, running, "duration"), "20");  // observed to month 24
  const auto ended_in_burn_in = fields(pilots[3]);
  EXPECT_EQ(column(header, ended_in_burn_in, "end"), "-1");
  EXPECT_EQ(column(header, ended_in_burn_in, "censored"), "0");
  EXPECT_EQ(column(header, ended_in_burn_in, "duration"), "19");

  const auto tenures = lines(readFile(out / "tenures.csv"));
  const auto th = fields(tenures[0]);
  EXPECT_EQ(column(th, fields(tenures[1]), "promoted"), "1");
  EXPECT_EQ(column(th, fields(tenures[1]), "duration"), "18");
  EXPECT_EQ(column(th, fields(tenures[2]), "promoted"), "");
  EXPECT_EQ(column(th, fields(tenures[2]), "end"), "");
  EXPECT_EQ(column(th, fields(tenures[2]), "censored"), "1");

  const auto innovations = lines(readFile(out / "innovations.csv"));
  const auto ih = fields(innovations[0]);
  EXPECT_EQ(column(ih, fields(innovations[1]), "months_to_50"), "12");
  EXPECT_EQ(column(ih, fields(innovations[1]), "months_to_90"), "");
  EXPECT_EQ(column(ih, fields(innovations[1]), "final_share"), "0.75");
}

TEST_F(RunWriterTest, RecordsNoneSkipsTheLargeFiles) {
  const fs::path out = writeRun(RecordsMode::None);
  EXPECT_FALSE(fs::exists(out / "pilots.csv"));
  EXPECT_FALSE(fs::exists(out / "tenures.csv"));
  for (auto name : RunWriter::fileNames(RecordsMode::None)) {
    EXPECT_TRUE(fs::is_regular_file(out / name)) << name;
  }
}

TEST_F(RunWriterTest, ScenarioFileRecordsTheRunAndLoadsBackExactly) {
  const std::string text = readFile(writeRun(RecordsMode::All) / "scenario.toml");
  EXPECT_NE(text.find("# command: pilotsim run unit-test --seed 11\n"), std::string::npos);
  EXPECT_NE(text.find("seed 11, 2 replicates"), std::string::npos);
  Scenario loaded = loadScenarioText(text, "scenario.toml");
  loaded.source = scenario_.source;  // where it was loaded from is the one thing allowed to differ
  EXPECT_EQ(toToml(loaded), toToml(scenario_));
}

TEST_F(RunWriterTest, ReplicatesOutOfOrderAreRejected) {
  OutputDirectory dir(root_ / "out", false);
  RunWriter writer(dir, scenario_, RunWriterOptions{});
  EXPECT_THROW(writer.write(replicate(1, 3)), std::logic_error);
}

TEST_F(RunWriterTest, SameInputSameBytes) {
  const fs::path first = writeRun(RecordsMode::All);
  const fs::path kept = root_ / "first";
  fs::rename(first, kept);
  const fs::path second = writeRun(RecordsMode::All);
  for (auto name : RunWriter::fileNames(RecordsMode::All)) {
    EXPECT_EQ(readFile(kept / name), readFile(second / name)) << name;
  }
}

}  // namespace
}  // namespace pilotsim
