#include "pilotsim/scenario/ParamRegistry.hpp"

#include "scenario/ParamTable.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

namespace pilotsim {

std::span<const ParamSpec> paramRegistry() { return detail::paramTable(); }

const ParamSpec* findParam(std::string_view key) {
  for (const auto& s : detail::paramTable())
    if (s.key == key) return &s;
  return nullptr;
}

std::span<const RenamedParam> renamedParams() { return detail::renamedTable(); }

const RenamedParam* findRenamedParam(std::string_view old_key) {
  for (const auto& r : detail::renamedTable())
    if (r.old_key == old_key) return &r;
  return nullptr;
}

std::string formatValue(const Params& p, const ParamSpec& spec) {
  auto& mp = const_cast<Params&>(p);  // the accessor is shared with writers; we only read here
  return std::visit(
      [](auto* v) -> std::string {
        using V = std::remove_pointer_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>)
          return fmt::format("{}", *v);
        else if constexpr (std::is_same_v<V, bool>)
          return *v ? "true" : "false";
        else if constexpr (std::is_same_v<V, std::string>)
          return fmt::format("\"{}\"", *v);
        else if constexpr (std::is_same_v<V, std::vector<int>> || std::is_same_v<V, std::vector<double>>)
          return fmt::format("[{}]", fmt::join(*v, ", "));
        else
          return fmt::format("{}", *v);
      },
      spec.ref(mp));
}

std::string allowedText(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::Real:
      return fmt::format("a number in [{}, {}]", spec.lo, spec.hi);
    case ParamType::Integer:
      return fmt::format("a whole number in [{}, {}]", spec.lo, spec.hi);
    case ParamType::Boolean:
      return "true or false";
    case ParamType::Text:
      if (spec.key == "structure.preset")
        return "one of \"county\", \"city\", \"province\", \"national\", \"custom\", \"file\"";
      if (spec.key == "structure.file") return "a path to a CSV file";
      return "a string";
    case ParamType::IntegerList:
      return fmt::format("a list of whole numbers, each in [{}, {}]", spec.lo, spec.hi);
    case ParamType::RealList:
      return fmt::format("a list of numbers, each in [{}, {}]", spec.lo, spec.hi);
  }
  return "";
}

std::string allowedTextZh(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::Real:
      return fmt::format("[{}, {}] 内的数", spec.lo, spec.hi);
    case ParamType::Integer:
      return fmt::format("[{}, {}] 内的整数", spec.lo, spec.hi);
    case ParamType::Boolean:
      return "true 或 false";
    case ParamType::Text:
      if (spec.key == "structure.preset")
        return "\"county\"、\"city\"、\"province\"、\"national\"、\"custom\"、\"file\" 之一";
      if (spec.key == "structure.file") return "CSV 文件的路径";
      return "字符串";
    case ParamType::IntegerList:
      return fmt::format("整数列表,每项在 [{}, {}] 内", spec.lo, spec.hi);
    case ParamType::RealList:
      return fmt::format("数值列表,每项在 [{}, {}] 内", spec.lo, spec.hi);
  }
  return "";
}

std::vector<std::string> validateParams(const Params& p) {
  std::vector<std::string> errors;
  auto& mp = const_cast<Params&>(p);
  for (const auto& spec : detail::paramTable()) {
    const auto bad = [&](const std::string& got) {
      errors.push_back(fmt::format("{} = {} is out of range: expected {}", spec.key, got, allowedText(spec)));
    };
    std::visit(
        [&](auto* v) {
          using V = std::remove_pointer_t<decltype(v)>;
          if constexpr (std::is_same_v<V, double>) {
            if (!std::isfinite(*v) || *v < spec.lo || *v > spec.hi) bad(fmt::format("{}", *v));
          } else if constexpr (std::is_same_v<V, int> || std::is_same_v<V, std::int64_t>) {
            if (static_cast<double>(*v) < spec.lo || static_cast<double>(*v) > spec.hi) bad(fmt::format("{}", *v));
          } else if constexpr (std::is_same_v<V, std::vector<int>> || std::is_same_v<V, std::vector<double>>) {
            for (auto x : *v)
              if (!std::isfinite(static_cast<double>(x)) || x < spec.lo || x > spec.hi) {
                bad(fmt::format("[{}]", fmt::join(*v, ", ")));
                break;
              }
          }
        },
        spec.ref(mp));
  }
  static constexpr std::array kPresets = {"county", "city", "province", "national", "custom", "file"};
  if (std::find(kPresets.begin(), kPresets.end(), p.structure.preset) == kPresets.end())
    errors.push_back(fmt::format("structure.preset = \"{}\" is not known: expected {}", p.structure.preset,
                                 allowedText(*findParam("structure.preset"))));
  if (p.structure.preset == "custom") {
    if (p.structure.branching.empty() || p.structure.branching.size() > 6)
      errors.push_back("structure.branching must list 1 to 6 levels when structure.preset = \"custom\"");
    double units = 1;
    for (int b : p.structure.branching) units *= b;
    if (units > 200000)
      errors.push_back(fmt::format("structure.branching gives {} units: at most 200000 are allowed", units));
  } else if (!p.structure.branching.empty()) {
    errors.push_back("structure.branching is only used when structure.preset = \"custom\"");
  }
  // The file itself is read where the tree is built (shapeFor) and by the scenario loader, not here:
  // validating parameters stays free of I/O.
  if (p.structure.preset == "file" && p.structure.file.empty())
    errors.push_back("structure.file must name a CSV file when structure.preset = \"file\"");
  else if (p.structure.preset != "file" && !p.structure.file.empty())
    errors.push_back("structure.file is only used when structure.preset = \"file\"");
  // Per-domain lists need a value for every domain of the table; the three boldness lists one for
  // each of cautious, normal and bold; the tenure hazards at least one year.
  const auto needSize = [&](std::string_view key, std::size_t size, std::size_t want, std::string_view what) {
    if (size != want) errors.push_back(fmt::format("{} has {} values: expected {} ({})", key, size, want, what));
  };
  const auto K = static_cast<std::size_t>(kMaxDomains);
  needSize("domains.delay", p.domains.delay.size(), K, "one per domain of the table");
  needSize("domains.difficulty", p.domains.difficulty.size(), K, "one per domain of the table");
  needSize("domains.visibility", p.domains.visibility.size(), K, "one per domain of the table");
  needSize("pilot.bold_quality", p.pilot.bold_quality.size(), 3, "cautious, normal, bold");
  needSize("pilot.bold_spread", p.pilot.bold_spread.size(), 3, "cautious, normal, bold");
  needSize("pilot.bold_failure", p.pilot.bold_failure.size(), 3, "cautious, normal, bold");
  needSize("pilot.bold_redline", p.pilot.bold_redline.size(), 3, "cautious, normal, bold");
  if (p.leaders.tenure_hazard.empty() || p.leaders.tenure_hazard.size() > 40)
    errors.push_back("leaders.tenure_hazard must list 1 to 40 yearly hazards");
  else if (p.leaders.tenure_hazard.back() <= 0)
    errors.push_back("leaders.tenure_hazard: the last hazard applies to every later year and must be above 0");
  if (p.behaviour.preparation_options.empty() || p.behaviour.preparation_options.size() > kMaxPreparationOptions)
    errors.push_back(fmt::format("behaviour.preparation_options must list 1 to {} choices", kMaxPreparationOptions));
  if (p.pilot.min_quality > p.pilot.max_quality) errors.push_back("pilot.min_quality is above pilot.max_quality");
  if (p.diffusion.copied_fit_min > p.diffusion.copied_fit_max)
    errors.push_back("diffusion.copied_fit_min is above diffusion.copied_fit_max");
  const double w = p.evaluation.weight_reports + p.evaluation.weight_novelty + p.evaluation.weight_designated;
  if (!(w > 0) && p.regulation.citizen_weight < 1)
    errors.push_back(
        "evaluation.weight_reports, weight_novelty and weight_designated are all 0: at least one must be positive "
        "unless regulation.citizen_weight = 1");
  return errors;
}

namespace {
nlohmann::ordered_json typedValue(const ParamSpec& spec, Params& params) {
  return std::visit([](auto* field) { return nlohmann::ordered_json(*field); }, spec.ref(params));
}
}  // namespace

std::string paramsJson() {
  Params defaults;
  auto all = nlohmann::ordered_json::array();
  for (const ParamSpec& s : paramRegistry()) {
    nlohmann::ordered_json j;
    j["key"] = s.key;
    j["zh"] = s.zh;
    j["en"] = s.en;
    j["default"] = typedValue(s, defaults);
    j["allowed"] = allowedText(s);
    j["allowed_zh"] = allowedTextZh(s);
    if (s.type == ParamType::Real || s.type == ParamType::RealList) {
      j["min"] = s.lo;
      j["max"] = s.hi;
    } else if (s.type == ParamType::Integer || s.type == ParamType::IntegerList) {
      j["min"] = static_cast<std::int64_t>(s.lo);
      j["max"] = static_cast<std::int64_t>(s.hi);
    }
    if (s.sampled()) {
      j["plausible_min"] = s.plausible_lo;
      j["plausible_max"] = s.plausible_hi;
      j["plausible_reason"] = s.plausible_reason;
    }
    j["unit"] = s.unit;
    j["unit_zh"] = s.unit_zh;
    j["meaning"] = s.meaning;
    j["meaning_zh"] = s.meaning_zh;
    j["source"] = s.source;
    j["lever"] = s.lever;
    all.push_back(std::move(j));
  }
  return all.dump(2);
}

}  // namespace pilotsim
