// What an experiment compares: one number per replicate for each outcome.
//
// The outcomes are every monthly measure of MODEL.md s.7, reduced to its mean over the replicate's
// final period (the last kFinalWindowMonths measured months, as in summary.json), followed by a few
// outcomes that only the records can give: how fast promoted innovations spread, whether they spread
// along an S-curve, and whether low-resource units adopt later (claim P7); how soon a policy domain
// that peers left free is claimed again (the race to be first, P1); how well leaders' own
// spontaneous pilots fit local needs (P2).
#pragma once

#include "pilotsim/model/Simulation.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace pilotsim {

struct OutcomeInfo {
  std::string_view key;  ///< a measure's column name, or a derived outcome's name
  std::string_view zh, en;
  std::string_view unit;  ///< English unit
  std::string_view meaning;
};

/// Outcomes derived from the records, after the measures.
enum class RecordOutcome : int {
  MonthsTo50,            // mean months from a campaign's start to 50% adoption, campaigns that got there
  MonthsTo90,            // the same to 90%
  AdoptionAcceleration,  // -ln((q50 - q25) / q25) of adopters' times: > 0 S-curve, < 0 r-curve
  LowResourceDelay,      // mean adoption delay of lower-budget half minus upper-budget half
  VacancyMonths,         // mean months a domain left free among peers stays free until a pilot claims it
  SpontaneousFit,        // mean fit of spontaneous pilots started in the final period
  Count
};

inline constexpr int kRecordOutcomeCount = static_cast<int>(RecordOutcome::Count);
inline constexpr int kOutcomeCount = kMeasureCount + kRecordOutcomeCount;

/// Measures first (in measureTable() order), then the record outcomes.
std::span<const OutcomeInfo> outcomeTable();
/// Index in outcomeTable() of `key`, or -1.
int findOutcome(std::string_view key);
/// The names of outcome `key`, which must be one (the claims file was checked on loading).
const OutcomeInfo& outcomeInfo(std::string_view key);
/// Index of a measure or record outcome in outcomeTable().
constexpr int outcomeIndex(Measure m) { return static_cast<int>(m); }
constexpr int outcomeIndex(RecordOutcome o) { return kMeasureCount + static_cast<int>(o); }

/// Campaigns with fewer adopters than this give no S-curve reading: the quartiles of a handful of
/// adoption times say little about the curve's shape.
inline constexpr int kMinAdoptersForShape = 8;

/// The outcomes of one replicate, in outcomeTable() order; NaN where a replicate has no value (for
/// example no campaign reached 50%). Adoptions are assigned to campaigns by the campaign each pilot
/// record names, so the run's hierarchy is not needed.
std::vector<double> replicateOutcomes(const RunResult& result);

}  // namespace pilotsim
