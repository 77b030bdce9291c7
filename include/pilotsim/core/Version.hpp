#pragma once

#include <string_view>

namespace pilotsim {

/// Program version written into every output: "MAJOR.MINOR.PATCH+gitdescribe".
std::string_view programVersion();

/// Version of the model's equations (docs/ODD.md), written beside the program version into every
/// output: results of different model versions are not comparable. Raised when the equations
/// change on purpose (version 2: superiors who see reports, agents who decide; issue 10).
inline constexpr int kModelVersion = 2;

}  // namespace pilotsim
