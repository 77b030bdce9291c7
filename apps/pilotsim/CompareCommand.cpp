// `pilotsim compare A B [C ...]`: run scenarios side by side with common random numbers and report,
// for each outcome, every scenario's level and its difference from the first, with intervals, a
// standardised effect size and a plain verdict.
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "SummaryTable.hpp"
#include "TextTable.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/Comparison.hpp"
#include "pilotsim/experiment/ComparisonFiles.hpp"
#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/report/HtmlReport.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

namespace pilotsim::cli {
namespace {

struct CompareOptions {
  std::vector<std::string> scenarios;
  int replicates = 30;
  std::int64_t seed = 0;
  int months = 0;
  int threads = 0;
  std::string out;
  std::vector<std::string> sets;
  std::string measures = "key";
  std::string lang = "en";
  bool overwrite = false;
  bool quiet = false;
  bool report = false;
  CLI::Option* seed_opt = nullptr;
  CLI::Option* months_opt = nullptr;
  CLI::Option* replicates_opt = nullptr;
};

/// "--set 2:key=value" applies to the second scenario only; "--set key=value" to all. A key never
/// contains ':', so the prefix is unambiguous.
struct Override {
  int scenario = 0;  ///< 1-based; 0 = all
  std::string assignment;
};

Override parseOverride(const std::string& text, int scenarios) {
  const auto eq = text.find('=');
  const auto colon = text.find(':');
  if (colon == std::string::npos || (eq != std::string::npos && colon > eq)) return {0, text};
  const std::string index = text.substr(0, colon);
  int n = 0;
  const auto [ptr, ec] = std::from_chars(index.data(), index.data() + index.size(), n);
  if (ec != std::errc() || ptr != index.data() + index.size() || n < 1 || n > scenarios)
    throw UsageError(
        fmt::format("--set {}: the prefix before ':' must be a scenario's position, 1 to {}", text, scenarios));
  return {n, text.substr(colon + 1)};
}

std::vector<std::pair<std::string, Scenario>> buildScenarios(const CompareOptions& o) {
  const int n = static_cast<int>(o.scenarios.size());
  std::vector<Override> overrides;
  for (const auto& s : o.sets) overrides.push_back(parseOverride(s, n));
  std::vector<std::pair<std::string, Scenario>> out;
  std::set<std::string> labels;
  for (int i = 0; i < n; ++i) {
    Scenario scenario = resolveScenario(o.scenarios[static_cast<std::size_t>(i)]);
    std::string own;
    for (const auto& ov : overrides) {
      if (ov.scenario != 0 && ov.scenario != i + 1) continue;
      applyOverride(scenario, ov.assignment);
      if (ov.scenario != 0) own += (own.empty() ? "" : ",") + ov.assignment;
    }
    if (o.months_opt->count() > 0) applyOverride(scenario, fmt::format("run.months={}", o.months));
    const auto problems = validateParams(scenario.params);
    if (!problems.empty()) throw InputError(o.scenarios[static_cast<std::size_t>(i)], 0, "", problems.front());
    // Labels name a scenario in tables and files: its name, what was set for it alone, and its
    // position if that is still not unique (the same preset twice).
    std::string label = own.empty() ? scenario.name : fmt::format("{}[{}]", scenario.name, own);
    if (!labels.insert(label).second) label = fmt::format("{}#{}", label, i + 1);
    labels.insert(label);
    out.emplace_back(std::move(label), std::move(scenario));
  }
  return out;
}

std::string reproducingCommand(const CompareOptions& o, std::uint64_t seed) {
  std::vector<std::string> parts{"pilotsim", "compare"};
  parts.insert(parts.end(), o.scenarios.begin(), o.scenarios.end());
  for (const auto& s : o.sets) parts.insert(parts.end(), {"--set", s});
  parts.insert(parts.end(), {"--replicates", std::to_string(o.replicates), "--seed", std::to_string(seed)});
  if (o.months_opt->count() > 0) parts.insert(parts.end(), {"--months", std::to_string(o.months)});
  return commandLine(parts);
}

/// Which outcomes the table shows: "key" (the key measures), "all", or a comma-separated list.
std::vector<int> selectOutcomes(const std::string& spec) {
  std::vector<int> out;
  if (spec == "key" || spec == "all") {
    for (const auto& m : measureTable())
      if (spec == "all" || m.key_measure) out.push_back(outcomeIndex(m.id));
    if (spec == "all")
      for (int k = kMeasureCount; k < kOutcomeCount; ++k) out.push_back(k);
    return out;
  }
  std::size_t start = 0;
  while (start <= spec.size()) {
    const auto end = spec.find(',', start);
    const std::string key = spec.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const int k = findOutcome(key);
    if (k < 0)
      throw UsageError(
          fmt::format("--measures: unknown outcome '{}'; use key, all, or names from 'pilotsim measures'", key));
    out.push_back(k);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string_view directionLabel(Direction d, bool zh) {
  switch (d) {
    case Direction::Higher:
      return zh ? "更高" : "higher";
    case Direction::Lower:
      return zh ? "更低" : "lower";
    case Direction::Unclear:
      return zh ? "无明确差异" : "no clear difference";
  }
  return "";
}

std::string comparisonTable(const std::vector<ScenarioRun>& runs, const std::vector<OutcomeComparison>& comparisons,
                            const std::vector<int>& shown, bool zh) {
  using Align = TextTable::Align;
  TextTable table(
      zh ? std::vector<std::string>{"指标", "情景", "均值 [95% 区间]", "差值 [95% 区间]", "效应量 d", "结论"}
         : std::vector<std::string>{"Measure", "Scenario", "Mean [95% interval]", "Difference [95% interval]",
                                    "Effect size d", "Verdict"},
      {Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Left});
  const auto info = outcomeTable();
  for (const int k : shown) {
    const auto& c = comparisons[static_cast<std::size_t>(k)];
    for (std::size_t s = 0; s < runs.size(); ++s) {
      const std::string name = s == 0 ? std::string(zh ? info[k].zh : info[k].en) : std::string();
      if (s == 0) {
        table.addRow({name, runs[s].label, formatInterval(c.level[s]), "", "", ""});
        continue;
      }
      table.addRow({name, runs[s].label, formatInterval(c.level[s]), formatInterval(c.difference[s]),
                    std::isnan(c.effect_size[s]) ? "-" : fmt::format("{:.2f}", c.effect_size[s]),
                    std::string(directionLabel(c.direction[s], zh))});
    }
  }
  return table.render();
}

int compareCommand(const CompareOptions& o) {
  const bool zh = o.lang == "zh";
  if (o.scenarios.size() < 2)
    throw UsageError("compare needs at least two scenarios, e.g. pilotsim compare baseline reform-all");
  const auto shown = selectOutcomes(o.measures);
  auto scenarios = buildScenarios(o);
  const std::uint64_t seed = o.seed_opt->count() > 0
                                 ? static_cast<std::uint64_t>(o.seed)
                                 : static_cast<std::uint64_t>(scenarios.front().second.params.run.seed);
  std::string out = o.out;
  if (out.empty()) {
    out = "out/compare";
    for (const auto& s : o.scenarios) out += "-" + std::filesystem::path(s).stem().string();
  }

  InterruptHandler interrupt_handler;
  OutputDirectory dir(out, o.overwrite);
  ComparisonOptions options;
  options.replicates = o.replicates;
  options.seed = seed;
  options.threads = o.threads;
  options.monthly_bands = true;
  const int threads = resolveThreads(o.threads, o.replicates * static_cast<int>(scenarios.size()));
  if (zh) {
    fmt::print("pilotsim {} | 比较 {} 个情景 | 种子 {} (共同随机数) | 每个情景 {} 次重复 | {} 线程\n", programVersion(),
               scenarios.size(), seed, o.replicates, threads);
  } else {
    fmt::print(
        "pilotsim {} | comparing {} scenarios | seed {} (common random numbers) | {} replicates each | {} threads\n",
        programVersion(), scenarios.size(), seed, o.replicates, threads);
  }
  std::fflush(stdout);

  Progress progress(Progress::detect(o.quiet));
  const auto runs = runScenarios(scenarios, options, &progress, &g_interrupted);
  if (g_interrupted) throw Interrupted();
  const auto comparisons = compareOutcomes(runs);
  writeComparisonFiles(dir, runs, comparisons, ComparisonMeta{reproducingCommand(o, seed), o.replicates, seed});
  // Written before the commit, so the report appears with the files it shows or not at all.
  if (o.report) writeReport(dir.staging(), dir.file("report.html"), o.lang, dir.target().string());
  dir.commit();
  auto files = comparisonFileNames();
  if (o.report) files.emplace_back("report.html");

  fmt::print("\n{}", comparisonTable(runs, comparisons, shown, zh));
  if (zh) {
    fmt::print(
        "均值: 每次重复最后 60 个月的均值; 差值: 与 {} 之差, 同一随机数下逐次重复配对之差的 95% t 区间; d: 差值 / "
        "两情景合并标准差。\n"
        "输出已写入 {}/: {}\n",
        runs.front().label, dir.target().string(), fmt::join(files, ", "));
  } else {
    fmt::print(
        "Mean: each replicate's mean over its last 60 months; difference: from {}, with the 95% t-interval of the\n"
        "paired per-replicate differences (common random numbers); d: difference / pooled standard deviation of the "
        "two.\n"
        "Files written to {}/: {}\n",
        runs.front().label, dir.target().string(), fmt::join(files, ", "));
  }
  return 0;
}

}  // namespace

CommandFn addCompareCommand(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* cmd =
      app.add_subcommand("compare", "Run scenarios side by side with common random numbers and compare every measure");
  cmd->add_option("scenarios", o->scenarios, "Two or more presets or scenario TOML files; the first is the reference")
      ->required();
  o->replicates_opt = cmd->add_option("-n,--replicates", o->replicates, "Replicates per scenario")
                          ->check(rangeOf("run.replicates"))
                          ->capture_default_str();
  o->seed_opt =
      cmd->add_option("-s,--seed", o->seed, "Seed shared by all scenarios (default: the first scenario's run.seed)")
          ->check(rangeOf("run.seed"));
  o->months_opt = cmd->add_option("-m,--months", o->months, "Months simulated after burn-in, for every scenario")
                      ->check(rangeOf("run.months"));
  cmd->add_option(
         "--set", o->sets,
         "Override a parameter in every scenario (key=value) or in one (N:key=value, N = its position); repeatable")
      ->type_name("[N:]KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--measures", o->measures, "Rows of the table: key, all, or outcome names separated by commas")
      ->capture_default_str();
  cmd->add_option("-t,--threads", o->threads, "Worker threads; 0 = one per hardware thread")
      ->check(wholeNumberIn(0, 4096))
      ->capture_default_str();
  cmd->add_option("-o,--out", o->out, "Output directory (default: out/compare-<scenarios>)")->check(nonEmptyPath());
  addLangOption(*cmd, o->lang);
  cmd->add_flag("--overwrite", o->overwrite, "Replace the output directory if it exists");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress line");
  cmd->add_flag("--report", o->report,
                "Also write report.html, the charts of the comparison (opens in the --lang language)");
  return [o] { return compareCommand(*o); };
}

}  // namespace pilotsim::cli
