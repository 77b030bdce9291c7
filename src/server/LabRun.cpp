#include "pilotsim/server/LabRun.hpp"

#include "pilotsim/experiment/Ensemble.hpp"
#include "pilotsim/server/ApiError.hpp"

#include <fmt/format.h>

#include <exception>

namespace pilotsim {
namespace {

// A snapshot of the units costs about as much as a month of the model; once a simulated year keeps
// the map current without slowing the run.
constexpr int kSnapshotEveryMonths = 12;

}  // namespace

std::string_view toString(RunStatus s) {
  switch (s) {
    case RunStatus::Queued:
      return "queued";
    case RunStatus::Running:
      return "running";
    case RunStatus::Paused:
      return "paused";
    case RunStatus::Finished:
      return "finished";
    case RunStatus::Stopped:
      return "stopped";
    case RunStatus::Cancelled:
      return "cancelled";
    case RunStatus::Failed:
      return "failed";
  }
  return "";
}

bool isTerminal(RunStatus s) {
  return s == RunStatus::Finished || s == RunStatus::Stopped || s == RunStatus::Cancelled || s == RunStatus::Failed;
}

LabRun::LabRun(std::string id, Scenario scenario, std::string label, std::chrono::milliseconds pace)
    : id_(std::move(id)), label_(std::move(label)), scenario_(std::move(scenario)), pace_(pace) {
  touch();
  total_months_ = scenario_.params.run.burn_in + scenario_.params.run.months;
}

void LabRun::execute() {
  {
    std::lock_guard lock(mutex_);
    if (status_ != RunStatus::Queued) return;  // stopped or cancelled while it waited
    status_ = RunStatus::Running;
  }
  changed_.notify_all();
  try {
    Ensemble ensemble(scenario_.params, [&] {
      std::lock_guard lock(mutex_);
      return stop_requested_;
    });
    {
      std::lock_guard lock(mutex_);
      replicate_rows_.assign(ensemble.size(), {});
    }
    while (!ensemble.finished()) {
      bool pausing = false;
      {
        std::lock_guard lock(mutex_);
        pausing = pause_requested_ && !stop_requested_;
      }
      // A paused run shows its units as they are at the pause.
      if (pausing) publishSnapshot(ensemble.replicate(0));
      if (!waitWhilePaused()) break;
      ensemble.step();
      const bool measured = ensemble.measured();
      {
        // The rows are copied under the lock: the simulations' own vectors grow on this thread.
        std::lock_guard lock(mutex_);
        ++months_done_;
        if (measured) {
          for (std::size_t r = 0; r < ensemble.size(); ++r)
            replicate_rows_[r].push_back(ensemble.replicate(r).monthly().back());
          mean_.push_back(ensemble.meanOfLastMonth());
        }
      }
      changed_.notify_all();
      if (measured && (mean_.size() % kSnapshotEveryMonths == 0)) publishSnapshot(ensemble.replicate(0));
      if (measured && pace_.count() > 0) {
        // Interruptible: a stop or pause request ends the wait.
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, pace_, [&] { return stop_requested_ || pause_requested_; });
      }
    }
    if (ensemble.size() > 0) publishSnapshot(ensemble.replicate(0));
    bool stopped = false, abandoned = false;
    {
      std::lock_guard lock(mutex_);
      stopped = stop_requested_;
      abandoned = abandoned_;
    }
    ensemble.clear();  // the model's memory goes before the run reports that it ended
    finish(stopped ? (abandoned ? RunStatus::Cancelled : RunStatus::Stopped) : RunStatus::Finished, "");
  } catch (const std::exception& e) {
    finish(RunStatus::Failed, e.what());
  }
}

bool LabRun::waitWhilePaused() {
  std::unique_lock lock(mutex_);
  if (stop_requested_) return false;
  if (!pause_requested_) return true;
  status_ = RunStatus::Paused;
  changed_.notify_all();
  changed_.wait(lock, [&] { return stop_requested_ || !pause_requested_; });
  if (stop_requested_) return false;
  status_ = RunStatus::Running;
  changed_.notify_all();
  return true;
}

void LabRun::publishSnapshot(const Simulation& simulation) {
  auto view = std::make_shared<const UnitView>(simulation.snapshot());
  std::lock_guard lock(mutex_);
  units_ = std::move(view);
}

void LabRun::finish(RunStatus status, std::string error) {
  {
    std::lock_guard lock(mutex_);
    status_ = status;
    error_ = std::move(error);
    ended_at_ = LabClock::now();
  }
  changed_.notify_all();
}

void LabRun::pause() { setPauseRequested(true); }
void LabRun::resume() { setPauseRequested(false); }

// A queued run that is asked to pause pauses as soon as a worker picks it up.
void LabRun::setPauseRequested(bool paused) {
  {
    std::lock_guard lock(mutex_);
    if (isTerminal(status_))
      throw ApiError(
          409,
          fmt::format("run {} has ended ({}); it cannot be {}", id_, toString(status_), paused ? "paused" : "resumed"),
          {{"status", toString(status_)}});
    pause_requested_ = paused;
  }
  changed_.notify_all();
}

void LabRun::stop(bool abandoned) {
  bool was_queued = false;
  {
    std::lock_guard lock(mutex_);
    if (isTerminal(status_)) return;  // stopping twice is harmless
    stop_requested_ = true;
    abandoned_ = abandoned;
    was_queued = status_ == RunStatus::Queued;
  }
  changed_.notify_all();
  // Nothing was allocated for a queued run: it ends here, and the worker that picks it up skips it.
  if (was_queued) finish(abandoned ? RunStatus::Cancelled : RunStatus::Stopped, "");
}

RunProgress LabRun::progress() const {
  std::lock_guard lock(mutex_);
  return RunProgress{status_, months_done_, total_months_, mean_.size(), error_};
}

std::vector<MonthlyRow> LabRun::meanRows(std::size_t from) const {
  std::lock_guard lock(mutex_);
  if (from >= mean_.size()) return {};
  return {mean_.begin() + static_cast<std::ptrdiff_t>(from), mean_.end()};
}

std::vector<std::vector<MonthlyRow>> LabRun::replicateRows() const {
  std::lock_guard lock(mutex_);
  return replicate_rows_;
}

std::shared_ptr<const UnitView> LabRun::unitView() const {
  std::lock_guard lock(mutex_);
  return units_;
}

RunProgress LabRun::waitForChange(std::size_t rows_seen, RunStatus status_seen,
                                  std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return mean_.size() > rows_seen || status_ != status_seen; });
  return RunProgress{status_, months_done_, total_months_, mean_.size(), error_};
}

LabClock::time_point LabRun::endedAt() const {
  std::lock_guard lock(mutex_);
  return ended_at_;
}

Json LabRun::statusJson() const {
  const RunProgress p = progress();
  const RunParams& run = scenario_.params.run;
  Json out = {{"id", id_},
              {"label", label_},
              {"scenario", scenario_.name},
              {"status", toString(p.status)},
              {"months_done", p.months_done},
              {"total_months", p.total_months},
              {"burn_in", run.burn_in},
              {"months", run.months},
              {"replicates", run.replicates},
              {"seed", run.seed},
              {"rows", p.rows},
              {"progress", p.total_months > 0 ? double(p.months_done) / p.total_months : 0.0}};
  if (!p.error.empty()) out["error"] = p.error;
  return out;
}

}  // namespace pilotsim
