// One run of the browser lab: a scenario's replicates stepped month by month on a worker thread, in
// lockstep, so that each measured month yields one row per replicate and their mean at once and the
// page can draw the month as soon as it is simulated.
//
// Threads: execute() runs on one worker; everything else may be called from any thread. The rows,
// the status and the unit-view snapshot are guarded by one mutex; a condition variable wakes
// streams when a row or the status changes. The worker checks the stop and pause requests between
// months, and frees the simulations (all the model's memory) as soon as it stops, whatever the
// reason; the rows stay until the run is removed.
#pragma once

#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/server/UnitView.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

enum class RunStatus { Queued, Running, Paused, Finished, Stopped, Cancelled, Failed };
std::string_view toString(RunStatus s);
/// Finished, stopped, cancelled (abandoned) or failed: nothing more will happen to the run.
bool isTerminal(RunStatus s);

using LabClock = std::chrono::steady_clock;

/// Where a run is, for status replies and stream events.
struct RunProgress {
  RunStatus status = RunStatus::Queued;
  int months_done = 0;   ///< months simulated, burn-in included
  int total_months = 0;  ///< burn-in + measured months
  std::size_t rows = 0;  ///< measured months available
  std::string error;     ///< why a run failed
};

class LabRun {
 public:
  /// `pace` is slept after each measured month (0: as fast as possible), so that a small run can be
  /// watched rather than only seen finished.
  LabRun(std::string id, Scenario scenario, std::string label, std::chrono::milliseconds pace);

  const std::string& id() const { return id_; }
  const std::string& label() const { return label_; }
  const Scenario& scenario() const { return scenario_; }
  int replicates() const { return scenario_.params.run.replicates; }

  /// Simulate to the end unless stopped (worker thread; returns at once if stopped while queued).
  void execute();

  /// Pausing holds the worker between months; resuming lets it go on. Both throw ApiError (409) on a
  /// run that has ended. Stopping ends the run at the next month boundary (or at once if queued):
  /// status Stopped, or Cancelled when `abandoned` (nobody was listening).
  void pause();
  void resume();
  void stop(bool abandoned = false);

  RunProgress progress() const;
  /// Mean rows from index `from` on (empty when none yet).
  std::vector<MonthlyRow> meanRows(std::size_t from) const;
  /// Every replicate's rows, replicate by replicate.
  std::vector<std::vector<MonthlyRow>> replicateRows() const;
  /// The latest snapshot of replicate 0's units, or nullptr before the first one.
  std::shared_ptr<const UnitView> unitView() const;
  /// Wait until there are more than `rows_seen` rows, the status differs from `status_seen`, or the
  /// timeout passes. Returns the progress then.
  RunProgress waitForChange(std::size_t rows_seen, RunStatus status_seen, std::chrono::milliseconds timeout) const;

  /// Someone asked about the run (a request or an open stream): it is not abandoned.
  void touch() { last_touch_ = LabClock::now().time_since_epoch().count(); }
  LabClock::time_point lastTouched() const { return LabClock::time_point(LabClock::duration(last_touch_.load())); }
  /// When the run ended (meaningful once terminal).
  LabClock::time_point endedAt() const;

  /// {"id", "label", "scenario", "status", "months_done", "total_months", "burn_in", "months",
  ///  "replicates", "rows", "progress", "error"?}.
  Json statusJson() const;

 private:
  bool waitWhilePaused();
  void setPauseRequested(bool paused);
  void publishSnapshot(const Simulation& simulation);
  void finish(RunStatus status, std::string error);

  const std::string id_, label_;
  const Scenario scenario_;
  const std::chrono::milliseconds pace_;
  std::atomic<LabClock::rep> last_touch_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  RunStatus status_ = RunStatus::Queued;
  bool pause_requested_ = false, stop_requested_ = false, abandoned_ = false;
  int months_done_ = 0, total_months_ = 0;
  std::vector<MonthlyRow> mean_;
  std::vector<std::vector<MonthlyRow>> replicate_rows_;
  std::shared_ptr<const UnitView> units_;
  std::string error_;
  LabClock::time_point ended_at_{};
};

}  // namespace pilotsim
