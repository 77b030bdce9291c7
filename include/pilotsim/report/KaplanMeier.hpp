// The Kaplan–Meier estimate of a survival function from right-censored spells, with Greenwood's
// variance and a log–log 95% interval (Kalbfleisch & Prentice 2002, s.1.4), for the pilot survival
// charts of the run report.
//
// At each distinct time t with events: n = spells whose time is >= t (at risk), d = events at t,
//   S(t) = prod over event times u <= t of (1 - d_u / n_u),
//   Greenwood: Var[log S(t)] = sum over u <= t of d_u / (n_u (n_u - d_u)),
//   interval:  S(t)^exp(±1.96 sqrt(Var) / |log S(t)|)   (stays inside [0, 1]).
// A spell censored at t is still at risk at t (censoring is taken to follow the events of the same
// time), as in R's survival::survfit.
#pragma once

#include <limits>
#include <span>
#include <vector>

namespace pilotsim {

struct SurvivalSpell {
  double time = 0;     ///< time at risk (months), >= 0
  bool event = false;  ///< true: ended at `time`; false: censored (still running when observation ended)
};

/// S just after the events at `time`.
struct SurvivalStep {
  double time = 0;
  int at_risk = 0;
  int events = 0;
  double survival = 1;
  double lo = 1, hi = 1;  ///< 95% interval; equal to `survival` where it is 0 or 1
};

struct SurvivalCurve {
  int subjects = 0;
  int events = 0;
  std::vector<SurvivalStep> steps;  ///< one per distinct event time, increasing
  double last_time = 0;             ///< the longest spell observed (the curve ends there)
  /// Smallest time where S <= 0.5; NaN if the curve never gets there.
  double median = std::numeric_limits<double>::quiet_NaN();
};

/// Spells in any order. Throws std::invalid_argument for a negative or non-finite time.
SurvivalCurve kaplanMeier(std::span<const SurvivalSpell> spells);

}  // namespace pilotsim
