#include "pilotsim/io/OutputDirectory.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

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

class OutputDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("pilotsim-outdir-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  /// Everything in root_, so tests can assert that nothing else was left behind.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(root_)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path root_;
};

TEST_F(OutputDirectoryTest, FilesAppearOnlyOnCommit) {
  const fs::path target = root_ / "run";
  {
    OutputDirectory dir(target, false);
    EXPECT_TRUE(fs::is_directory(dir.staging()));
    EXPECT_EQ(dir.staging().parent_path(), root_);
    writeTextFile(dir.file("a.txt"), "alpha\n");
    EXPECT_FALSE(fs::exists(target));
    dir.commit();
    EXPECT_TRUE(dir.committed());
  }
  EXPECT_EQ(readFile(target / "a.txt"), "alpha\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"run"});
}

TEST_F(OutputDirectoryTest, FailureBeforeCommitLeavesNothing) {
  const fs::path target = root_ / "new" / "deeper" / "run";
  try {
    OutputDirectory dir(target, false);
    writeTextFile(dir.file("half.csv"), "x\n1\n");
    throw std::runtime_error("simulated failure");
  } catch (const std::runtime_error&) {}
  // Not the target, not the staging directory, not even the parents created for it.
  EXPECT_TRUE(entries().empty());
}

TEST_F(OutputDirectoryTest, ExistingTargetIsRefusedWithoutOverwrite) {
  const fs::path target = root_ / "run";
  fs::create_directories(target);
  writeTextFile(target / "old.txt", "old\n");
  try {
    OutputDirectory dir(target, false);
    FAIL() << "expected OutputExistsError";
  } catch (const OutputExistsError& e) {
    EXPECT_NE(std::string(e.what()).find("exists; pass --overwrite to replace it"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos);
  }
  EXPECT_EQ(readFile(target / "old.txt"), "old\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"run"});
}

TEST_F(OutputDirectoryTest, OverwriteReplacesOnlyOnCommit) {
  const fs::path target = root_ / "run";
  fs::create_directories(target);
  writeTextFile(target / "old.txt", "old\n");
  {
    OutputDirectory dir(target, true);
    writeTextFile(dir.file("new.txt"), "new\n");
    // Until the new run is complete the old results are untouched.
    EXPECT_EQ(readFile(target / "old.txt"), "old\n");
    dir.commit();
  }
  EXPECT_FALSE(fs::exists(target / "old.txt"));
  EXPECT_EQ(readFile(target / "new.txt"), "new\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"run"});  // no backup left
}

TEST_F(OutputDirectoryTest, FailedOverwriteKeepsTheOldDirectory) {
  const fs::path target = root_ / "run";
  fs::create_directories(target);
  writeTextFile(target / "old.txt", "old\n");
  {
    OutputDirectory dir(target, true);
    writeTextFile(dir.file("new.txt"), "new\n");
    dir.abandon();
  }
  EXPECT_EQ(readFile(target / "old.txt"), "old\n");
  EXPECT_FALSE(fs::exists(target / "new.txt"));
  EXPECT_EQ(entries(), std::vector<std::string>{"run"});
}

TEST_F(OutputDirectoryTest, AFileInTheWayIsNeverReplaced) {
  const fs::path target = root_ / "run";
  writeTextFile(target, "a file\n");
  EXPECT_THROW(OutputDirectory(target, true), OutputExistsError);
  EXPECT_EQ(readFile(target), "a file\n");
}

TEST_F(OutputDirectoryTest, TrailingSlashNamesTheSameDirectory) {
  {
    OutputDirectory dir(root_ / "run" / "", false);
    EXPECT_EQ(dir.target(), root_ / "run");
    dir.commit();
  }
  EXPECT_TRUE(fs::is_directory(root_ / "run"));
}

TEST_F(OutputDirectoryTest, UnwritableParentIsReportedUpFrontWithTheReason) {
  // /proc refuses new entries even to root, which a chmod-based test could not guarantee.
  if (!fs::is_directory("/proc/self")) GTEST_SKIP() << "no /proc";
  try {
    OutputDirectory dir("/proc/pilotsim-x", false);
    FAIL() << "expected OutputError";
  } catch (const OutputExistsError&) {
    FAIL() << "wrong error type";
  } catch (const OutputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("/proc/pilotsim-x"), std::string::npos) << what;
    // An OS reason follows the last colon.
    EXPECT_GT(what.size(), what.rfind(": ") + 2) << what;
  }
}

TEST(WriteTextFileTest, ReportsTheFileOnFailure) {
  try {
    writeTextFile("/nonexistent-pilotsim-dir/x.txt", "x");
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-pilotsim-dir/x.txt"), std::string::npos);
  }
}

}  // namespace
}  // namespace pilotsim
