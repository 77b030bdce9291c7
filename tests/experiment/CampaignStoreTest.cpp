// The campaign database: definition, pending and done runs, results read back, and refusals.
#include "pilotsim/experiment/CampaignStore.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

class CampaignStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pilotsim-store-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static sensitivity::Design design() {
    sensitivity::Design d;
    d.method = sensitivity::DesignMethod::Factorial;
    d.factors = {"drivers.peer_push", "regulation.number_control"};
    d.types = {sensitivity::ValueType::Real, sensitivity::ValueType::Integer};
    for (int i = 0; i < 4; ++i) {
      sensitivity::DesignRun r;
      r.run = i + 1;
      d.runs.push_back(r);
      d.values.push_back(0.5 * (i % 2));
      d.values.push_back(i / 2 * 4);
    }
    return d;
  }
  static CampaignDefinition definition() {
    CampaignDefinition def;
    def.campaign_file = "c.toml";
    def.campaign_text = "name = \"c\"\n";
    def.base_toml = "base";
    def.program_version = "test";
    def.replicates = 2;
    def.seed = 7;
    def.outcomes = {"pseudo_share", "real_innovations"};
    def.series_measures = {"pseudo_share"};
    return def;
  }

  fs::path dir_;
};

TEST_F(CampaignStoreTest, DefinitionDesignAndRunsRoundTrip) {
  const fs::path db = dir_ / "c.db";
  {
    CampaignStore store(db, CampaignStore::Mode::ReadWrite);
    EXPECT_FALSE(store.defined());
    store.define(definition(), design());
  }
  const CampaignStore store(db, CampaignStore::Mode::ReadOnly);
  EXPECT_TRUE(store.defined());
  const auto def = store.definition();
  EXPECT_EQ(def.campaign_text, "name = \"c\"\n");
  EXPECT_EQ(def.outcomes, definition().outcomes);
  EXPECT_EQ(def.series_measures, definition().series_measures);
  EXPECT_EQ(def.replicates, 2);
  EXPECT_EQ(def.seed, 7);
  EXPECT_EQ(store.runCount(), 8);
  EXPECT_EQ(store.doneCount(), 0);
  ASSERT_EQ(store.pendingRuns().size(), 8u);
  EXPECT_EQ(store.pendingRuns()[1].point, 1);
  EXPECT_EQ(store.pendingRuns()[1].replicate, 1u);
  const auto d = store.design();
  EXPECT_EQ(d.factors, design().factors);
  EXPECT_EQ(d.values, design().values);
  EXPECT_EQ(d.types[1], sensitivity::ValueType::Integer);
}

TEST_F(CampaignStoreTest, SavedRunsAreDoneWithTheirResultsAndSeries) {
  CampaignStore store(dir_ / "c.db", CampaignStore::Mode::ReadWrite);
  store.define(definition(), design());
  const double nan = std::nan("");
  const RunOutput runs[] = {{{2, 1}, {0.25, nan}, {0.1, 0.2, 0.3}}, {{4, 0}, {0.5, 12.0}, {}}};
  store.saveRuns(runs);
  EXPECT_EQ(store.doneCount(), 2);
  EXPECT_EQ(store.pendingRuns().size(), 6u);
  const auto results = store.results();
  EXPECT_EQ(results[1][0][1], 0.25);
  EXPECT_TRUE(std::isnan(results[1][1][1]));  // an undefined value stays undefined
  EXPECT_TRUE(std::isnan(results[0][0][0]));  // a pending run has none
  EXPECT_EQ(results[3][1][0], 12.0);
  const auto series = store.seriesRows();
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[2].month, 2);
  EXPECT_EQ(series[2].value, 0.3);
}

TEST_F(CampaignStoreTest, ARunIsNeverStoredTwice) {
  CampaignStore store(dir_ / "c.db", CampaignStore::Mode::ReadWrite);
  store.define(definition(), design());
  const RunOutput first[] = {{{1, 0}, {0.1, 1.0}, {}}};
  store.saveRuns(first);
  // A batch with a run already done is refused whole: the new run in it is not stored either.
  const RunOutput again[] = {{{3, 0}, {0.2, 2.0}, {}}, {{1, 0}, {0.9, 9.0}, {}}};
  EXPECT_THROW(store.saveRuns(again), InputError);
  EXPECT_EQ(store.doneCount(), 1);
  EXPECT_EQ(store.results()[0][0][0], 0.1);
  const RunOutput unknown[] = {{{99, 0}, {0.2, 2.0}, {}}};
  EXPECT_THROW(store.saveRuns(unknown), InputError);
}

TEST_F(CampaignStoreTest, OtherFilesAreRefusedWithTheirName) {
  const fs::path junk = dir_ / "junk.db";
  std::ofstream(junk) << "not a database at all, just text that is long enough to have a header\n";
  try {
    CampaignStore store(junk, CampaignStore::Mode::ReadOnly);
    FAIL() << "opened a text file";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("junk.db"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a pilotsim campaign database"), std::string::npos) << e.what();
  }
  EXPECT_THROW(CampaignStore(dir_ / "missing.db", CampaignStore::Mode::ReadOnly), InputError);
  EXPECT_THROW(CampaignStore(dir_ / "no" / "such" / "dir.db", CampaignStore::Mode::ReadWrite), OutputError);
}

// Two processes running one database would both run its pending runs; the second is refused at
// once, naming the first. (flock(2) locks are per open file, so two stores of one process are
// two holders too.) Readers are not held up, and the lock goes with the store.
TEST_F(CampaignStoreTest, OneWriterAtATime) {
  const fs::path db = dir_ / "c.db";
  {
    CampaignStore writer(db, CampaignStore::Mode::ReadWrite);
    writer.define(definition(), design());
    EXPECT_TRUE(fs::exists(CampaignLock::lockPath(db)));
    try {
      CampaignStore second(db, CampaignStore::Mode::ReadWrite);
      FAIL() << "a second writer opened the database";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("c.db"), std::string::npos) << what;
      EXPECT_NE(what.find("in use: process " + std::to_string(::getpid()) + " on "), std::string::npos) << what;
    }
    const CampaignStore reader(db, CampaignStore::Mode::ReadOnly);
    EXPECT_EQ(reader.runCount(), 8);
  }
  EXPECT_FALSE(fs::exists(CampaignLock::lockPath(db)));
  const CampaignStore again(db, CampaignStore::Mode::ReadWrite);
  EXPECT_EQ(again.runCount(), 8);
}

// A process killed with kill -9 leaves its lock file behind but not its lock: resuming works.
TEST_F(CampaignStoreTest, ALockFileLeftBehindDoesNotBlock) {
  const fs::path db = dir_ / "c.db";
  std::ofstream(CampaignLock::lockPath(db)) << "process 1 on elsewhere since 2026-01-01 00:00:00 UTC\n";
  const CampaignStore store(db, CampaignStore::Mode::ReadWrite);
  EXPECT_FALSE(store.defined());
}

// Issue 14: 4 KB of random bytes written into the middle of a finished database went unnoticed on
// resume ("2560 runs already done") and only `export` failed. Opening must refuse it, naming the file.
TEST_F(CampaignStoreTest, ADamagedDatabaseIsRefusedOnOpen) {
  const fs::path db = dir_ / "damaged.db";
  {
    CampaignStore store(db, CampaignStore::Mode::ReadWrite);
    store.define(definition(), design());
    std::vector<RunOutput> runs;
    for (const RunKey& key : store.pendingRuns())  // 600 months of series each: pages to damage
      runs.push_back({key, {0.1 * key.point, 1.0}, std::vector<double>(600, 0.25 * key.point)});
    store.saveRuns(runs);
  }
  const auto size = fs::file_size(db);
  ASSERT_GT(size, 5u * 4096u) << "the database should span several pages";
  {
    // A fixed pattern (a linear congruential sequence): the same damage on every run of the test.
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));
    std::uint32_t x = 12345;
    for (int i = 0; i < 4096; ++i) {
      x = x * 1664525u + 1013904223u;
      f.put(static_cast<char>(x >> 24));
    }
  }
  for (const auto mode : {CampaignStore::Mode::ReadWrite, CampaignStore::Mode::ReadOnly}) {
    try {
      CampaignStore store(db, mode);
      FAIL() << "opened a damaged database";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("damaged.db"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("is damaged"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace pilotsim
