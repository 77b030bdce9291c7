// `pilotsim run`: resolve the scenario, check the output directory, run the replicates on threads
// while streaming their records to disk, then print the key measures.
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "SummaryTable.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/RunWriter.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/report/HtmlReport.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pilotsim::cli {
namespace {

struct RunOptions {
  std::string scenario = "baseline";
  int replicates = 0;
  std::int64_t seed = 0;
  int months = 0;
  int threads = 0;
  std::string out;
  std::vector<std::string> sets;
  std::string lang = "en";
  std::string records = "all";
  bool overwrite = false;
  bool quiet = false;
  bool report = false;
  CLI::Option* replicates_opt = nullptr;
  CLI::Option* seed_opt = nullptr;
  CLI::Option* months_opt = nullptr;
};

// What reproduces the run: the scenario argument and every flag that changes results. Thread count,
// output directory, language, --quiet and --overwrite are left out: they do not change the files,
// and recording them would make the files of identical runs differ.
std::string reproducingCommand(const RunOptions& o) {
  std::vector<std::string> parts{"pilotsim", "run", o.scenario};
  for (const auto& s : o.sets) {
    parts.emplace_back("--set");
    parts.push_back(s);
  }
  if (o.replicates_opt->count() > 0) {
    parts.emplace_back("--replicates");
    parts.push_back(std::to_string(o.replicates));
  }
  if (o.seed_opt->count() > 0) {
    parts.emplace_back("--seed");
    parts.push_back(std::to_string(o.seed));
  }
  if (o.months_opt->count() > 0) {
    parts.emplace_back("--months");
    parts.push_back(std::to_string(o.months));
  }
  if (o.records != "all") {
    parts.emplace_back("--records");
    parts.push_back(o.records);
  }
  return commandLine(parts);
}

Scenario buildScenario(const RunOptions& o) {
  Scenario scenario = resolveScenario(o.scenario);
  for (const auto& s : o.sets) applyOverride(scenario, s);
  // Flags go through applyOverride too, so they are validated like any key and show up in
  // scenario.toml's source line.
  if (o.replicates_opt->count() > 0) applyOverride(scenario, fmt::format("run.replicates={}", o.replicates));
  if (o.seed_opt->count() > 0) applyOverride(scenario, fmt::format("run.seed={}", o.seed));
  if (o.months_opt->count() > 0) applyOverride(scenario, fmt::format("run.months={}", o.months));
  // applyOverride checks each key alone; rules across keys can only be checked after the last one.
  const auto problems = validateParams(scenario.params);
  if (!problems.empty()) {
    std::string joined;
    for (const auto& p : problems) joined += (joined.empty() ? "" : "; ") + p;
    throw InputError("--set", 0, "", joined);
  }
  printWarnings(scenario);
  return scenario;
}

void printHeader(const Scenario& s, std::size_t units, int threads, bool zh) {
  const RunParams& run = s.params.run;
  // The name and what it builds on; the full override history is in scenario.toml.
  const std::string base =
      s.base.empty() || s.base == s.name ? std::string() : fmt::format(" ({} {})", zh ? "基于" : "based on", s.base);
  if (zh) {
    fmt::print("pilotsim {} | 模型版本 {} | 情景 {}{}\n", programVersion(), kModelVersion, s.name, base);
    fmt::print("种子 {} | {} 次重复 | {} 个基层单位 | 预热 {} 个月后模拟 {} 个月 | {} 线程\n", run.seed, run.replicates,
               units, run.burn_in, run.months, threads);
  } else {
    fmt::print("pilotsim {} | model {} | scenario {}{}\n", programVersion(), kModelVersion, s.name, base);
    fmt::print("seed {} | {} replicates | {} units | {} months after {} months of burn-in | {} threads\n", run.seed,
               run.replicates, units, run.months, run.burn_in, threads);
  }
  std::fflush(stdout);
}

int runCommand(const RunOptions& o) {
  const bool zh = o.lang == "zh";
  const Scenario scenario = buildScenario(o);
  const RecordsMode records = o.records == "none" ? RecordsMode::None : RecordsMode::All;
  const std::string out = o.out.empty() ? "out/" + scenario.name : o.out;

  InterruptHandler interrupt_handler;
  // Before any simulation: a bad --out must fail in a second, not after the run.
  OutputDirectory dir(out, o.overwrite);

  const std::size_t units = buildHierarchy(shapeFor(scenario.params.structure)).unitCount();
  const int replicates = scenario.params.run.replicates;
  const int threads = resolveThreads(o.threads, replicates);
  printHeader(scenario, units, threads, zh);

  RunWriter writer(dir, scenario, RunWriterOptions{records, reproducingCommand(o)});
  Progress progress(Progress::detect(o.quiet));
  runReplicates(
      scenario.params, replicates, threads, [&writer](RunResult&& r) { writer.write(r); }, &progress, &g_interrupted);
  const Summary summary = writer.finish();
  if (g_interrupted) throw Interrupted();
  // Written before the commit, so the report appears with the files it shows or not at all.
  if (o.report) writeReport(dir.staging(), dir.file("report.html"), o.lang, dir.target().string());
  dir.commit();

  fmt::print("\n{}\n", summaryTable(summary, scenario.params.run.months, zh));
  std::string files;
  for (auto f : RunWriter::fileNames(records)) files += fmt::format("{}{}", files.empty() ? "" : ", ", f);
  if (o.report) files += ", report.html";
  if (zh) {
    fmt::print("输出已写入 {}/: {}\n", dir.target().string(), files);
  } else {
    fmt::print("Files written to {}/: {}\n", dir.target().string(), files);
  }
  return 0;
}

}  // namespace

CommandFn addRunCommand(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario's replicates and write the output files");
  cmd->add_option("scenario", o->scenario, "Preset name or scenario TOML file")->capture_default_str();
  o->replicates_opt = cmd->add_option("-n,--replicates", o->replicates, "Replicates (overrides run.replicates)")
                          ->check(rangeOf("run.replicates"));
  o->seed_opt =
      cmd->add_option("-s,--seed", o->seed, "Base random seed (overrides run.seed)")->check(rangeOf("run.seed"));
  o->months_opt = cmd->add_option("-m,--months", o->months, "Months simulated after burn-in (overrides run.months)")
                      ->check(rangeOf("run.months"));
  cmd->add_option("-t,--threads", o->threads, "Worker threads; 0 = one per hardware thread")
      ->check(wholeNumberIn(0, 4096))
      ->capture_default_str();
  cmd->add_option("-o,--out", o->out, "Output directory (default: out/<scenario name>)")->check(nonEmptyPath());
  cmd->add_option("--set", o->sets, "Override one parameter, e.g. --set drivers.upper_pull=0.5 (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  addLangOption(*cmd, o->lang);
  cmd->add_option("--records", o->records,
                  "Per-pilot and per-tenure files: all, or none to skip pilots.csv and tenures.csv")
      ->check(CLI::IsMember({"all", "none"}))
      ->capture_default_str();
  cmd->add_flag("--overwrite", o->overwrite, "Replace the output directory if it exists");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress line");
  cmd->add_flag("--report", o->report, "Also write report.html, the charts of the run (opens in the --lang language)");
  return [o] { return runCommand(*o); };
}

}  // namespace pilotsim::cli
