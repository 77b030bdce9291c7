// Reading the top-level keys of an experiment or calibration file (TOML) with messages that name the
// file, the line and the key: shared by Campaign.cpp and CalibrationFile.cpp, which read the same
// `base`, `set` and `months` keys the same way.
#pragma once

#include "pilotsim/core/Names.hpp"
#include "pilotsim/io/TomlSupport.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim::detail {

class TomlFileReader {
 public:
  /// `prefix` ("smc.") is put before every key in messages, for a table below the root.
  TomlFileReader(const toml::table& root, std::string file, std::string prefix = {})
      : root_(root), file_(std::move(file)), prefix_(std::move(prefix)) {}

  [[noreturn]] void fail(const toml::node& at, std::string_view key, const std::string& what) const {
    throw InputError(file_, lineOf(at), prefix_ + std::string(key), what);
  }

  /// Refuses a key outside `keys`, saying what `kind` ("an experiment file") has.
  void onlyKnownKeys(std::span<const std::string_view> keys, std::string_view kind) const {
    for (const auto& [key, node] : root_) {
      if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
      std::string allowed;
      for (auto k : keys) allowed += fmt::format("{}{}", allowed.empty() ? "" : ", ", k);
      fail(node, key.str(), fmt::format("unknown key; {} has: {}", kind, allowed));
    }
  }

  std::string text(std::string_view key, std::string fallback) const {
    const toml::node* n = root_.get(key);
    if (n == nullptr) return fallback;
    if (n->as_string() == nullptr) fail(*n, key, "expected a text in quotes");
    return n->as_string()->get();
  }

  std::int64_t whole(std::string_view key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const {
    const toml::node* n = root_.get(key);
    if (n == nullptr) return fallback;
    const auto* i = n->as_integer();
    if (i == nullptr || i->get() < lo || i->get() > hi)
      fail(*n, key, fmt::format("expected a whole number in [{}, {}]", lo, hi));
    return i->get();
  }

  /// A number (integer or floating point) in [lo, hi].
  double number(std::string_view key, double fallback, double lo, double hi) const {
    const toml::node* n = root_.get(key);
    if (n == nullptr) return fallback;
    const auto v = n->value<double>();
    if (!v || !(*v >= lo && *v <= hi)) fail(*n, key, fmt::format("expected a number in [{}, {}]", lo, hi));
    return *v;
  }

  bool flag(std::string_view key) const {
    const toml::node* n = root_.get(key);
    if (n == nullptr) return false;
    if (n->as_boolean() == nullptr) fail(*n, key, "expected true or false");
    return n->as_boolean()->get();
  }

  std::vector<std::string> texts(std::string_view key) const {
    std::vector<std::string> out;
    const toml::node* n = root_.get(key);
    if (n == nullptr) return out;
    const auto* list = n->as_array();
    if (list == nullptr) fail(*n, key, "expected a list of texts, e.g. [\"a\", \"b\"]");
    for (const auto& item : *list) {
      if (item.as_string() == nullptr) fail(item, key, "expected a list of texts, e.g. [\"a\", \"b\"]");
      out.push_back(item.as_string()->get());
    }
    return out;
  }

  const toml::node* node(std::string_view key) const { return root_.get(key); }
  const std::string& file() const { return file_; }

 private:
  const toml::table& root_;
  std::string file_;
  std::string prefix_;
};

/// The `base` key: a preset, or a scenario file relative to the file read (default "baseline").
inline Scenario baseScenario(const TomlFileReader& r) {
  const std::string base = r.text("base", "baseline");
  const auto presets = presetNames();
  try {
    if (std::find(presets.begin(), presets.end(), base) != presets.end()) return loadPreset(base);
    const std::filesystem::path path(base);
    return loadScenarioFile(path.is_absolute() ? path : std::filesystem::path(r.file()).parent_path() / path);
  } catch (const InputError& e) {
    const toml::node* n = r.node("base");
    if (n == nullptr) throw;
    r.fail(*n, "base", e.what());
  }
}

/// The `name` key (default: the file's name), which names the database out/<name>.db of `what`
/// ("campaign", "calibration"): refused if it cannot name a file.
inline std::string outputName(const TomlFileReader& r, std::string_view what) {
  const std::string name = r.text("name", std::filesystem::path(r.file()).stem().string());
  if (const std::string problem = outputNameProblem(name); !problem.empty()) {
    if (const toml::node* at = r.node("name"))
      r.fail(*at, "name", problem + " (the name gives the database, out/<name>.db)");
    throw InputError(
        r.file(), 0, "name",
        fmt::format("the file's name cannot name the {}'s database ({}); add name = \"...\"", what, problem));
  }
  return name;
}

/// The `replicates` key: runs per design point or candidate (default 1).
inline int replicatesOf(const TomlFileReader& r) {
  const ParamSpec& reps = *findParam("run.replicates");
  return static_cast<int>(r.whole("replicates", 1, 1, static_cast<std::int64_t>(reps.hi)));
}

/// The `set` overrides and the `months` shorthand for run.months, applied to `base`.
inline void applySetAndMonths(const TomlFileReader& r, Scenario& base) {
  for (const auto& set : r.texts("set")) {
    try {
      applyOverride(base, set);
    } catch (const InputError& e) {
      r.fail(*r.node("set"), "set", e.what());
    }
  }
  const ParamSpec& months = *findParam("run.months");
  if (r.node("months") != nullptr)
    applyOverride(base, fmt::format("run.months={}", r.whole("months", 0, static_cast<std::int64_t>(months.lo),
                                                             static_cast<std::int64_t>(months.hi))));
}

}  // namespace pilotsim::detail
