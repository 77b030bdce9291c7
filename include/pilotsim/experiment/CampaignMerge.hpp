// `pilotsim merge OUT SHARD...`: the databases of a campaign's shards (CampaignShard.hpp) joined
// into one database equal to an unsharded campaign's, so that export, analyze and report treat it
// as if one `pilotsim sweep` had run it.
//
// The merge checks before it writes: every shard holds the same campaign (experiment text, resolved
// base scenario, program version, design, shard count), no shard is given twice, and every run of
// the campaign is present exactly once and done. It writes OUT under a temporary name in OUT's
// directory and renames it into place, so OUT is either absent, the old file, or complete.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pilotsim {

struct MergeSummary {
  std::int64_t runs = 0;    ///< runs of the campaign, all done
  std::int64_t points = 0;  ///< design points
  int shards = 0;
  std::string campaign_file;  ///< as the shards' campaign recorded it
};

/// Merge `shards` into `out`. An existing `out` is refused (OutputExistsError) unless `force`.
/// Throws InputError naming the shard file (or `out`) and, for runs missing, duplicated or pending,
/// a few of them as (point, replicate) and the count of the rest. `command` is recorded in meta.
MergeSummary mergeShards(const std::filesystem::path& out, const std::vector<std::filesystem::path>& shards, bool force,
                         const std::string& command);

}  // namespace pilotsim
