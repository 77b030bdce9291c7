// Analysis results for people and for programs: terminal tables with Chinese or English headings,
// one tidy CSV for all methods, and JSON.
//
// Tidy CSV columns (one row per output x statistic x factor [x level]):
//   output, method, statistic, factor, factor_b, level, estimate, ci_lo, ci_hi, n
// statistic is S1, ST, S2 (factor_b set), mu, mu_star, sigma, level_mean, effect or spearman; n is
// the blocks, effects, runs or runs at the level that the estimate used. Cells that do not apply
// are empty (NA in R and pandas).
#pragma once

#include "pilotsim/sensitivity/Analysis.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <span>
#include <string>
#include <vector>

namespace pilotsim {
class CsvWriter;
}

namespace pilotsim::sensitivity {

/// A table ready for a terminal renderer (apps/pilotsim/TextTable): the library builds cells, the
/// front end aligns them.
struct ResultTable {
  std::string title;
  std::vector<std::string> headings;
  std::vector<bool> right_aligned;  ///< per column
  std::vector<std::vector<std::string>> rows;
  std::string note;  ///< a line under the table (excluded runs, interval method); may be empty
};

/// Optional labels for factors in tables: name -> label in the chosen language.
using FactorLabels = std::map<std::string, std::string>;

/// One table per output. zh: Chinese headings and notes, else English.
std::vector<ResultTable> resultTables(std::span<const OutputAnalysis> results, bool zh, const AnalysisOptions& options,
                                      const FactorLabels& labels = {});
/// The tidy CSV (header and rows).
void writeResultsCsv(std::span<const OutputAnalysis> results, CsvWriter& out);
/// Every result with its method's estimators named, the options used and the exclusions.
nlohmann::ordered_json resultsJson(std::span<const OutputAnalysis> results, const AnalysisOptions& options);

/// A number for a table: 4 significant decimals ("0.3139", "-0.0021", "12.50").
std::string formatIndex(double value);

}  // namespace pilotsim::sensitivity
