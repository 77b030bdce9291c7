#include "pilotsim/experiment/CampaignMerge.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/experiment/ClaimRobustness.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <map>
#include <memory>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

// Messages list this many runs and count the rest.
constexpr std::size_t kListed = 5;

struct Shard {
  fs::path path;
  std::unique_ptr<CampaignStore> store;
  CampaignDefinition definition;
  sensitivity::Design design;
};

std::string listed(const std::vector<RunKey>& runs) {
  std::string out;
  for (std::size_t i = 0; i < runs.size() && i < kListed; ++i)
    out += fmt::format("{}(point {}, replicate {})", i == 0 ? "" : ", ", runs[i].point, runs[i].replicate);
  if (runs.size() > kListed) out += fmt::format(" and {} more", runs.size() - kListed);
  return out;
}

Shard openShard(const fs::path& path) {
  Shard s;
  s.path = path;
  s.store = std::make_unique<CampaignStore>(path, CampaignStore::Mode::ReadOnly);
  const std::string name = path.string();
  if (!s.store->defined()) throw InputError(name, 0, "", "the campaign database holds no campaign yet");
  s.definition = s.store->definition();
  if (isRobustnessDefinition(s.definition.campaign_text))
    throw InputError(name, 0, "", "this database holds a robustness analysis of the claims, not a sweep's shard");
  s.design = s.store->design();
  if (!s.definition.shard.sharded())
    throw InputError(name, 0, "",
                     "this database holds a whole campaign, not a shard: merge takes the databases of "
                     "'pilotsim sweep FILE --shard i/N --db ...'");
  return s;
}

/// Refuses a shard of another campaign than the first one's, naming what differs.
void checkSameCampaign(const Shard& first, const Shard& s) {
  const auto& a = first.definition;
  const auto& b = s.definition;
  const auto refuse = [&](const std::string& what) {
    throw InputError(s.path.string(), 0, "",
                     fmt::format("{} differs from that of {}: the two databases are not shards of one campaign", what,
                                 first.path.string()));
  };
  if (b.campaign_text != a.campaign_text) refuse("the experiment file");
  if (b.base_toml != a.base_toml) refuse("the resolved base scenario");
  if (b.program_version != a.program_version)
    refuse(fmt::format("the program version (pilotsim {} here, {} there)", b.program_version, a.program_version));
  if (b.shard.count != a.shard.count)
    refuse(fmt::format("the shard count ({} here, {} there)", b.shard.text(), a.shard.text()));
  if (b.replicates != a.replicates || b.seed != a.seed || b.outcomes != a.outcomes ||
      b.series_measures != a.series_measures)
    refuse("the campaign's replicates, seed or kept outcomes");
  if (!sensitivity::sameDesign(first.design, s.design)) refuse("the design");
}

/// Every run of the campaign present exactly once and done. Throws InputError naming the files.
void checkRuns(const std::vector<Shard>& shards, const fs::path& out) {
  const Shard& first = shards.front();
  std::map<int, std::size_t> by_index;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const auto [it, fresh] = by_index.emplace(shards[i].definition.shard.index, i);
    if (!fresh)
      throw InputError(shards[i].path.string(), 0, "",
                       fmt::format("shard {} is given twice (also as {}); give each shard once",
                                   shards[i].definition.shard.text(), shards[it->second].path.string()));
  }
  // owner[(point, replicate)]: the shard that holds the run.
  std::map<std::pair<std::int64_t, std::uint32_t>, std::size_t> owner;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    std::vector<RunKey> pending;
    std::vector<RunKey> twice;
    std::size_t other = 0;
    for (const auto& [key, done] : shards[i].store->runStatus()) {
      const auto [it, fresh] = owner.emplace(std::make_pair(key.point, key.replicate), i);
      if (!fresh) {
        twice.push_back(key);
        other = it->second;
      }
      if (!done) pending.push_back(key);
    }
    if (!twice.empty())
      throw InputError(shards[i].path.string(), 0, "",
                       fmt::format("{} runs are also in {}: {}; a run must be in one shard only", twice.size(),
                                   shards[other].path.string(), listed(twice)));
    if (!pending.empty())
      throw InputError(shards[i].path.string(), 0, "",
                       fmt::format("{} of its runs are still pending: {}; finish the shard first (run its 'pilotsim "
                                   "sweep ... --shard {}' again)",
                                   pending.size(), listed(pending), shards[i].definition.shard.text()));
  }
  std::map<int, std::vector<RunKey>> missing;  // by the shard that should hold them
  const std::size_t rows = first.design.runCount();
  for (std::size_t row = 0; row < rows; ++row) {
    for (int rep = 0; rep < first.definition.replicates; ++rep) {
      const RunKey key{first.design.runs[row].run, static_cast<std::uint32_t>(rep)};
      if (owner.contains({key.point, key.replicate})) continue;
      CampaignShard s{1, first.definition.shard.count};
      while (!s.holdsRow(row, rows)) ++s.index;
      missing[s.index].push_back(key);
    }
  }
  if (missing.empty()) return;
  std::string what;
  std::size_t count = 0;
  for (const auto& [index, runs] : missing) {
    count += runs.size();
    const CampaignShard s{index, first.definition.shard.count};
    what += fmt::format("{}shard {} ({}): {} runs, {}", what.empty() ? "" : "; ", s.text(),
                        by_index.contains(index) ? "given, but without them" : "not given", runs.size(), listed(runs));
  }
  throw InputError(
      out.string(), 0, "",
      fmt::format("cannot merge: {} runs of the campaign are in none of the shards given — {}", count, what));
}

/// Removes a database's side files (its write-ahead log, shared memory, rollback journal) and, with
/// `file`, the database itself.
void removeDatabase(const fs::path& path, bool file) noexcept {
  std::error_code ec;
  if (file) fs::remove(path, ec);
  for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix, ec);
}

}  // namespace

MergeSummary mergeShards(const fs::path& out, const std::vector<fs::path>& shard_paths, bool force,
                         const std::string& command) {
  if (shard_paths.empty()) throw InputError(out.string(), 0, "", "no shard database to merge");
  std::error_code ec;
  if (fs::exists(out, ec) && !force)
    throw OutputExistsError(
        fmt::format("{}: the database exists; pass --force to replace it, or choose another name", out.string()));
  std::vector<Shard> shards;
  for (const auto& p : shard_paths) {
    if (fs::exists(out, ec) && fs::equivalent(p, out, ec))
      throw InputError(p.string(), 0, "", "is also the output database; write the merge to another file");
    shards.push_back(openShard(p));
    checkSameCampaign(shards.front(), shards.back());
  }
  checkRuns(shards, out);

  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (!parent.empty()) fs::create_directories(parent, ec);
  const fs::path temp = parent / fmt::format("{}.merging-{}", out.filename().string(), static_cast<long>(::getpid()));
  removeDatabase(temp, true);
  MergeSummary summary;
  try {
    {
      CampaignStore merged(temp, CampaignStore::Mode::ReadWrite);
      CampaignDefinition d = shards.front().definition;
      d.shard = {};
      d.command = command;
      merged.define(d, shards.front().design);
      for (const auto& s : shards) summary.runs += merged.copyDoneRuns(s.path);
      if (merged.doneCount() != merged.runCount() || summary.runs != merged.runCount())
        throw InputError(out.string(), 0, "",
                         fmt::format("the merge holds {} done runs of {}", merged.doneCount(), merged.runCount()));
    }  // closed: SQLite folds the write-ahead log into the file
    // The old database's log must not be replayed into the new one; rename replaces the file itself.
    if (force) removeDatabase(out, false);
    fs::rename(temp, out, ec);
    if (ec) throw OutputError(fmt::format("cannot move '{}' to '{}': {}", temp.string(), out.string(), ec.message()));
  } catch (...) {
    removeDatabase(temp, true);
    throw;
  }
  summary.points = static_cast<std::int64_t>(shards.front().design.runCount());
  summary.shards = static_cast<int>(shards.size());
  summary.campaign_file = shards.front().definition.campaign_file;
  return summary;
}

}  // namespace pilotsim
