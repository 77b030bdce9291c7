#include "pilotsim/experiment/CampaignOutputs.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/core/Stats.hpp"

#include <fmt/format.h>

namespace pilotsim {

sensitivity::OutputTable campaignOutputs(const CampaignStore& store, const sensitivity::Design& design) {
  if (const CampaignShard shard = store.definition().shard; shard.sharded())
    throw InputError(store.path().string(), 0, "",
                     fmt::format("the database holds only shard {} of the campaign; join the shards with 'pilotsim "
                                 "merge OUT.db SHARD.db...' and analyse the merged database",
                                 shard.text()));
  const std::int64_t pending = store.runCount() - store.doneCount();
  if (pending > 0)
    throw InputError(store.path().string(), 0, "",
                     fmt::format("{} of {} runs are still pending; finish the campaign with 'pilotsim sweep' first, "
                                 "or 'pilotsim export' the runs done so far",
                                 pending, store.runCount()));
  const CampaignDefinition def = store.definition();
  const auto results = store.results();
  sensitivity::OutputTable table;
  table.names = def.outcomes;
  table.columns.assign(def.outcomes.size(), std::vector<double>(design.runCount()));
  for (std::size_t row = 0; row < design.runCount(); ++row)
    for (std::size_t k = 0; k < def.outcomes.size(); ++k) table.columns[k][row] = meanInterval(results[row][k]).mean;
  return table;
}

}  // namespace pilotsim
