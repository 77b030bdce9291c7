// What every fuzz target shares: the input as a file's text, and the rule for exceptions.
//
// A parser may refuse its input with the project's user errors (InputError, and ApiError in the
// lab), which become a clear message and exit code 2 or an HTTP 400; that is a correct answer to bad
// input, so the target returns normally. Anything else escaping (std::logic_error, std::bad_alloc,
// nlohmann's type_error, toml++'s exceptions outside parsing, ...) is a bug the program would show as
// a crash or an HTTP 500: it is left uncaught, so std::terminate aborts and libFuzzer records the input.
#pragma once

#include "pilotsim/core/InputError.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace pilotsim::fuzz {

/// The fuzzer's bytes as the text of a file (any bytes, NULs and invalid UTF-8 included: a user's file
/// can hold them too).
inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// An invariant of the parser that does not hold: prints what and aborts, so that libFuzzer keeps the
/// input as a crash.
[[noreturn]] inline void violated(const char* what, const std::string& detail) {
  std::fprintf(stderr, "pilotsim fuzz: invariant violated: %s\n%s\n", what, detail.c_str());
  std::abort();
}

/// A user error must say something: an empty message is useless to the user.
inline void checkMessage(const std::exception& e) {
  if (std::string_view(e.what()).empty()) violated("a user error with an empty message", "");
}

}  // namespace pilotsim::fuzz
