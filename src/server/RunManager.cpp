#include "pilotsim/server/RunManager.hpp"

#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/server/ApiError.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pilotsim {

Json limitsJson(const RunLimits& l) {
  return {{"max_running", l.max_running},         {"max_queued", l.max_queued},
          {"max_unit_months", l.max_unit_months}, {"max_unit_replicates", l.max_unit_replicates},
          {"max_pace_ms", l.max_pace.count()},    {"abandon_after_ms", l.abandon_after.count()},
          {"keep_ended", l.keep_ended},           {"keep_for_ms", l.keep_for.count()}};
}

RunManager::RunManager(RunLimits limits) : limits_(limits) {
  if (limits_.max_running < 1) throw ApiError(400, "max_running must be at least 1");
  for (int i = 0; i < limits_.max_running; ++i) workers_.emplace_back([this] { work(); });
  sweeper_ = std::thread([this] { sweepLoop(); });
}

RunManager::~RunManager() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, run] : runs_) run->stop();
    queue_.clear();
  }
  queue_changed_.notify_all();
  shutdown_.notify_all();
  for (auto& w : workers_) w.join();
  sweeper_.join();
}

std::shared_ptr<LabRun> RunManager::submit(Scenario scenario, std::string label, std::chrono::milliseconds pace) {
  if (pace.count() < 0 || pace > limits_.max_pace)
    throw ApiError(400, fmt::format("pace_ms must be in [0, {}]", limits_.max_pace.count()));
  checkSize(scenario);
  std::shared_ptr<LabRun> created;
  {
    std::lock_guard lock(mutex_);
    if (static_cast<int>(queue_.size()) >= limits_.max_queued)
      throw ApiError(
          429,
          fmt::format("{} runs are waiting already (the limit); stop one or wait for one to finish", queue_.size()),
          {{"queued", queue_.size()}, {"max_queued", limits_.max_queued}});
    // Ids are a counter: unique for the server's life, short to type in a script.
    const std::string id = fmt::format("r{}", next_id_++);
    created = std::make_shared<LabRun>(id, std::move(scenario), std::move(label), pace);
    runs_.emplace(id, created);
    order_.push_back(id);
    queue_.push_back(created);
  }
  queue_changed_.notify_one();
  return created;
}

Json RunManager::checkSize(const Scenario& scenario) const {
  const RunParams& run = scenario.params.run;
  const double units = static_cast<double>(buildHierarchy(shapeFor(scenario.params.structure)).unitCount());
  const double unit_months = units * (run.burn_in + run.months) * run.replicates;
  const double unit_replicates = units * run.replicates;
  const Json size = {{"units", static_cast<std::uint64_t>(units)},
                     {"months", run.burn_in + run.months},
                     {"replicates", run.replicates},
                     {"unit_months", unit_months},
                     {"unit_replicates", unit_replicates}};
  const Json details = {{"size", size}, {"limits", limitsJson(limits_)}};
  if (unit_months > limits_.max_unit_months)
    throw ApiError(422,
                   fmt::format("run too large: {} units x {} months (burn-in included) x {} replicates = {:.3g} "
                               "unit-months, above the lab's limit of {:.3g}; use fewer replicates or months, a "
                               "smaller structure, or `pilotsim run` for large runs",
                               units, run.burn_in + run.months, run.replicates, unit_months, limits_.max_unit_months),
                   details);
  if (unit_replicates > limits_.max_unit_replicates)
    throw ApiError(422,
                   fmt::format("run too large: {} units x {} replicates = {:.3g} units held in memory at once, above "
                               "the lab's limit of {:.3g}; use fewer replicates or `pilotsim run`",
                               units, run.replicates, unit_replicates, limits_.max_unit_replicates),
                   details);
  return size;
}

std::shared_ptr<LabRun> RunManager::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = runs_.find(id);
  if (it == runs_.end())
    throw ApiError(404,
                   fmt::format("no run '{}': it never existed, or was removed (runs nobody watches are "
                               "cancelled after {} s; ended runs are kept {} s)",
                               id, limits_.abandon_after.count() / 1000.0, limits_.keep_for.count() / 1000.0),
                   {{"id", id}});
  it->second->touch();
  return it->second;
}

std::vector<std::shared_ptr<LabRun>> RunManager::list() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<LabRun>> out;
  for (const auto& id : order_) out.push_back(runs_.at(id));
  return out;
}

void RunManager::remove(const std::string& id) {
  std::shared_ptr<LabRun> run;
  {
    std::lock_guard lock(mutex_);
    const auto it = runs_.find(id);
    if (it == runs_.end()) throw ApiError(404, fmt::format("no run '{}'", id), {{"id", id}});
    run = it->second;
    runs_.erase(it);
    order_.erase(std::find(order_.begin(), order_.end(), id));
    queue_.erase(std::remove(queue_.begin(), queue_.end(), run), queue_.end());
  }
  // The worker (if any) holds its own reference and frees the simulation when it sees the stop.
  run->stop();
}

void RunManager::sweep() {
  std::vector<std::shared_ptr<LabRun>> dropped;
  {
    std::lock_guard lock(mutex_);
    const auto now = LabClock::now();
    std::vector<std::string> ended;
    for (const auto& id : order_) {
      const auto& run = runs_.at(id);
      const RunStatus status = run->progress().status;
      if (!isTerminal(status)) {
        if (now - run->lastTouched() > limits_.abandon_after) dropped.push_back(run);
      } else if (now - run->endedAt() > limits_.keep_for) {
        dropped.push_back(run);
      } else {
        ended.push_back(id);
      }
    }
    // Beyond the count, the runs that ended first go first.
    std::sort(ended.begin(), ended.end(), [&](const std::string& a, const std::string& b) {
      return runs_.at(a)->endedAt() < runs_.at(b)->endedAt();
    });
    const std::size_t keep = static_cast<std::size_t>(std::max(0, limits_.keep_ended));
    for (std::size_t i = 0; i + keep < ended.size(); ++i) dropped.push_back(runs_.at(ended[i]));
    for (const auto& run : dropped) {
      runs_.erase(run->id());
      order_.erase(std::find(order_.begin(), order_.end(), run->id()));
      queue_.erase(std::remove(queue_.begin(), queue_.end(), run), queue_.end());
    }
  }
  for (const auto& run : dropped) run->stop(/*abandoned=*/true);
}

void RunManager::work() {
  for (;;) {
    std::shared_ptr<LabRun> run;
    {
      std::unique_lock lock(mutex_);
      queue_changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      run = queue_.front();
      queue_.pop_front();
    }
    run->execute();
  }
}

void RunManager::sweepLoop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    shutdown_.wait_for(lock, limits_.sweep_every, [&] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    sweep();
    lock.lock();
  }
}

}  // namespace pilotsim
