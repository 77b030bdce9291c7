// A point estimate with its bootstrap interval, and the options shared by the analysers.
#pragma once

#include <cstdint>
#include <limits>

namespace pilotsim::sensitivity {

/// An estimate and its (by default 95%) bootstrap percentile interval. NaN where undefined (for
/// example an interval when bootstrapping was switched off). Never clipped: a first-order index of
/// -0.01 with interval [-0.03, 0.01] is reported as such.
struct Estimate {
  double value = std::numeric_limits<double>::quiet_NaN();
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = std::numeric_limits<double>::quiet_NaN();
};

struct AnalysisOptions {
  int bootstrap = 1000;      ///< bootstrap resamples for intervals (0 = no intervals)
  double confidence = 0.95;  ///< coverage of the percentile intervals, in (0, 1)
  std::uint64_t seed = 1;    ///< seed of the resampling (RandomStream, Purpose::SensitivityBootstrap)
};

}  // namespace pilotsim::sensitivity
