// What the two ABC samplers share below the public API: the random stream of a candidate and the
// evaluation of a batch of candidates on threads by the convenience drivers.
#pragma once

#include "pilotsim/calibration/Abc.hpp"
#include "pilotsim/core/Rng.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace pilotsim::abc::detail {

/// Candidate indexes become the stream's 32-bit entity.
constexpr std::size_t kMaxCandidates = std::size_t{1} << 32;

/// Candidate j of generation t draws only from this stream, so it does not depend on which thread
/// asks for it or when.
inline RandomStream candidateStream(std::uint64_t seed, std::uint32_t generation, std::size_t j) {
  return RandomStream(seed, generation, static_cast<std::uint32_t>(j), 0, Purpose::AbcProposal);
}

/// Up to `batch` candidate indexes not yet told, in increasing order from `first`, below `end`.
std::vector<std::size_t> untoldCandidates(std::size_t first, std::size_t end, std::size_t batch,
                                          const std::function<bool(std::size_t)>& told);

/// simulate(candidate(j), generation, j) for each j of `indexes`, on `threads` threads (0 or less = all
/// cores); the results in the order of `indexes`. Every candidate is simulated even if one throws;
/// then the exception of the lowest position is rethrown, so which error is reported does not depend
/// on the threads.
std::vector<std::vector<double>> simulateCandidates(std::span<const std::size_t> indexes, int generation,
                                                    const std::function<std::vector<double>(std::size_t)>& candidate,
                                                    const Simulator& simulate, int threads);

}  // namespace pilotsim::abc::detail
