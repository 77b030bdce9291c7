#include "pilotsim/scenario/Scenario.hpp"

#include "pilotsim/core/Names.hpp"
#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/io/TomlLimits.hpp"
#include "pilotsim/io/TomlSupport.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/StructureFile.hpp"
#include "scenario/EmbeddedPresets.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <system_error>

namespace pilotsim {
namespace {

// Keys a scenario file may carry besides the parameter sections.
constexpr std::string_view kTopLevelKeys[] = {"name", "base", "description", "description_zh"};

std::string_view sectionOf(std::string_view key) { return key.substr(0, key.find('.')); }
std::string_view nameOf(std::string_view key) {
  const auto dot = key.find('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

bool isSection(std::string_view s) {
  for (const auto& spec : paramRegistry())
    if (sectionOf(spec.key) == s) return true;
  return false;
}

std::string joinPresetNames(std::span<const detail::EmbeddedPreset> presets) {
  std::string out;
  for (const auto& p : presets) {
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

const detail::EmbeddedPreset* findPreset(std::span<const detail::EmbeddedPreset> presets, std::string_view name) {
  for (const auto& p : presets)
    if (p.name == name) return &p;
  return nullptr;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions, the typos people make.
// Capped: a distance above `cap` is reported as cap + 1, and texts whose lengths differ by more than
// the cap are not compared at all, so that a hostile key of megabytes costs nothing to reject.
constexpr std::size_t kDistanceCap = 64;

std::size_t editDistance(std::string_view a, std::string_view b, std::size_t cap = kDistanceCap) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > cap) return cap + 1;
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t& here = d[i * w + j];
      here = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        here = std::min(here, d[(i - 2) * w + j - 2] + 1);
    }
  return std::min(d[a.size() * w + b.size()], cap + 1);
}

// Accept a suggestion only when it is about as close as a typo: otherwise "did you mean" misleads.
bool closeEnough(std::size_t distance, std::string_view query) {
  return distance <= std::min(kDistanceCap, std::max<std::size_t>(2, query.size() / 3));
}

// The registry key closest to an unknown key. A key under the wrong section ("couplings.upper_pull")
// or without one ("seed") is matched on its name part too, at the cost of one edit for the section.
// Top-level keys are candidates only where they are allowed (in files, not in --set).
std::string suggestKey(std::string_view unknown, bool topLevelToo) {
  std::string best;
  std::size_t bestScore = static_cast<std::size_t>(-1);
  for (const auto& spec : paramRegistry()) {
    std::size_t score = editDistance(unknown, spec.key);
    score = std::min(score, editDistance(nameOf(unknown), nameOf(spec.key)) + 1);
    if (score < bestScore) bestScore = score, best = spec.key;
  }
  if (topLevelToo)
    for (auto top : kTopLevelKeys) {
      const std::size_t score = editDistance(unknown, top);
      if (score < bestScore) bestScore = score, best = top;
    }
  return closeEnough(bestScore, nameOf(unknown)) ? best : std::string{};
}

std::string suggestSection(std::string_view unknown) {
  std::string best;
  std::size_t bestScore = static_cast<std::size_t>(-1);
  for (const auto& spec : paramRegistry()) {
    const std::size_t score = editDistance(unknown, sectionOf(spec.key));
    if (score < bestScore) bestScore = score, best = sectionOf(spec.key);
  }
  return closeEnough(bestScore, unknown) ? best : std::string{};
}

std::string unknownKeyMessage(std::string_view key, bool topLevelToo = true) {
  const std::string suggestion = suggestKey(key, topLevelToo);
  if (!suggestion.empty()) return fmt::format("unknown key; did you mean '{}'?", suggestion);
  return "unknown key; 'pilotsim params' lists every key";
}

// A whole number from an integer, or from a float without a fractional part ("6.0").
std::optional<std::int64_t> wholeNumber(const toml::node& node) {
  if (const auto* i = node.as_integer()) return i->get();
  if (const auto* f = node.as_floating_point()) {
    const double v = f->get();
    // The bounds keep the cast defined; anything that large is out of every range anyway.
    if (std::isfinite(v) && std::trunc(v) == v && std::fabs(v) < 9.2e18) return static_cast<std::int64_t>(v);
  }
  return std::nullopt;
}

[[noreturn]] void throwBadValue(const ParamSpec& spec, const std::string& got, const std::string& file, int line) {
  throw InputError(file, line, std::string(spec.key), fmt::format("expected {}, got {}", allowedText(spec), got));
}

// Sets one parameter from a TOML value, checking its type and the spec's range. Params is untouched
// on error.
void applyValue(const ParamSpec& spec, const toml::node& node, Params& params, const std::string& file, int line) {
  const auto inRange = [&](double v) { return std::isfinite(v) && v >= spec.lo && v <= spec.hi; };
  const ParamRef ref = spec.ref(params);
  switch (spec.type) {
    case ParamType::Real: {
      // An integer literal is a fine number ("supervision = 2"); text or a boolean is not.
      std::optional<double> v;
      if (const auto* i = node.as_integer())
        v = static_cast<double>(i->get());
      else if (const auto* f = node.as_floating_point())
        v = f->get();
      if (!v || !inRange(*v)) throwBadValue(spec, describeToml(node), file, line);
      *std::get<double*>(ref) = *v;
      return;
    }
    case ParamType::Integer: {
      const auto v = wholeNumber(node);
      if (!v || !inRange(static_cast<double>(*v))) throwBadValue(spec, describeToml(node), file, line);
      if (auto* p = std::get_if<int*>(&ref))
        **p = static_cast<int>(*v);
      else
        *std::get<std::int64_t*>(ref) = *v;
      return;
    }
    case ParamType::Boolean: {
      const auto* b = node.as_boolean();
      if (!b) throwBadValue(spec, describeToml(node), file, line);
      *std::get<bool*>(ref) = b->get();
      return;
    }
    case ParamType::Text: {
      const auto* s = node.as_string();
      if (!s) throwBadValue(spec, describeToml(node), file, line);
      *std::get<std::string*>(ref) = s->get();
      return;
    }
    case ParamType::IntegerList: {
      const auto* arr = node.as_array();
      if (!arr) throwBadValue(spec, describeToml(node), file, line);
      std::vector<int> values;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const toml::node& element = *arr->get(i);
        const auto v = wholeNumber(element);
        if (!v || !inRange(static_cast<double>(*v)))
          throwBadValue(spec, fmt::format("{} at position {}", describeToml(element), i + 1), file, line);
        values.push_back(static_cast<int>(*v));
      }
      *std::get<std::vector<int>*>(ref) = std::move(values);
      return;
    }
    case ParamType::RealList: {
      const auto* arr = node.as_array();
      if (!arr) throwBadValue(spec, describeToml(node), file, line);
      std::vector<double> values;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const toml::node& element = *arr->get(i);
        std::optional<double> v;
        if (const auto* n = element.as_integer())
          v = static_cast<double>(n->get());
        else if (const auto* f = element.as_floating_point())
          v = f->get();
        if (!v || !inRange(*v))
          throwBadValue(spec, fmt::format("{} at position {}", describeToml(element), i + 1), file, line);
        values.push_back(*v);
      }
      *std::get<std::vector<double>*>(ref) = std::move(values);
      return;
    }
  }
}

// A path (structure.file) is made absolute as it is read: relative to the directory of the scenario
// file that sets it (`dir`), or to the working directory for --set (`dir` empty). It then names the
// same file wherever the scenario is written out again (a run's scenario.toml, a campaign database).
void resolvePath(const ParamSpec& spec, Params& params, const std::filesystem::path& dir) {
  if (spec.key != "structure.file" || params.structure.file.empty()) return;
  std::error_code ec;
  const std::filesystem::path path = std::filesystem::absolute(dir / params.structure.file, ec);
  if (!ec) params.structure.file = path.lexically_normal().string();
}

// A key model version 2 renamed: the spec it now sets, with a warning for the scenario's warnings.
const ParamSpec* renamedSpec(const std::string& key, const std::string& file, int line,
                             std::vector<std::string>& warnings) {
  const RenamedParam* renamed = findRenamedParam(key);
  if (!renamed) return nullptr;
  warnings.push_back(fmt::format("{}{}: key '{}' is deprecated: use '{}' ({})", file,
                                 line > 0 ? fmt::format(":{}", line) : "", key, renamed->new_key, renamed->reason));
  return findParam(renamed->new_key);
}

// A scenario with its base applied and the file's own values on top, not yet checked as a whole:
// cross-parameter rules apply to the final result only, since a base and its child may each be
// incomplete on their own.
struct Layer {
  Scenario scenario;
  std::map<std::string, int> lines;  ///< line of every key this file sets, for later messages
};

std::string stemOf(const std::string& source) {
  const std::string stem = std::filesystem::path(source).stem().string();
  return stem.empty() ? source : stem;
}

std::string presetFile(std::string_view name) { return fmt::format("scenarios/{}.toml", name); }

Layer loadLayer(std::string_view text, const std::string& file, std::span<const detail::EmbeddedPreset> presets,
                std::vector<std::string> chain) {
  const toml::table root = parseTomlText(text, file);
  Layer layer;
  Scenario& s = layer.scenario;
  s.name = stemOf(file);

  const auto topString = [&](const std::string& key, const toml::node& node) -> std::string {
    if (const auto* str = node.as_string()) return str->get();
    throw InputError(file, lineOf(node), key, fmt::format("expected a string, got {}", describeToml(node)));
  };

  // The base first, so that the file's own values land on top of it.
  if (const toml::node* base = root.get("base")) {
    const int line = lineOf(*base);
    s.base = topString("base", *base);
    const auto* preset = findPreset(presets, s.base);
    if (!preset) {
      std::string hint;
      std::size_t best = static_cast<std::size_t>(-1);
      for (const auto& p : presets) {
        const std::size_t d = editDistance(s.base, p.name);
        if (d < best) best = d, hint = p.name;
      }
      throw InputError(file, line, "base",
                       fmt::format("unknown preset '{}'{}; presets are: {}", shortened(s.base),
                                   closeEnough(best, s.base) ? fmt::format(" (did you mean '{}'?)", hint) : "",
                                   joinPresetNames(presets)));
    }
    if (std::find(chain.begin(), chain.end(), s.base) != chain.end()) {
      chain.push_back(s.base);
      std::string cycle;
      for (const auto& c : chain) cycle += (cycle.empty() ? "" : " -> ") + c;
      throw InputError(file, line, "base", fmt::format("base presets form a cycle: {}", cycle));
    }
    chain.push_back(s.base);
    Scenario base_scenario = loadLayer(preset->text, presetFile(s.base), presets, chain).scenario;
    s.params = std::move(base_scenario.params);
    s.warnings = std::move(base_scenario.warnings);
  }

  for (const auto& [key, node] : inFileOrder(root)) {
    const int line = lineOf(*node);
    if (key == "base") continue;
    if (key == "name") {
      s.name = topString(key, *node);
      if (const std::string problem = outputNameProblem(s.name); !problem.empty())
        throw InputError(file, line, key, problem + " (the name is the default output directory, out/<name>)");
      continue;
    }
    if (key == "description") {
      s.description = topString(key, *node);
      continue;
    }
    if (key == "description_zh") {
      topString(key, *node);
      continue;
    }
    if (!isSection(key)) {
      if (findParam(key))
        throw InputError(file, line, key,
                         fmt::format("a quoted key is one name, not section and name: write {} "
                                     "without quotes, or {} under [{}]",
                                     key, nameOf(key), sectionOf(key)));
      if (node->is_table()) {
        const std::string hint = suggestSection(key);
        throw InputError(file, line, key,
                         hint.empty() ? std::string("unknown section; 'pilotsim params' lists every key")
                                      : fmt::format("unknown section; did you mean [{}]?", hint));
      }
      throw InputError(file, line, key, unknownKeyMessage(key));
    }
    const auto* section = node->as_table();
    if (!section)
      throw InputError(file, line, key,
                       fmt::format("expected a section [{}] of parameters, got {}", key, describeToml(*node)));
    for (const auto& [name, value] : inFileOrder(*section)) {
      const std::string full = key + "." + name;
      const int valueLine = lineOf(*value);
      const ParamSpec* spec = findParam(full);
      if (!spec) spec = renamedSpec(full, file, valueLine, s.warnings);
      if (!spec) throw InputError(file, valueLine, full, unknownKeyMessage(full));
      applyValue(*spec, *value, s.params, file, valueLine);
      resolvePath(*spec, s.params, std::filesystem::path(file).parent_path());
      layer.lines[full] = valueLine;
    }
  }
  // Without `name = ...` the file's stem names the outputs, and must be usable as a name too.
  if (!root.contains("name"))
    if (const std::string problem = outputNameProblem(s.name); !problem.empty())
      throw InputError(
          file, 0, "name",
          fmt::format("the file's name cannot name the scenario's outputs ({}); add name = \"...\"", problem));
  return layer;
}

// The key a validateParams message is about: it starts with that key.
std::string keyOfMessage(const std::string& message) {
  const auto end = message.find_first_of(" ,=:");
  return message.substr(0, end);
}

void validateWhole(const Layer& layer, const std::string& file) {
  const auto errors = validateParams(layer.scenario.params);
  if (errors.empty()) {
    // A structure file is read and checked here too, so that a scenario that loads also runs; its
    // problems name the CSV file, line and column.
    if (layer.scenario.params.structure.preset == "file") readStructureFile(layer.scenario.params.structure.file);
    return;
  }
  const std::string& first = errors.front();
  const std::string key = keyOfMessage(first);
  // Point at the key's line; a rule broken by a key the file does not set ("custom needs a
  // branching") points at the line of another key the message names.
  int line = 0;
  if (const auto it = layer.lines.find(key); it != layer.lines.end()) {
    line = it->second;
  } else {
    std::size_t earliest = std::string::npos;
    for (const auto& [other, otherLine] : layer.lines)
      if (const auto at = first.find(other); at < earliest) earliest = at, line = otherLine;
  }
  std::string message = first;
  for (std::size_t i = 1; i < errors.size(); ++i) message += "; " + errors[i];
  throw InputError(file, line, key, message);
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// "--set structure.preset=national" should not need shell-escaped quotes: a word that is not valid
// TOML is taken as text. Anything with quotes, brackets or spaces must be real TOML.
bool isBareWord(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '+' || c == '/' ||
           c == ':' || static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

std::vector<std::string> presetNames() {
  std::vector<std::string> names;
  for (const auto& p : detail::embeddedPresets()) names.emplace_back(p.name);
  return names;
}

std::string_view presetText(std::string_view name) {
  const auto presets = detail::embeddedPresets();
  if (const auto* p = findPreset(presets, name)) return p->text;
  throw InputError(std::string(name), 0, "", fmt::format("unknown preset; presets are: {}", joinPresetNames(presets)));
}

std::string presetDescription(std::string_view name) {
  const std::string_view text = presetText(name);
  const toml::table root = parseTomlText(text, presetFile(name));
  const std::string en(root["description"].value_or(std::string_view{}));
  const std::string zh(root["description_zh"].value_or(std::string_view{}));
  if (en.empty() || zh.empty()) return en + zh;
  return en + " / " + zh;
}

std::string presetDescription(std::string_view name, bool zh) {
  const toml::table root = parseTomlText(presetText(name), presetFile(name));
  const std::string en(root["description"].value_or(std::string_view{}));
  const std::string cn(root["description_zh"].value_or(std::string_view{}));
  if (zh && !cn.empty()) return cn;
  return en.empty() ? cn : en;
}

Scenario loadPreset(std::string_view name) {
  const auto presets = detail::embeddedPresets();
  const auto* preset = findPreset(presets, name);
  if (!preset)
    throw InputError(std::string(name), 0, "",
                     fmt::format("unknown preset; presets are: {}", joinPresetNames(presets)));
  const std::string file = presetFile(name);
  Layer layer = loadLayer(preset->text, file, presets, {std::string(name)});
  validateWhole(layer, file);
  layer.scenario.source = fmt::format("preset:{}", name);
  return std::move(layer.scenario);
}

Scenario detail::loadScenarioTextWith(std::string_view text, const std::string& source,
                                      std::span<const EmbeddedPreset> presets) {
  Layer layer = loadLayer(text, source, presets, {});
  validateWhole(layer, source);
  layer.scenario.source = source;
  return std::move(layer.scenario);
}

Scenario loadScenarioText(std::string_view text, const std::string& source) {
  return detail::loadScenarioTextWith(text, source, detail::embeddedPresets());
}

Scenario loadScenarioFile(const std::filesystem::path& path) {
  return loadScenarioText(readInputFile(path, "scenario file"), path.string());
}

Scenario resolveScenario(std::string_view preset_or_path) {
  const auto presets = detail::embeddedPresets();
  if (findPreset(presets, preset_or_path)) return loadPreset(preset_or_path);
  const std::filesystem::path path(preset_or_path);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return loadScenarioFile(path);
  throw InputError(std::string(preset_or_path), 0, "",
                   fmt::format("no such preset or file; presets are: {}", joinPresetNames(presets)));
}

void applyOverride(Scenario& scenario, std::string_view assignment) {
  const std::string file = "--set";
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos)
    throw InputError(file, 0, trim(assignment), "expected key=value, for example drivers.upper_pull=0.5");
  const std::string key = trim(assignment.substr(0, eq));
  const std::string value = trim(assignment.substr(eq + 1));
  const ParamSpec* spec = findParam(key);
  if (!spec) spec = renamedSpec(key, file, 0, scenario.warnings);
  if (!spec && std::find(std::begin(kTopLevelKeys), std::end(kTopLevelKeys), key) != std::end(kTopLevelKeys))
    throw InputError(file, 0, key, "only parameters can be set with --set; write it in a scenario file");
  if (!spec) throw InputError(file, 0, key, unknownKeyMessage(key, false));
  if (value.empty()) throw InputError(file, 0, key, fmt::format("no value given; expected {}", allowedText(*spec)));

  // Parsing "value = <text>" reuses the TOML grammar for numbers, booleans, strings and lists.
  toml::table parsed;
  try {
    const std::string assignmentText = "value = " + value;
    checkTomlLimits(assignmentText, file);
    parsed = toml::parse(assignmentText, file);
  } catch (const toml::parse_error& e) {
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec == std::errc::result_out_of_range && end == value.data() + value.size())
      throw InputError(file, 0, key,
                       fmt::format("the number {} is beyond what a computer's numbers hold (about 1.8e308); "
                                   "expected {}",
                                   shortened(value), allowedText(*spec)));
    if (!isBareWord(value))
      throw InputError(
          file, 0, key,
          fmt::format("'{}' is not a valid TOML value ({}); expected {}", value, e.description(), allowedText(*spec)));
    parsed = toml::table{};
    parsed.insert("value", value);
  }
  // More than one key means the value smuggled in a line break and another assignment.
  if (parsed.size() != 1 || !parsed.get("value"))
    throw InputError(file, 0, key, fmt::format("expected a single value, got '{}'", value));

  Params params = scenario.params;
  applyValue(*spec, *parsed.get("value"), params, file, 0);
  resolvePath(*spec, params, {});
  // Only this parameter's own rules are checked here: a cross-parameter rule (a custom structure
  // needs its branching) can only hold once all overrides are in, so the caller runs
  // validateParams after the last one.
  for (const auto& message : validateParams(params))
    if (message.rfind(std::string(spec->key) + " = ", 0) == 0) throw InputError(file, 0, key, message);
  scenario.params = std::move(params);
  scenario.source += fmt::format("{}--set {}={}", scenario.source.empty() ? "" : " ", key, value);
}

std::string toToml(const Scenario& scenario) {
  std::string out;
  out += "# pilotsim scenario, fully resolved: every parameter is written out, so this file gives the\n";
  out += "# same parameters whatever the presets become.\n";
  if (!scenario.base.empty()) out += fmt::format("# Built on preset '{}'.\n", scenario.base);
  if (!scenario.source.empty()) {
    std::string source = scenario.source;
    std::replace(source.begin(), source.end(), '\n', ' ');  // a line break would end the comment
    out += fmt::format("# Source: {}\n", source);
  }
  out += fmt::format("name = {}\n", quoteToml(scenario.name));
  if (!scenario.description.empty()) out += fmt::format("description = {}\n", quoteToml(scenario.description));

  // Sections in order of first appearance in the registry, each with all of its keys, so that the
  // file never opens a table twice even if the registry interleaves sections.
  std::vector<std::string_view> sections;
  for (const auto& spec : paramRegistry())
    if (std::find(sections.begin(), sections.end(), sectionOf(spec.key)) == sections.end())
      sections.push_back(sectionOf(spec.key));

  auto& params = const_cast<Params&>(scenario.params);  // the accessors are shared; only read here
  for (const auto section : sections) {
    std::vector<std::pair<std::string, const ParamSpec*>> lines;
    std::size_t width = 0;
    for (const auto& spec : paramRegistry()) {
      if (sectionOf(spec.key) != section) continue;
      const std::string value = spec.type == ParamType::Text ? quoteToml(*std::get<std::string*>(spec.ref(params)))
                                                             : formatValue(scenario.params, spec);
      lines.emplace_back(fmt::format("{} = {}", nameOf(spec.key), value), &spec);
      width = std::max(width, lines.back().first.size());
    }
    out += fmt::format("\n[{}]\n", section);
    for (const auto& [assignment, spec] : lines)
      out += fmt::format("{:<{}}  # {} / {}\n", assignment, width, spec->en, spec->zh);
  }
  return out;
}

}  // namespace pilotsim
