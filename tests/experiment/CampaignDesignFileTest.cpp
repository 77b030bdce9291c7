// A campaign's design read from another tool's CSV: factor types from the parameters, points
// numbered in file order or by `run`, pilotsim's own design CSV keeping its method, and the
// experiment file's [design] method = "file" resolved relative to the experiment file.
#include "pilotsim/experiment/CampaignDesignFile.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/experiment/Campaign.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

class CampaignDesignFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pilotsim-designfile-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }
  fs::path dir_;
};

TEST_F(CampaignDesignFileTest, TypesComeFromTheParametersAndPointsFromTheRows) {
  const auto d = readCampaignDesignCsv(
      write("d.csv", "drivers.promotion_drive,regulation.number_control,mechanisms.packaging\n0.3,2.0,0\n0.5,4,1.0\n"));
  EXPECT_EQ(d.method, sensitivity::DesignMethod::File);
  ASSERT_EQ(d.factorCount(), 3u);
  EXPECT_EQ(d.types[0], sensitivity::ValueType::Real);
  EXPECT_EQ(d.types[1], sensitivity::ValueType::Integer);
  EXPECT_EQ(d.types[2], sensitivity::ValueType::Boolean);
  ASSERT_EQ(d.runCount(), 2u);
  EXPECT_EQ(d.runs[0].run, 1);
  EXPECT_EQ(d.runs[1].run, 2);
  EXPECT_DOUBLE_EQ(d.row(1)[1], 4.0);
}

TEST_F(CampaignDesignFileTest, ARunColumnNumbersThePoints) {
  const auto d = readCampaignDesignCsv(write("d.csv", "run,drivers.peer_push\n7,0.1\n3,0.2\n"));
  ASSERT_EQ(d.factorCount(), 1u);
  EXPECT_EQ(d.runs[0].run, 7);
  EXPECT_EQ(d.runs[1].run, 3);
  EXPECT_THROW(readCampaignDesignCsv(write("e.csv", "run,drivers.peer_push\n0,0.1\n")), InputError);
}

TEST_F(CampaignDesignFileTest, PilotsimsOwnDesignCsvKeepsItsMethod) {
  const auto d = readCampaignDesignCsv(
      write("d.csv", "run,design,drivers.peer_push\n1,latin-hypercube,0.1\n2,latin-hypercube,0.3\n"));
  EXPECT_EQ(d.method, sensitivity::DesignMethod::LatinHypercube);
}

TEST_F(CampaignDesignFileTest, ValuesAreCheckedWithTheCsvLineAndColumn) {
  try {
    readCampaignDesignCsv(write("d.csv", "drivers.peer_push\n0.1\n0.2\n9\n"));
    FAIL() << "not refused";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 4);
    EXPECT_EQ(e.key(), "drivers.peer_push");
    EXPECT_NE(std::string(e.what()).find("outside drivers.peer_push's range"), std::string::npos) << e.what();
  }
}

TEST_F(CampaignDesignFileTest, TheExperimentFileNamesItRelativeToItself) {
  write("sub/d.csv", "drivers.peer_push\n0.1\n0.2\n0.4\n");
  const fs::path experiment =
      write("sub/c.toml", "base = \"county\"\nreplicates = 2\n[design]\nmethod = \"file\"\nfile = \"d.csv\"\n");
  const CampaignSpec spec = loadCampaignFile(experiment);
  ASSERT_TRUE(spec.file_design.has_value());
  EXPECT_EQ(spec.design_file, dir_ / "sub" / "d.csv");
  EXPECT_EQ(campaignDesign(spec).runCount(), 3u);
  // The text alone does not read the CSV (the file need not exist to parse it).
  const CampaignSpec parsed = parseCampaignText("base = \"county\"\n[design]\nmethod = \"file\"\nfile = \"none.csv\"\n",
                                                (dir_ / "x.toml").string());
  EXPECT_FALSE(parsed.file_design.has_value());
  EXPECT_THROW(campaignDesign(parsed), InputError);
}

}  // namespace
}  // namespace pilotsim
