// Runs the replicates of one scenario on a pool of threads and hands the results over in replicate
// order.
//
// Replicate i is Simulation(params, i) stepped to the end; its random streams are keyed by
// (seed, i, ...), never by thread, so a result does not depend on which thread ran it. Because the
// sink also sees the results in replicate order, whatever the sink writes is byte-identical for any
// thread count.
#pragma once

#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <atomic>
#include <functional>
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

/// Worker threads for a request: 0 means one per hardware thread; never more than `replicates`.
int resolveThreads(int threads, int replicates);

/// Run replicates 0 .. replicates-1 of `params` on `threads` workers (0 = hardware concurrency).
///
/// Finished replicates that arrive ahead of their turn are buffered, and workers do not run further
/// than 2 x threads replicates ahead of the sink, so memory stays bounded even when one replicate is
/// slow. An exception from a simulation or from the sink stops the other workers and is rethrown here.
/// When `*stop` becomes true (it is polled every simulated month, so a signal handler may set it),
/// workers stop and Interrupted is thrown. `progress` may be null.
void runReplicates(const Params& params, int replicates, int threads, const ReplicateSink& sink,
                   Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr);

}  // namespace pilotsim
