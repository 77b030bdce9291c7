#include "pilotsim/io/InputFile.hpp"

#include "pilotsim/core/InputError.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace pilotsim {

std::string readInputFile(const std::filesystem::path& path, std::string_view what, std::size_t max_bytes) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    throw InputError(file, 0, "", fmt::format("cannot open {}: no such file", what));
  if (std::filesystem::is_directory(status))
    throw InputError(file, 0, "", fmt::format("cannot open {}: it is a directory", what));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(file, 0, "", fmt::format("cannot open {}: {}", what, std::strerror(errno)));
  // Read in blocks up to one byte past the limit: the size a device or pipe reports cannot be trusted.
  std::string text;
  char block[65536];
  while (in && text.size() <= max_bytes) {
    in.read(block, sizeof block);
    text.append(block, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(file, 0, "", fmt::format("cannot read {}: {}", what, std::strerror(errno)));
  if (text.size() > max_bytes)
    throw InputError(file, 0, "",
                     fmt::format("the {} is larger than {} MiB, the most pilotsim reads from one; is it the "
                                 "right file?",
                                 what, max_bytes >> 20));
  return text;
}

}  // namespace pilotsim
