// What the reports of `pilotsim claims --decompose` and `--robustness` share: the names of outcomes
// and parameters in both languages, intervals and shares as text, and reading their JSON summary
// with errors that name the path to the offending value ("tests[2].levers[0].alone.lo"), since one
// file holds many tests and a bare key would not say which one is wrong.
#pragma once

#include "report/ChartJson.hpp"
#include "report/InputFiles.hpp"

#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace pilotsim::report {

/// An outcome's names; a key the program does not know is shown as written.
inline Json outcomeText(const std::string& key) {
  const int k = findOutcome(key);
  if (k < 0) return same(key);
  const auto& info = outcomeTable()[static_cast<std::size_t>(k)];
  return text(info.zh, info.en);
}

/// A parameter's names from the registry; a key it does not know is shown as written.
inline Json paramText(const std::string& key) {
  const ParamSpec* spec = findParam(key);
  return spec ? text(spec->zh, spec->en) : same(key);
}

/// "0.1 [-0.2, 0.4]", the mean alone when the interval is undefined, "-" when the mean is.
inline std::string intervalText(double mean, double lo, double hi) {
  if (!std::isfinite(mean)) return "-";
  if (!std::isfinite(lo) || !std::isfinite(hi)) return shortNumber(mean);
  return fmt::format("{} [{}, {}]", shortNumber(mean), shortNumber(lo), shortNumber(hi));
}

/// A share in percent, "47%"; "-" when undefined.
inline std::string percentText(double share) {
  return std::isfinite(share) ? fmt::format("{:.0f}%", 100 * share) : std::string("-");
}

/// A value of a JSON input file with its path from the document's root. Every accessor checks the
/// type and throws InputError naming the file and the path (exit code 2).
class JsonAt {
 public:
  JsonAt(const Json& j, const std::string& shown, std::string path = "")
      : j_(j), shown_(shown), path_(std::move(path)) {}

  const Json& json() const { return j_; }
  const std::string& path() const { return path_; }

  /// The member `key` of an object, which must be there.
  JsonAt operator[](std::string_view key) const {
    const std::string at = path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
    if (!j_.is_object()) fail(path_, "expected an object");
    if (!j_.contains(key)) fail(at, "missing key");
    return JsonAt(j_.at(key), shown_, at);
  }
  bool has(std::string_view key) const { return j_.is_object() && j_.contains(key); }

  /// An array's size (it must be an array) and its elements.
  std::size_t size() const {
    if (!j_.is_array()) fail(path_, "expected an array");
    return j_.size();
  }
  JsonAt operator[](std::size_t i) const {
    size();
    return JsonAt(j_.at(i), shown_, fmt::format("{}[{}]", path_, i));
  }

  /// A number, or NaN for null (how pilotsim writes NaN).
  double number() const {
    if (j_.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!j_.is_number()) fail(path_, "expected a number or null");
    return j_.get<double>();
  }
  /// A whole number, 0 or more (a count, a seed): no null, no fraction, no sign.
  std::uint64_t count() const {
    if (j_.is_number_unsigned()) return j_.get<std::uint64_t>();
    if (j_.is_number_float()) {
      // 1e3 is a whole number too; beyond 2^53 a double no longer says which one.
      const double x = j_.get<double>();
      if (x >= 0 && x <= 9007199254740992.0 && x == std::floor(x)) return static_cast<std::uint64_t>(x);
    }
    fail(path_, "expected a whole number, 0 or more");
  }
  std::string string() const {
    if (!j_.is_string()) fail(path_, "expected a string");
    return j_.get<std::string>();
  }
  bool boolean() const {
    if (!j_.is_boolean()) fail(path_, "expected true or false");
    return j_.get<bool>();
  }

  [[noreturn]] void fail(const std::string& at, const std::string& what) const {
    throw InputError(shown_, 0, at, what);
  }

 private:
  const Json& j_;
  const std::string& shown_;
  std::string path_;
};

}  // namespace pilotsim::report
