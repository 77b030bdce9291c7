// Morris elementary effects from a Morris design (Morris 1991; mu* from Campolongo et al. 2007).
//
// The elementary effect of factor i in trajectory t is EE = (y_step - y_previous) / delta, where
// delta is the signed change of the factor's unit coordinate (so effects are per unit of the
// normalised factor, as in SALib). Over the r trajectories:
//   mu = mean(EE),  mu* = mean(|EE|),  sigma = standard deviation of EE (divisor r - 1).
// The interval of mu* is a percentile bootstrap over trajectories.
// Missing outputs: an elementary effect whose two runs are not both finite is left out and counted
// in effects_excluded; a factor with no usable effect is an error.
#pragma once

#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/Estimate.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pilotsim::sensitivity {

struct MorrisFactorIndices {
  std::string factor;
  double mu = 0.0;
  Estimate mu_star;          ///< mean |EE| with its bootstrap interval
  double sigma = 0.0;        ///< NaN with a single effect
  std::int64_t effects = 0;  ///< elementary effects used
};

struct MorrisResult {
  std::vector<MorrisFactorIndices> factors;
  std::int64_t trajectories = 0;
  std::int64_t effects_excluded = 0;
};

/// Throws InputError if the design is not a Morris design, y has the wrong length, or a factor
/// has no usable elementary effect.
MorrisResult analyzeMorris(const Design& design, std::span<const double> y, const AnalysisOptions& options);

}  // namespace pilotsim::sensitivity
