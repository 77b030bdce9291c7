#include "pilotsim/distributed/DistributedRuns.hpp"

#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/Runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <exception>
#include <future>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#ifdef PILOTSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace pilotsim {

#ifndef PILOTSIM_HAVE_MPI

CampaignProgress coordinateRuns(const MpiSession&, CampaignStore&, const CampaignWork&, std::span<const RunKey>,
                                CampaignProgress, Progress*, const std::atomic<bool>*) {
  throw std::logic_error("coordinateRuns: this pilotsim was built without MPI");
}

void serveRuns(const MpiSession&, const CampaignWork&, const std::atomic<bool>*) {
  throw std::logic_error("serveRuns: this pilotsim was built without MPI");
}

std::int64_t coordinateRound(const MpiSession&, std::span<const double>, const CampaignWork&, std::span<const RunKey>,
                             const RunSaver&, const std::atomic<bool>*) {
  throw std::logic_error("coordinateRound: this pilotsim was built without MPI");
}

void endRounds(const MpiSession&) { throw std::logic_error("endRounds: this pilotsim was built without MPI"); }

void serveRounds(const MpiSession&, const std::function<CampaignWork(std::span<const double>)>&,
                 const std::atomic<bool>*) {
  throw std::logic_error("serveRounds: this pilotsim was built without MPI");
}

#else

namespace {

using Clock = std::chrono::steady_clock;

// Messages. Rank 0 to a rank: a batch of run keys, "no more batches", or "halt now"; for work in
// rounds, also a round's description before its batches and "no more rounds". A rank to rank 0: the
// outputs of a batch, a heartbeat while it runs one, the runs it finished when a signal stopped it,
// or the message of a run that failed.
enum Tag : int { kWork = 1, kNoMore, kHalt, kResults, kHeartbeat, kStopped, kFailed, kRound, kOver };

constexpr int kBatchesInFlight = 2;  // per rank: the next is there when one ends
constexpr auto kCommitInterval = std::chrono::seconds(1);
constexpr std::size_t kCommitRuns = 512;
constexpr auto kHeartbeatEvery = std::chrono::seconds(2);
// A rank that holds runs and is heard from for this long is lost: it died without its launcher
// stopping the job (srun without --kill-on-bad-exit does that) or hangs. A batch takes seconds, and
// heartbeats come every 2 s while it runs, so only a dead or frozen rank stays this silent.
constexpr auto kSilence = std::chrono::seconds(60);
// After a signal, how long rank 0 waits for the other ranks' last runs. mpirun sends SIGKILL one
// second after SIGTERM (odls_base_sigkill_timeout = 1), and rank 0 must store them before then.
constexpr auto kLastWordWait = std::chrono::milliseconds(400);
constexpr auto kPoll = std::chrono::microseconds(500);

// Outputs travel as doubles: per run point, replicate, outcome count, series length, then the
// values. Keys are below 2^53, so they are exact; values are copied bit for bit (NaN included).
void encode(const RunOutput& out, std::vector<double>& to) {
  to.push_back(static_cast<double>(out.key.point));
  to.push_back(static_cast<double>(out.key.replicate));
  to.push_back(static_cast<double>(out.outcomes.size()));
  to.push_back(static_cast<double>(out.series.size()));
  to.insert(to.end(), out.outcomes.begin(), out.outcomes.end());
  to.insert(to.end(), out.series.begin(), out.series.end());
}

std::vector<RunOutput> decode(const std::vector<double>& from) {
  std::vector<RunOutput> outs;
  std::size_t i = 0;
  while (i + 4 <= from.size()) {
    RunOutput out;
    out.key.point = static_cast<std::int64_t>(from[i]);
    out.key.replicate = static_cast<std::uint32_t>(from[i + 1]);
    const auto n_outcomes = static_cast<std::size_t>(from[i + 2]);
    const auto n_series = static_cast<std::size_t>(from[i + 3]);
    i += 4;
    if (i + n_outcomes + n_series > from.size()) throw std::runtime_error("a rank sent a truncated batch of results");
    out.outcomes.assign(from.begin() + static_cast<std::ptrdiff_t>(i),
                        from.begin() + static_cast<std::ptrdiff_t>(i + n_outcomes));
    i += n_outcomes;
    out.series.assign(from.begin() + static_cast<std::ptrdiff_t>(i),
                      from.begin() + static_cast<std::ptrdiff_t>(i + n_series));
    i += n_series;
    outs.push_back(std::move(out));
  }
  return outs;
}

template <class T>
std::vector<T> receive(MPI_Datatype type, const MPI_Status& status) {
  int count = 0;
  MPI_Get_count(&status, type, &count);
  std::vector<T> data(static_cast<std::size_t>(count));
  MPI_Recv(data.data(), count, type, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return data;
}

void sendEmpty(int to, Tag tag) { MPI_Send(nullptr, 0, MPI_BYTE, to, tag, MPI_COMM_WORLD); }

/// Rank 0's sends, none of which blocks it: a send to a rank that has died can wait for ever
/// (OpenMPI's shared-memory transport waits for a reader that is gone), and rank 0 must stay free
/// to notice the signal the launcher sends and to say which rank was lost.
class Outbox {
 public:
  void post(int to, Tag tag, std::vector<std::int64_t> ints) {
    Message& m = pending_.emplace_back();
    m.ints = std::move(ints);
    MPI_Isend(m.ints.data(), static_cast<int>(m.ints.size()), MPI_INT64_T, to, tag, MPI_COMM_WORLD, &m.request);
  }
  void post(int to, Tag tag, std::span<const double> reals) {
    Message& m = pending_.emplace_back();
    m.reals.assign(reals.begin(), reals.end());
    MPI_Isend(m.reals.data(), static_cast<int>(m.reals.size()), MPI_DOUBLE, to, tag, MPI_COMM_WORLD, &m.request);
  }
  void post(int to, Tag tag) { post(to, tag, std::vector<std::int64_t>{}); }
  /// Forget the sends that have completed.
  void progress() {
    pending_.remove_if([](Message& m) {
      int done = 0;
      MPI_Test(&m.request, &done, MPI_STATUS_IGNORE);
      return done != 0;
    });
  }
  /// Waits up to `wait` for every send to complete (each to a rank that is alive does at once); those
  /// left (to ranks that are gone) are handed to MPI, their buffers kept, so that MPI_Finalize is not
  /// left waiting for them.
  void settle(std::chrono::milliseconds wait) {
    const auto until = Clock::now() + wait;
    for (progress(); !pending_.empty() && Clock::now() < until; progress()) std::this_thread::sleep_for(kPoll);
    for (Message& m : pending_) MPI_Request_free(&m.request);
    abandoned_.splice(abandoned_.end(), pending_);
  }

 private:
  struct Message {
    std::vector<std::int64_t> ints;
    std::vector<double> reals;
    MPI_Request request = MPI_REQUEST_NULL;
  };
  std::list<Message> pending_;
  std::list<Message> abandoned_;  // sends MPI may still be reading from
};

Outbox& outbox() {
  static Outbox box;  // for the process's life: abandoned sends keep their buffers
  return box;
}

/// One batch run on a thread of this process, its finished runs kept as they come.
class LocalBatch {
 public:
  LocalBatch(const CampaignWork& work, std::vector<RunKey> keys, Progress* progress, const std::atomic<bool>* stop)
      : keys_(std::move(keys)) {
    done_ = std::async(std::launch::async, [this, &work, progress, stop] {
      work.run(
          keys_,
          [this](RunOutput&& out) {
            const std::lock_guard lock(mutex_);
            outputs_.push_back(std::move(out));
          },
          progress, stop);
    });
  }
  /// Waits up to `wait` for the batch to end.
  bool ended(std::chrono::microseconds wait) const { return done_.wait_for(wait) == std::future_status::ready; }
  /// Waits for the end; rethrows what the batch threw (Interrupted after a stop).
  void finish() { done_.get(); }
  /// The runs finished so far (all of them once ended).
  std::vector<RunOutput> takeOutputs() {
    const std::lock_guard lock(mutex_);
    return std::move(outputs_);
  }

 private:
  std::vector<RunKey> keys_;
  std::mutex mutex_;
  std::vector<RunOutput> outputs_;
  std::future<void> done_;
};

/// "point 3 replicates 0-4, point 7 replicate 2, ..." for a message: at most `limit` groups.
std::string describeRuns(std::vector<RunKey> keys, std::size_t limit = 8) {
  std::sort(keys.begin(), keys.end(),
            [](RunKey a, RunKey b) { return a.point != b.point ? a.point < b.point : a.replicate < b.replicate; });
  std::vector<std::string> groups;
  std::size_t i = 0;
  while (i < keys.size()) {
    std::size_t j = i;
    while (j + 1 < keys.size() && keys[j + 1].point == keys[i].point && keys[j + 1].replicate == keys[j].replicate + 1)
      ++j;
    if (groups.size() == limit) {
      groups.push_back(fmt::format("and {} more runs", keys.size() - i));
      break;
    }
    groups.push_back(
        i == j ? fmt::format("point {} replicate {}", keys[i].point, keys[i].replicate)
               : fmt::format("point {} replicates {}-{}", keys[i].point, keys[i].replicate, keys[j].replicate));
    i = j + 1;
  }
  return fmt::format("{}", fmt::join(groups, ", "));
}

/// What rank 0 knows of another rank.
struct Rank {
  std::deque<std::vector<RunKey>> held;  ///< batches sent, not yet answered
  Clock::time_point heard;
  bool told_no_more = false;
  bool stopped = false;  ///< sent its last runs after a signal
};

class Coordinator {
 public:
  Coordinator(const MpiSession& mpi, const RunSaver& save, const CampaignWork& work, std::span<const RunKey> pending,
              CampaignProgress counts, Progress* progress, const std::atomic<bool>* stop, bool rounds)
      : mpi_(mpi),
        save_(save),
        work_(work),
        pending_(pending),
        counts_(counts),
        progress_(progress),
        stop_(stop),
        ranks_(static_cast<std::size_t>(mpi.size())),
        threads_(resolveThreads(work.threads, 1 << 20)),
        rounds_(rounds) {}

  CampaignProgress run() {
    const auto now = Clock::now();
    for (auto& r : ranks_) r.heard = now;
    last_commit_ = now;
    if (stop_ != nullptr && stop_->load()) {  // stopped before a run was handed out
      halt_ = true;
      return stopAll();
    }
    for (int r = 1; r < mpi_.size(); ++r)
      for (int b = 0; b < kBatchesInFlight; ++b) feed(r);
    startLocal();
    while (!finished()) {
      if (stop_ != nullptr && stop_->load()) halt_ = true;
      if (halt_ || failure_) break;
      bool busy = receiveAll();
      outbox().progress();
      if (local_ && local_->ended(busy ? std::chrono::microseconds(0) : kPoll)) {
        endLocal();
        startLocal();
      } else if (!local_ && !busy) {
        std::this_thread::sleep_for(kPoll);
      }
      if (buffer_.size() >= kCommitRuns || Clock::now() - last_commit_ >= kCommitInterval) flush();
      checkSilence();
    }
    if (halt_ || failure_) return stopAll();
    flush();
    return counts_;
  }

 private:
  bool finished() const {
    if (next_ < pending_.size() || local_) return false;
    for (std::size_t r = 1; r < ranks_.size(); ++r)
      if (!ranks_[r].held.empty()) return false;
    return true;
  }

  /// The next batch: guided self-scheduling (a share of what is left, so that ranks finish
  /// together), at least a run per thread, at most 16 per thread. An item (a robustness set) runs
  /// on all threads at once, so one at a time.
  std::vector<RunKey> nextBatch() {
    const std::size_t left = pending_.size() - next_;
    std::size_t size = 1;
    if (!work_.items) {
      const auto t = static_cast<std::size_t>(threads_);
      size = std::clamp(left / (4 * static_cast<std::size_t>(mpi_.size())), t, 16 * t);
    }
    size = std::min(size, left);
    std::vector<RunKey> batch(pending_.begin() + static_cast<std::ptrdiff_t>(next_),
                              pending_.begin() + static_cast<std::ptrdiff_t>(next_ + size));
    next_ += size;
    return batch;
  }

  /// Send rank `r` its next batch, or tell it there are no more.
  void feed(int r) {
    Rank& rank = ranks_[static_cast<std::size_t>(r)];
    if (next_ >= pending_.size() || halt_) {
      if (!rank.told_no_more) outbox().post(r, kNoMore);
      rank.told_no_more = true;
      return;
    }
    std::vector<RunKey> batch = nextBatch();
    std::vector<std::int64_t> wire;
    for (const RunKey& k : batch) {
      wire.push_back(k.point);
      wire.push_back(k.replicate);
    }
    outbox().post(r, kWork, std::move(wire));
    rank.held.push_back(std::move(batch));
  }

  void startLocal() {
    if (next_ >= pending_.size() || halt_ || failure_) return;
    local_.emplace(work_, nextBatch(), progress_, &local_stop_);
  }

  /// Collect the local batch (it has ended, or was told to stop).
  void endLocal() {
    try {
      local_->finish();
    } catch (const Interrupted&) {
      // Stopped on purpose: its finished runs are kept below.
    } catch (const std::exception& e) {
      failure_ = fmt::format("a run of rank 0 ({}) failed: {}", mpi_.host(), e.what());
    }
    store(local_->takeOutputs());
    local_.reset();
  }

  void store(std::vector<RunOutput>&& outs) {
    for (auto& o : outs) buffer_.push_back(std::move(o));
  }

  void flush() {
    save_(buffer_);
    counts_.done_now += static_cast<std::int64_t>(buffer_.size());
    buffer_.clear();
    last_commit_ = Clock::now();
  }

  /// Handle every message waiting; true if there was one.
  bool receiveAll() {
    bool any = false;
    for (;;) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
      if (flag == 0) return any;
      any = true;
      handle(status);
    }
  }

  void handle(const MPI_Status& status) {
    const int r = status.MPI_SOURCE;
    Rank& rank = ranks_[static_cast<std::size_t>(r)];
    rank.heard = Clock::now();
    switch (status.MPI_TAG) {
      case kResults: {
        auto outs = decode(receive<double>(MPI_DOUBLE, status));
        if (progress_ != nullptr) work_.credit(*progress_, static_cast<std::int64_t>(outs.size()));
        store(std::move(outs));
        if (!rank.held.empty()) rank.held.pop_front();
        feed(r);
        break;
      }
      case kStopped: {
        auto outs = decode(receive<double>(MPI_DOUBLE, status));
        store(std::move(outs));
        rank.held.clear();
        rank.stopped = true;
        halt_ = true;  // a signal reached that rank: the job is being stopped
        break;
      }
      case kFailed: {
        const auto text = receive<char>(MPI_CHAR, status);
        failure_ = fmt::format("a run of rank {} failed: {}", r, std::string(text.begin(), text.end()));
        rank.held.clear();
        rank.stopped = true;
        break;
      }
      default:  // kHeartbeat
        receive<char>(MPI_BYTE, status);
        break;
    }
  }

  void checkSilence() {
    const auto now = Clock::now();
    for (std::size_t r = 1; r < ranks_.size(); ++r)
      if (!ranks_[r].held.empty() && now - ranks_[r].heard > kSilence &&
          std::find(lost_.begin(), lost_.end(), static_cast<int>(r)) == lost_.end()) {
        lost_.push_back(static_cast<int>(r));
        halt_ = true;
      }
  }

  /// After a signal, a failure or a lost rank: stop every rank, store the runs they finished, and
  /// say what happened.
  /// Whether rank 0 waits for `rank`'s answer to a halt: a rank that has not stopped and holds
  /// runs; in rounds, any rank that has not stopped, since one without runs waits for the next
  /// round and answers too (so that a rank that died between runs is named as well).
  bool awaited(const Rank& rank) const {
    return !rank.stopped && (rounds_ || !(rank.told_no_more && rank.held.empty()));
  }

  CampaignProgress stopAll() {
    local_stop_ = true;
    for (int r = 1; r < mpi_.size(); ++r)
      if (awaited(ranks_[static_cast<std::size_t>(r)]) && std::find(lost_.begin(), lost_.end(), r) == lost_.end())
        outbox().post(r, kHalt);
    if (local_) endLocal();
    // The last runs of the ranks still at work: each answers a halt (or its own signal) at once.
    const auto until = Clock::now() + kLastWordWait;
    while (Clock::now() < until &&
           std::any_of(ranks_.begin() + 1, ranks_.end(), [this](const Rank& r) { return awaited(r); })) {
      outbox().progress();
      if (!receiveAll()) std::this_thread::sleep_for(kPoll);
    }
    outbox().settle(std::chrono::milliseconds(0));  // what is left goes to ranks that are gone
    flush();
    if (lost_.empty())
      for (std::size_t r = 1; r < ranks_.size(); ++r)
        if (awaited(ranks_[r])) lost_.push_back(static_cast<int>(r));
    if (!lost_.empty()) {
      std::vector<std::string> parts;
      std::size_t runs = 0;
      for (int r : lost_) {
        std::vector<RunKey> held;
        for (const auto& batch : ranks_[static_cast<std::size_t>(r)].held)
          held.insert(held.end(), batch.begin(), batch.end());
        runs += held.size();
        parts.push_back(held.empty() ? fmt::format("rank {} stopped without a word between runs (it held none)", r)
                                     : fmt::format("rank {} stopped without a word while holding {} runs ({})", r,
                                                   held.size(), describeRuns(held)));
      }
      throw RankLost(fmt::format("{}; it died, was killed, or hangs{}", fmt::join(parts, "; "),
                                 runs > 0 ? ". Those runs are not stored and stay pending" : ""));
    }
    if (failure_) throw std::runtime_error(*failure_);
    throw Interrupted();
  }

  const MpiSession& mpi_;
  const RunSaver& save_;
  const CampaignWork& work_;
  std::span<const RunKey> pending_;
  CampaignProgress counts_;
  Progress* progress_;
  const std::atomic<bool>* stop_;
  std::vector<Rank> ranks_;
  int threads_;
  bool rounds_;           // work in rounds: a rank that has run its last batch waits for the next round
  std::size_t next_ = 0;  // the first pending run not handed out
  std::optional<LocalBatch> local_;
  std::atomic<bool> local_stop_{false};
  std::vector<RunOutput> buffer_;
  Clock::time_point last_commit_;
  bool halt_ = false;
  std::optional<std::string> failure_;
  std::vector<int> lost_;
};

}  // namespace

CampaignProgress coordinateRuns(const MpiSession& mpi, CampaignStore& store, const CampaignWork& work,
                                std::span<const RunKey> pending, CampaignProgress counts, Progress* progress,
                                const std::atomic<bool>* stop) {
  if (progress != nullptr) work.begin(*progress, static_cast<std::int64_t>(pending.size()));
  const EndProgressOnExit end(work, progress);
  const RunSaver save = [&store](std::span<const RunOutput> runs) { store.saveRuns(runs); };
  Coordinator c(mpi, save, work, pending, counts, progress, stop, false);
  const CampaignProgress done = c.run();
  outbox().settle(kLastWordWait);  // the ranks' last "no more", before MPI_Finalize
  return done;
}

std::int64_t coordinateRound(const MpiSession& mpi, std::span<const double> round, const CampaignWork& work,
                             std::span<const RunKey> pending, const RunSaver& save, const std::atomic<bool>* stop) {
  // Every rank is between rounds, waiting for this (serveRounds): the sends complete at once. After
  // a signal no round starts: the coordinator halts the ranks at once instead.
  if (stop == nullptr || !stop->load())
    for (int r = 1; r < mpi.size(); ++r) outbox().post(r, kRound, round);
  Coordinator c(mpi, save, work, pending, {}, nullptr, stop, true);
  return c.run().done_now;
}

void endRounds(const MpiSession& mpi) {
  for (int r = 1; r < mpi.size(); ++r) outbox().post(r, kOver);
  outbox().settle(kLastWordWait);
}

namespace {

/// How a rank's serving of a round of batches ended.
enum class ServeEnd { NoMore, Halted };

/// Run the batches rank 0 hands out with `work` until it says there are no more, or halts.
ServeEnd serveBatches(const CampaignWork& work, const std::atomic<bool>* stop) {
  std::deque<std::vector<RunKey>> queue;
  std::optional<LocalBatch> batch;
  std::atomic<bool> halt{false};
  bool no_more = false;
  auto last_word = Clock::now();
  const auto say = [&](Tag tag, const std::vector<RunOutput>& outs) {
    std::vector<double> wire;
    for (const auto& o : outs) encode(o, wire);
    MPI_Send(wire.data(), static_cast<int>(wire.size()), MPI_DOUBLE, 0, tag, MPI_COMM_WORLD);
    last_word = Clock::now();
  };
  for (;;) {
    // Checked before the next message: in rounds, what follows "no more" belongs to the next round.
    if (no_more && !batch && queue.empty()) return ServeEnd::NoMore;
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag != 0) {
      if (status.MPI_TAG == kWork) {
        const auto wire = receive<std::int64_t>(MPI_INT64_T, status);
        std::vector<RunKey> keys;
        for (std::size_t i = 0; i + 1 < wire.size(); i += 2)
          keys.push_back({wire[i], static_cast<std::uint32_t>(wire[i + 1])});
        queue.push_back(std::move(keys));
      } else {
        receive<char>(MPI_BYTE, status);
        if (status.MPI_TAG == kNoMore) no_more = true;
        if (status.MPI_TAG == kHalt) halt = true;
      }
      continue;
    }
    const bool signalled = stop != nullptr && stop->load();
    if (signalled || halt) {
      halt = true;
      std::vector<RunOutput> outs;
      if (batch) {
        try {
          batch->finish();
        } catch (const std::exception&) {
          // Stopped: what finished is sent below.
        }
        outs = batch->takeOutputs();
      }
      // Rank 0 stores these before mpirun's SIGKILL (a second after SIGTERM).
      say(kStopped, outs);
      if (signalled) throw Interrupted();
      return ServeEnd::Halted;
    }
    if (!batch) {
      if (queue.empty()) {
        std::this_thread::sleep_for(kPoll);
      } else {
        batch.emplace(work, std::move(queue.front()), nullptr, &halt);
        queue.pop_front();
      }
      continue;
    }
    if (batch->ended(kPoll)) {
      try {
        batch->finish();
      } catch (const Interrupted&) {
        continue;  // the stop is handled above
      } catch (const std::exception& e) {
        const std::string text = e.what();
        MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kFailed, MPI_COMM_WORLD);
        throw;
      }
      say(kResults, batch->takeOutputs());
      batch.reset();
    } else if (Clock::now() - last_word >= kHeartbeatEvery) {
      sendEmpty(0, kHeartbeat);
      last_word = Clock::now();
    }
  }
}

}  // namespace

void serveRuns(const MpiSession& mpi, const CampaignWork& work, const std::atomic<bool>* stop) {
  (void)mpi;
  serveBatches(work, stop);
}

void serveRounds(const MpiSession& mpi, const std::function<CampaignWork(std::span<const double>)>& make_work,
                 const std::atomic<bool>* stop) {
  (void)mpi;
  for (;;) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag == 0) {
      // A signal between rounds reached rank 0 too, or will be seen in the next round's batches:
      // rank 0 says what comes next (a round whose first batch this rank answers with its stop, or
      // the end), so this rank waits for it rather than leave rank 0 sending to a rank that is gone.
      std::this_thread::sleep_for(kPoll);
      continue;
    }
    if (status.MPI_TAG == kRound) {
      const auto round = receive<double>(MPI_DOUBLE, status);
      const CampaignWork work = make_work(round);
      if (serveBatches(work, stop) == ServeEnd::Halted) return;
      continue;
    }
    // kOver; or kHalt: rank 0 stopped a round before this rank's part of it, or after it had run
    // its last batch of it. A halt is answered, so that rank 0 knows this rank is alive.
    receive<char>(MPI_BYTE, status);
    if (status.MPI_TAG == kHalt) {
      sendEmpty(0, kStopped);
      if (stop != nullptr && stop->load()) throw Interrupted();
    }
    return;
  }
}

#endif

}  // namespace pilotsim
