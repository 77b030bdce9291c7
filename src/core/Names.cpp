#include "pilotsim/core/Names.hpp"

#include <fmt/format.h>

namespace pilotsim {

std::string outputNameProblem(std::string_view name) {
  if (name.empty()) return "a name cannot be empty";
  if (name == "." || name == "..") return fmt::format("'{}' cannot be a name: it means a directory", name);
  if (name.size() > kMaxNameBytes)
    return fmt::format("a name can have at most {} bytes, this one has {}", kMaxNameBytes, name.size());
  for (const unsigned char c : name) {
    if (c == '/' || c == '\\')
      return fmt::format("'{}' cannot be a name: it contains '{}'; a name is one file name, not a path",
                         shortened(name), static_cast<char>(c));
    if (c < 0x20 || c == 0x7f) return "a name cannot contain control characters (line breaks, tabs, NUL...)";
  }
  return {};
}

std::string shortened(std::string_view text, std::size_t keep) {
  if (text.size() <= keep + 20) return std::string(text);
  // Cut at a UTF-8 character boundary: a continuation byte is 10xxxxxx.
  std::size_t cut = keep;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("{}... ({} bytes in all)", text.substr(0, cut), text.size());
}

}  // namespace pilotsim
