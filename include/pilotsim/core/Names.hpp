// Names that become file names. A scenario's or campaign's name is the default output path
// (out/<name>, out/<name>.db), so it must name one directory entry, never a path.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pilotsim {

/// The longest name accepted: a file name is at most 255 bytes, and pilotsim appends suffixes such as
/// ".tmp-<pid>" and ".db" to it.
inline constexpr std::size_t kMaxNameBytes = 200;

/// Why `name` cannot be used as the name of an output (empty, "." or "..", a path separator, a control
/// character, longer than kMaxNameBytes), or an empty string when it can.
std::string outputNameProblem(std::string_view name);

/// `text` for a message: as it is when short, else its start, "..." and its length, so that a hostile
/// input of megabytes never becomes a message of megabytes.
std::string shortened(std::string_view text, std::size_t keep = 60);

}  // namespace pilotsim
