// Running a campaign into its database, resumably.
//
// The first run of a campaign stores its definition and design and marks every run pending; each
// later run (after Ctrl-C, kill -9, a crash or a reboot) checks that the experiment file and the
// program are the ones the database was started with and runs only the pending runs. Each run is
// Simulation(point's scenario, replicate), a pure function of the definition, so a resumed campaign
// ends with exactly the results of an uninterrupted one, whatever the thread count.
#pragma once

#include "pilotsim/experiment/Campaign.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

class Progress;

struct CampaignProgress {
  std::int64_t runs = 0;         ///< runs in the campaign
  std::int64_t done_before = 0;  ///< runs already done when this call started
  std::int64_t done_now = 0;     ///< runs finished by this call
};

/// Receives each finished run of a batch.
using RunSink = std::function<void(RunOutput&&)>;

/// Stores finished runs in one transaction: CampaignStore::saveRuns, and whatever else the caller
/// keeps of them (a calibration tells its sampler from the values it holds in memory).
using RunSaver = std::function<void(std::span<const RunOutput> runs)>;

/// What a campaign's runs are, for whoever runs them: this process (runPending) or the ranks of an
/// MPI job (distributed/DistributedRuns.hpp). `run` is a pure function of the keys given the
/// definition, so any process that holds the same definition computes the same outputs.
struct CampaignWork {
  /// Run `keys`, handing each finished run to `sink` (on the calling thread) and advancing
  /// `progress` (may be null) as the runs go. Throws Interrupted when `*stop` is raised; the runs
  /// already handed to the sink are complete.
  std::function<void(std::span<const RunKey> keys, const RunSink& sink, Progress* progress,
                     const std::atomic<bool>* stop)>
      run;
  std::int64_t months_per_run = 0;  ///< simulated months of one run (burn-in included), for progress
  bool items = false;               ///< a run is an item of many simulations (Progress::countItems)
  int threads = 0;                  ///< worker threads of `run` (0: one per hardware thread)

  /// Start `progress` for `runs` runs of this work.
  void begin(Progress& progress, std::int64_t runs) const;
  /// Count `runs` runs finished elsewhere (by another rank) in `progress`.
  void credit(Progress& progress, std::int64_t runs) const;
  /// End `progress`'s line (Progress::endItems or finish).
  void end(Progress& progress) const;
};

/// Ends the progress line of `work` on every way out of a scope. `progress` may be null.
class EndProgressOnExit {
 public:
  EndProgressOnExit(const CampaignWork& work, Progress* progress) : work_(work), progress_(progress) {}
  ~EndProgressOnExit() {
    if (progress_ != nullptr) work_.end(*progress_);
  }
  EndProgressOnExit(const EndProgressOnExit&) = delete;
  EndProgressOnExit& operator=(const EndProgressOnExit&) = delete;

 private:
  const CampaignWork& work_;
  Progress* progress_;
};

/// The work of a campaign's runs on `threads` workers: each run is Simulation(point's scenario,
/// replicate) with the campaign's kept outcomes and series. `spec` and `design` must outlive it.
CampaignWork campaignWork(const CampaignSpec& spec, const sensitivity::Design& design, int threads);

/// Run `pending` with `work` in this process, storing finished runs in transactions (at least every
/// second, and each run at once if it is an item); `counts` comes from pendingRuns. When `*stop` is raised the finished
/// runs are stored and Interrupted is thrown.
CampaignProgress runPending(CampaignStore& store, const CampaignWork& work, std::span<const RunKey> pending,
                            CampaignProgress counts, Progress* progress, const std::atomic<bool>* stop);
/// The same, each transaction through `save`.
CampaignProgress runPending(const RunSaver& save, const CampaignWork& work, std::span<const RunKey> pending,
                            CampaignProgress counts, Progress* progress, const std::atomic<bool>* stop);

/// Each design run's row in `design`, by run number (a database's `point`).
std::map<std::int64_t, std::size_t> rowOfPoint(const sensitivity::Design& design);

/// The runs still pending in `store`, with the counts before the first of them (passed to
/// `on_start` if given): the start of runCampaign and of runRobustness.
std::vector<RunKey> pendingRuns(const CampaignStore& store, CampaignProgress& counts,
                                const std::function<void(const CampaignProgress&)>& on_start);

/// Refuses to resume work in `store` that another program version started (InputError naming the
/// database): resuming would mix the results of two programs. `what` names the work ("campaign").
void checkSameProgram(const CampaignStore& store, const CampaignDefinition& stored, std::string_view what);

/// Open the campaign in `store` (defining it if the database is new, with only `shard`'s runs) and
/// check it is `spec`'s. Throws InputError if the database holds another campaign file, was started
/// by another program version or holds another shard (CampaignShard.hpp). Returns the design.
sensitivity::Design openCampaign(const CampaignSpec& spec, CampaignStore& store, const std::string& command,
                                 const CampaignShard& shard = {});

/// Run the pending runs on `threads` workers, storing finished runs in transactions (at least every
/// second). `on_start` is called with the counts before the first run. When `*stop` is raised the
/// finished runs are stored and Interrupted is thrown.
CampaignProgress runCampaign(const CampaignSpec& spec, const sensitivity::Design& design, CampaignStore& store,
                             int threads, Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr,
                             const std::function<void(const CampaignProgress&)>& on_start = {});

}  // namespace pilotsim
