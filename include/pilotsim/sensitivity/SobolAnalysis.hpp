// Sobol' variance-based sensitivity indices from a Saltelli design.
//
// With f(A)_j, f(B)_j, f(A_B^i)_j, f(B_A^i)_j the outputs of block j (j = 1..N) and
// V = the variance of the 2N values f(A), f(B) (divisor 2N):
//   first order  (Saltelli et al. 2010, Table 2 (b)):  S_i  = (1/N) sum_j f(B)_j (f(A_B^i)_j - f(A)_j) / V
//   total order  (Jansen 1999; Saltelli et al. 2010, Table 2 (f)):
//                                                      ST_i = (1/2N) sum_j (f(A)_j - f(A_B^i)_j)^2 / V
//   second order (Saltelli 2002, eq. 12, as in SALib): S_il = (1/N) sum_j (f(B_A^i)_j f(A_B^l)_j
//                                                              - f(A)_j f(B)_j) / V - S_i - S_l
// Intervals: percentile bootstrap over blocks (whole blocks resampled with replacement, the same
// resample for every index), options.bootstrap resamples.
// Missing outputs: a block with any non-finite output (missing, NaN, inf) is left out entirely and
// counted in blocks_excluded; fewer than 2 usable blocks is an error.
#pragma once

#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/Estimate.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pilotsim::sensitivity {

struct SobolFactorIndices {
  std::string factor;
  Estimate first;  ///< S_i
  Estimate total;  ///< ST_i
};

struct SobolPairIndex {
  std::string factor_a, factor_b;
  Estimate second;  ///< S_ab
};

struct SobolResult {
  std::vector<SobolFactorIndices> factors;
  std::vector<SobolPairIndex> pairs;  ///< empty unless the design has B_A^i runs
  std::int64_t blocks_used = 0;
  std::int64_t blocks_excluded = 0;
  double mean = 0.0;      ///< mean of f over A and B
  double variance = 0.0;  ///< V
};

/// Throws InputError (source "" ) if the design is not a Saltelli design, y has the wrong length,
/// fewer than 2 blocks are usable, or the output does not vary (V = 0).
SobolResult analyzeSobol(const Design& design, std::span<const double> y, const AnalysisOptions& options);

}  // namespace pilotsim::sensitivity
