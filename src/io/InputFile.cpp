#include "pilotsim/io/InputFile.hpp"

#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace pilotsim {

std::string readInputFile(const std::filesystem::path& path, std::string_view what) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    throw ScenarioError(file, 0, "", fmt::format("cannot open {}: no such file", what));
  if (std::filesystem::is_directory(status))
    throw ScenarioError(file, 0, "", fmt::format("cannot open {}: it is a directory", what));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(file, 0, "", fmt::format("cannot open {}: {}", what, std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw ScenarioError(file, 0, "", fmt::format("cannot read {}: {}", what, std::strerror(errno)));
  return buffer.str();
}

}  // namespace pilotsim
