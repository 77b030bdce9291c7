// Shards of a campaign, for clusters without MPI: `pilotsim sweep FILE --shard i/N` runs only the
// i-th of N parts of the campaign (1-based) into its own database, and `pilotsim merge` joins the N
// databases into one equal to an unsharded campaign's (experiment/CampaignMerge.hpp).
//
// The partition is by design point, in the design's row order: shard i holds the points of rows
// [floor((i-1) P / N), floor(i P / N)) of the P rows, with all their replicates, so a point's
// replicates stay together and every shard has about the same number of runs. It is a function of
// the design alone, so every shard job computes the same partition without talking to the others.
//
// A shard's database holds the whole definition and design (so a merge can check that the shards
// belong together) and only its own runs; meta.shard records "i/N", and resuming it with another
// --shard (or none) is refused.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pilotsim {

class CampaignStore;

struct CampaignShard {
  int index = 0;  ///< 1-based; 0 with count 0: the whole campaign
  int count = 0;

  bool sharded() const { return count > 0; }
  /// "i/N", or "" for the whole campaign: the text of meta.shard and of --shard.
  std::string text() const;
  /// True if design row `row` of `rows` belongs to this shard (always, for the whole campaign).
  bool holdsRow(std::size_t row, std::size_t rows) const;
  bool operator==(const CampaignShard&) const = default;
};

/// Parses "i/N" (1 <= i <= N <= 100000). `source` names where the text comes from in the
/// InputError ("--shard", or a database's meta.shard).
CampaignShard parseShard(std::string_view text, const std::string& source);

/// Refuses a shard that leaves shards without a point (N larger than the design's points).
void checkShardFits(const CampaignShard& shard, std::size_t points, const std::string& source);

/// Refuses to resume `store` (which holds `stored`) as `requested`: a database holds one shard (or
/// the whole campaign) for good. Throws InputError naming the database, both shards and the way out.
void checkSameShard(const CampaignStore& store, const CampaignShard& stored, const CampaignShard& requested);

}  // namespace pilotsim
