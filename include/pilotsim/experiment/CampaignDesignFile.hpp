// A campaign's design read from a CSV that another tool wrote (SALib, EMA Workbench, R, a
// spreadsheet), named by the experiment file:
//
//   [design]
//   method = "file"
//   file = "design.csv"      # relative to the experiment file
//
// The CSV's header names parameter keys (`drivers.promotion_drive,evaluation.report_inflation`) and
// each row is a design point, numbered 1, 2, ... in file order (or by a `run` column of unique
// whole numbers). No [factors] table: the columns are the factors. Every column must be a numeric
// or true/false model parameter (not run.* or structure.*), and every value must be in its
// parameter's range, a whole number for whole-number parameters and 0 or 1 for switches; a file
// that breaks this is refused before anything runs, naming the CSV, its line and column and what
// is allowed. A design CSV of `pilotsim sample` (with its `design` column) keeps its method and
// structure, so a Saltelli or Morris design made elsewhere by pilotsim is analysed as generated.
#pragma once

#include "pilotsim/sensitivity/Design.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace pilotsim {

/// The design of a design CSV, its columns and values checked as above; `csv` names it in errors.
/// Throws InputError (also for a missing or unreadable file).
sensitivity::Design readCampaignDesignCsv(const std::filesystem::path& csv);

}  // namespace pilotsim
