// Recognising what `pilotsim report` was given, and refusing everything else with the path named.
#include "pilotsim/report/ReportKind.hpp"

#include "pilotsim/core/InputError.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

class ReportKindTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("pilotsim-report-kind-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path touch(const fs::path& p, const std::string& text = "x") {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  static std::string errorOf(const fs::path& p) {
    try {
      detectReportKind(p);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path root_;
};

TEST_F(ReportKindTest, RecognisesEachKind) {
  touch(root_ / "run/scenario.toml");
  touch(root_ / "run/monthly.csv");
  touch(root_ / "cmp/compare.json");
  touch(root_ / "cmp/monthly_bands.csv");
  touch(root_ / "cl/claims.json");
  touch(root_ / "dec/decomposition.json");
  touch(root_ / "rob/robustness.json");
  touch(root_ / "cal/calibration.json");
  touch(root_ / "c.db", std::string("SQLite format 3\0rest of the header", 34));
  EXPECT_EQ(detectReportKind(root_ / "run"), ReportKind::Run);
  EXPECT_EQ(detectReportKind(root_ / "cmp"), ReportKind::Compare);
  EXPECT_EQ(detectReportKind(root_ / "cl"), ReportKind::Claims);
  EXPECT_EQ(detectReportKind(root_ / "dec"), ReportKind::Decomposition);
  EXPECT_EQ(detectReportKind(root_ / "rob"), ReportKind::Robustness);
  EXPECT_EQ(detectReportKind(root_ / "cal"), ReportKind::Calibration);
  EXPECT_EQ(detectReportKind(root_ / "c.db"), ReportKind::Campaign);
  EXPECT_EQ(toString(ReportKind::Campaign), "campaign");
  EXPECT_EQ(toString(ReportKind::Decomposition), "decomposition");
  EXPECT_EQ(toString(ReportKind::Robustness), "robustness");
  EXPECT_EQ(toString(ReportKind::Calibration), "calibration");
}

TEST_F(ReportKindTest, RefusalListsEveryKind) {
  // The message is the user's only guide to what `pilotsim report` takes: it names the files looked
  // for and the commands whose output is accepted, the claims' analyses included.
  touch(root_ / "other/decomposition.csv");  // the JSON summary is what marks the directory
  touch(root_ / "other/robustness.md");
  touch(root_ / "other/calibration.toml");  // a calibration's directory is marked by calibration.json
  const std::string e = errorOf(root_ / "other");
  EXPECT_NE(e.find("no claims.json, no decomposition.json, no robustness.json and no calibration.json"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("'claims' (also with --decompose or --robustness) or 'calibrate'"), std::string::npos) << e;
}

TEST_F(ReportKindTest, MissingPathIsNamed) {
  const std::string e = errorOf(root_ / "nowhere");
  EXPECT_NE(e.find("nowhere"), std::string::npos) << e;
  EXPECT_NE(e.find("no such file or directory"), std::string::npos) << e;
}

TEST_F(ReportKindTest, UnknownDirectoryAndFileAreRefused) {
  touch(root_ / "other/notes.txt");
  touch(root_ / "half/scenario.toml");  // a run directory needs monthly.csv too
  touch(root_ / "table.csv", "a,b\n1,2\n");
  touch(root_ / "short.db", "SQLite");
  EXPECT_NE(errorOf(root_ / "other").find("not a pilotsim output directory"), std::string::npos);
  EXPECT_NE(errorOf(root_ / "half").find("not a pilotsim output directory"), std::string::npos);
  EXPECT_NE(errorOf(root_ / "table.csv").find("not a campaign database"), std::string::npos);
  EXPECT_NE(errorOf(root_ / "short.db").find("not a campaign database"), std::string::npos);
}

}  // namespace
}  // namespace pilotsim
