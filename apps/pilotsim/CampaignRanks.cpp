#include "CampaignRanks.hpp"

#include "CommandSupport.hpp"
#include "Commands.hpp"

#include "pilotsim/distributed/DistributedRuns.hpp"
#include "pilotsim/experiment/Runner.hpp"

#include <fmt/format.h>

#include <exception>
#include <functional>

namespace pilotsim::cli {
namespace {
const MpiSession* g_session = nullptr;

/// Rank 0 of a job of several ranks: `f`, whose failures other than a stop or a lost rank end every
/// rank, since the other ranks may be waiting on rank 0 (a send of results) and only an abort ends
/// them.
template <class F>
auto abortOnFailure(const MpiSession& mpi, const CampaignStore& store, F&& f) {
  try {
    return f();
  } catch (const Interrupted&) {
    throw;
  } catch (const RankLost&) {
    throw;
  } catch (const std::exception& e) {
    fmt::print(stderr, "pilotsim: error: {}; {} of {} runs are done and kept in {}\n", e.what(), store.doneCount(),
               store.runCount(), store.path().string());
    std::fflush(stderr);
    mpi.abort(kExitRuntime);
  }
}

/// A rank's exit code after serving: rank 0 says what was kept after a stop.
int serveExit(const std::function<void()>& serve) {
  try {
    serve();
  } catch (const Interrupted&) {
    return kExitInterrupted;
  }
  return 0;
}
}  // namespace

const MpiSession& mpiSession() { return *g_session; }
void setMpiSession(const MpiSession* session) { g_session = session; }

std::uint64_t fingerprint(std::initializer_list<std::string_view> texts) {
  // FNV-1a: the same on every rank and every machine (std::hash need not be).
  std::uint64_t h = 1469598103934665603ULL;
  for (std::string_view t : texts) {
    for (unsigned char c : t) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xffU) * 1099511628211ULL;
  }
  return h;
}

void agreeOnDefinition(const MpiSession& mpi, const std::function<std::uint64_t()>& read) {
  std::exception_ptr error;
  std::uint64_t print = 0;
  try {
    print = read();
  } catch (...) {
    error = std::current_exception();
  }
  const int failed = mpi.firstNotReady(!error);  // a job of one: 0 if this process failed
  if (failed >= 0) {
    if (error && mpi.rank() == 0) std::rethrow_exception(error);
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        fmt::print(stderr, "pilotsim: error: rank {} on {}: {}\n", mpi.rank(), mpi.host(), e.what());
      }
      throw QuietExit{kExitUsage};
    }
    if (mpi.rank() != 0) throw QuietExit{kExitUsage};
    throw UsageError(
        fmt::format("rank {} could not read what the command line names (its message is above); every "
                    "rank reads the files itself: on a cluster, put them on a file system all nodes share",
                    failed));
  }
  if (!mpi.allSame(print)) {
    if (mpi.rank() != 0) throw QuietExit{kExitUsage};
    throw UsageError(
        "the ranks read different definitions (the files named on the command line differ between nodes, or the "
        "ranks run different pilotsim programs); give every rank the same files and program");
  }
}

void agreeOnOpen(const MpiSession& mpi, const std::function<void()>& open) {
  std::exception_ptr error;
  if (mpi.rank() == 0) {
    try {
      open();
    } catch (...) {
      error = std::current_exception();
    }
  }
  const int failed = mpi.firstNotReady(!error);
  if (error) std::rethrow_exception(error);
  if (failed >= 0) throw QuietExit{kExitUsage};
}

CampaignProgress runHereOrOnRanks(const MpiSession& mpi, CampaignStore& store, const CampaignWork& work,
                                  std::span<const RunKey> pending, CampaignProgress counts, Progress* progress) {
  if (mpi.distributed())
    return abortOnFailure(mpi, store,
                          [&] { return coordinateRuns(mpi, store, work, pending, counts, progress, &g_interrupted); });
  return runPending(store, work, pending, counts, progress, &g_interrupted);
}

int serveRanks(const MpiSession& mpi, const CampaignWork& work) {
  return serveExit([&] { serveRuns(mpi, work, &g_interrupted); });
}

int serveRankRounds(const MpiSession& mpi, const std::function<CampaignWork(std::span<const double>)>& make_work) {
  return serveExit([&] { serveRounds(mpi, make_work, &g_interrupted); });
}

CalibrationRanks::~CalibrationRanks() {
  if (mpi_.distributed() && !halted_) endRounds(mpi_);
}

CalibrationRunner CalibrationRanks::runner() {
  if (!mpi_.distributed()) return {};
  CalibrationRunner runner;
  runner.processes = mpi_.size();
  runner.run = [this](std::span<const CandidatePoint> candidates, const CampaignWork& work,
                      std::span<const RunKey> pending, const RunSaver& save, const std::atomic<bool>* stop) {
    halted_ = true;  // until the round ends well: after a throw, the other ranks have stopped
    abortOnFailure(mpi_, store_,
                   [&] { return coordinateRound(mpi_, encodeCandidates(candidates), work, pending, save, stop); });
    halted_ = false;
  };
  return runner;
}

std::string workersText(const MpiSession& mpi, int threads, bool zh) {
  const std::string per_rank = zh ? fmt::format("{} 线程", threads) : fmt::format("{} threads", threads);
  if (!mpi.distributed()) return per_rank;
  return zh ? fmt::format("{} 个进程 (MPI) x {}", mpi.size(), per_rank)
            : fmt::format("{} ranks (MPI) x {}", mpi.size(), per_rank);
}

void reportLostRanks(const MpiSession& mpi, const std::string& what, const CampaignStore& store,
                     std::string_view unit) {
  fmt::print(stderr,
             "pilotsim: error: {}. {} of {} {} are done and kept in {}; run the same command to resume (with any "
             "number of ranks)\n",
             what, store.doneCount(), store.runCount(), unit, store.path().string());
  std::fflush(stderr);
  mpi.abort(kExitRuntime);
}

}  // namespace pilotsim::cli
