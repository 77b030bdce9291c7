// The design CSV: a design as a tidy table that R and pandas read without options, and that
// `pilotsim analyze --design` reads back with nothing else.
//
// Columns, by method (then one column per factor, named after it, in the spec's order):
//   factorial:        run, design
//   latin-hypercube:  run, design
//   saltelli:         run, design, block, matrix
//   morris:           run, design, trajectory, step, moved, delta
// `run` is 1-based and unique; `design` repeats the method name on every row. Saltelli: `block` is
// the base row j (1..N) and `matrix` is "A", "B", "AB:<factor>" or "BA:<factor>". Morris:
// `trajectory` is 1..r, `step` 0..k, `moved` the factor changed at this step (empty at step 0) and
// `delta` the signed change of its unit coordinate (+-p/(2(p-1))). Integer factors are written as
// whole numbers and booleans as 0/1; reals as the shortest text that reads back to the same double.
#pragma once

#include "pilotsim/sensitivity/Design.hpp"

#include <filesystem>
#include <string>

namespace pilotsim {
class CsvWriter;
struct CsvTable;
}  // namespace pilotsim

namespace pilotsim::sensitivity {

/// Write the header and every run.
void writeDesignCsv(const Design& design, CsvWriter& out);
/// A design from a parsed CSV table; checks the structure (checkDesignStructure). Throws
/// InputError naming file, line and column.
Design designFromCsv(const CsvTable& table);
/// Read a design CSV file. Throws InputError.
Design readDesignCsv(const std::filesystem::path& path);

}  // namespace pilotsim::sensitivity
