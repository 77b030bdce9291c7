// A calibration file (TOML): the model to fit, the parameters fitted with their priors, and the
// targets, i.e. summary statistics (experiment/Statistics.hpp) with observed values, uncertainties
// and sources. calibration/china.toml is the one shipped; docs/calibration.md explains each key.
//
//   name = "china"                        # optional: names the database, out/<name>.db
//   description = "..."
//   base = "baseline"                     # preset, or scenario file (relative to this file)
//   set = ["structure.preset=custom", "structure.branching=[31, 3, 3, 4]"]   # the structure
//   months = 240                          # optional: run.months of every run
//   replicates = 2                        # runs per candidate; its statistics are their mean
//   method = "smc"                        # "smc" (ABC-SMC, default) or "rejection"
//   [smc]                                 # particles, max_generations, quantile, min_acceptance,
//   particles = 200                       # min_tolerance_step, max_simulations, seed
//   [rejection]                           # candidates, accept_fraction, seed
//   [parameters]                          # fitted parameters; {} takes the prior from the
//   "drivers.promotion_share" = {}        # registry's plausible range (`pilotsim params`)
//   "recognition.bonus" = { low = 0.1, high = 2, log = true, reason = "..." }
//   [[target]]
//   statistic = "promotion_rate"          # a statistic, with arguments: "campaign_months(q=0.9)"
//   observed = 0.13
//   uncertainty = 0.03                    # one standard deviation, in the statistic's unit
//   source = "Li et al. 2019, ..."
//   applies_to = "..."                    # how the fact maps onto the model's structure
//
// The distance between a candidate and the data is sqrt(sum_k ((s_k - o_k) / u_k)^2) over the
// targets, with u_k the target's uncertainty: each statistic counts in units of how well it is known.
#pragma once

#include "pilotsim/calibration/Abc.hpp"
#include "pilotsim/experiment/Statistics.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace pilotsim {

struct CalibrationTarget {
  Statistic statistic;
  double observed = 0, uncertainty = 0;
  std::string source, applies_to;
  int line = 0;  ///< in the file, for messages
};

struct CalibrationParameter {
  std::string key;
  double low = 0, high = 0;
  bool log_scale = false;
  std::string reason;  ///< why this prior: the file's `reason`, or the registry's plausible-range reason
};

enum class CalibrationMethod { Smc, Rejection };

struct CalibrationSpec {
  std::string file;  ///< as named on the command line
  std::string text;  ///< the file's bytes: the calibration's identity in its database
  std::string name, description;
  Scenario base;  ///< the base with `set` and `months` applied
  int replicates = 1;
  CalibrationMethod method = CalibrationMethod::Smc;
  abc::SmcSettings smc;
  abc::RejectionSettings rejection;
  std::vector<CalibrationParameter> parameters;
  std::vector<CalibrationTarget> targets;

  std::vector<abc::Prior> priors() const;
  std::vector<double> observed() const;
  std::vector<double> uncertainties() const;
};

/// Parse a calibration file's text; `file` names it in errors and locates a relative `base`. A
/// parameter must be a real-valued model parameter (not run.*, structure.*, a switch, a count or a
/// list) whose prior lies inside its allowed range; a parameter without bounds must have a plausible
/// range in the registry. Throws InputError naming file, line and key.
CalibrationSpec parseCalibrationText(std::string_view text, const std::string& file);
/// Read and parse a calibration file. Throws InputError (also for a missing file).
CalibrationSpec loadCalibrationFile(const std::filesystem::path& path);

/// The scenario of a candidate: the base with each fitted parameter set to theta's value.
Scenario candidateScenario(const CalibrationSpec& spec, std::span<const double> theta);

}  // namespace pilotsim
