#include "pilotsim/scenario/Scenario.hpp"

#include "pilotsim/scenario/ParamRegistry.hpp"
#include "scenario/EmbeddedPresets.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

std::map<std::string_view, std::string> allValues(const Params& p) {
  std::map<std::string_view, std::string> out;
  for (const auto& spec : paramRegistry()) out[spec.key] = formatValue(p, spec);
  return out;
}

// Loads `text` named "bad.toml" and returns the error it must raise.
InputError loadError(const std::string& text) {
  try {
    loadScenarioText(text, "bad.toml");
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return InputError("", 0, "", "");
}

InputError overrideError(std::string_view assignment) {
  Scenario s = loadPreset("baseline");
  const auto before = allValues(s.params);
  try {
    applyOverride(s, assignment);
  } catch (const InputError& e) {
    EXPECT_EQ(allValues(s.params), before) << "a failed override must leave the scenario unchanged";
    return e;
  }
  ADD_FAILURE() << "no error for --set " << assignment;
  return InputError("", 0, "", "");
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path writeTemp(const std::string& name, const std::string& text) {
  const fs::path path = fs::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// --- Presets --------------------------------------------------------------------------------------

TEST(ScenarioTest, PresetListIsStable) {
  // MODEL.md s.10, in the order `pilotsim presets` shows them.
  const std::vector<std::string> expected = {"baseline",
                                             "no-drive",
                                             "reform-a-top-design",
                                             "reform-b-evaluation",
                                             "reform-c-consultation",
                                             "reform-all",
                                             "county",
                                             "city",
                                             "province",
                                             "national",
                                             "calibrated"};
  EXPECT_EQ(presetNames(), expected);
}

TEST(ScenarioTest, TheCalibratedPresetIsTheStoredPosteriorsMedians) {
  // calibration/results/china/posterior_summary.csv: parameter, prior_low, prior_high, log_scale,
  // median, ... The preset writes each median to four significant digits.
  std::istringstream summary(
      readFile(fs::path(PILOTSIM_SOURCE_DIR) / "calibration" / "results" / "china" / "posterior_summary.csv"));
  const Scenario calibrated = loadPreset("calibrated");
  const Scenario baseline = loadPreset("baseline");
  std::string line;
  std::getline(summary, line);
  ASSERT_EQ(line.rfind("parameter,prior_low,prior_high,log_scale,median,", 0), 0u) << line;
  std::set<std::string> fitted;
  while (std::getline(summary, line)) {
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string f; std::getline(row, f, ',');) fields.push_back(f);
    ASSERT_GE(fields.size(), 5u) << line;
    const ParamSpec* spec = findParam(fields[0]);
    ASSERT_NE(spec, nullptr) << fields[0];
    const double median = std::stod(fields[4]);
    const double value = std::stod(formatValue(calibrated.params, *spec));
    EXPECT_NEAR(value, median, 5e-4 * std::fabs(median)) << fields[0];
    fitted.insert(fields[0]);
  }
  EXPECT_EQ(fitted.size(), 6u);
  // Nothing else moves.
  for (const ParamSpec& spec : paramRegistry()) {
    if (!fitted.contains(std::string(spec.key))) {
      EXPECT_EQ(formatValue(calibrated.params, spec), formatValue(baseline.params, spec)) << spec.key;
    }
  }
}

TEST(ScenarioTest, EveryPresetLoadsValidatesAndIsDescribed) {
  for (const auto& name : presetNames()) {
    SCOPED_TRACE(name);
    const Scenario s = loadPreset(name);
    EXPECT_EQ(s.name, name);
    EXPECT_EQ(s.source, "preset:" + name);
    EXPECT_FALSE(s.description.empty());
    EXPECT_TRUE(validateParams(s.params).empty());
    EXPECT_EQ(s.base, name == "baseline" ? "" : "baseline");
    const std::string description = presetDescription(name);
    EXPECT_TRUE(contains(description, s.description)) << description;
    bool chinese = false;
    for (unsigned char c : description) chinese |= c >= 0x80;
    EXPECT_TRUE(chinese) << "no Chinese description: " << description;
  }
}

TEST(ScenarioTest, EmbeddedPresetsAreTheShippedFiles) {
  for (const auto& name : presetNames()) {
    SCOPED_TRACE(name);
    const fs::path file = fs::path(PILOTSIM_SOURCE_DIR) / "scenarios" / (name + ".toml");
    EXPECT_EQ(presetText(name), readFile(file));
    EXPECT_EQ(allValues(loadScenarioFile(file).params), allValues(loadPreset(name).params));
  }
}

TEST(ScenarioTest, BaselineIsTheBuiltInDefaults) {
  EXPECT_EQ(allValues(loadPreset("baseline").params), allValues(Params{}));
  EXPECT_EQ(allValues(loadPreset("city").params), allValues(Params{}));
}

TEST(ScenarioTest, PresetsSetWhatTheyPromise) {
  const Params noDrive = loadPreset("no-drive").params;
  EXPECT_EQ(noDrive.drivers.promotion_drive, 0.0);
  EXPECT_EQ(noDrive.drivers.ambition_spread, 0.0);

  const Params a = loadPreset("reform-a-top-design").params;
  // Model 2 moved number control to group C (the paper's 控制试点数量 is among the consultation
  // reforms); group A keeps lifecycle review, supervision, verified recognition and targeting.
  EXPECT_EQ(a.regulation.number_control, 0);
  EXPECT_TRUE(a.regulation.lifecycle_review);
  EXPECT_EQ(a.regulation.supervision, 2.0);
  EXPECT_EQ(a.regulation.verified_recognition, 0.7);
  EXPECT_EQ(a.regulation.scientific_targeting, 0.9);

  const Params b = loadPreset("reform-b-evaluation").params;
  EXPECT_EQ(b.regulation.citizen_weight, 0.4);
  EXPECT_EQ(b.regulation.retrospective_share, 0.6);
  EXPECT_EQ(b.regulation.credit_sharing, 0.6);
  EXPECT_EQ(b.regulation.accountability, 1.0);
  EXPECT_EQ(b.regulation.reward_scope, 0.5);
  EXPECT_EQ(b.regulation.people_centred, 0.3);
  EXPECT_EQ(b.regulation.legalisation, 0.5);

  const Params c = loadPreset("reform-c-consultation").params;
  EXPECT_TRUE(c.regulation.consultation_placement);
  EXPECT_EQ(c.regulation.designation_cap, 2);
  EXPECT_EQ(c.regulation.number_control, 6);
  EXPECT_EQ(c.regulation.programme_cap, 2);
  EXPECT_EQ(c.regulation.participation, 0.6);
  EXPECT_EQ(c.regulation.oversight, 1.0);

  for (const char* scale : {"county", "city", "province", "national"})
    EXPECT_EQ(loadPreset(scale).params.structure.preset, scale);
}

TEST(ScenarioTest, ReformAllIsTheUnionOfTheThreeGroups) {
  const auto baseline = allValues(loadPreset("baseline").params);
  const auto all = allValues(loadPreset("reform-all").params);
  std::map<std::string_view, std::string> expected = baseline;
  for (const char* group : {"reform-a-top-design", "reform-b-evaluation", "reform-c-consultation"})
    for (const auto& [key, value] : allValues(loadPreset(group).params))
      if (value != baseline.at(key)) expected[key] = value;
  EXPECT_EQ(all, expected);
}

TEST(ScenarioTest, FileInheritsFromItsBase) {
  const Scenario s =
      loadScenarioText("base = \"reform-a-top-design\"\n[regulation]\npilot_cap = 3\n[run]\nseed = 7\n", "mine.toml");
  EXPECT_EQ(s.name, "mine");
  EXPECT_EQ(s.base, "reform-a-top-design");
  EXPECT_EQ(s.source, "mine.toml");
  EXPECT_EQ(s.params.regulation.number_control, 3);   // the file's own value wins
  EXPECT_TRUE(s.params.regulation.lifecycle_review);  // the base's value is kept
  EXPECT_EQ(s.params.regulation.supervision, 2.0);
  EXPECT_EQ(s.params.run.seed, 7);
  EXPECT_EQ(s.params.drivers.upper_pull, Params{}.drivers.upper_pull);  // the defaults underneath
}

TEST(ScenarioTest, EmptyFileIsTheDefaults) {
  const Scenario s = loadScenarioText("", "dir/empty.toml");
  EXPECT_EQ(s.name, "empty");
  EXPECT_EQ(allValues(s.params), allValues(Params{}));
}

TEST(ScenarioTest, NumbersAcceptedInEveryReasonableSpelling) {
  const Scenario s = loadScenarioText(
      "[regulation]\nsupervision = 2\npilot_cap = 6.0\n[structure]\npreset = \"custom\"\nbranching = [3, 4.0]\n",
      "ok.toml");
  EXPECT_EQ(s.params.regulation.supervision, 2.0);   // an integer literal is a fine number
  EXPECT_EQ(s.params.regulation.number_control, 6);  // a float without a fraction is a whole number
  EXPECT_EQ(s.params.structure.branching, (std::vector<int>{3, 4}));
}

TEST(ScenarioTest, DottedKeysAndInlineTablesAreTheSameAsSections) {
  const Scenario s =
      loadScenarioText("drivers.upper_pull = 0.25\nregulation = { pilot_cap = 5 }\n[run]\nseed = 3\n", "dotted.toml");
  EXPECT_EQ(s.params.drivers.upper_pull, 0.25);
  EXPECT_EQ(s.params.regulation.number_control, 5);
  EXPECT_EQ(s.params.run.seed, 3);
}

TEST(ScenarioTest, ReadmeExampleLoads) {
  // The example at the top of scenarios/README.md, kept here so that the documentation stays true.
  const Scenario s = loadScenarioText(R"(# Comments start with '#'.
name = "cap-and-citizens"          # optional; defaults to the file name without .toml
base = "baseline"                  # optional; a preset this scenario builds on
description = "Baseline with a pilot cap and more weight on citizens' satisfaction"
description_zh = "基准情景,加上试点数量上限和更高的群众满意度权重"   # optional

[regulation]
pilot_cap = 4
citizen_weight = 0.3

[run]
replicates = 20
seed = 7
)",
                                      "example.toml");
  EXPECT_EQ(s.name, "cap-and-citizens");
  EXPECT_EQ(s.params.regulation.number_control, 4);
  EXPECT_EQ(s.params.run.replicates, 20);
}

TEST(ScenarioTest, ResolveFindsPresetsAndFiles) {
  EXPECT_EQ(resolveScenario("no-drive").source, "preset:no-drive");
  const fs::path file = writeTemp("resolve-me.toml", "base = \"county\"\n");
  const Scenario s = resolveScenario(file.string());
  EXPECT_EQ(s.name, "resolve-me");
  EXPECT_EQ(s.params.structure.preset, "county");
}

// --- Round trip -----------------------------------------------------------------------------------

TEST(ScenarioTest, ToTomlRoundTripsEveryPreset) {
  for (const auto& name : presetNames()) {
    SCOPED_TRACE(name);
    const Scenario s = loadPreset(name);
    const std::string text = toToml(s);
    const Scenario back = loadScenarioText(text, "roundtrip.toml");
    EXPECT_EQ(allValues(back.params), allValues(s.params)) << text;
    EXPECT_EQ(back.name, s.name);
    EXPECT_EQ(back.description, s.description);
    // Only the header comments (source, base) may differ between the two writings.
    EXPECT_EQ(toToml(back).substr(toToml(back).find("\nname =")), text.substr(text.find("\nname =")));
  }
}

TEST(ScenarioTest, ToTomlWritesEveryParameterWithBothNames) {
  const std::string text = toToml(loadPreset("reform-all"));
  for (const auto& spec : paramRegistry()) {
    const std::string key(spec.key);
    const std::string name = key.substr(key.find('.') + 1);
    EXPECT_TRUE(contains(text, "\n" + name + " = " + formatValue(loadPreset("reform-all").params, spec))) << key;
    EXPECT_TRUE(contains(text, std::string(spec.zh))) << key;
  }
}

TEST(ScenarioTest, ToTomlRoundTripsAwkwardValuesExactly) {
  Scenario s = loadPreset("baseline");
  // Names cannot hold backslashes or tabs since issue 14 (a name is a file name); the description
  // carries those escapes instead.
  s.name = "odd \"name\" # not a comment, 中文";
  s.description = "line one\nline two, 中文 \\ with\ttabs";
  s.params.drivers.upper_pull = 0.1 + 0.2;  // 0.30000000000000004
  s.params.environment.base_sd = 1.0 / 3.0;
  s.params.pilot.failure_rate = 1e-7;
  s.params.environment.budget = 99.99999999999999;
  s.params.run.seed = 9007199254740991;  // the largest seed allowed
  s.params.structure.preset = "custom";
  s.params.structure.branching = {3, 11, 9};
  const Scenario back = loadScenarioText(toToml(s), "roundtrip.toml");
  EXPECT_EQ(back.params.drivers.upper_pull, s.params.drivers.upper_pull);
  EXPECT_EQ(back.params.environment.base_sd, s.params.environment.base_sd);
  EXPECT_EQ(back.params.pilot.failure_rate, s.params.pilot.failure_rate);
  EXPECT_EQ(back.params.environment.budget, s.params.environment.budget);
  EXPECT_EQ(allValues(back.params), allValues(s.params));
  EXPECT_EQ(back.name, s.name);
  EXPECT_EQ(back.description, s.description);
}

// --- --set overrides ------------------------------------------------------------------------------

TEST(ScenarioTest, OverridesSetValues) {
  Scenario s = loadPreset("baseline");
  applyOverride(s, "drivers.upper_pull=0.5");
  applyOverride(s, " drivers.peer_push = 2 ");
  applyOverride(s, "structure.preset=national");  // a bare word is text
  applyOverride(s, "regulation.lifecycle_review=true");
  applyOverride(s, "run.seed=42");
  EXPECT_EQ(s.params.drivers.upper_pull, 0.5);
  EXPECT_EQ(s.params.drivers.peer_push, 2.0);
  EXPECT_EQ(s.params.structure.preset, "national");
  EXPECT_TRUE(s.params.regulation.lifecycle_review);
  EXPECT_EQ(s.params.run.seed, 42);
  EXPECT_TRUE(contains(s.source, "preset:baseline")) << s.source;
  EXPECT_TRUE(contains(s.source, "--set drivers.upper_pull=0.5")) << s.source;

  applyOverride(s, "structure.preset=\"province\"");  // quoted text works as well
  EXPECT_EQ(s.params.structure.preset, "province");
}

TEST(ScenarioTest, OverridesCanBuildACustomStructureInEitherOrder) {
  // Cross-parameter rules wait until all overrides are in: neither order may fail half way.
  Scenario a = loadPreset("baseline");
  applyOverride(a, "structure.preset=custom");
  applyOverride(a, "structure.branching=[4, 5]");
  EXPECT_TRUE(validateParams(a.params).empty());
  Scenario b = loadPreset("baseline");
  applyOverride(b, "structure.branching=[4, 5]");
  applyOverride(b, "structure.preset=custom");
  EXPECT_EQ(allValues(a.params), allValues(b.params));
}

TEST(ScenarioTest, BadOverridesNameSetAndTheKey) {
  const auto unknown = overrideError("drivers.peer_psh=1");
  EXPECT_EQ(unknown.file(), "--set");
  EXPECT_EQ(unknown.key(), "drivers.peer_psh");
  EXPECT_TRUE(contains(unknown.what(), "did you mean 'drivers.peer_push'?")) << unknown.what();

  EXPECT_TRUE(contains(overrideError("name=other").what(), "only parameters can be set with --set"));

  const auto range = overrideError("drivers.upper_pull=5");
  EXPECT_STREQ(range.what(), "--set: key 'drivers.upper_pull': expected a number in [0, 3], got 5");

  const auto word = overrideError("drivers.upper_pull=high");
  EXPECT_TRUE(contains(word.what(), "expected a number in [0, 3], got the text \"high\"")) << word.what();

  const auto type = overrideError("regulation.lifecycle_review=1");
  EXPECT_TRUE(contains(type.what(), "expected true or false, got 1")) << type.what();

  const auto fraction = overrideError("regulation.number_control=2.5");
  EXPECT_TRUE(contains(fraction.what(), "expected a whole number in [0, 32], got 2.5")) << fraction.what();

  const auto preset = overrideError("structure.preset=atlantis");
  EXPECT_EQ(preset.key(), "structure.preset");
  EXPECT_TRUE(contains(preset.what(), "atlantis")) << preset.what();

  EXPECT_TRUE(contains(overrideError("drivers.upper_pull").what(), "expected key=value"));
  EXPECT_TRUE(contains(overrideError("drivers.upper_pull=").what(), "no value"));
  EXPECT_TRUE(contains(overrideError("structure.branching=[1, 2").what(), "not a valid TOML value"));
  EXPECT_TRUE(contains(overrideError("drivers.upper_pull=1\nrun.seed=3").what(), "single value"));
}

// --- Bad input: each error names file, line and key -----------------------------------------------

TEST(ScenarioTest, MalformedTomlReportsLineAndColumn) {
  const auto e = loadError("name = \"x\"\n[drivers\nupper_pull = 1\n");
  EXPECT_EQ(e.file(), "bad.toml");
  EXPECT_EQ(e.line(), 2);
  EXPECT_TRUE(contains(e.what(), "bad.toml:2: malformed TOML (column")) << e.what();

  const auto dup = loadError("[drivers]\nupper_pull = 1\nupper_pull = 2\n");
  EXPECT_EQ(dup.line(), 3);
  EXPECT_TRUE(contains(dup.what(), "malformed TOML")) << dup.what();
}

TEST(ScenarioTest, UnknownKeySuggestsTheClosest) {
  const auto e = loadError("# comment\n[drivers]\nuper_pull = 1.0\n");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.key(), "drivers.uper_pull");
  EXPECT_STREQ(e.what(), "bad.toml:3: key 'drivers.uper_pull': unknown key; did you mean 'drivers.upper_pull'?");

  // The right name under the wrong section, and a parameter written without its section.
  EXPECT_TRUE(contains(loadError("[couplings]\nupper_pull = 1\n").what(), "did you mean 'drivers.upper_pull'?"));
  EXPECT_TRUE(contains(loadError("seed = 3\n").what(), "did you mean 'run.seed'?"));
  // A quoted key is one name, not section and name.
  const auto quoted = loadError("\"drivers.upper_pull\" = 1\n");
  EXPECT_EQ(quoted.key(), "drivers.upper_pull");
  EXPECT_TRUE(contains(quoted.what(), "without quotes")) << quoted.what();
  // Nothing close: no misleading guess.
  const auto far = loadError("[drivers]\nzzzzzzzzzzzz = 1\n");
  EXPECT_FALSE(contains(far.what(), "did you mean")) << far.what();
  EXPECT_TRUE(contains(far.what(), "pilotsim params")) << far.what();
}

TEST(ScenarioTest, UnknownSectionSuggestsTheClosest) {
  const auto e = loadError("name = \"x\"\n\n[driver]\nupper_pull = 1\n");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.key(), "driver");
  EXPECT_TRUE(contains(e.what(), "did you mean [drivers]?")) << e.what();

  const auto notTable = loadError("drivers = 5\n");
  EXPECT_EQ(notTable.key(), "drivers");
  EXPECT_TRUE(contains(notTable.what(), "expected a section [drivers]")) << notTable.what();
}

TEST(ScenarioTest, WrongTypesAreRejected) {
  const auto boolean = loadError("[regulation]\nlifecycle_review = 1\n");
  EXPECT_STREQ(boolean.what(), "bad.toml:2: key 'regulation.lifecycle_review': expected true or false, got 1");

  const auto text = loadError("[drivers]\n\nupper_pull = \"high\"\n");
  EXPECT_EQ(text.line(), 3);
  EXPECT_TRUE(contains(text.what(), "expected a number in [0, 3], got the text \"high\"")) << text.what();

  const auto number = loadError("[structure]\npreset = 3\n");
  EXPECT_TRUE(contains(number.what(), "key 'structure.preset'")) << number.what();

  const auto list = loadError("[structure]\npreset = \"custom\"\nbranching = 4\n");
  EXPECT_EQ(list.line(), 3);
  EXPECT_TRUE(contains(list.what(), "expected a list of whole numbers")) << list.what();

  const auto name = loadError("name = 5\n");
  EXPECT_EQ(name.key(), "name");
  EXPECT_TRUE(contains(name.what(), "expected a string, got 5")) << name.what();
}

TEST(ScenarioTest, OutOfRangeValuesAreRejected) {
  const auto e = loadError("name = \"x\"\n[drivers]\nupper_pull = 5\n");
  EXPECT_STREQ(e.what(), "bad.toml:3: key 'drivers.upper_pull': expected a number in [0, 3], got 5");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.key(), "drivers.upper_pull");

  EXPECT_TRUE(contains(loadError("[drivers]\nupper_pull = nan\n").what(), "got nan"));
  EXPECT_TRUE(contains(loadError("[run]\nseed = -1\n").what(), "key 'run.seed'"));

  const auto element = loadError("[structure]\npreset = \"custom\"\nbranching = [3, 0]\n");
  EXPECT_EQ(element.line(), 3);
  EXPECT_TRUE(contains(element.what(), "got 0 at position 2")) << element.what();
}

TEST(ScenarioTest, FractionalIntegersAreRejected) {
  const auto e = loadError("[regulation]\npilot_cap = 2.5\n");
  EXPECT_STREQ(e.what(), "bad.toml:2: key 'regulation.number_control': expected a whole number in [0, 32], got 2.5");
  EXPECT_TRUE(
      contains(loadError("[structure]\npreset = \"custom\"\nbranching = [3, 1.5]\n").what(), "got 1.5 at position 2"));
}

TEST(ScenarioTest, CrossParameterRulesNameFileLineAndKey) {
  const auto unknownPreset = loadError("[structure]\npreset = \"atlantis\"\n");
  EXPECT_EQ(unknownPreset.line(), 2);
  EXPECT_EQ(unknownPreset.key(), "structure.preset");
  EXPECT_TRUE(contains(unknownPreset.what(), "bad.toml:2: structure.preset = \"atlantis\" is not known"))
      << unknownPreset.what();

  const auto noBranching = loadError("[structure]\npreset = \"custom\"\n");
  EXPECT_EQ(noBranching.file(), "bad.toml");
  EXPECT_EQ(noBranching.key(), "structure.branching");
  EXPECT_EQ(noBranching.line(), 2);  // branching is not in the file: the line of the preset it needs
  EXPECT_TRUE(contains(noBranching.what(), "structure.branching")) << noBranching.what();

  const auto unused = loadError("[structure]\nbranching = [2, 2]\n");
  EXPECT_EQ(unused.line(), 2);
  EXPECT_EQ(unused.key(), "structure.branching");
}

TEST(ScenarioTest, MissingFileIsReported) {
  const fs::path path = fs::path(::testing::TempDir()) / "does-not-exist.toml";
  try {
    loadScenarioFile(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.line(), 0);
    EXPECT_TRUE(contains(e.what(), "no such file")) << e.what();
  }
  try {
    loadScenarioFile(::testing::TempDir());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "directory")) << e.what();
  }
  try {
    resolveScenario("basline");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "basline: no such preset or file; presets are: baseline, no-drive")) << e.what();
  }
  EXPECT_THROW(presetText("nope"), InputError);
  EXPECT_THROW(loadPreset("nope"), InputError);
}

TEST(ScenarioTest, ErrorsInAFileNameThatFile) {
  const fs::path path = writeTemp("bad-file.toml", "[drivers]\nupper_pull = 4\n");
  try {
    loadScenarioFile(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(std::string(e.what()).rfind(path.string() + ":2: key 'drivers.upper_pull'", 0), 0u) << e.what();
  }
}

TEST(ScenarioTest, UnknownBaseListsThePresets) {
  const auto e = loadError("name = \"x\"\nbase = \"basline\"\n");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.key(), "base");
  EXPECT_TRUE(contains(e.what(), "unknown preset 'basline' (did you mean 'baseline'?)")) << e.what();
  EXPECT_TRUE(contains(e.what(), "presets are: baseline, no-drive")) << e.what();
  EXPECT_TRUE(contains(loadError("base = 3\n").what(), "key 'base': expected a string"))
      << loadError("base = 3\n").what();
}

TEST(ScenarioTest, BaseCyclesAreDetected) {
  const detail::EmbeddedPreset presets[] = {
      {"a", "base = \"b\"\n"},
      {"b", "# b builds on a\nbase = \"a\"\n"},
      {"self", "base = \"self\"\n"},
      {"leaf", "[drivers]\nupper_pull = 2\n"},
      {"mid", "base = \"leaf\"\n[drivers]\npeer_push = 2\n"},
  };
  try {
    detail::loadScenarioTextWith("base = \"a\"\n", "start.toml", presets);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "scenarios/b.toml");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.key(), "base");
    EXPECT_TRUE(contains(e.what(), "base presets form a cycle: a -> b -> a")) << e.what();
  }
  try {
    detail::loadScenarioTextWith("base = \"self\"\n", "start.toml", presets);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "cycle: self -> self")) << e.what();
  }
  // A chain without a cycle resolves through every level.
  const Scenario s = detail::loadScenarioTextWith("base = \"mid\"\n", "start.toml", presets);
  EXPECT_EQ(s.params.drivers.upper_pull, 2.0);
  EXPECT_EQ(s.params.drivers.peer_push, 2.0);
}

TEST(ScenarioTest, ErrorMessageIsOneLine) {
  for (const char* text :
       {"[drivers\n", "[drivers]\nuper_pull = 1\n", "[drivers]\nupper_pull = \"a\nb\"\n", "base = \"x\"\n"}) {
    const std::string what = loadError(text).what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace pilotsim
