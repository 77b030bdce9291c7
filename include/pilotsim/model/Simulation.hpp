// One replicate of one scenario: owns all mutable state and steps it month by month.
//
// The Params are validated and copied in and never change (description apart from run).
// Observations leave as plain rows, records and snapshots (Measures.hpp, Records.hpp,
// Snapshot.hpp); the state itself is private to the model. Nothing is global: two Simulations can
// run on two threads at once.
#pragma once

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"
#include "pilotsim/model/Snapshot.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

namespace pilotsim {

struct State;

/// Everything one replicate produces.
struct RunResult {
  std::uint32_t replicate = 0;
  std::vector<MonthlyRow> monthly;              ///< one row per measured month
  std::vector<PilotRecord> pilots;              ///< every pilot started, burn-in included
  std::vector<TenureRecord> tenures;            ///< every tenure that overlapped the measured period
  std::vector<UnitRecord> units;                ///< final state of each unit
  std::vector<InnovationRecord> innovations;    ///< every promotion campaign
  std::vector<RecognitionRecord> recognitions;  ///< every typical experience named
  std::vector<ProgrammeRecord> programmes;      ///< every superior a designated programme passed through
  std::vector<HierarchyRecord> hierarchy;       ///< every superior
};

/// Parameters a Simulation refuses: one message per problem, each naming the key (validateParams).
/// An InputError like every other bad input, so a front end reports it the same way (exit code 2).
class InvalidParams : public InputError {
 public:
  explicit InvalidParams(const std::vector<std::string>& problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

class Simulation {
 public:
  /// Validates `params` (throws InvalidParams naming every problem) and sets up replicate
  /// `replicate`. A structure file (structure.preset = "file") is read and checked here too: a
  /// missing or invalid one throws InputError, with the scenario loader's messages.
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
  /// A picture of the units and their pilots as of the last month simulated.
  Snapshot snapshot() const;

  /// Collect the records. Call once, after finished(); the Simulation is spent afterwards.
  RunResult takeResult();

  /// Run a whole replicate.
  static RunResult run(const Params& params, std::uint32_t replicate);

  /// The state, for the model's own tests and tools (declared in src/model/State.hpp).
  const State& state() const;
  State& state();

 private:
  std::unique_ptr<State> state_;
};

}  // namespace pilotsim
