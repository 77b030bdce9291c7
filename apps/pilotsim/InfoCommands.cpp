// The commands that describe rather than run: presets, params, validate, measures, version.
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "TextTable.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace pilotsim::cli {
namespace {

using Align = TextTable::Align;

std::string sectionOf(std::string_view key) {
  const auto dot = key.rfind('.');
  return std::string(dot == std::string_view::npos ? std::string_view{} : key.substr(0, dot));
}

std::string nameOf(std::string_view key) {
  const auto dot = key.rfind('.');
  return std::string(dot == std::string_view::npos ? key : key.substr(dot + 1));
}

// ---- presets ------------------------------------------------------------------------------------

int presetsCommand(const std::string& lang) {
  const bool zh = lang == "zh";
  TextTable table(zh ? std::vector<std::string>{"预设", "说明"} : std::vector<std::string>{"Preset", "Description"});
  for (const auto& name : presetNames()) table.addRow({name, presetDescription(name, zh)});
  fmt::print("{}", table.render());
  return 0;
}

// ---- params -------------------------------------------------------------------------------------

std::string markdownCell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string tomlComment(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

int paramsCommand(const std::string& lang, const std::string& format) {
  const bool zh = lang == "zh";
  Params defaults;
  const auto specs = paramRegistry();

  if (format == "json") {
    fmt::print("{}\n", paramsJson());
    return 0;
  }

  if (format == "toml") {
    // A complete scenario file with every default, each key explained: a template to edit.
    fmt::print("# Every pilotsim parameter at its built-in default (pilotsim {}).\n", programVersion());
    fmt::print("# Copy, keep what you change, and run: pilotsim run FILE\n");
    fmt::print("name = \"my-scenario\"\n");
    std::string section;
    for (const ParamSpec& s : specs) {
      const std::string sec = sectionOf(s.key);
      if (sec != section) {
        fmt::print("\n[{}]\n", sec);
        section = sec;
      }
      if (zh) {
        fmt::print("# {} / {}: {}({};单位 {})\n", s.zh, s.en, tomlComment(s.meaning_zh), allowedTextZh(s), s.unit_zh);
      } else {
        fmt::print("# {} / {}: {} ({}; unit {})\n", s.en, s.zh, tomlComment(s.meaning), allowedText(s), s.unit);
      }
      fmt::print("{} = {}\n", nameOf(s.key), formatValue(defaults, s));
    }
    return 0;
  }

  const std::vector<std::string> headings =
      zh ? std::vector<std::string>{"参数键",   "中文名", "英文名", "默认值", "取值范围",
                                    "合理区间", "单位",   "含义",   "来源"}
         : std::vector<std::string>{"Key",       "English name", "Chinese name", "Default", "Allowed",
                                    "Plausible", "Unit",         "Meaning",      "Source"};
  auto row = [&](const ParamSpec& s) {
    const std::string plausible = s.sampled() ? fmt::format("[{}, {}]", s.plausible_lo, s.plausible_hi)
                                              : std::string(zh ? "不抽样" : "not sampled");
    return std::vector<std::string>{std::string(s.key),
                                    std::string(zh ? s.zh : s.en),
                                    std::string(zh ? s.en : s.zh),
                                    formatValue(defaults, s),
                                    zh ? allowedTextZh(s) : allowedText(s),
                                    plausible,
                                    std::string(zh ? s.unit_zh : s.unit),
                                    std::string(zh ? s.meaning_zh : s.meaning),
                                    std::string(s.source)};
  };
  if (format == "markdown") {
    std::string out = "|";
    for (const auto& h : headings) out += fmt::format(" {} |", h);
    out += "\n|";
    for (std::size_t i = 0; i < headings.size(); ++i) out += "---|";
    out += '\n';
    for (const ParamSpec& s : specs) {
      out += "|";
      for (const auto& cell : row(s)) out += fmt::format(" {} |", markdownCell(cell));
      out += '\n';
    }
    fmt::print("{}", out);
    return 0;
  }
  TextTable table(headings);
  for (const ParamSpec& s : specs) table.addRow(row(s));
  fmt::print("{}", table.render());
  return 0;
}

// ---- validate -----------------------------------------------------------------------------------

Scenario loadForValidation(const std::string& arg) {
  // Files first: a file named like a preset is what the user means to check.
  std::error_code ec;
  if (!std::filesystem::exists(arg, ec)) {
    const auto names = presetNames();
    if (std::find(names.begin(), names.end(), arg) != names.end()) return loadPreset(arg);
  }
  return loadScenarioFile(arg);
}

int validateCommand(const std::vector<std::string>& files, const std::vector<std::string>& sets) {
  int failures = 0;
  for (const auto& file : files) {
    try {
      Scenario s = loadForValidation(file);
      for (const auto& assignment : sets) applyOverride(s, assignment);
      const auto problems = validateParams(s.params);
      if (!problems.empty()) {
        std::string joined;
        for (const auto& p : problems) joined += (joined.empty() ? "" : "; ") + p;
        throw InputError(file, 0, "", joined);
      }
      printWarnings(s);
      const std::size_t units = buildHierarchy(shapeFor(s.params.structure)).unitCount();
      fmt::print("OK: {} (base {}, {} units)\n", file, s.base.empty() ? "defaults" : s.base, units);
    } catch (const InputError& e) {
      // With several files, an error in the --set overrides must still say which file it hit.
      std::string message = e.file() == file ? e.what() : fmt::format("{}: {}", file, e.what());
      std::replace(message.begin(), message.end(), '\n', ' ');
      fmt::print(stderr, "pilotsim: error: {}\n", message);
      ++failures;
    }
  }
  std::fflush(stdout);
  return failures == 0 ? 0 : kExitUsage;
}

// ---- measures -----------------------------------------------------------------------------------

int measuresCommand(const std::string& lang) {
  const bool zh = lang == "zh";
  TextTable table(zh ? std::vector<std::string>{"列名", "指标", "单位", "汇总表", "含义"}
                     : std::vector<std::string>{"Column", "Measure", "Unit", "Key", "Meaning"});
  for (const MeasureInfo& m : measureTable()) {
    table.addRow({std::string(m.key), std::string(zh ? m.zh : m.en), std::string(zh ? m.unit_zh : m.unit),
                  m.key_measure ? "*" : "", std::string(zh ? m.meaning_zh : m.meaning)});
  }
  fmt::print("{}", table.render());
  return 0;
}

}  // namespace

CLI::Option* addLangOption(CLI::App& command, std::string& lang) {
  return command.add_option("--lang", lang, "Language of labels and headings: en or zh")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();
}

std::string shellQuote(const std::string& arg) {
  const bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
  });
  if (plain) return arg;
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

CommandFn addPresetsCommand(CLI::App& app) {
  auto lang = std::make_shared<std::string>("en");
  CLI::App* cmd = app.add_subcommand("presets", "List the built-in scenario presets");
  addLangOption(*cmd, *lang);
  return [lang] { return presetsCommand(*lang); };
}

CommandFn addParamsCommand(CLI::App& app) {
  struct Options {
    std::string lang = "en", format = "table";
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("params", "List every parameter: key, names, default, allowed values, unit, meaning");
  addLangOption(*cmd, o->lang);
  cmd->add_option("--format", o->format, "table, toml (a scenario template), markdown or json")
      ->check(CLI::IsMember({"table", "toml", "markdown", "json"}))
      ->capture_default_str();
  return [o] { return paramsCommand(o->lang, o->format); };
}

CommandFn addValidateCommand(CLI::App& app) {
  struct Options {
    std::vector<std::string> files, sets;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files without running them");
  cmd->add_option("file", o->files, "Scenario TOML files (or preset names)")->required();
  cmd->add_option("--set", o->sets, "Override one parameter before checking (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  return [o] { return validateCommand(o->files, o->sets); };
}

CommandFn addMeasuresCommand(CLI::App& app) {
  auto lang = std::make_shared<std::string>("en");
  CLI::App* cmd = app.add_subcommand("measures", "List the outcome measures (the columns of monthly.csv)");
  addLangOption(*cmd, *lang);
  return [lang] { return measuresCommand(*lang); };
}

CommandFn addVersionCommand(CLI::App& app) {
  app.add_subcommand("version", "Print the program version");
  return [] {
    fmt::print("pilotsim {} (model version {})\n", programVersion(), kModelVersion);
    return 0;
  };
}

}  // namespace pilotsim::cli
