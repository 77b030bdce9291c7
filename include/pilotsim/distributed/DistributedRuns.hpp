// A campaign's runs spread over the ranks of an MPI job.
//
// Rank 0 owns the campaign database; the other ranks never open it. Rank 0 hands the pending runs
// out in batches (two per rank at a time, so a rank never waits for its next batch), runs batches
// itself on a thread of its own, and stores what comes back in transactions at least every second.
// A run's output is a pure function of the campaign's definition and the run's key, so the results
// are the same whatever the number of ranks and threads, and whichever rank ran what.
//
// Stopping: Ctrl-C, SIGTERM (what mpirun and Slurm send when a job is cancelled, pre-empted or a
// rank dies) or kill -9. On a signal every rank stops its runs and sends rank 0 the ones it finished;
// rank 0 stores them, and a rank that sent nothing within a short wait is reported lost with the runs
// it held. Runs not stored stay pending: running the same command again, with any number of ranks,
// finishes exactly those.
//
// Work in rounds (a calibration): when what the runs are depends on what rank 0 decided from the
// results so far (the sampler's next candidates), no rank can derive it from the definition alone.
// Rank 0 then sends every rank the round's description first (coordinateRound); each rank makes
// the round's work from it and serves its runs as above, round after round, until rank 0 says the
// rounds are over (endRounds) or halts them. Only rank 0 still touches the database.
#pragma once

#include "pilotsim/distributed/MpiSession.hpp"
#include "pilotsim/experiment/CampaignRun.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>

namespace pilotsim {

/// Thrown on rank 0 when ranks stopped without a word while holding runs (they died or were
/// killed); the message names each rank, its host and the runs it held. What was stored is kept.
class RankLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Rank 0: run `pending` over every rank of `mpi` and store the results in `store`. `counts` comes
/// from pendingRuns. Throws Interrupted after a signal (the finished runs of every rank stored),
/// RankLost, or std::runtime_error naming a rank whose run failed.
CampaignProgress coordinateRuns(const MpiSession& mpi, CampaignStore& store, const CampaignWork& work,
                                std::span<const RunKey> pending, CampaignProgress counts, Progress* progress,
                                const std::atomic<bool>* stop);

/// Every other rank: run the batches rank 0 hands out until it says there are no more. Throws
/// Interrupted after a signal (its finished runs sent to rank 0 first).
void serveRuns(const MpiSession& mpi, const CampaignWork& work, const std::atomic<bool>* stop);

/// Rank 0: one round of work in rounds. Sends every other rank `round` (what the round's work is
/// beyond the definition, as numbers copied bit for bit), then runs `pending` with `work` over every
/// rank as coordinateRuns does, each transaction of finished runs through `save`. Returns the runs
/// saved. Throws as coordinateRuns; after a throw the other ranks have stopped serving rounds.
std::int64_t coordinateRound(const MpiSession& mpi, std::span<const double> round, const CampaignWork& work,
                             std::span<const RunKey> pending, const RunSaver& save, const std::atomic<bool>* stop);
/// Rank 0: there are no more rounds; every other rank's serveRounds returns. Not after a throw of
/// coordinateRound (those ranks have stopped already).
void endRounds(const MpiSession& mpi);
/// Every other rank: for each round rank 0 sends, make its work with `make_work` from the round's
/// numbers and serve its runs; return when rank 0 ends the rounds or halts one. Throws Interrupted
/// after a signal (its finished runs sent to rank 0 first).
void serveRounds(const MpiSession& mpi, const std::function<CampaignWork(std::span<const double> round)>& make_work,
                 const std::atomic<bool>* stop);

}  // namespace pilotsim
