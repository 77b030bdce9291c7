#include "pilotsim/core/Rng.hpp"

#include <Random123/philox.h>

#include <cmath>
#include <numbers>

namespace pilotsim {

RandomStream::RandomStream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t entity,
                           std::uint32_t month, Purpose purpose) noexcept
    : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
      // Counter layout: (entity, month<<16 | purpose, draw block index, replicate).
      ctr_{entity, (month << 16) | static_cast<std::uint32_t>(purpose), 0u, replicate} {}

std::uint32_t RandomStream::next32() noexcept {
  if (used_ == 4) {
    r123::Philox4x32::ctr_type c = {{ctr_[0], ctr_[1], ctr_[2], ctr_[3]}};
    r123::Philox4x32::key_type k = {{key_[0], key_[1]}};
    const auto r = r123::Philox4x32()(c, k);
    for (int i = 0; i < 4; ++i) buf_[i] = r.v[i];
    ++ctr_[2];
    used_ = 0;
  }
  return buf_[used_++];
}

double RandomStream::uniform() noexcept {
  // 53 bits from two words; adding half an ulp keeps the result strictly inside (0, 1).
  const std::uint64_t hi = next32() >> 5;  // 27 bits
  const std::uint64_t lo = next32() >> 6;  // 26 bits
  return (static_cast<double>((hi << 26) | lo) + 0.5) * 0x1.0p-53;
}

bool RandomStream::bernoulli(double p) noexcept {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return uniform() < p;
}

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

std::uint32_t RandomStream::geometric(double p) noexcept {
  if (p >= 1.0) return 0;
  if (p <= 0.0) return UINT32_MAX;
  const double x = std::floor(std::log(uniform()) / std::log1p(-p));
  return x >= 4.0e9 ? UINT32_MAX : static_cast<std::uint32_t>(x);
}

std::uint32_t RandomStream::below(std::uint32_t n) noexcept {
  // Lemire's multiply-shift; the tiny bias (< n / 2^32) is irrelevant at our sizes.
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next32()) * n) >> 32);
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
