// Large tables backed by huge pages where the system offers them.
//
// The live pilot blocks (about 130 MB at the national scale) are walked unit by unit in every
// phase, and with 4 KiB pages almost every unit's block is on a page of its own: a page walk per
// unit and phase. Linux backs a range with 2 MiB pages when asked (transparent huge pages, often
// in "madvise" mode). Only a hint: without it, or where the system refuses, nothing changes but
// the speed. (Tried on the record and leader tables too, which grow during the run: slower, each
// huge-page fault costing more than the small faults it saved; docs/performance.md.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace pilotsim {

/// Reserve room for `capacity` elements and ask for huge pages on it, before any of it is touched
/// (pages touched before the advice stay small).
template <typename T>
void reserveOnHugePages(std::vector<T>& v, std::size_t capacity) {
  v.reserve(capacity);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
  const auto end = begin + v.capacity() * sizeof(T);
  const auto first = (begin + kHuge - 1) & ~(kHuge - 1);  // whole huge pages inside the buffer
  const auto last = end & ~(kHuge - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

}  // namespace pilotsim
