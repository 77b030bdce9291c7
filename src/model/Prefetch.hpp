// The one place the model asks the processor to fetch memory ahead: per-unit loops run through
// blocks far larger than the cache, and asking for the next units' data early hides the latency.
// A hint only: results never depend on it.
#pragma once

#include "model/State.hpp"

namespace pilotsim {

/// Start fetching the cache line at `address`.
inline void prefetch(const void* address) {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(address);
#else
  (void)address;
#endif
}

/// Start fetching unit u's block of live pilots (nothing past the last unit).
inline void prefetchPilots(const State& s, std::uint32_t u) {
  if (u >= s.units.slot_count.size()) return;
  const auto* first = reinterpret_cast<const char*>(s.unitPilots(u));
  const auto* last = first + s.units.slot_count[u] * sizeof(Pilot);
  for (const char* line = first; line < last; line += 64) prefetch(line);
}

}  // namespace pilotsim
