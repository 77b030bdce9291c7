// The table `pilotsim run` prints at the end: the key measures' final values with 95% intervals.
#pragma once

#include "pilotsim/experiment/Summary.hpp"

#include <string>

namespace pilotsim::cli {

/// `zh` selects Chinese labels and headings.
std::string summaryTable(const Summary& summary, int months, bool zh);

/// A number for a person to read: about three significant digits, never an exponent; "-" for NaN.
std::string formatNumber(double x);

/// "mean [lo, hi]", or the mean alone when there is no interval (fewer than two values); "-" for none.
std::string formatInterval(const Interval& iv);

}  // namespace pilotsim::cli
