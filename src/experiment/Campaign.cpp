#include "pilotsim/experiment/Campaign.hpp"

#include "pilotsim/core/InputError.hpp"

#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include "experiment/TomlFileReader.hpp"
#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/io/TomlSupport.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>

namespace pilotsim {
namespace {

using detail::TomlFileReader;

constexpr std::string_view kKeys[] = {"name",       "description", "base",   "set",    "months",
                                      "replicates", "measures",    "series", "design", "factors"};

std::vector<int> keptOutcomes(const TomlFileReader& r) {
  const toml::node* n = r.node("measures");
  std::vector<int> out;
  if (n == nullptr || (n->as_string() && (n->as_string()->get() == "key" || n->as_string()->get() == "all"))) {
    const bool all = n != nullptr && n->as_string()->get() == "all";
    for (const auto& m : measureTable())
      if (all || m.key_measure) out.push_back(outcomeIndex(m.id));
    if (all)
      for (int k = kMeasureCount; k < kOutcomeCount; ++k) out.push_back(k);
    return out;
  }
  if (n->as_string()) r.fail(*n, "measures", "expected \"key\", \"all\" or a list of outcome names");
  for (const auto& name : r.texts("measures")) {
    const int k = findOutcome(name);
    if (k < 0)
      r.fail(*n, "measures", fmt::format("unknown outcome \"{}\"; run 'pilotsim measures' for the names", name));
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  }
  if (out.empty()) r.fail(*n, "measures", "the list is empty: keep at least one outcome");
  std::sort(out.begin(), out.end());
  return out;
}

/// A factor must name a parameter that a run can vary, with values the parameter accepts.
void checkFactor(const sensitivity::Factor& f, const TomlFileReader& r, const toml::node& at) {
  const std::string key = "factors." + f.name;
  if (const std::string why = factorKeyProblem(f.name); !why.empty()) r.fail(at, key, why);
  const ParamSpec* spec = findParam(f.name);
  if (spec->type == ParamType::Boolean && f.valueType() != sensitivity::ValueType::Boolean)
    r.fail(at, key, "a true/false parameter needs distribution = \"boolean\"");
  if (spec->type == ParamType::Integer && f.valueType() == sensitivity::ValueType::Real)
    r.fail(at, key, "a whole-number parameter needs an \"integer\" or \"discrete\" distribution of whole numbers");
  if (spec->type == ParamType::Boolean) return;
  // The extremes a design can reach: the bounds, or for a discrete factor its values.
  std::vector<double> reach = f.discreteValues();
  if (reach.empty()) reach = {f.fromUnit(0.0), f.fromUnit(1.0)};
  for (double v : reach) {
    if (const std::string why = factorValueProblem(f.name, v); !why.empty())
      r.fail(at, key, "the factor reaches a value it may not take: " + why);
  }
}

/// True if the [design] table says method = "file".
bool designFromFile(const toml::table& root) {
  const auto* design = root.get("design") ? root.get("design")->as_table() : nullptr;
  const auto* method = design != nullptr ? design->get("method") : nullptr;
  return method != nullptr && method->as_string() != nullptr && method->as_string()->get() == "file";
}

/// [design] with method = "file": its `file`, relative to the experiment file.
std::filesystem::path designFileOf(const toml::table& root, const TomlFileReader& r, const std::string& file) {
  const toml::table& design = *root.get("design")->as_table();
  if (const toml::node* factors = root.get("factors"))
    r.fail(*factors, "factors",
           "a design from a file takes its factors from the CSV's header: remove the [factors] tables");
  for (const auto& [key, node] : design)
    if (key.str() != "method" && key.str() != "file")
      r.fail(node, "design." + std::string(key.str()),
             "unknown key; with method = \"file\", [design] has: method, file");
  const toml::node* csv = design.get("file");
  if (csv == nullptr || csv->as_string() == nullptr || csv->as_string()->get().empty())
    r.fail(csv != nullptr ? *csv : static_cast<const toml::node&>(design), "design.file",
           "expected the design CSV's name in quotes (relative to this file), e.g. file = \"design.csv\"");
  std::filesystem::path path = csv->as_string()->get();
  if (path.is_relative()) path = std::filesystem::path(file).parent_path() / path;
  return path;
}

}  // namespace

std::string factorKeyProblem(std::string_view key) {
  const ParamSpec* spec = findParam(key);
  if (spec == nullptr) return fmt::format("\"{}\" is not a model parameter; run 'pilotsim params' for the keys", key);
  if (key.starts_with("run.") || key.starts_with("structure.") || spec->type == ParamType::Text ||
      spec->type == ParamType::IntegerList || spec->type == ParamType::RealList)
    return "only numeric and true/false parameters can be factors (not run.*, structure.*, texts or lists)";
  return "";
}

std::string factorValueProblem(std::string_view key, double v) {
  const ParamSpec& spec = *findParam(key);
  if (std::isnan(v)) return "a value is missing; every design point needs a value of every factor";
  if (spec.type == ParamType::Boolean)
    return v == 0.0 || v == 1.0 ? "" : fmt::format("a switch takes 0 (false) or 1 (true), got {}", v);
  if (spec.type == ParamType::Integer && std::trunc(v) != v)
    return fmt::format("{} is not a whole number, and {} takes whole numbers", v, key);
  if (!(v >= spec.lo && v <= spec.hi))
    return fmt::format("{} is outside {}'s range: expected {}", v, key, allowedText(spec));
  return "";
}

CampaignSpec parseCampaignText(std::string_view text, const std::string& file) {
  const toml::table root = parseTomlText(text, file);
  const TomlFileReader r(root, file);
  r.onlyKnownKeys(kKeys, "an experiment file");
  CampaignSpec spec;
  spec.file = file;
  spec.text = std::string(text);
  if (designFromFile(root)) {
    spec.sampling.design.method = sensitivity::DesignMethod::File;
    spec.design_file = designFileOf(root, r, file);
  } else {
    spec.sampling = sensitivity::parseSamplingSpec(root, file);
  }
  spec.base = baseScenario(r);
  spec.name = outputName(r, "campaign");
  spec.description = r.text("description", "");
  applySetAndMonths(r, spec.base);
  spec.replicates = replicatesOf(r);
  spec.outcomes = keptOutcomes(r);
  spec.series = r.flag("series");
  const auto problems = validateParams(spec.base.params);
  if (!problems.empty()) throw InputError(file, 0, "", problems.front());
  const auto* factors = root.get("factors") ? root.get("factors")->as_table() : nullptr;
  for (const auto& f : spec.sampling.factors) {
    // The factor's table, for the line in messages: [factors."a.b"] is one key, [factors.a.b] a path.
    const toml::node* at = nullptr;
    if (factors != nullptr) {
      at = factors->get(f.name);
      if (at == nullptr) at = factors->at_path(f.name).node();
    }
    checkFactor(f, r, at != nullptr ? *at : static_cast<const toml::node&>(root));
  }
  return spec;
}

Scenario pointScenario(const CampaignSpec& spec, const sensitivity::Design& design, std::size_t row) {
  Scenario s = spec.base;
  const auto values = design.row(row);
  for (std::size_t i = 0; i < design.factorCount(); ++i) {
    const double v = values[i];
    std::string text;
    switch (design.types[i]) {
      case sensitivity::ValueType::Boolean:
        text = v != 0 ? "true" : "false";
        break;
      case sensitivity::ValueType::Integer:
        text = fmt::format("{}", std::llround(v));
        break;
      case sensitivity::ValueType::Real:
        text = fmt::format("{}", v);
        break;
    }
    applyOverride(s, fmt::format("{}={}", design.factors[i], text));
  }
  return s;
}

}  // namespace pilotsim
