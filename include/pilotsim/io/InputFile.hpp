// Reading a user's input file whole (scenario, claims, experiment, sampling, CSV), with the same
// messages for every kind of file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace pilotsim {

/// The whole of a user's input file. `what` says what it is in messages ("scenario file", "design
/// CSV"). Throws ScenarioError naming the file: missing, a directory, unreadable.
std::string readInputFile(const std::filesystem::path& path, std::string_view what);

}  // namespace pilotsim
