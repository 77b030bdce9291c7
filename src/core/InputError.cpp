#include "pilotsim/core/InputError.hpp"

#include "pilotsim/core/Names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace pilotsim {

InputError::InputError(std::string file, int line, std::string key, const std::string& what)
    : std::runtime_error([&] {
        std::string out = file;
        if (line > 0 && !file.empty()) out += fmt::format(":{}", line);
        if (!out.empty()) out += ": ";
        // validateParams messages already start with the key; naming it twice reads badly.
        if (!key.empty() && what.rfind(key, 0) != 0) out += fmt::format("key '{}': ", shortened(key));
        out += what;
        // One line, whatever the parts contain: messages go to terminals and logs line by line.
        std::replace(out.begin(), out.end(), '\n', ' ');
        std::replace(out.begin(), out.end(), '\r', ' ');
        return out;
      }()),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)) {}

}  // namespace pilotsim
