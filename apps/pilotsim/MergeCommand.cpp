// `pilotsim merge OUT SHARD...`: join the databases of a campaign's shards (`pilotsim sweep FILE
// --shard i/N`) into one, as if one sweep had run the whole campaign (experiment/CampaignMerge.hpp).
#include "CommandSupport.hpp"
#include "Commands.hpp"

#include "pilotsim/experiment/CampaignMerge.hpp"

#include <fmt/format.h>

#include <memory>

namespace pilotsim::cli {
namespace {

struct MergeOptions {
  std::string out;
  std::vector<std::string> shards;
  bool force = false;
  std::string lang = "en";
};

int mergeCommand(const MergeOptions& o) {
  std::vector<std::string> args{"pilotsim", "merge", o.out};
  args.insert(args.end(), o.shards.begin(), o.shards.end());
  const std::vector<std::filesystem::path> shards(o.shards.begin(), o.shards.end());
  const MergeSummary m = mergeShards(o.out, shards, o.force, commandLine(args));
  if (o.lang == "zh")
    fmt::print(
        "已合并 {} 个分片: {} 个设计点, 共 {} 次运行, 全部完成 (实验 {})。数据库 {}; 分析: pilotsim analyze {}; "
        "导出: pilotsim export {}\n",
        m.shards, m.points, m.runs, m.campaign_file, o.out, o.out, o.out);
  else
    fmt::print(
        "Merged {} shards: {} points, {} runs, all done (campaign {}). Database {}; analyse: pilotsim analyze "
        "{}; export: pilotsim export {}\n",
        m.shards, m.points, m.runs, m.campaign_file, o.out, o.out, o.out);
  return 0;
}

}  // namespace

CommandFn addMergeCommand(CLI::App& app) {
  auto o = std::make_shared<MergeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Join the databases of a campaign's shards (sweep --shard i/N) into one, checking every run is there once");
  cmd->add_option("out", o->out, "Merged campaign database to write (refused if it exists, unless --force)")
      ->required()
      ->check(nonEmptyPath());
  cmd->add_option("shards", o->shards, "The shards' databases, one per shard, in any order")->required();
  cmd->add_flag("--force", o->force, "Replace OUT if it exists");
  addLangOption(*cmd, o->lang);
  return [o] { return mergeCommand(*o); };
}

}  // namespace pilotsim::cli
