// `pilotsim sweep FILE`: run a campaign (experiment file: experiment/Campaign.hpp) into its SQLite
// database on all cores, or under mpirun over the ranks of an MPI job (docs/cluster.md); run the same
// command again to resume after Ctrl-C, kill -9 or a crash, with any number of ranks.
#include "CampaignRanks.hpp"
#include "CommandSupport.hpp"
#include "Commands.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/distributed/DistributedRuns.hpp"
#include "pilotsim/experiment/CampaignRun.hpp"
#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>

namespace pilotsim::cli {
namespace {

struct SweepOptions {
  std::string file;
  std::string db;
  std::string shard;  // --shard i/N (experiment/CampaignShard.hpp)
  int threads = 0;
  std::string lang = "en";
  bool quiet = false;
};

std::string databasePath(const SweepOptions& o, const CampaignSpec& spec, const CampaignShard& shard) {
  if (!o.db.empty()) return o.db;
  if (shard.sharded()) return fmt::format("out/{}.shard-{}-of-{}.db", spec.name, shard.index, shard.count);
  return "out/" + spec.name + ".db";
}

int sweepCommand(const SweepOptions& o) {
  const bool zh = o.lang == "zh";
  const MpiSession& mpi = mpiSession();
  InterruptHandler interrupt_handler;
  // Every rank reads the experiment file and makes the design; rank 0 alone opens the database.
  CampaignSpec spec;
  sensitivity::Design design;
  CampaignShard shard;
  agreeOnDefinition(mpi, [&] {
    spec = loadCampaignFile(o.file);
    design = campaignDesign(spec);
    if (!o.shard.empty()) shard = parseShard(o.shard, "--shard");
    return fingerprint({spec.text, toToml(spec.base), o.shard});
  });
  const CampaignWork work = campaignWork(spec, design, o.threads);
  const std::filesystem::path db = databasePath(o, spec, shard);
  std::unique_ptr<CampaignStore> store;
  agreeOnOpen(mpi, [&] {
    createDatabaseDirectory(db);
    store = std::make_unique<CampaignStore>(db, CampaignStore::Mode::ReadWrite);
    std::vector<std::string> args{"pilotsim", "sweep", o.file, "--db", db.string()};
    if (shard.sharded()) args.insert(args.end(), {"--shard", shard.text()});
    openCampaign(spec, *store, commandLine(args), shard);  // the same design as `design`: the same file
  });
  if (mpi.rank() != 0) return serveRanks(mpi, work);

  const auto start = std::chrono::steady_clock::now();
  Progress progress(Progress::detect(o.quiet));
  const int runs_per_point = spec.replicates;
  const auto announce = [&](const CampaignProgress& c) {
    const int threads = resolveThreads(o.threads, static_cast<int>(std::max<std::int64_t>(1, c.runs - c.done_before)));
    const auto all_runs = static_cast<std::int64_t>(design.runCount()) * runs_per_point;
    if (zh) {
      fmt::print("pilotsim {} | 实验 {} | {} 设计 | {} 个设计点 x {} 次重复 = {} 次运行 | {}\n", programVersion(),
                 spec.name, sensitivity::methodName(design.method), design.runCount(), runs_per_point, all_runs,
                 workersText(mpi, threads, zh));
      if (c.done_before > 0) fmt::print("续跑: 已完成 {} 次, 余 {} 次\n", c.done_before, c.runs - c.done_before);
    } else {
      fmt::print("pilotsim {} | campaign {} | {} design | {} points x {} replicates = {} runs | {}\n", programVersion(),
                 spec.name, sensitivity::methodName(design.method), design.runCount(), runs_per_point, all_runs,
                 workersText(mpi, threads, zh));
      if (c.done_before > 0)
        fmt::print("resuming: {} runs already done, {} to go\n", c.done_before, c.runs - c.done_before);
    }
    if (shard.sharded() && zh)
      fmt::print("分片 {}: 本库只含其中 {} 次运行; 全部分片完成后用 pilotsim merge 合并\n", shard.text(), c.runs);
    else if (shard.sharded())
      fmt::print("shard {}: this database holds {} of the runs; join all shards with pilotsim merge when done\n",
                 shard.text(), c.runs);
    fmt::print("{} {}\n", zh ? "数据库" : "database", db.string());
    std::fflush(stdout);
  };
  CampaignProgress counts;
  try {
    const std::vector<RunKey> pending = pendingRuns(*store, counts, announce);
    counts = runHereOrOnRanks(mpi, *store, work, pending, counts, &progress);
  } catch (const Interrupted&) {
    const std::int64_t done = store->doneCount();
    fmt::print(stderr, "pilotsim: stopped; {} of {} runs are done and kept in {}; run the same command to resume\n",
               done, store->runCount(), db.string());
    return kExitInterrupted;
  } catch (const RankLost& e) {
    reportLostRanks(mpi, e.what(), *store, "runs");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (zh) {
    fmt::print("完成: 共 {} 次运行 (本次 {} 次, {:.1f} 秒)。分析: pilotsim analyze {}; 导出: pilotsim export {}\n",
               counts.runs, counts.done_now, seconds, db.string(), db.string());
  } else {
    fmt::print(
        "Done: {} runs ({} in this session, {:.1f} s). Analyse: pilotsim analyze {}; export: pilotsim export {}\n",
        counts.runs, counts.done_now, seconds, db.string(), db.string());
  }
  return 0;
}

}  // namespace

CommandFn addSweepCommand(CLI::App& app) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run a campaign of many runs (experiment file) into a SQLite database; run again to resume");
  cmd->add_option("file", o->file, "Experiment file: base scenario, factors, design, replicates, measures")->required();
  cmd->add_option("--db", o->db, "Campaign database (default: out/<campaign name>.db)")->check(nonEmptyPath());
  cmd->add_option("--shard", o->shard,
                  "Run only shard i of N (1-based, e.g. 2/8: a contiguous block of design points) into its own "
                  "database; join the shards with 'pilotsim merge'");
  cmd->add_option("-t,--threads", o->threads, "Worker threads; 0 = one per hardware thread")
      ->check(wholeNumberIn(0, 4096))
      ->capture_default_str();
  addLangOption(*cmd, o->lang);
  cmd->add_flag("-q,--quiet", o->quiet, "No progress line");
  return [o] { return sweepCommand(*o); };
}

}  // namespace pilotsim::cli
