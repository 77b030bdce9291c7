// `pilotsim statistics [DIR] [STAT...]`: without DIR, lists the summary statistics a calibration
// can target (experiment/Statistics.hpp); with the directory of a finished `pilotsim run`, computes
// them on its records, per replicate, and prints their means with 95% intervals (optionally a tidy
// CSV of every replicate's value).
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "TextTable.hpp"

#include "pilotsim/core/Stats.hpp"
#include "pilotsim/experiment/RunReader.hpp"
#include "pilotsim/experiment/Statistics.hpp"
#include "pilotsim/io/CsvWriter.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>

namespace pilotsim::cli {
namespace {

struct StatisticsOptions {
  std::string dir;
  std::vector<std::string> statistics;
  std::string csv;
  std::string lang = "en";
};

int listStatistics(bool zh) {
  TextTable table(zh ? std::vector<std::string>{"统计量(默认参数)", "名称", "单位", "定义"}
                     : std::vector<std::string>{"Statistic (default arguments)", "Name", "Unit", "Definition"});
  for (const auto& s : statisticTable())
    table.addRow({parseStatistic(s.key).text(), std::string(zh ? s.zh : s.en), std::string(zh ? s.unit_zh : s.unit),
                  std::string(zh ? s.definition_zh : s.definition)});
  fmt::print("{}", table.render());
  fmt::print("{}", zh ? "\n参数:\n" : "\nArguments:\n");
  for (const auto& s : statisticTable())
    for (const auto& a : s.arguments)
      fmt::print("  {} {}: {} ({})\n", s.key, a.name, zh ? a.meaning_zh : a.meaning,
                 zh && !a.allowed_zh.empty() ? a.allowed_zh : a.allowed);
  fmt::print("{}", zh ? "\n在一次运行的输出目录上计算: pilotsim statistics DIR [统计量...]\n"
                      : "\nCompute them on a run's output directory: pilotsim statistics DIR [STAT...]\n");
  return 0;
}

int computeStatistics(const StatisticsOptions& o) {
  const bool zh = o.lang == "zh";
  std::vector<Statistic> wanted;
  for (const auto& text : o.statistics) wanted.push_back(parseStatistic(text, "command line"));
  if (wanted.empty())
    for (const auto& s : statisticTable()) wanted.push_back(parseStatistic(s.key));

  const RunDirectory run = readRunDirectory(o.dir);
  const int months = run.scenario.params.run.months;
  std::unique_ptr<CsvWriter> csv;
  if (!o.csv.empty()) {
    csv = std::make_unique<CsvWriter>(o.csv);
    csv->header({"statistic", "replicate", "value"});
  }
  TextTable table(zh ? std::vector<std::string>{"统计量", "名称", "均值", "95% 区间", "有定义的重复"}
                     : std::vector<std::string>{"Statistic", "Name", "Mean", "95% interval", "Replicates defined"},
                  {TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right, TextTable::Align::Right,
                   TextTable::Align::Right});
  for (const auto& s : wanted) {
    std::vector<double> values;
    for (const auto& r : run.replicates) {
      const double v = computeStatistic(s, r, months);
      if (csv) csv->field(s.text()).field(r.replicate).field(v).endRow();
      if (!std::isnan(v)) values.push_back(v);
    }
    const Interval i = meanInterval(values);
    const std::string interval =
        values.size() >= 2 ? fmt::format("[{}, {}]", shortNumber(i.lo), shortNumber(i.hi)) : "-";
    table.addRow({s.text(), std::string(zh ? s.info().zh : s.info().en), values.empty() ? "-" : shortNumber(i.mean),
                  interval, fmt::format("{} / {}", values.size(), run.replicates.size())});
  }
  if (csv) csv->close();
  fmt::print("{}", table.render());
  fmt::print(fmt::runtime(zh ? "{} 个重复, 测量期 {} 个月 ({})\n" : "{} replicates, measured period {} months ({})\n"),
             run.replicates.size(), months, o.dir);
  if (csv) fmt::print(fmt::runtime(zh ? "每个重复的值: {}\n" : "Every replicate's value: {}\n"), o.csv);
  return 0;
}

}  // namespace

CommandFn addStatisticsCommand(CLI::App& app) {
  auto o = std::make_shared<StatisticsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "statistics", "List the summary statistics calibration targets, or compute them on a run's output directory");
  cmd->add_option("dir", o->dir, "Output directory of `pilotsim run` (written with records: the default)");
  cmd->add_option("statistic", o->statistics,
                  "Statistics to compute, as key or key(name=value, ...) (default: all, with default arguments)");
  cmd->add_option("--csv", o->csv, "Also write every replicate's value to this CSV file (statistic, replicate, value)");
  addLangOption(*cmd, o->lang);
  return [o] {
    if (o->dir.empty()) {
      if (!o->statistics.empty() || !o->csv.empty())
        throw UsageError("statistics: name the run's output directory before the statistics");
      return listStatistics(o->lang == "zh");
    }
    return computeStatistics(*o);
  };
}

}  // namespace pilotsim::cli
