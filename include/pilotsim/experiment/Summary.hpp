// summary.json: each measure's mean and 95% interval across replicates, and the diffusion times.
//
// Replicates are reduced one by one as they arrive (SummaryBuilder::add), so a run never holds more
// than one replicate's records for the summary. docs/outputs.md documents the file precisely.
#pragma once

#include "pilotsim/core/Stats.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

/// Months at the end of the run whose mean is a replicate's "final" value.
inline constexpr int kFinalWindowMonths = 60;

struct MeasureSummary {
  Measure id;
  /// Across replicates, of each replicate's mean over its last kFinalWindowMonths measured months
  /// (all of them if fewer): where the system ends up.
  Interval final_period;
  /// Across replicates, of each replicate's mean over all measured months.
  Interval whole_run;
};

/// Promotion campaigns pooled over all replicates.
struct InnovationSummary {
  std::uint64_t campaigns = 0;
  std::uint64_t reached_50 = 0, reached_90 = 0;
  /// Mean months from campaign start to 50% / 90% adoption, over the campaigns that got there;
  /// NaN if none did.
  double mean_months_to_50 = 0, mean_months_to_90 = 0;
};

struct Summary {
  int replicates = 0;
  int final_window = kFinalWindowMonths;  ///< months in a replicate's "final" mean, at most
  std::vector<MeasureSummary> measures;   ///< in measureTable() order
  InnovationSummary innovations;

  const MeasureSummary& operator[](Measure m) const { return measures[static_cast<int>(m)]; }
};

class SummaryBuilder {
 public:
  explicit SummaryBuilder(int final_window = kFinalWindowMonths);
  /// Reduce one replicate. Add replicates in replicate order: sums are taken in that order, so the
  /// summary's last bits depend on it.
  void add(const RunResult& result);
  Summary summary() const;

 private:
  int final_window_;
  int replicates_ = 0;
  // [measure][replicate]
  std::vector<std::vector<double>> final_means_, whole_means_;
  std::uint64_t campaigns_ = 0, reached50_ = 0, reached90_ = 0;
  double sum50_ = 0, sum90_ = 0;
};

/// The mean of a measure over a replicate's months [first, rows.size()), NaN values skipped (NaN if
/// no month has a value).
double monthlyMean(const std::vector<MonthlyRow>& rows, Measure m, std::size_t first = 0);

/// summary.json text (pretty-printed, keys in a fixed order, ends with a newline). Doubles are
/// written by nlohmann::json as the shortest text that reads back exactly; NaN becomes null.
std::string summaryJson(const Summary& summary, const Scenario& scenario);

}  // namespace pilotsim
