// The replicates of one scenario stepped month by month together, for front ends that show a run as
// it happens (the browser lab's LabRun). Runner runs whole replicates for
// the batch commands; Ensemble is the experiment layer's other way to run the model. The one
// exception is the Python module's Simulation (python/src/Module.cpp), which steps a single
// replicate chosen by number and so has no mean to form: it holds a model Simulation itself.
// After every month the mean row over the replicates is formed here too, so every front end shows
// the same mean.
#pragma once

#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace pilotsim {

/// The mean of each measure over the rows that have a value there (a measure undefined in a month,
/// e.g. promotion accuracy before any tenure has ended, is NaN in a row and left out; NaN if no row
/// has it).
MonthlyRow meanRow(const std::vector<const MonthlyRow*>& rows);

class Ensemble {
 public:
  /// Sets up replicates 0..run.replicates-1 of `params` (Simulation validates them: InvalidParams).
  /// `stop`, if given, is asked before each replicate is set up (setting up a national replicate takes
  /// a while); when it says true the ensemble is left with fewer replicates and stopped() is true.
  explicit Ensemble(const Params& params, const std::function<bool()>& stop = {});

  /// Advance every replicate one month. Call only while !finished().
  void step();
  /// All months simulated (or set-up stopped early: nothing to step).
  bool finished() const;
  /// Set-up was stopped before every replicate existed.
  bool stopped() const { return stopped_; }
  /// Whether the last step() added a measured month (false during burn-in).
  bool measured() const { return measured_; }
  /// The mean over replicates of the last measured month; only after a step() that measured().
  const MonthlyRow& meanOfLastMonth() const { return mean_; }

  /// Drop the simulations and their memory; finished() afterwards.
  void clear() { std::vector<Simulation>().swap(sims_); }

  std::size_t size() const { return sims_.size(); }
  const Simulation& replicate(std::size_t r) const { return sims_[r]; }

 private:
  std::vector<Simulation> sims_;
  bool stopped_ = false;
  bool measured_ = false;
  MonthlyRow mean_{};
};

}  // namespace pilotsim
