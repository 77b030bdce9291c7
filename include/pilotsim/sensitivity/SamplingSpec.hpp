// What to sample: the factors and the design settings, parsed from the `[design]` and
// `[factors.<name>]` tables of a TOML file.
//
// The same tables appear in two files: the small standalone file of `pilotsim sample` (only those
// tables, plus optional `name` and `description`), and the experiment file of a campaign, which
// adds its own keys (base scenario, replicates, measures, ...). parseSamplingSpec reads only the two
// tables from an already-parsed document, so a campaign parser can call it and handle its own keys;
// loadSamplingFile is the standalone format. Errors are InputError, naming file, line and key
// and listing what is allowed (exit code 2 on the command line).
//
// Format (docs/sensitivity.md has the full description):
//
//   [design]
//   method = "saltelli"    # factorial | latin-hypercube | saltelli | morris
//   samples = 1024         # saltelli: base samples N; latin-hypercube: points
//   second_order = false   # saltelli: also the BA_i runs for second-order indices
//   trajectories = 20      # morris: r
//   levels = 4             # morris: grid levels p; factorial: levels of continuous factors
//   seed = 1               # every random choice of the design follows from it
//
//   [factors.x1]                     # or [factors.reform.a1_cap], [factors."reform.a1_cap"]
//   distribution = "uniform"         # uniform | log-uniform | normal | discrete | integer | boolean
//   min = -3.14159
//   max = 3.14159
#pragma once

#include "pilotsim/sensitivity/Factor.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim::sensitivity {

enum class DesignMethod {
  Factorial,       ///< every combination of every factor's levels
  LatinHypercube,  ///< N points, one per stratum in every dimension
  Saltelli,        ///< Sobol' sequence matrices A, B and A_B^i (Saltelli 2010) for Sobol' indices
  Morris,          ///< r one-at-a-time trajectories on a p-level grid (Morris 1991)
  /// Points read from a CSV that another tool wrote (SALib, EMA Workbench, R): no structure, so
  /// rank correlations are the analysis. Only an experiment file's [design] can name it.
  File,
};

/// Name as written in TOML and in design CSVs ("factorial", "latin-hypercube", "saltelli", "morris",
/// "file").
const char* methodName(DesignMethod method);
/// Parses a method name; false if unknown.
bool parseMethodName(std::string_view text, DesignMethod& method);

struct DesignSettings {
  DesignMethod method = DesignMethod::Saltelli;
  std::int64_t samples = 0;   ///< saltelli: base samples N; latin-hypercube: points
  bool second_order = false;  ///< saltelli: add the B_A^i runs (N * (2k + 2) runs in all)
  int trajectories = 0;       ///< morris: number of trajectories r
  int levels = 0;             ///< morris: grid levels p (default 4); factorial: default levels (3)
  std::uint64_t seed = 1;     ///< seed of the design's random choices
};

struct SamplingSpec {
  DesignSettings design;
  std::vector<Factor> factors;  ///< in the order they appear in the file
};

/// Column names that design CSVs use for run structure; a factor may not be called so.
bool isReservedColumn(std::string_view name);

/// The `[design]` and `[factors]` tables of `root`, checked (unknown keys, types, ranges, settings
/// the method needs or cannot use). Other top-level keys are ignored: they belong to the caller.
/// `file` names the document in messages. Throws InputError.
SamplingSpec parseSamplingSpec(const toml::table& root, const std::string& file);
/// TOML text in the standalone format: `[design]`, `[factors...]`, optional `name` and
/// `description`; any other top-level key is an error. Throws InputError.
SamplingSpec parseSamplingText(std::string_view text, const std::string& file);
/// A standalone sampling file. Throws InputError (also for a missing or unreadable file).
SamplingSpec loadSamplingFile(const std::filesystem::path& path);

}  // namespace pilotsim::sensitivity
