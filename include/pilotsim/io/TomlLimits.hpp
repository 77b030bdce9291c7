// Bounds on the shape of a TOML text, checked before toml++ parses it. toml++ builds one nested
// table per part of a dotted key, recursively, so a key or table header of some 35,000 parts
// (`a.a.a... = 1`) overflows the stack and kills the process; no pilotsim file needs more than a
// handful of parts, or keys longer than a line. The limits are in docs/reliability.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pilotsim {

inline constexpr std::size_t kMaxKeyParts = 32;      // the deepest shipped key has 3 parts
inline constexpr std::size_t kMaxKeyBytes = 256;     // per part; registry keys are under 50
inline constexpr std::size_t kMaxValueNesting = 32;  // arrays and inline tables inside each other

/// Throws InputError naming `file` and the line when `text` is longer than kMaxTomlBytes, has a
/// key (or [table] header) of more than kMaxKeyParts parts or a part longer than kMaxKeyBytes, or
/// nests arrays and inline tables deeper than kMaxValueNesting. Anything else, including malformed
/// TOML, is left for the parser to report.
void checkTomlLimits(std::string_view text, const std::string& file);

}  // namespace pilotsim
