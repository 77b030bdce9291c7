// Reading a user's input file whole (scenario, claims, experiment, sampling, CSV), with the same
// messages for every kind of file, and never more of it than its kind can need.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace pilotsim {

/// Limits on input sizes (docs/reliability.md). A hand-written TOML file is kilobytes (the shipped
/// claims file, the largest, is about 40 KB); a CSV of a campaign's design or outputs can be tens of
/// megabytes. Anything bigger is a mistake (or /dev/zero), not an input.
inline constexpr std::size_t kMaxTomlBytes = std::size_t{1} << 20;   // 1 MiB
inline constexpr std::size_t kMaxCsvBytes = std::size_t{512} << 20;  // 512 MiB

/// The whole of a user's input file. `what` says what it is in messages ("scenario file", "design
/// CSV"). Throws InputError naming the file: missing, a directory, unreadable, or longer than
/// `max_bytes` (read stops there, so an endless file such as /dev/zero ends too).
std::string readInputFile(const std::filesystem::path& path, std::string_view what,
                          std::size_t max_bytes = kMaxTomlBytes);

}  // namespace pilotsim
