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
//   [design]                              # method, samples, ... (sensitivity/SamplingSpec.hpp)
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
#include <string>
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
  sensitivity::SamplingSpec sampling;
};

/// Parse an experiment file's text; `file` names it in errors and locates a relative `base` file.
/// Factor names must be numeric or boolean model parameters (not run.* or structure.*), and each
/// factor's values must suit its parameter (booleans for switches, whole numbers for counts, within
/// the parameter's range). Throws InputError naming file, line and key.
CampaignSpec parseCampaignText(std::string_view text, const std::string& file);
/// Read and parse an experiment file. Throws InputError (also for a missing file).
CampaignSpec loadCampaignFile(const std::filesystem::path& path);

/// The scenario of design point `row` (0-based row of `design`): the base with each factor set.
Scenario pointScenario(const CampaignSpec& spec, const sensitivity::Design& design, std::size_t row);

}  // namespace pilotsim
