// The files `pilotsim compare` writes (docs/outputs.md documents every column):
//   compare.csv        one row per outcome and scenario: level, difference from the first scenario
//                      with its interval, standardised effect size, direction
//   compare.json       the same with the program version, seed, replicates, command line and each
//                      scenario's resolved TOML, so the comparison can be re-run exactly
//   monthly_bands.csv  each measure's monthly mean and 95% band per scenario (for charts)
//   replicates.csv     each outcome's value per scenario and replicate (for one's own statistics)
#pragma once

#include "pilotsim/experiment/Comparison.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <string>
#include <vector>

namespace pilotsim {

struct ComparisonMeta {
  std::string command;  ///< the command line that reproduces the files
  int replicates = 0;
  std::uint64_t seed = 0;
};

/// Names of the files writeComparisonFiles writes, in order.
std::vector<std::string> comparisonFileNames();

/// Write the comparison into the staging directory of `dir` (the caller commits).
void writeComparisonFiles(const OutputDirectory& dir, const std::vector<ScenarioRun>& runs,
                          const std::vector<OutcomeComparison>& comparisons, const ComparisonMeta& meta);

/// compare.csv's, monthly_bands.csv's and replicates.csv's rows, header first, into `csv` (a file, or
/// memory: the Python module's pilotsim.compare hands the same tables over).
void writeCompareCsv(CsvWriter& csv, const std::vector<ScenarioRun>& runs,
                     const std::vector<OutcomeComparison>& comparisons);
void writeMonthlyBandsCsv(CsvWriter& csv, const std::vector<ScenarioRun>& runs);
void writeReplicatesCsv(CsvWriter& csv, const std::vector<ScenarioRun>& runs);

/// compare.json's text.
std::string comparisonJson(const std::vector<ScenarioRun>& runs, const std::vector<OutcomeComparison>& comparisons,
                           const ComparisonMeta& meta);

}  // namespace pilotsim
