// Small statistics used by measures and summaries. Pure functions, tested against known values.
#pragma once

#include <limits>
#include <span>
#include <vector>

namespace pilotsim {

/// A value that is not defined (a statistic without data): written as an empty CSV field or null.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Interval {
  double mean = 0, lo = 0, hi = 0;  ///< mean and 95% interval
  double sd = 0;
  int n = 0;
};

/// Mean with a 95% t-interval across replicates (NaN values are skipped; n = 1 gives lo = hi = mean).
Interval meanInterval(std::span<const double> xs);
/// Two-sided 97.5% quantile of Student's t with df degrees of freedom.
double tQuantile975(int df);
/// Spearman rank correlation with average ranks for ties; NaN if fewer than 3 pairs or no variance.
double spearman(std::span<const double> x, std::span<const double> y);
/// Gini coefficient of non-negative values (0 if all zero or empty).
double gini(std::span<const double> xs);
/// The q-quantile (0..1) by linear interpolation; sorts a copy.
double quantile(std::vector<double> xs, double q);

}  // namespace pilotsim
