// Spearman rank correlation between each factor and the output, for designs without a structure of
// their own (Latin hypercube): a first screen of monotone influence, not a variance decomposition.
// Interval: percentile bootstrap over runs. Missing outputs are left out (runs_excluded).
#pragma once

#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/Estimate.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pilotsim::sensitivity {

struct RankCorrelation {
  std::string factor;
  Estimate rho;
};

struct RankCorrelationResult {
  std::vector<RankCorrelation> factors;
  std::int64_t runs_used = 0;
  std::int64_t runs_excluded = 0;
};

/// Throws InputError if y has the wrong length or fewer than 3 values are finite.
RankCorrelationResult analyzeRankCorrelation(const Design& design, std::span<const double> y,
                                             const AnalysisOptions& options);

}  // namespace pilotsim::sensitivity
