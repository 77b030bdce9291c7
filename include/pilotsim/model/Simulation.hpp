// One replicate of one scenario: owns all mutable state and steps it month by month.
//
// The Params are copied in and never change (description apart from run). Observations leave as
// plain rows and records (Measures.hpp, Records.hpp). Nothing is global: two Simulations can run
// on two threads at once.
#pragma once

#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace pilotsim {

struct State;

/// Everything one replicate produces.
struct RunResult {
  std::uint32_t replicate = 0;
  std::vector<MonthlyRow> monthly;            ///< one row per measured month
  std::vector<PilotRecord> pilots;            ///< every pilot started after burn-in began
  std::vector<TenureRecord> tenures;          ///< every tenure that overlapped the measured period
  std::vector<UnitRecord> units;              ///< final state of each unit
  std::vector<InnovationRecord> innovations;  ///< every promotion campaign
};

class Simulation {
 public:
  Simulation(const Params& params, std::uint32_t replicate);
  ~Simulation();
  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) noexcept;

  /// Advance one month (burn-in months included). Call only while !finished().
  void step();
  bool finished() const;
  /// Months since the end of burn-in of the month simulated next (negative during burn-in).
  int month() const;
  /// Total months, burn-in included.
  int totalMonths() const;
  /// Measured rows so far.
  const std::vector<MonthlyRow>& monthly() const;
  std::size_t unitCount() const;

  /// Collect the records. Call once, after finished(); the Simulation is spent afterwards.
  RunResult takeResult();

  /// Run a whole replicate.
  static RunResult run(const Params& params, std::uint32_t replicate);

  /// Read access for tests and tools.
  const State& state() const;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace pilotsim
