// Counter-based random streams keyed by identity.
//
// Every random draw in pilotsim is a pure function of (seed, replicate, entity, month, purpose,
// draw index) through Random123's Philox4x32-10. Nothing depends on the order in which entities
// are visited or on how replicates are spread over threads, so output is bit-identical on any
// thread count. The distributions are written here (not taken from <random>) because the standard
// library's distributions differ between implementations; tests/core/RngTest.cpp pins golden values.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <span>

namespace pilotsim {

/// Why a draw is made. Each purpose is its own stream, so adding draws for one purpose never
/// shifts the draws of another. Append new purposes at the end: renumbering changes results.
/// NeedShock, Oversight, DomainTraits, ProgrammeDomain, Restart, ProgrammeAcceptance and
/// AdoptionStyle are unused and kept only so that the purposes after them keep their numbers.
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
  // Model version 2.
  LaunchConsider,        ///< when a superior next weighs launching a programme
  ProgrammeApplication,  ///< units' decisions to apply for a programme's slots
  ReportNoise,           ///< the error with which a superior reads a report
  InspectionMeasure,     ///< an inspection's measurement error
  SurveyNoise,           ///< a satisfaction survey's error
  ReviewMeasure,         ///< a retrospective review's measurement error (B2)
  MediaExposure,         ///< media exposing a recognised pilot's inflation
  Audit,                 ///< an inspection finding diverted funds
  RedLine,               ///< the age at which a pilot crosses a red line
  Rotation,              ///< whether a leader not promoted moves to another post
  Relocation,            ///< a rotated leader's choice to restart an old pilot in the new post
  SecondInnovation,      ///< units' choices to redesign a pilot after new problems
  Dismissal,             ///< whether a detected red-line crossing costs the leader the post
  InstitutionVerify,     ///< a superior's measurement before writing a pilot into rules (B4)
  RecognitionVerify,     ///< a superior's inspection of recognition candidates (A3)
  CampaignDecision,      ///< a superior's choice to promote its typical experience
  AbcProposal,           ///< ABC: a candidate parameter set's draw from the prior or the perturbation kernel
};

/// A stream of uniform draws for one (entity, month, purpose) within a replicate.
/// Cheap to construct: it holds only the key and counter; draws are generated on demand.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint32_t replicate, std::uint32_t entity, std::uint32_t month,
               Purpose purpose) noexcept
      : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
        // Counter layout: (entity, month<<16 | purpose, draw block index, replicate).
        ctr_{entity, (month << 16) | static_cast<std::uint32_t>(purpose), 0u, replicate} {}

  // The frequent draws (uniform, uniform32, uniform16x2, bernoulli, geometric, below) and the
  // Philox block behind them are inline: the model makes a few draws from each of many short-lived
  // streams, and a call per draw was a visible share of a month (docs/performance.md). The rarer
  // ones (normal, gamma, beta, categorical) are in src/core/Rng.cpp.

  /// Uniform on the open interval (0, 1), with 53 random bits.
  double uniform() noexcept {
    // 53 bits from two words; adding half an ulp keeps the result strictly inside (0, 1).
    const std::uint64_t hi = next32() >> 5;  // 27 bits
    const std::uint64_t lo = next32() >> 6;  // 26 bits
    return (static_cast<double>((hi << 26) | lo) + 0.5) * 0x1.0p-53;
  }
  /// Bernoulli trial with success probability p (p <= 0 never, p >= 1 always).
  bool bernoulli(double p) noexcept {
    if (p <= 0.0) return false;
    if (p >= 1.0) return true;
    return uniform() < p;
  }
  /// Uniform on (0, 1) with 32 random bits: half the cost of uniform(), for hazards and noise
  /// where 2^-32 resolution is ample.
  double uniform32() noexcept { return (static_cast<double>(next32()) + 0.5) * 0x1.0p-32; }
  /// Fills out with the next out.size() values of uniform32(), in order: the same values as that many
  /// calls, for loops that draw once per element whatever happens to it (diffusion's unit visits).
  void uniform32(std::span<double> out) noexcept {
    for (double& x : out) x = uniform32();
  }
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
  std::uint32_t geometric(double p) noexcept {
    if (p >= 1.0) return 0;
    if (p <= 0.0) return UINT32_MAX;
    const double x = std::floor(std::log(uniform()) / std::log1p(-p));
    return x >= 4.0e9 ? UINT32_MAX : static_cast<std::uint32_t>(x);
  }
  /// Integer uniform on [0, n); n > 0.
  std::uint32_t below(std::uint32_t n) noexcept {
    // Lemire's multiply-shift; the tiny bias (< n / 2^32) is irrelevant at our sizes.
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next32()) * n) >> 32);
  }
  /// Index drawn with probability proportional to weights (non-negative, not all zero).
  /// Returns weights.size() if all weights are zero.
  std::size_t categorical(std::span<const double> weights) noexcept;

 private:
  std::uint32_t next32() noexcept {
    if (used_ == 4) [[unlikely]]
      refill();
    return buf_[used_++];
  }
  /// The next Philox4x32-10 block of four words into buf_.
  void refill() noexcept {
    r123::Philox4x32::ctr_type c = {{ctr_[0], ctr_[1], ctr_[2], ctr_[3]}};
    r123::Philox4x32::key_type k = {{key_[0], key_[1]}};
    const auto r = r123::Philox4x32()(c, k);
    for (int i = 0; i < 4; ++i) buf_[i] = r.v[i];
    ++ctr_[2];
    used_ = 0;
  }

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
