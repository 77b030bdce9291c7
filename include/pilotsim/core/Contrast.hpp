// Effects between scenarios run with common random numbers: replicate i of every scenario uses the
// same seeds, so the scenarios' values for replicate i form a matched set and an effect is estimated
// from the per-replicate contrasts (a paired design), which removes the noise the scenarios share.
//
// A contrast is a weighted sum of scenarios, sum_s c_s x_s: (-1, 1) is the difference B - A;
// (1, -1, -1, 1) over the cells LL, HL, LH, HH of a 2x2 design is the interaction (the effect of
// the first factor at the high level of the second minus at its low level); (-0.5, 1) asks whether
// B keeps more than half of A.
#pragma once

#include "pilotsim/core/Stats.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace pilotsim {

/// What an interval says about the sign of an effect.
enum class Direction { Higher, Lower, Unclear };

/// "higher", "lower", "unclear".
std::string_view toString(Direction d);

/// Higher if the 95% interval lies above zero, Lower if below, Unclear if it covers zero or fewer
/// than two replicates gave a value (one value has no interval).
Direction directionOf(const Interval& effect);

/// The contrast sum_s c_s x_s[i] for each replicate i, with its mean and 95% t-interval.
/// `values[s][i]` is scenario s's value in replicate i; every scenario must have the same number of
/// replicates. Replicates in which any scenario with a non-zero weight has no value (NaN) are
/// skipped, so the sets stay matched.
Interval pairedContrast(std::span<const std::vector<double>> values, std::span<const double> weights);

/// A standardised effect size: `effect` over the root mean variance of the scenarios with non-zero
/// weight (for a difference of two scenarios that is Cohen's d with the pooled standard deviation
/// sqrt((sd_a^2 + sd_b^2) / 2)). NaN when the scenarios have no spread.
double standardisedEffect(double effect, std::span<const std::vector<double>> values, std::span<const double> weights);

}  // namespace pilotsim
