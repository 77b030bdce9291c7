#include "pilotsim/experiment/Runner.hpp"

#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/model/Simulation.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace pilotsim {
namespace {

// How often the calling thread wakes to redraw progress and look at the stop flag, which a signal
// handler cannot notify.
constexpr auto kPollInterval = std::chrono::milliseconds(100);

/// State shared by the calling thread and the workers; everything but the atomics under `mutex`.
struct Pool {
  Pool(std::span<const Job> j, int ahead_, Progress* prog, const std::atomic<bool>* stop_flag)
      : job_list(j), jobs(static_cast<int>(j.size())), ahead(ahead_), progress(prog), stop(stop_flag) {}

  std::span<const Job> job_list;
  const int jobs;
  const int ahead;  // workers may run this many jobs past the next one the sink needs
  Progress* progress;
  const std::atomic<bool>* stop;

  std::mutex mutex;
  std::condition_variable result_ready;  // a worker finished a replicate, or failed
  std::condition_variable slot_free;     // the sink took a replicate, or the run is ending
  int next_claim = 0;
  int next_emit = 0;
  std::map<int, RunResult> finished;  // done but not yet handed to the sink, by job
  std::exception_ptr error;
  std::atomic<bool> abort{false};

  bool stopRequested() const {
    return abort.load(std::memory_order_relaxed) || (stop != nullptr && stop->load(std::memory_order_relaxed));
  }

  /// The next job for a worker, or -1 when there is nothing left to do.
  int claim() {
    std::unique_lock lock(mutex);
    slot_free.wait(lock, [&] { return stopRequested() || next_claim >= jobs || next_claim < next_emit + ahead; });
    if (stopRequested() || next_claim >= jobs) return -1;
    return next_claim++;
  }

  void fail(std::exception_ptr e) {
    {
      std::lock_guard lock(mutex);
      if (!error) error = std::move(e);
      abort = true;
    }
    result_ready.notify_all();
    slot_free.notify_all();
  }

  void work() {
    try {
      for (int job = claim(); job >= 0; job = claim()) {
        const Job& j = job_list[static_cast<std::size_t>(job)];
        Simulation sim(*j.params, j.replicate);
        while (!sim.finished()) {
          if (stopRequested()) return;
          sim.step();
          if (progress != nullptr) progress->advance(1);
        }
        RunResult result = sim.takeResult();
        {
          std::lock_guard lock(mutex);
          finished.emplace(job, std::move(result));
        }
        if (progress != nullptr) progress->replicateDone();
        result_ready.notify_all();
      }
    } catch (...) {
      fail(std::current_exception());
    }
  }
};

}  // namespace

int resolveThreads(int threads, int runs) {
  int n = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
  n = std::max(n, 1);
  return std::max(1, std::min(n, runs));
}

void runReplicates(const Params& params, int replicates, int threads, const ReplicateSink& sink, Progress* progress,
                   const std::atomic<bool>* stop) {
  runBatch(
      std::span<const Params>(&params, 1), replicates, threads,
      [&sink](std::size_t, RunResult&& r) { sink(std::move(r)); }, progress, stop);
}

void runBatch(std::span<const Params> scenarios, int replicates, int threads, const BatchSink& sink, Progress* progress,
              const std::atomic<bool>* stop) {
  if (replicates <= 0 || scenarios.empty()) return;
  // Job j is replicate j % replicates of scenario j / replicates.
  std::vector<Job> jobs;
  std::int64_t months = 0;
  for (const auto& p : scenarios) {
    for (int r = 0; r < replicates; ++r) jobs.push_back({&p, static_cast<std::uint32_t>(r)});
    months += static_cast<std::int64_t>(p.run.burn_in + p.run.months) * replicates;
  }
  if (progress != nullptr) progress->beginRuns(static_cast<int>(jobs.size()), months);
  const FinishProgressOnExit finish(progress);
  const auto per = static_cast<std::size_t>(replicates);
  runJobs(
      jobs, threads, [&](std::size_t job, RunResult&& r) { sink(job / per, std::move(r)); }, progress, stop);
}

void runJobs(std::span<const Job> job_list, int threads, const JobSink& sink, Progress* progress,
             const std::atomic<bool>* stop) {
  if (job_list.empty()) return;
  const int jobs = static_cast<int>(job_list.size());
  const int workers = resolveThreads(threads, jobs);
  Pool pool(job_list, 2 * workers, progress, stop);

  std::vector<std::thread> pool_threads;
  pool_threads.reserve(static_cast<std::size_t>(workers));
  // Joins on every way out, so no worker outlives `pool`.
  struct Joiner {
    Pool& pool;
    std::vector<std::thread>& threads;
    ~Joiner() {
      pool.abort = true;
      pool.slot_free.notify_all();
      for (auto& t : threads) {
        if (t.joinable()) t.join();
      }
    }
  } joiner{pool, pool_threads};
  for (int i = 0; i < workers; ++i) pool_threads.emplace_back([&pool] { pool.work(); });

  bool interrupted = false;
  {
    std::unique_lock lock(pool.mutex);
    while (pool.next_emit < jobs) {
      if (pool.error) break;
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
        interrupted = true;
        break;
      }
      auto it = pool.finished.find(pool.next_emit);
      if (it == pool.finished.end()) {
        pool.result_ready.wait_for(lock, kPollInterval);
        lock.unlock();
        if (progress != nullptr) progress->refresh();
        lock.lock();
        continue;
      }
      RunResult result = std::move(it->second);
      const auto job = static_cast<std::size_t>(pool.next_emit);
      pool.finished.erase(it);
      ++pool.next_emit;
      lock.unlock();
      pool.slot_free.notify_all();
      // The sink writes files; it runs outside the lock so that workers keep simulating meanwhile.
      try {
        sink(job, std::move(result));
      } catch (...) {
        pool.fail(std::current_exception());
      }
      if (progress != nullptr) progress->refresh();
      lock.lock();
    }
  }

  pool.abort = true;
  pool.slot_free.notify_all();
  for (auto& t : pool_threads) t.join();
  if (pool.error) std::rethrow_exception(pool.error);
  if (interrupted) throw Interrupted();
}

}  // namespace pilotsim
