#include "pilotsim/core/Rng.hpp"

#include <cmath>
#include <numbers>

namespace pilotsim {

double RandomStream::normal() noexcept {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  const double u1 = uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double a = 2.0 * std::numbers::pi * u2;
  spare_normal_ = r * std::sin(a);
  has_spare_ = true;
  return r * std::cos(a);
}

double RandomStream::gamma(double shape) noexcept {
  if (shape < 1.0) {
    // Boost a shape < 1 draw: G(a) = G(a + 1) * U^(1/a).
    const double g = gamma(shape + 1.0);
    return g * std::pow(uniform(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double RandomStream::beta(double a, double b) noexcept {
  const double x = gamma(a);
  const double y = gamma(b);
  return x / (x + y);
}

std::size_t RandomStream::categorical(std::span<const double> weights) noexcept {
  double total = 0.0;
  for (double w : weights) total += w;
  if (!(total > 0.0)) return weights.size();
  double x = uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    x -= weights[i];
    if (x < 0.0) return i;
  }
  // Rounding left x a hair above zero: return the last positive weight.
  for (std::size_t i = weights.size(); i-- > 0;)
    if (weights[i] > 0.0) return i;
  return weights.size();
}

}  // namespace pilotsim
