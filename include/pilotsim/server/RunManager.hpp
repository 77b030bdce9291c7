// Owns the lab's runs: admits them within size limits, runs at most `max_running` at once on its own
// worker threads and queues the rest, and forgets runs nobody asks about any more.
//
// The limits exist because the lab is a server: a page (or a script) must not be able to take all
// memory or all cores by asking for a national run with a thousand replicates, nor pile up runs it
// no longer watches. Every limit is a plain field so that tests can shrink it.
#pragma once

#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/server/LabRun.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pilotsim {

struct RunLimits {
  /// Runs simulated at once (each on its own thread); further runs wait as "queued".
  int max_running = 2;
  /// Runs that may wait; beyond that a new run is refused (429).
  int max_queued = 8;
  /// Work of one run: units x (burn-in + months) x replicates. 2e7 is a national run (about 40,000
  /// units over 23 years) once, or a city run (101 units) about 700 times: tens of seconds of one core.
  double max_unit_months = 2.0e7;
  /// Memory of one run: units x replicates simulated side by side. A unit's pilot block is about
  /// 3.3 kB, so 50,000 is about 170 MB per run at most.
  double max_unit_replicates = 50000;
  /// Pause between measured months a request may ask for.
  std::chrono::milliseconds max_pace{1000};
  /// A queued, running or paused run that no request and no open stream touched for this long is
  /// cancelled and removed (the page keeps its stream open, which touches the run every second).
  std::chrono::milliseconds abandon_after{30000};
  /// Ended runs kept for their results: at most this many, for at most this long.
  int keep_ended = 16;
  std::chrono::milliseconds keep_for{std::chrono::hours(1)};
  /// How often abandoned and expired runs are looked for.
  std::chrono::milliseconds sweep_every{1000};
};

/// {"max_running", "max_queued", "max_unit_months", ...} for GET /api/limits.
Json limitsJson(const RunLimits& limits);

class RunManager {
 public:
  explicit RunManager(RunLimits limits);
  /// Stops every run and joins the workers.
  ~RunManager();
  RunManager(const RunManager&) = delete;
  RunManager& operator=(const RunManager&) = delete;

  /// Admit a run of a validated scenario. Throws ApiError: 422 if it is larger than the limits allow
  /// (the reply says by how much), 429 if the queue is full, 400 for a pace out of range.
  std::shared_ptr<LabRun> submit(Scenario scenario, std::string label, std::chrono::milliseconds pace);
  /// The size of a run of this scenario: {"units", "months", "replicates", "unit_months",
  /// "unit_replicates"}. Throws ApiError (422) if it is above the limits.
  Json checkSize(const Scenario& scenario) const;
  /// The run with this id (touched), or throws ApiError (404).
  std::shared_ptr<LabRun> find(const std::string& id);
  /// Every run still known, oldest first.
  std::vector<std::shared_ptr<LabRun>> list() const;
  /// Stop (if needed) and forget a run. Throws ApiError (404).
  void remove(const std::string& id);
  /// Cancel abandoned runs and drop expired ones now (the sweeper thread calls it; tests may too).
  void sweep();

  const RunLimits& limits() const { return limits_; }

 private:
  void work();
  void sweepLoop();

  const RunLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable queue_changed_;
  std::condition_variable shutdown_;
  bool stopping_ = false;
  std::uint64_t next_id_ = 1;
  std::map<std::string, std::shared_ptr<LabRun>> runs_;
  std::vector<std::string> order_;             ///< ids in submission order
  std::deque<std::shared_ptr<LabRun>> queue_;  ///< admitted, not yet picked by a worker
  std::vector<std::thread> workers_;
  std::thread sweeper_;
};

}  // namespace pilotsim
