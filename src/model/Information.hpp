// What a superior can know of a pilot: never its true impact, only its report as read (with
// error) or the last measurement a verified channel made of it (MODEL.md s.12).
#pragma once

#include "model/Incentives.hpp"
#include "model/State.hpp"

namespace pilotsim {

/// The superior's value of a pilot this month: its last measurement if within a year, else its
/// report as read with error (one reading a month: the same draw however often it is asked).
inline double valueSeen(const State& s, const Pilot& pl) {
  if (pl.assessed_month >= 0 && s.month - pl.assessed_month < 12) return pl.assessed;
  if (!s.params.mechanisms.report_noise) return pl.reported;
  auto rng = s.stream(pl.id, Purpose::ReportNoise);
  return measured(pl.reported, s.params.verification.report_noise, rng);
}

/// A check of a pilot by a verified channel (inspection, review, a verifying superior): a
/// measurement, with error, of what the checker sees, which rests partly (verification.formalism)
/// on the materials the unit presents, that is its report (paper s.5.1: formalistic inspection).
inline double checkedValue(const State& s, const Pilot& pl, RandomStream& rng) {
  const double rho = s.params.verification.formalism;
  return measured((1.0 - rho) * pl.realised + rho * pl.reported, s.params.verification.inspection_error, rng);
}

}  // namespace pilotsim
