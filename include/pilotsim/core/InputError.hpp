// The error every reader of user input throws: scenario, structure, campaign, claims, calibration
// and design files, CSV tables, --set overrides, the lab's JSON bodies. It names where the problem
// is (file, line, key) so that the front ends can print one line that says what to change; it lives
// in core so that modules which read input but know nothing of scenarios (sensitivity, io) can use it.
#pragma once

#include <stdexcept>
#include <string>

namespace pilotsim {

/// A problem with input: names the file (or "--set", or a request), the line (0 if unknown) and the
/// key (empty if none). what() reads "file:line: key 'k': message", on one line.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, std::string key, const std::string& what);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& key() const { return key_; }

 private:
  std::string file_;
  int line_;
  std::string key_;
};

}  // namespace pilotsim
