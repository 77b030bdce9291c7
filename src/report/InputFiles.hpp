// Reading the files a report is made from, with errors that name the file, line and column or key
// (exit code 2): a missing column of a CSV from another program version, a JSON file edited by hand.
#pragma once

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/JsonValues.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

namespace pilotsim::report {

inline std::size_t requireColumn(const CsvTable& t, std::string_view name) {
  const int c = t.column(name);
  if (c < 0) throw InputError(t.source, 1, std::string(name), fmt::format("missing column '{}'", name));
  return static_cast<std::size_t>(c);
}

/// A JSON file; `shown` names it in messages.
inline Json readJsonFile(const std::filesystem::path& path, const std::string& shown) {
  const std::string text = readInputFile(path, "JSON file");
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(shown, 0, "", fmt::format("malformed JSON at byte {}", e.byte));
  }
}

/// j[key], which must be there; the error names the file and the key.
inline const Json& member(const Json& j, std::string_view key, const std::string& shown) {
  if (!j.is_object() || !j.contains(key)) throw InputError(shown, 0, std::string(key), "missing key");
  return j.at(key);
}

/// A number or null (NaN); anything else is an error naming the key.
inline double numberOf(const Json& j, std::string_view key, const std::string& shown) {
  const Json& v = member(j, key, shown);
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) throw InputError(shown, 0, std::string(key), "expected a number or null");
  return v.get<double>();
}

inline std::string stringOf(const Json& j, std::string_view key, const std::string& shown) {
  const Json& v = member(j, key, shown);
  if (!v.is_string()) throw InputError(shown, 0, std::string(key), "expected a string");
  return v.get<std::string>();
}

}  // namespace pilotsim::report
