#include "pilotsim/server/LabCatalog.hpp"

#include "pilotsim/model/Measures.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/server/ApiError.hpp"
#include "pilotsim/server/ScenarioRequest.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <string>

namespace pilotsim {
namespace {

// The paper's grouping (docs/ODD.md s.8-9): the four drivers and the coupling mechanisms that carry
// them, the three groups of reforms of its section 5 with their levers, and the mechanism switches;
// then how long and on which structure to run. Parameters whose registry `lever` is none of these
// fall into "model", so every parameter has a place on the page.
struct Group {
  std::string_view id, zh, en;
  std::array<std::string_view, 6> levers;
};
constexpr std::array kGroups = {
    Group{"drivers", "驱动力", "Drivers", {"driver"}},
    Group{"couplings", "耦合机制", "Coupling mechanisms", {"coupling"}},
    Group{"reform_a", "A 顶层设计", "A Top-level design", {"A2", "A3", "A4"}},
    Group{"reform_b", "B 考核评价改革", "B Evaluation reform", {"B0", "B1", "B2", "B3", "B4", "B5"}},
    Group{"reform_c", "C 民主协商", "C Democratic consultation", {"C1", "C2", "C3"}},
    Group{"mechanisms", "机制开关", "Mechanisms", {"mechanism"}},
    Group{"run", "运行与结构", "Run and structure", {"run", "structure"}},
    Group{"model", "其他模型参数", "Other model parameters", {}},
};

std::string_view groupOf(std::string_view lever) {
  for (const auto& g : kGroups)
    if (std::find(g.levers.begin(), g.levers.end(), lever) != g.levers.end() && !lever.empty()) return g.id;
  return "model";
}

std::string_view typeName(ParamType t) {
  switch (t) {
    case ParamType::Real:
      return "real";
    case ParamType::Integer:
      return "integer";
    case ParamType::Boolean:
      return "boolean";
    case ParamType::Text:
      return "text";
    case ParamType::IntegerList:
      return "integer_list";
    case ParamType::RealList:
      return "real_list";
  }
  return "";
}

// The preset files carry both descriptions; the page shows the one of its language.
std::pair<std::string, std::string> descriptions(std::string_view name) {
  const std::string file = fmt::format("scenarios/{}.toml", name);
  try {
    const toml::table root = toml::parse(presetText(name), file);
    return {std::string(root["description"].value_or(std::string_view{})),
            std::string(root["description_zh"].value_or(std::string_view{}))};
  } catch (const toml::parse_error& e) {
    throw ApiError(500, fmt::format("{}: {}", file, e.description()));
  }
}

}  // namespace

Json presetsJson() {
  Json out = Json::array();
  for (const auto& name : presetNames()) {
    const auto [en, zh] = descriptions(name);
    out.push_back({{"name", name}, {"description_en", en}, {"description_zh", zh}});
  }
  return out;
}

Json presetJson(std::string_view name) {
  const auto names = presetNames();
  if (std::find(names.begin(), names.end(), name) == names.end())
    throw ApiError(404, fmt::format("unknown preset '{}'", name), {{"presets", names}});
  const Scenario s = loadPreset(name);
  const auto [en, zh] = descriptions(name);
  return {{"name", s.name},
          {"base", s.base},
          {"description_en", en},
          {"description_zh", zh},
          {"values", parameterValuesJson(s.params)}};
}

// Units and meanings in both languages, as for the measures: the page labels a slider in the
// language it is shown in ("试点数量上限 (个)", not "(pilots)").
Json parametersJson() {
  Json groups = Json::array();
  for (const auto& g : kGroups) {
    Json levers = Json::array();
    for (auto l : g.levers)
      if (!l.empty()) levers.push_back(l);
    groups.push_back({{"id", g.id}, {"zh", g.zh}, {"en", g.en}, {"levers", levers}});
  }
  Json params = Json::array();
  for (const auto& p : paramRegistry()) {
    params.push_back({{"key", p.key},
                      {"zh", p.zh},
                      {"en", p.en},
                      {"type", typeName(p.type)},
                      {"min", p.lo},
                      {"max", p.hi},
                      {"unit", p.unit},
                      {"unit_zh", p.unit_zh},
                      {"meaning", p.meaning},
                      {"meaning_zh", p.meaning_zh},
                      {"lever", p.lever},
                      {"group", groupOf(p.lever)}});
  }
  return {{"groups", groups}, {"params", params}};
}

Json measuresJson() {
  Json out = Json::array();
  for (const auto& m : measureTable()) {
    out.push_back({{"key", m.key},
                   {"zh", m.zh},
                   {"en", m.en},
                   {"unit", m.unit},
                   {"unit_zh", m.unit_zh},
                   {"meaning", m.meaning},
                   {"key_measure", m.key_measure}});
  }
  return out;
}

}  // namespace pilotsim
