// Main effects of a full-factorial design: for every factor and level, the mean output over the
// runs at that level with its 95% t-interval (core/Stats meanInterval), and the effect
// = level mean - grand mean. The effect's interval is the level mean's interval shifted by the grand
// mean (the grand mean's own uncertainty, shared by all levels, is not added).
// Missing outputs: non-finite values are left out of every mean and counted in runs_excluded.
#pragma once

#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/Estimate.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pilotsim::sensitivity {

struct LevelEffect {
  double level = 0.0;     ///< the factor's value
  std::int64_t runs = 0;  ///< usable runs at this level
  Estimate mean;          ///< level mean with its 95% t-interval
  Estimate effect;        ///< mean - grand mean, interval shifted likewise
};

struct FactorMainEffects {
  std::string factor;
  std::vector<LevelEffect> levels;  ///< in increasing order of level
};

struct MainEffectsResult {
  double grand_mean = 0.0;
  std::int64_t runs_used = 0;
  std::int64_t runs_excluded = 0;
  std::vector<FactorMainEffects> factors;
};

/// Throws InputError if y has the wrong length or no value is finite.
MainEffectsResult analyzeMainEffects(const Design& design, std::span<const double> y);

}  // namespace pilotsim::sensitivity
