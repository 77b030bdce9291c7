// Summary statistics of a run's records: the numbers a calibration compares with what is known
// about China (calibration/china.toml, docs/calibration.md).
//
// Each statistic is a named function of one replicate's records (pilots, tenures, units,
// campaigns, recognitions), not of the monthly measures alone, with Chinese and English names, a
// unit and a definition (docs/calibration.md lists them; `pilotsim statistics` prints them). Some
// take arguments, written as in a call: `campaign_months(q=0.9)`, `origin_share(origin=designated)`.
// Every statistic counts only what happens in the measured period (months 0 .. run.months - 1
// after burn-in), and is NaN for a replicate where it is undefined (no campaign reached the
// coverage asked for, no leader left office, ...). Truth-based fields of the records are never
// read here: a statistic is something an observer of the real system could count.
#pragma once

#include "pilotsim/model/Simulation.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

/// One argument a statistic takes: its name, default, allowed values and meaning.
struct StatisticArgument {
  std::string_view name;
  std::string_view default_value;
  std::string_view allowed;  ///< for messages and `pilotsim statistics`: "0 < q < 1", "spontaneous | ..."
  std::string_view meaning;
  std::string_view meaning_zh;
  std::string_view allowed_zh;  ///< `allowed` in Chinese where it has words ("" = the same)
};

struct StatisticInfo {
  std::string_view key;
  std::string_view zh, en;
  std::string_view unit, unit_zh;
  std::string_view definition, definition_zh;
  std::vector<StatisticArgument> arguments;
};

/// Every statistic, in the order `pilotsim statistics` lists them.
std::span<const StatisticInfo> statisticTable();

/// A statistic with its arguments, as parsed from `key` or `key(name=value, ...)`.
struct Statistic {
  std::string key;
  double q = 0.5;   ///< a coverage or adopters' share (campaign_months, voluntary_months)
  int depth = -1;   ///< the recognising superior's depth (0 = top), -1 any
  int months = 12;  ///< a window in months (ended_after_exit)
  int years = 2;    ///< a window in years (recognition_promotion_gain)
  int origin = 0;   ///< an Origin (origin_share)

  /// The canonical text, with every argument the statistic takes: "campaign_months(q=0.5)".
  std::string text() const;
  const StatisticInfo& info() const;
};

/// Parses `key` or `key(name=value, ...)`. Throws InputError (file `source`, `line`, key the text)
/// for an unknown statistic (listing them), an argument the statistic does not take, or a value
/// outside what the argument allows.
Statistic parseStatistic(std::string_view text, const std::string& source = "statistic", int line = 0);

/// The statistic's value on one replicate whose measured period is `months` long; NaN if undefined.
double computeStatistic(const Statistic& statistic, const RunResult& records, int months);

}  // namespace pilotsim
