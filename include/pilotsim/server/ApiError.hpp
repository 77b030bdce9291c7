// An error of the lab's HTTP API: what went wrong, the HTTP status it maps to (always 4xx for bad
// input, so that a script can tell its own mistakes from the server's), and optional details such as
// the file, line and key of a scenario problem. The server answers with {"error": what(), ...details}.
#pragma once

#include "pilotsim/io/JsonValues.hpp"

#include <stdexcept>
#include <string>

namespace pilotsim {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message, Json details = Json::object())
      : std::runtime_error(message), status_(status), details_(std::move(details)) {}
  int status() const { return status_; }
  /// {"error": message} followed by the details, in that order.
  Json body() const {
    Json out = Json::object();
    out["error"] = what();
    for (const auto& [k, v] : details_.items()) out[k] = v;
    return out;
  }

 private:
  int status_;
  Json details_;
};

}  // namespace pilotsim
