#include "pilotsim/experiment/Summary.hpp"

#include "pilotsim/core/Stats.hpp"
#include "pilotsim/core/Version.hpp"
#include "pilotsim/io/JsonValues.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pilotsim {
namespace {}  // namespace

double monthlyMean(const std::vector<MonthlyRow>& rows, Measure m, std::size_t first) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = first; i < rows.size(); ++i) {
    const double x = rows[i][m];
    if (std::isnan(x)) continue;
    sum += x;
    ++n;
  }
  return n == 0 ? kNaN : sum / static_cast<double>(n);
}

SummaryBuilder::SummaryBuilder(int final_window)
    : final_window_(std::max(1, final_window)), final_means_(kMeasureCount), whole_means_(kMeasureCount) {}

void SummaryBuilder::add(const RunResult& result) {
  const auto& rows = result.monthly;
  const std::size_t window = static_cast<std::size_t>(final_window_);
  const std::size_t first_final = rows.size() > window ? rows.size() - window : 0;
  for (int k = 0; k < kMeasureCount; ++k) {
    const auto m = static_cast<Measure>(k);
    final_means_[k].push_back(monthlyMean(rows, m, first_final));
    whole_means_[k].push_back(monthlyMean(rows, m, 0));
  }
  for (const auto& c : result.innovations) {
    ++campaigns_;
    if (c.month50 >= 0) {
      ++reached50_;
      sum50_ += c.month50;
    }
    if (c.month90 >= 0) {
      ++reached90_;
      sum90_ += c.month90;
    }
  }
  ++replicates_;
}

Summary SummaryBuilder::summary() const {
  Summary s;
  s.replicates = replicates_;
  s.final_window = final_window_;
  s.measures.reserve(kMeasureCount);
  for (int k = 0; k < kMeasureCount; ++k) {
    s.measures.push_back(
        MeasureSummary{static_cast<Measure>(k), meanInterval(final_means_[k]), meanInterval(whole_means_[k])});
  }
  s.innovations.campaigns = campaigns_;
  s.innovations.reached_50 = reached50_;
  s.innovations.reached_90 = reached90_;
  s.innovations.mean_months_to_50 = reached50_ ? sum50_ / static_cast<double>(reached50_) : kNaN;
  s.innovations.mean_months_to_90 = reached90_ ? sum90_ / static_cast<double>(reached90_) : kNaN;
  return s;
}

std::string summaryJson(const Summary& summary, const Scenario& scenario) {
  const RunParams& run = scenario.params.run;
  Json j;
  j["program"] = "pilotsim";
  j["version"] = std::string(programVersion());
  j["model_version"] = kModelVersion;
  j["scenario"] = {{"name", scenario.name},
                   {"base", scenario.base},
                   {"source", scenario.source},
                   {"description", scenario.description}};
  j["seed"] = run.seed;
  j["replicates"] = summary.replicates;
  j["months"] = run.months;
  j["burn_in"] = run.burn_in;
  j["final_window_months"] = std::min(run.months, summary.final_window);

  Json measures = Json::object();
  for (const MeasureInfo& info : measureTable()) {
    const MeasureSummary& ms = summary[info.id];
    Json m;
    m["zh"] = std::string(info.zh);
    m["en"] = std::string(info.en);
    m["unit"] = std::string(info.unit);
    m["unit_zh"] = std::string(info.unit_zh);
    m["meaning"] = std::string(info.meaning);
    m["key_measure"] = info.key_measure;
    m["final"] = intervalJson(ms.final_period);
    m["whole_run"] = intervalJson(ms.whole_run);
    measures[std::string(info.key)] = std::move(m);
  }
  j["measures"] = std::move(measures);

  const InnovationSummary& inn = summary.innovations;
  j["innovations"] = {{"campaigns", inn.campaigns},
                      {"reached_50", inn.reached_50},
                      {"reached_90", inn.reached_90},
                      {"mean_months_to_50", numberJson(inn.mean_months_to_50)},
                      {"mean_months_to_90", numberJson(inn.mean_months_to_90)}};
  return j.dump(2) + "\n";
}

}  // namespace pilotsim
