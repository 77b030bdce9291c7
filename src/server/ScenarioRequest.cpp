#include "pilotsim/server/ScenarioRequest.hpp"

#include "pilotsim/io/TomlSupport.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/server/ApiError.hpp"

#include <toml++/toml.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <type_traits>

namespace pilotsim {
namespace {

Json scenarioErrorDetails(const InputError& e) {
  Json d = Json::object();
  if (!e.file().empty() && e.file() != "--set") d["file"] = e.file();
  if (e.line() > 0) d["line"] = e.line();
  if (!e.key().empty()) d["key"] = e.key();
  return d;
}

// A JSON override value in TOML syntax, so that it goes through applyOverride exactly like `--set`.
// JSON string escapes (\" \\ \n \uXXXX ...) are all valid in a TOML basic string.
std::string tomlLiteral(const std::string& key, const Json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) {
    const double x = value.get<double>();
    if (!std::isfinite(x))
      throw ApiError(400, fmt::format("set: key '{}': the value is not a finite number", key), {{"key", key}});
    return fmt::format("{}", x);
  }
  if (value.is_string()) return value.dump();
  if (value.is_array()) {
    std::string out = "[";
    for (const auto& element : value) {
      if (!element.is_number_integer())
        throw ApiError(400, fmt::format("set: key '{}': a list may hold whole numbers only", key), {{"key", key}});
      out += (out.size() > 1 ? ", " : "") + element.dump();
    }
    return out + "]";
  }
  throw ApiError(
      400, fmt::format("set: key '{}': expected a number, boolean, string or list, got {}", key, value.type_name()),
      {{"key", key}});
}

// The lab never reads files of its host on a client's behalf: a structure file (structure.preset =
// "file", structure.file = a path) is for the command line. Checked before the loader, which would
// read the file while validating the scenario.
[[noreturn]] void refuseStructureFile() {
  throw ApiError(400,
                 "the lab does not read files on its host: structure.preset = \"file\" and structure.file are for "
                 "the command line (pilotsim run --set structure.preset=file --set structure.file=PATH)",
                 {{"key", "structure.file"}});
}

void refuseStructureFile(std::string_view text, const std::string& source) {
  const toml::table root = parseTomlText(text, source);
  const toml::node_view<const toml::node> structure = root["structure"];
  // An empty structure.file is what a scenario the lab exported carries (every parameter is written).
  const auto file = structure["file"].value<std::string>();
  if ((file && !file->empty()) || structure["preset"].value<std::string>() == std::optional<std::string>("file"))
    refuseStructureFile();
}

Scenario loadBase(const Json& request) {
  const bool has_preset = request.contains("preset");
  const bool has_toml = request.contains("toml");
  if (has_preset == has_toml)
    throw ApiError(400, "give exactly one of \"preset\" (a preset name) and \"toml\" (scenario TOML text)");
  if (has_preset) {
    if (!request["preset"].is_string()) throw ApiError(400, "\"preset\" must be a string naming a preset");
    return loadPreset(request["preset"].get<std::string>());
  }
  if (!request["toml"].is_string()) throw ApiError(400, "\"toml\" must be a string holding scenario TOML");
  std::string source = "scenario.toml";
  if (request.contains("filename")) {
    if (!request["filename"].is_string()) throw ApiError(400, "\"filename\" must be a string");
    source = request["filename"].get<std::string>();
  }
  refuseStructureFile(request["toml"].get<std::string>(), source);
  return loadScenarioText(request["toml"].get<std::string>(), source);
}

}  // namespace

Scenario resolveScenarioRequest(const Json& request) {
  if (!request.is_object()) throw ApiError(400, "the request body must be a JSON object");
  for (const auto& [field, value] : request.items()) {
    (void)value;
    static constexpr std::string_view kFields[] = {"preset", "toml", "filename", "set", "name", "label", "pace_ms"};
    if (std::find(std::begin(kFields), std::end(kFields), field) == std::end(kFields))
      throw ApiError(
          400, fmt::format("unknown field \"{}\"; fields are preset, toml, filename, set, name, label, pace_ms", field),
          {{"field", field}});
  }
  try {
    Scenario scenario = loadBase(request);
    if (request.contains("set")) {
      const Json& set = request["set"];
      if (!set.is_object()) throw ApiError(400, "\"set\" must be an object of parameter keys and values");
      for (const auto& [key, value] : set.items()) {
        if ((key == "structure.file" && value != "") || (key == "structure.preset" && value == "file"))
          refuseStructureFile();
        applyOverride(scenario, key + "=" + tomlLiteral(key, value));
      }
    }
    if (request.contains("name")) {
      if (!request["name"].is_string() || request["name"].get<std::string>().empty())
        throw ApiError(400, "\"name\" must be a non-empty string");
      scenario.name = request["name"].get<std::string>();
    }
    // Overrides are checked one at a time; rules across keys only once the last one is in.
    const auto problems = validateParams(scenario.params);
    if (!problems.empty()) {
      std::string joined;
      for (const auto& p : problems) joined += (joined.empty() ? "" : "; ") + p;
      throw ApiError(400, joined, {{"problems", problems}});
    }
    return scenario;
  } catch (const InputError& e) {
    // Overrides go through the `--set` path; in the API they are the "set" object.
    std::string message = e.what();
    if (e.file() == "--set" && message.rfind("--set", 0) == 0) message.replace(0, 5, "set");
    throw ApiError(400, message, scenarioErrorDetails(e));
  }
}

Json parameterValuesJson(const Params& params) {
  Params copy = params;  // the registry's accessors take a mutable Params; this one is ours to touch
  Json out = Json::object();
  for (const auto& spec : paramRegistry()) {
    std::visit([&](auto* v) { out[std::string(spec.key)] = *v; }, spec.ref(copy));
  }
  return out;
}

}  // namespace pilotsim
