// Each measure's monthly mean across replicates with its 95% t-interval: the bands of the "measures
// over time" charts. A run's bands are computed here from monthly.csv; a comparison's are read from
// its monthly_bands.csv, which `pilotsim compare` computed the same way (core/Stats meanInterval).
#pragma once

#include "pilotsim/core/Stats.hpp"

#include <map>
#include <string>
#include <vector>

namespace pilotsim {

struct CsvTable;

/// One scenario's bands: months in increasing order, and per measure key one Interval per month
/// (n = replicates with a value that month; a month no replicate has a value for has mean NaN).
struct MonthlyBands {
  std::vector<int> months;
  std::map<std::string, std::vector<Interval>> measures;
};

/// From a run's monthly.csv (columns replicate, month, then measure columns). Every measure of
/// measureTable() must be a column. Throws InputError naming the file, line and column.
MonthlyBands bandsFromMonthly(const CsvTable& monthly);

/// From a comparison's monthly_bands.csv (scenario, month, measure, mean, lo, hi, n): one entry per
/// scenario label, in the order the scenarios first appear. Throws InputError.
std::vector<std::pair<std::string, MonthlyBands>> bandsFromCompare(const CsvTable& bands);

}  // namespace pilotsim
