// Counter-based random streams keyed by identity.
//
// Every random draw in pilotsim is a pure function of (seed, replicate, entity, month, purpose,
// draw index) through Random123's Philox4x32-10. Nothing depends on the order in which entities
// are visited or on how replicates are spread over threads, so output is bit-identical on any
// thread count. The distributions are written here (not taken from <random>) because the standard
// library's distributions differ between implementations; tests/core/RngTest.cpp pins golden values.
#pragma once

#include <cstdint>
#include <span>

namespace pilotsim {

/// Why a draw is made. Each purpose is its own stream, so adding draws for one purpose never
/// shifts the draws of another. Append new purposes at the end: renumbering changes results.
/// NeedShock, Oversight, DomainTraits, ProgrammeDomain and Restart are unused and kept only so that
/// the purposes after them keep their numbers.
enum class Purpose : std::uint16_t {
  UnitBase = 1,
  UnitNeedMean,
  NeedDrift,
  NeedShock,
  SignalRevision,
  ProgrammeLaunch,
  ProgrammeSelection,
  SpontaneousConsider,
  SpontaneousChoice,
  PilotDesign,
  Adoption,
  AdoptionStyle,
  PilotFailure,
  Institutionalisation,
  Inspection,
  Oversight,
  Promotion,
  LeaderTraits,
  TenureLength,
  Succession,
  Recognition,
  DomainTraits,
  InitialTenure,
  ProgrammeDomain,
  ProgrammeAcceptance,
  Restart,
  SensitivityDesign,     ///< sampling designs (Latin hypercube strata, Sobol shift, Morris trajectories)
  SensitivityBootstrap,  ///< bootstrap resamples of sensitivity indices
};

/// A stream of uniform draws for one (entity, month, purpose) within a replicate.
/// Cheap to construct: it holds only the key and counter; draws are generated on demand.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t entity,
               std::uint32_t month, Purpose purpose) noexcept;

  /// Uniform on the open interval (0, 1), with 53 random bits.
  double uniform() noexcept;
  /// Bernoulli trial with success probability p (p <= 0 never, p >= 1 always).
  bool bernoulli(double p) noexcept;
  /// Uniform on (0, 1) with 32 random bits: half the cost of uniform(), for hazards and noise
  /// where 2^-32 resolution is ample.
  double uniform32() noexcept { return (static_cast<double>(next32()) + 0.5) * 0x1.0p-32; }
  /// Standard normal by Box–Muller (both values of a pair are used).
  double normal() noexcept;
  /// Normal with given mean and standard deviation.
  double normal(double mean, double sd) noexcept { return mean + sd * normal(); }
  /// Beta(a, b) via two gamma draws (Marsaglia–Tsang); a, b > 0.
  double beta(double a, double b) noexcept;
  /// Gamma(shape, scale 1) by Marsaglia–Tsang; shape > 0.
  double gamma(double shape) noexcept;
  /// Two uniforms on (0, 1) with 16 random bits each, from one 32-bit word: for noise where a
  /// resolution of 1/65536 is ample (needs drift), at a quarter of the cost of uniform().
  void uniform16x2(double& a, double& b) noexcept {
    const std::uint32_t w = next32();
    a = (static_cast<double>(w & 0xffffu) + 0.5) * 0x1.0p-16;
    b = (static_cast<double>(w >> 16) + 0.5) * 0x1.0p-16;
  }
  /// Months until an event with monthly probability p: the number of failures before the first
  /// success of Bernoulli(p) trials (0 if p >= 1; a huge value if p <= 0). Drawing the waiting time
  /// once replaces one draw per month with the same distribution.
  std::uint32_t geometric(double p) noexcept;
  /// Integer uniform on [0, n); n > 0.
  std::uint32_t below(std::uint32_t n) noexcept;
  /// Index drawn with probability proportional to weights (non-negative, not all zero).
  /// Returns weights.size() if all weights are zero.
  std::size_t categorical(std::span<const double> weights) noexcept;

 private:
  std::uint32_t next32() noexcept;

  std::uint32_t key_[2];
  std::uint32_t ctr_[4];
  std::uint32_t buf_[4]{};
  int used_ = 4;
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

/// The identity shared by all streams of one replicate: seed and replicate number.
struct RandomKey {
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;

  RandomStream stream(std::uint32_t entity, std::uint32_t month, Purpose purpose) const noexcept {
    return RandomStream(seed, replicate, entity, month, purpose);
  }
};

}  // namespace pilotsim
