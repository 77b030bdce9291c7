// A campaign: many runs of the model over a sampling design, like NetLogo's BehaviorSpace or the EMA
// Workbench. Described by an experiment file (TOML):
//
//   name = "drive-and-tolerance"          # optional
//   description = "..."                   # optional
//   base = "baseline"                     # preset, or scenario file (relative to this file)
//   set = ["run.burn_in=24"]              # optional overrides of the base for every run
//   months = 120                          # optional: run.months of every run
//   replicates = 5                        # runs per design point (common random numbers)
//   measures = ["pseudo_share", ...]      # outcomes kept: a list, "key" (default) or "all"
//   series = false                        # also keep the kept measures' monthly series
//   [design]                              # method, samples, ... (sensitivity/SamplingSpec.hpp), or
//                                         # method = "file", file = "x.csv" (CampaignDesignFile.hpp)
//   [factors."drivers.promotion_drive"]   # one table per factor: a parameter key and its
//   distribution = "uniform"              # distribution
//   min = 0.3
//   max = 0.9
//
// Design point p (the design's run p) with replicate r is Simulation(point p's scenario, r): every
// point uses the base's seed, so replicate r of every point draws from the same streams and the
// differences between points are not blurred by sampling noise.
#pragma once

#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/sensitivity/Design.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

struct CampaignSpec {
  std::string file;  ///< as named on the command line
  std::string text;  ///< the file's bytes: the campaign's identity in its database
  std::string name, description;
  Scenario base;  ///< the base with `set` and `months` applied
  int replicates = 1;
  std::vector<int> outcomes;  ///< indices in outcomeTable() that are kept, in table order
  bool series = false;
  sensitivity::SamplingSpec sampling;  ///< method File, no factors: the design is file_design
  /// [design] method = "file": the design CSV (relative to the experiment file's directory), and
  /// the design read from it by loadCampaignFile (experiment/CampaignDesignFile.hpp).
  std::filesystem::path design_file;
  std::optional<sensitivity::Design> file_design;
};

/// Parse an experiment file's text; `file` names it in errors and locates a relative `base` file
/// and design CSV (which is not read: loadCampaignFile reads it).
/// Factor names must be numeric or boolean model parameters (not run.* or structure.*), and each
/// factor's values must suit its parameter (booleans for switches, whole numbers for counts, within
/// the parameter's range). Throws InputError naming file, line and key.
CampaignSpec parseCampaignText(std::string_view text, const std::string& file);
/// The campaign's design: generated from `sampling`, or read from the design file (defined in
/// CampaignDesignFile.cpp with the CSV reader, so that parsing an experiment's text needs neither).
sensitivity::Design campaignDesign(const CampaignSpec& spec);
/// Why `key` cannot be a campaign factor ("" if it can): not a parameter, or not numeric/boolean,
/// or a run.*/structure.* key.
std::string factorKeyProblem(std::string_view key);
/// Why `value` is not a value of parameter `key` (a factor's key) that a factor may take ("" if it is).
std::string factorValueProblem(std::string_view key, double value);
/// Read and parse an experiment file, and its design CSV if it names one (CampaignDesignFile.cpp). Throws InputError
/// (also for a missing file).
CampaignSpec loadCampaignFile(const std::filesystem::path& path);

/// The scenario of design point `row` (0-based row of `design`): the base with each factor set.
Scenario pointScenario(const CampaignSpec& spec, const sensitivity::Design& design, std::size_t row);

}  // namespace pilotsim
