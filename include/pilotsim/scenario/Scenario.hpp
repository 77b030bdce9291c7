// A scenario: a named, validated set of parameters. Built from a preset, a TOML file that may name
// a preset as its base, and `--set key=value` overrides. Immutable once handed to a Simulation.
#pragma once

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/scenario/Params.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

struct Scenario {
  std::string name;                   ///< preset name or file stem
  std::string base;                   ///< preset it builds on ("" = the built-in defaults)
  std::string description;            ///< free text from the file
  std::string source;                 ///< "preset:NAME", a file path, or "--set" history appended
  std::vector<std::string> warnings;  ///< deprecated keys used, one message each (the CLI prints them)
  Params params;
};

/// Names of the embedded presets, in a stable order.
std::vector<std::string> presetNames();
/// One-line English and Chinese descriptions of a preset.
std::string presetDescription(std::string_view name);
/// A preset's description in one language: Chinese if `zh` and the preset has one, else English.
std::string presetDescription(std::string_view name, bool zh);
/// The embedded TOML text of a preset, or throws InputError.
std::string_view presetText(std::string_view name);

/// Load a preset by name. Throws InputError.
Scenario loadPreset(std::string_view name);
/// Parse scenario TOML text; `source` names it in error messages. Throws InputError.
Scenario loadScenarioText(std::string_view text, const std::string& source);
/// Load a scenario file. Throws InputError (missing file, bad TOML, unknown key, ...).
Scenario loadScenarioFile(const std::filesystem::path& path);
/// A preset name or a path to a file.
Scenario resolveScenario(std::string_view preset_or_path);
/// Apply one "key=value" override (value in TOML syntax; bare words are taken as strings).
/// Throws InputError naming "--set".
void applyOverride(Scenario& scenario, std::string_view assignment);
/// The fully resolved scenario as TOML that loadScenarioText accepts and reproduces exactly.
std::string toToml(const Scenario& scenario);

}  // namespace pilotsim
