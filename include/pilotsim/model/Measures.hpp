// The outcome measures of MODEL.md section 7, computed once a month per replicate.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace pilotsim {

/// Monthly measures, in output column order. Append only: the order is part of the CSV format.
enum class Measure : int {
  PilotsPerUnitMean,  // active pilots per unit (active + symbolic)
  PilotsPerUnitP90,
  PilotsPerUnitMax,
  ShareUnits10Plus,   // share of units carrying 10+ pilots
  StartsSpontaneous,  // starts per 100 units per year, by origin
  StartsDesignated,
  StartsAdoption,
  StartsRestart,
  PseudoShare,               // share of active pilots that are pseudo-innovations
  FabricationGap,            // (reported - realised) / reported over active pilots
  PackagingShare,            // involution: packaging share of pilot effort this month
  ImpactPerEffort,           // involution: true impact built per unit of effort this month
  InterruptionRate,          // inherited pilots interrupted at turnover, last 12 months
  RestartShare,              // renamed restarts among starts, last 12 months
  CopyRenameShare,           // copy-and-rename among adoptions, last 12 months
  InstitutionalisationRate,  // institutionalised among pilots ending, last 12 months
  NeedWeightedEffectiveness,
  Satisfaction,
  PromotionAccuracy,      // Spearman(promoted, true contribution), tenures ended last 36 months
  PilotGini,              // Gini of active pilots across units
  WastedShare,            // effort of pilots ending failed/interrupted/abandoned among all ending, last 12 months
  DesignatedTopQuartile,  // share of active designated pilots in the top quartile of governance base
  MeanFit,                // mean fit of active pilots
  ImpactPerPilot,         // mean built impact of active pilots
  RealInnovations,        // pilots with realised impact above the threshold, per 100 units
  FirstMoverQualityGap,   // mean quality of latecomers minus first movers, spontaneous starts, last 24 months
  DomainSpread,           // mean distinct domains of spontaneous pilots among peers / domains
  AdoptionShare,          // mean share adopted across running promotion campaigns
  DivertedFunds,          // share of special funds diverted, last 12 months
  SurvivalAtTurnover,     // 1 - interruption rate: inherited pilots that survive turnover
  Count
};

inline constexpr int kMeasureCount = static_cast<int>(Measure::Count);

struct MeasureInfo {
  Measure id;
  std::string_view key;  ///< snake_case column name
  std::string_view zh;   ///< Chinese label
  std::string_view en;   ///< English label
  std::string_view unit;
  std::string_view meaning;
  std::string_view unit_zh;  ///< unit in Chinese
  bool key_measure;          ///< shown in the terminal summary table
};

/// All measures in column order.
std::span<const MeasureInfo> measureTable();

using MeasureValues = std::array<double, kMeasureCount>;

/// One month of one replicate. `month` counts from the end of burn-in (0 = first measured month).
struct MonthlyRow {
  int month = 0;
  MeasureValues values{};
  double operator[](Measure m) const { return values[static_cast<int>(m)]; }
};

}  // namespace pilotsim
