#include "pilotsim/core/Contrast.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace pilotsim {

std::string_view toString(Direction d) {
  switch (d) {
    case Direction::Higher:
      return "higher";
    case Direction::Lower:
      return "lower";
    case Direction::Unclear:
      return "unclear";
  }
  return "unclear";
}

Direction directionOf(const Interval& effect) {
  if (effect.n < 2 || std::isnan(effect.lo) || std::isnan(effect.hi)) return Direction::Unclear;
  if (effect.lo > 0) return Direction::Higher;
  if (effect.hi < 0) return Direction::Lower;
  return Direction::Unclear;
}

Interval pairedContrast(std::span<const std::vector<double>> values, std::span<const double> weights) {
  if (values.size() != weights.size()) throw std::invalid_argument("pairedContrast: one weight per scenario");
  if (values.empty()) return meanInterval({});
  const std::size_t n = values.front().size();
  for (const auto& v : values)
    if (v.size() != n) throw std::invalid_argument("pairedContrast: scenarios differ in replicates");
  std::vector<double> contrast(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t s = 0; s < values.size(); ++s) {
      if (weights[s] == 0) continue;
      // NaN propagates, and meanInterval skips the replicate.
      contrast[i] += weights[s] * values[s][i];
    }
  }
  return meanInterval(contrast);
}

double standardisedEffect(double effect, std::span<const std::vector<double>> values, std::span<const double> weights) {
  double variance = 0;
  int groups = 0;
  for (std::size_t s = 0; s < values.size() && s < weights.size(); ++s) {
    if (weights[s] == 0) continue;
    const Interval iv = meanInterval(values[s]);
    if (iv.n < 2) return std::numeric_limits<double>::quiet_NaN();
    variance += iv.sd * iv.sd;
    ++groups;
  }
  if (groups == 0 || variance <= 0) return std::numeric_limits<double>::quiet_NaN();
  return effect / std::sqrt(variance / groups);
}

}  // namespace pilotsim
