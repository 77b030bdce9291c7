// Shards of a campaign: the partition, shard databases that hold only their runs, and the merge's
// checks (pending, missing and foreign runs refused with the shard file, nothing written).
#include "pilotsim/core/InputError.hpp"
#include "pilotsim/experiment/CampaignMerge.hpp"
#include "pilotsim/experiment/CampaignShard.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

TEST(CampaignShard, EveryRowInExactlyOneShardInContiguousBlocks) {
  for (std::size_t rows : {1u, 5u, 12u, 97u}) {
    for (int count = 1; count <= static_cast<int>(std::min<std::size_t>(rows, 7)); ++count) {
      int previous = 1;
      for (std::size_t row = 0; row < rows; ++row) {
        int owners = 0;
        int owner = 0;
        for (int i = 1; i <= count; ++i) {
          if (CampaignShard{i, count}.holdsRow(row, rows)) {
            ++owners;
            owner = i;
          }
        }
        ASSERT_EQ(owners, 1) << rows << " rows, " << count << " shards, row " << row;
        EXPECT_TRUE(owner == previous || owner == previous + 1) << "blocks are contiguous and in order";
        previous = owner;
      }
      EXPECT_EQ(previous, count) << "the last shard holds the last row";
    }
  }
  EXPECT_TRUE(CampaignShard{}.holdsRow(3, 4));
}

TEST(CampaignShard, ParsesAndRefuses) {
  EXPECT_EQ(parseShard("2/8", "--shard"), (CampaignShard{2, 8}));
  EXPECT_EQ(parseShard("1/1", "--shard").text(), "1/1");
  for (const char* bad : {"0/4", "5/4", "1/0", "-1/4", "1/", "/4", "a/4", "1/4x", "14", "1 / 4", ""})
    EXPECT_THROW(parseShard(bad, "--shard"), InputError) << bad;
  EXPECT_THROW(checkShardFits({1, 5}, 4, "c.toml"), InputError);
  EXPECT_NO_THROW(checkShardFits({1, 4}, 4, "c.toml"));
}

class CampaignMergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pilotsim-merge-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static sensitivity::Design design() {
    sensitivity::Design d;
    d.method = sensitivity::DesignMethod::LatinHypercube;
    d.factors = {"drivers.peer_push"};
    d.types = {sensitivity::ValueType::Real};
    for (int i = 0; i < 5; ++i) {
      sensitivity::DesignRun r;
      r.run = i + 1;
      d.runs.push_back(r);
      d.values.push_back(0.1 * i);
    }
    return d;
  }

  /// Shard i of `count` with every run done (value: point + replicate / 10), or with `pending` left.
  fs::path shard(int i, int count, bool all_done = true, const std::string& text = "name = \"c\"\n") {
    const fs::path db = dir_ / ("s" + std::to_string(i) + ".db");
    CampaignStore store(db, CampaignStore::Mode::ReadWrite);
    CampaignDefinition def;
    def.campaign_file = "c.toml";
    def.campaign_text = text;
    def.base_toml = "base";
    def.program_version = "test";
    def.replicates = 2;
    def.seed = 7;
    def.outcomes = {"pseudo_share"};
    def.shard = {i, count};
    store.define(def, design());
    std::vector<RunOutput> outputs;
    for (const RunKey& k : store.pendingRuns()) {
      if (!all_done && k.replicate == 1) continue;
      outputs.push_back({k, {static_cast<double>(k.point) + k.replicate / 10.0}, {}});
    }
    store.saveRuns(outputs);
    return db;
  }

  /// The InputError's message of a merge into out.db that must fail, and that nothing was written.
  std::string refusal(const std::vector<fs::path>& shards) {
    try {
      mergeShards(dir_ / "out.db", shards, false, "test");
    } catch (const InputError& e) {
      for (const auto& entry : fs::directory_iterator(dir_))
        EXPECT_EQ(entry.path().filename().string().rfind("out.db", 0), std::string::npos) << entry.path();
      return e.what();
    }
    ADD_FAILURE() << "the merge was not refused";
    return "";
  }

  fs::path dir_;
};

TEST_F(CampaignMergeTest, ShardsHoldOnlyTheirRunsAndMergeIntoTheWhole) {
  const fs::path s1 = shard(1, 2);
  const fs::path s2 = shard(2, 2);
  {
    const CampaignStore store(s1, CampaignStore::Mode::ReadOnly);
    EXPECT_EQ(store.runCount(), 4);  // rows 0 and 1 of 5, two replicates each
    EXPECT_EQ(store.definition().shard, (CampaignShard{1, 2}));
    EXPECT_EQ(store.design().runCount(), 5u) << "a shard keeps the whole design";
  }
  const MergeSummary m = mergeShards(dir_ / "out.db", {s2, s1}, false, "pilotsim merge");
  EXPECT_EQ(m.runs, 10);
  EXPECT_EQ(m.points, 5);
  const CampaignStore merged(dir_ / "out.db", CampaignStore::Mode::ReadOnly);
  EXPECT_FALSE(merged.definition().shard.sharded());
  EXPECT_EQ(merged.doneCount(), 10);
  const auto results = merged.results();
  EXPECT_DOUBLE_EQ(results[4][0][1], 5.1);
  EXPECT_DOUBLE_EQ(results[0][0][0], 1.0);
  EXPECT_THROW(mergeShards(dir_ / "out.db", {s1, s2}, false, "again"), OutputExistsError);
}

TEST_F(CampaignMergeTest, PendingRunsAreRefusedWithTheShardAndTheRuns) {
  const fs::path s1 = shard(1, 2);
  const fs::path s2 = shard(2, 2, false);
  const std::string why = refusal({s1, s2});
  EXPECT_NE(why.find("s2.db"), std::string::npos) << why;
  EXPECT_NE(why.find("3 of its runs are still pending: (point 3, replicate 1), (point 4, replicate 1), (point 5, "
                     "replicate 1)"),
            std::string::npos)
      << why;
}

TEST_F(CampaignMergeTest, MissingShardsAndForeignCampaignsAreRefused) {
  const fs::path s1 = shard(1, 2);
  const std::string missing = refusal({s1});
  EXPECT_NE(missing.find("6 runs of the campaign are in none of the shards given"), std::string::npos) << missing;
  EXPECT_NE(missing.find("shard 2/2 (not given): 6 runs, (point 3, replicate 0)"), std::string::npos) << missing;
  EXPECT_NE(missing.find("and 1 more"), std::string::npos) << missing;
  const fs::path other = shard(2, 2, true, "name = \"other\"\n");
  const std::string foreign = refusal({s1, other});
  EXPECT_NE(foreign.find("s2.db"), std::string::npos) << foreign;
  EXPECT_NE(foreign.find("the experiment file differs from that of"), std::string::npos) << foreign;
  EXPECT_THROW(mergeShards(dir_ / "out.db", {}, false, "none"), InputError);
}

}  // namespace
}  // namespace pilotsim
