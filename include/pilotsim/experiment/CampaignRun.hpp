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
