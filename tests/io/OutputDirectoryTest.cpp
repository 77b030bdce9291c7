#include "pilotsim/io/OutputDirectory.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <sys/wait.h>
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

  /// A directory as a finished pilotsim run leaves it: one file and the marker.
  static void writtenByPilotsim(const fs::path& target, const std::string& file, const std::string& text) {
    OutputDirectory dir(target, false);
    writeTextFile(dir.file(file), text);
    dir.commit();
  }

  fs::path root_;
};

// The pid of a process that has certainly exited: a child that was waited for (reuse of its pid within
// the test's few milliseconds would need the whole pid space to wrap).
pid_t deadPid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

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
  writtenByPilotsim(target, "old.txt", "old\n");
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
  writtenByPilotsim(target, "old.txt", "old\n");
  {
    OutputDirectory dir(target, true);
    writeTextFile(dir.file("new.txt"), "new\n");
    dir.abandon();
  }
  EXPECT_EQ(readFile(target / "old.txt"), "old\n");
  EXPECT_FALSE(fs::exists(target / "new.txt"));
  EXPECT_EQ(entries(), std::vector<std::string>{"run"});
}

// Issue 14: `name = ""` with --overwrite replaced all of out/, and `name = "../../victim"` an unrelated
// folder. Whatever path reaches OutputDirectory, --overwrite replaces only what pilotsim wrote.
TEST_F(OutputDirectoryTest, OverwriteRefusesADirectoryPilotsimDidNotWrite) {
  const fs::path target = root_ / "victim";
  fs::create_directories(target / "inner");
  writeTextFile(target / "thesis.tex", "years of work\n");
  try {
    OutputDirectory dir(target, true);
    FAIL() << "expected OutputExistsError";
  } catch (const OutputExistsError& e) {
    EXPECT_NE(std::string(e.what()).find("was not written by pilotsim"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(readFile(target / "thesis.tex"), "years of work\n");
  EXPECT_TRUE(fs::is_directory(target / "inner"));
  EXPECT_EQ(entries(), std::vector<std::string>{"victim"});  // no staging directory left either
}

// The marker is what makes a directory replaceable, so every committed output must carry it.
TEST_F(OutputDirectoryTest, EveryOutputCarriesTheMarker) {
  writtenByPilotsim(root_ / "run", "a.txt", "a\n");
  EXPECT_NE(readFile(root_ / "run" / std::string(kOutputMarker)).find("written by pilotsim"), std::string::npos);
}

// Issue 14: kill -9 during `run` left <out>.tmp-PID/ with partial CSVs that no later run removed.
// A leftover of a dead process (with the marker, or empty) goes; a live process's staging directory,
// and a directory that only looks like one, stay.
TEST_F(OutputDirectoryTest, StaleStagingOfDeadProcessesIsRemoved) {
  const pid_t dead = deadPid();
  const fs::path stale = root_ / ("run.tmp-" + std::to_string(dead));
  fs::create_directories(stale);
  writeTextFile(stale / std::string(kOutputMarker), "x\n");
  writeTextFile(stale / "monthly.csv", "half a fi");
  const fs::path emptyStale = root_ / ("other.tmp-" + std::to_string(dead));
  fs::create_directories(emptyStale);
  const fs::path foreign = root_ / ("notes.tmp-" + std::to_string(dead));
  fs::create_directories(foreign);
  writeTextFile(foreign / "mine.txt", "not pilotsim's\n");
  const fs::path live = root_ / ("run.tmp-" + std::to_string(::getppid()));  // our parent runs
  fs::create_directories(live);
  writeTextFile(live / std::string(kOutputMarker), "x\n");

  writtenByPilotsim(root_ / "run", "a.txt", "a\n");
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(emptyStale));
  EXPECT_TRUE(fs::exists(foreign / "mine.txt"));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_EQ(removeStaleStaging(root_), 0);  // nothing more to remove
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
