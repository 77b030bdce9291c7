#pragma once

#include <string_view>

namespace pilotsim {

/// Program version written into every output: "MAJOR.MINOR.PATCH+gitdescribe".
std::string_view programVersion();

}  // namespace pilotsim
