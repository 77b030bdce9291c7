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
  PseudoShare,               // share of active pilots that are symbolic or packaging-dominated
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
  // Model version 2.
  SymbolicShare,              // share of active pilots that are symbolic (starved)
  PackagingDominatedShare,    // share of active pilots whose cumulative packaging exceeds substance
  InflatedShare,              // share of reported impact bought by packaging, over active pilots
  Halted,                     // pilots halted by superiors per 100 units per year
  RedLineCrossings,           // red-line crossings per 100 units per year (detected or not)
  RefusedApplications,        // applications for designated slots refused, per 100 units per year
  DesignatedSymbolicShare,    // share of active designated pilots that are symbolic
  VoluntaryAdoptionShare,     // adoptions outside campaigns among adoptions, last 12 months
  RelocatedRestarts,          // old pilots restarted by rotated leaders in a new post, per 100 units per year
  SecondInnovations,          // redesigns of running pilots after new problems, per 100 units per year
  ReplicationFit,             // mean adopter fit / source fit, adoptions of the last 12 months
  ReplicationPotential,       // mean adopter quality x fit / source's, adoptions of the last 12 months
  TargetEscalation,           // mean target of designated pilots placed / the programme's base target
  ReformBurden,               // share of units' budget spent on reform activities, last 12 months
  ReformSpending,             // reform spending per unit per year (months of budget)
  PromotionRate,              // promotions per leader per year, last 12 months
  BoldShare,                  // share of own designs chosen bold, last 12 months
  EmptyInstitutionalisation,  // institutionalised below the real-impact threshold among institutionalised, 12 months
  ViewTruth,                  // Spearman(units' score, true realised impact of their leader's pilots), each December
  PreparationGap,             // mean preparation months of latecomers minus first movers, last 24 months
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
  std::string_view unit_zh;     ///< unit in Chinese
  bool key_measure;             ///< shown in the terminal summary table
  std::string_view meaning_zh;  ///< meaning in Chinese
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
