// Model outputs aligned with a design's runs: one column of values per output, in the design's run
// order. Built from a CSV with a `run` column and one column per output (from pilotsim, NetLogo, R,
// ...), or by a campaign from its database.
#pragma once

#include "pilotsim/sensitivity/Design.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace pilotsim {
struct CsvTable;
}

namespace pilotsim::sensitivity {

struct OutputTable {
  std::vector<std::string> names;            ///< output names, in column order
  std::vector<std::vector<double>> columns;  ///< columns[o][i]: output o of design run i; NaN = missing
};

/// Aligns a CSV's rows with the design's runs by the `run` column; rows may come in any order.
/// Throws InputError naming file, line and column for: no `run` column, no output column, a
/// non-numeric cell, a run number that is not a whole number, a duplicate run, a run the design does
/// not have, or runs of the design the file lacks (the first few are named). Empty, "NA" and "NaN"
/// cells are missing values (NaN); the analysers exclude them as documented there.
OutputTable outputsFromCsv(const CsvTable& table, const Design& design);
/// Read an outputs CSV file. Throws InputError.
OutputTable readOutputsCsv(const std::filesystem::path& path, const Design& design);

}  // namespace pilotsim::sensitivity
