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
  if (mpi.distributed()) {
    try {
      return coordinateRuns(mpi, store, work, pending, counts, progress, &g_interrupted);
    } catch (const Interrupted&) {
      throw;
    } catch (const RankLost&) {
      throw;
    } catch (const std::exception& e) {
      // The other ranks may be waiting on rank 0 (a send of results): only an abort ends them.
      fmt::print(stderr, "pilotsim: error: {}; {} of {} runs are done and kept in {}\n", e.what(), store.doneCount(),
                 store.runCount(), store.path().string());
      std::fflush(stderr);
      mpi.abort(kExitRuntime);
    }
  }
  return runPending(store, work, pending, counts, progress, &g_interrupted);
}

int serveRanks(const MpiSession& mpi, const CampaignWork& work) {
  try {
    serveRuns(mpi, work, &g_interrupted);
  } catch (const Interrupted&) {
    return kExitInterrupted;  // rank 0 says what was kept
  }
  return 0;
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
