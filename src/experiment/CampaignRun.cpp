#include "pilotsim/experiment/CampaignRun.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/ClaimRobustness.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/Runner.hpp"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <memory>

namespace pilotsim {
namespace {

constexpr std::size_t kSlice = 2048;  // runs given to the pool at once (campaignWork)
// Finished runs are committed at least this often, and in groups of at most kCommitRuns.
constexpr auto kCommitInterval = std::chrono::seconds(1);
constexpr std::size_t kCommitRuns = 512;

std::vector<std::string> keys(const std::vector<int>& outcomes) {
  std::vector<std::string> out;
  for (int k : outcomes) out.emplace_back(outcomeTable()[static_cast<std::size_t>(k)].key);
  return out;
}

/// The kept measures that have monthly series (record outcomes have none).
std::vector<int> seriesMeasures(const CampaignSpec& spec) {
  std::vector<int> out;
  if (!spec.series) return out;
  for (int k : spec.outcomes)
    if (k < kMeasureCount) out.push_back(k);
  return out;
}

}  // namespace

sensitivity::Design openCampaign(const CampaignSpec& spec, CampaignStore& store, const std::string& command,
                                 const CampaignShard& shard) {
  const sensitivity::Design design = campaignDesign(spec);
  checkShardFits(shard, design.runCount(), spec.file);
  if (!store.defined()) {
    CampaignDefinition d;
    d.campaign_file = spec.file;
    d.campaign_text = spec.text;
    d.base_toml = toToml(spec.base);
    d.program_version = std::string(programVersion());
    d.command = command;
    d.replicates = spec.replicates;
    d.seed = spec.base.params.run.seed;
    d.outcomes = keys(spec.outcomes);
    d.series_measures = keys(seriesMeasures(spec));
    d.shard = shard;
    store.define(d, design);
    return design;
  }
  const CampaignDefinition stored = store.definition();
  store.checkHoldsDesign();
  if (isRobustnessDefinition(stored.campaign_text))
    throw InputError(spec.file, 0, "",
                     fmt::format("the database {} holds a robustness analysis of the claims ('pilotsim claims "
                                 "--robustness'), not this campaign; start a new database with --db",
                                 store.path().string()));
  if (stored.campaign_text != spec.text)
    throw InputError(spec.file, 0, "",
                     fmt::format("this experiment file has changed since the campaign database {} was started (from "
                                 "{}); its results would not belong to it. Restore the file (the database keeps "
                                 "its text: 'pilotsim export' writes it out), or start a new database with --db",
                                 store.path().string(), stored.campaign_file));
  checkSameProgram(store, stored, "campaign");
  checkSameShard(store, stored.shard, shard);
  if (spec.file_design && !sensitivity::sameDesign(store.design(), design))
    throw InputError(spec.file, 0, "design.file",
                     fmt::format("the design CSV has changed since the campaign database {} was started; its results "
                                 "would not belong to it. Restore the CSV ('pilotsim export' writes the stored "
                                 "design as design.csv), or start a new database with --db",
                                 store.path().string()));
  return design;
}

std::map<std::int64_t, std::size_t> rowOfPoint(const sensitivity::Design& design) {
  std::map<std::int64_t, std::size_t> rows;
  for (std::size_t i = 0; i < design.runCount(); ++i) rows[design.runs[i].run] = i;
  return rows;
}

std::vector<RunKey> pendingRuns(const CampaignStore& store, CampaignProgress& counts,
                                const std::function<void(const CampaignProgress&)>& on_start) {
  std::vector<RunKey> pending = store.pendingRuns();
  counts.runs = store.runCount();
  counts.done_before = counts.runs - static_cast<std::int64_t>(pending.size());
  if (on_start) on_start(counts);
  return pending;
}

void checkSameProgram(const CampaignStore& store, const CampaignDefinition& stored, std::string_view what) {
  if (stored.program_version == programVersion()) return;
  throw InputError(store.path().string(), 0, "",
                   fmt::format("the {} was started by pilotsim {} and this is pilotsim {}; resuming would "
                               "mix the results of two programs. Use that program, or start a new database "
                               "with --db",
                               what, stored.program_version, programVersion()));
}

void CampaignWork::begin(Progress& progress, std::int64_t runs) const {
  if (items) {
    progress.beginRuns(static_cast<int>(runs), runs * months_per_run);
    progress.countItems("parameter sets");
  } else {
    progress.countRuns();
    progress.beginRuns(static_cast<int>(runs), runs * months_per_run);
  }
}

void CampaignWork::end(Progress& progress) const { items ? progress.endItems() : progress.finish(); }

void CampaignWork::credit(Progress& progress, std::int64_t runs) const {
  progress.advance(runs * months_per_run);
  for (std::int64_t i = 0; i < runs; ++i) items ? progress.itemDone() : progress.replicateDone();
}

CampaignWork campaignWork(const CampaignSpec& spec, const sensitivity::Design& design, int threads) {
  CampaignWork work;
  work.months_per_run = spec.base.params.run.burn_in + spec.base.params.run.months;
  work.threads = threads;
  // Shared by the copies of `run`: the design's rows and the kept series, computed once.
  const auto row_of_point = std::make_shared<const std::map<std::int64_t, std::size_t>>(rowOfPoint(design));
  work.run = [&spec, &design, threads, row_of_point, series = seriesMeasures(spec)](
                 std::span<const RunKey> keys, const RunSink& sink, Progress* progress, const std::atomic<bool>* stop) {
    // Jobs are handed to the pool in slices, so that a campaign of a million runs never holds a
    // million parameter sets; a slice is large enough that the pool rarely waits at its end.
    for (std::size_t begin = 0; begin < keys.size(); begin += kSlice) {
      const std::size_t end = std::min(keys.size(), begin + kSlice);
      // One parameter set per point of the slice; jobs point into this map, which does not move.
      // Structure parameters cannot be factors, so every point has the base's hierarchy.
      std::map<std::int64_t, Params> params;
      std::vector<Job> jobs;
      for (std::size_t i = begin; i < end; ++i) {
        const RunKey key = keys[i];
        auto it = params.find(key.point);
        if (it == params.end()) {
          const auto row = row_of_point->find(key.point);
          if (row == row_of_point->end())
            throw InputError(spec.file, 0, "", fmt::format("run {} is not a point of the design", key.point));
          it = params.emplace(key.point, pointScenario(spec, design, row->second).params).first;
        }
        jobs.push_back({&it->second, key.replicate});
      }
      runJobs(
          jobs, threads,
          [&](std::size_t job, RunResult&& result) {
            RunOutput out;
            out.key = keys[begin + job];
            const auto all = replicateOutcomes(result);
            for (int k : spec.outcomes) out.outcomes.push_back(all[static_cast<std::size_t>(k)]);
            for (const auto& month : result.monthly)
              for (int m : series) out.series.push_back(month.values[static_cast<std::size_t>(m)]);
            sink(std::move(out));
          },
          progress, stop);
    }
  };
  return work;
}

CampaignProgress runPending(CampaignStore& store, const CampaignWork& work, std::span<const RunKey> pending,
                            CampaignProgress counts, Progress* progress, const std::atomic<bool>* stop) {
  return runPending([&store](std::span<const RunOutput> runs) { store.saveRuns(runs); }, work, pending, counts,
                    progress, stop);
}

CampaignProgress runPending(const RunSaver& save, const CampaignWork& work, std::span<const RunKey> pending,
                            CampaignProgress counts, Progress* progress, const std::atomic<bool>* stop) {
  if (pending.empty()) return counts;
  if (progress != nullptr) work.begin(*progress, static_cast<std::int64_t>(pending.size()));
  const EndProgressOnExit end(work, progress);
  std::vector<RunOutput> buffer;
  auto last_commit = std::chrono::steady_clock::now();
  const auto flush = [&] {
    save(buffer);
    counts.done_now += static_cast<std::int64_t>(buffer.size());
    buffer.clear();
    last_commit = std::chrono::steady_clock::now();
  };
  try {
    work.run(
        pending,
        [&](RunOutput&& out) {
          buffer.push_back(std::move(out));
          if (work.items || buffer.size() >= kCommitRuns ||
              std::chrono::steady_clock::now() - last_commit >= kCommitInterval)
            flush();
        },
        progress, stop);
  } catch (const Interrupted&) {
    // The runs in the buffer are complete: keep them.
    flush();
    throw;
  }
  flush();
  return counts;
}

CampaignProgress runCampaign(const CampaignSpec& spec, const sensitivity::Design& design, CampaignStore& store,
                             int threads, Progress* progress, const std::atomic<bool>* stop,
                             const std::function<void(const CampaignProgress&)>& on_start) {
  CampaignProgress counts;
  const std::vector<RunKey> pending = pendingRuns(store, counts, on_start);
  return runPending(store, campaignWork(spec, design, threads), pending, counts, progress, stop);
}

}  // namespace pilotsim
