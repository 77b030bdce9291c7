// Runs the replicates of one scenario, or of several scenarios side by side, on a pool of threads
// and hands the results over in a fixed order.
//
// Replicate i is Simulation(params, i) stepped to the end; its random streams are keyed by
// (seed, i, ...), never by thread, so a result does not depend on which thread ran it. Because the
// sink also sees the results in a fixed order, whatever the sink writes is byte-identical for any
// thread count. Scenarios that share run.seed get common random numbers: replicate i of each draws
// from the same streams.
#pragma once

#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>

namespace pilotsim {

class Progress;

/// The stop flag was raised (Ctrl-C): the run ended early and its results are incomplete.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

/// Receives each finished replicate, on the thread that called runReplicates, in replicate order.
using ReplicateSink = std::function<void(RunResult&&)>;

/// Receives each finished run of a batch: the scenario's index and the replicate's result.
using BatchSink = std::function<void(std::size_t scenario, RunResult&&)>;

/// One simulation to run: replicate `replicate` of `*params` (which must outlive the run).
struct Job {
  const Params* params;
  std::uint32_t replicate;
};
/// Receives each finished job: its index in the job list and its result.
using JobSink = std::function<void(std::size_t job, RunResult&&)>;

/// Worker threads for a request: 0 means one per hardware thread; never more than `runs`.
int resolveThreads(int threads, int runs);

/// Run replicates 0 .. replicates-1 of `params` on `threads` workers (0 = hardware concurrency).
///
/// Finished replicates that arrive ahead of their turn are buffered, and workers do not run further
/// than 2 x threads replicates ahead of the sink, so memory stays bounded even when one replicate is
/// slow. An exception from a simulation or from the sink stops the other workers and is rethrown here.
/// When `*stop` becomes true (it is polled every simulated month, so a signal handler may set it),
/// workers stop and Interrupted is thrown. `progress` may be null.
void runReplicates(const Params& params, int replicates, int threads, const ReplicateSink& sink,
                   Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr);

/// Run replicates 0 .. replicates-1 of each scenario, all on one pool of `threads` workers so that
/// the cores stay busy across scenarios. The sink sees scenario 0's replicates in order, then
/// scenario 1's, and so on. Buffering, errors and `stop` behave as in runReplicates.
void runBatch(std::span<const Params> scenarios, int replicates, int threads, const BatchSink& sink,
              Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr);

/// Run any list of jobs on one pool; the sink sees them in list order. The general form of the two
/// above, for campaigns that run what is left of a design. `progress` is advanced but not begun:
/// the caller knows the whole campaign.
void runJobs(std::span<const Job> jobs, int threads, const JobSink& sink, Progress* progress = nullptr,
             const std::atomic<bool>* stop = nullptr);

}  // namespace pilotsim
