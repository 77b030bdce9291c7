// Issue 14: hostile or mistaken input must give a clear error, never a crash, a hang or an unbounded
// cost. Each test reproduces a finding of the fuzzing report (docs/reliability.md lists the limits).
#include "pilotsim/core/Names.hpp"
#include "pilotsim/experiment/Campaign.hpp"
#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/io/TomlLimits.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pilotsim {
namespace {

std::string errorOf(const std::string& text) {
  try {
    loadScenarioText(text, "bad.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string dotted(std::size_t parts) {
  std::string key = "a";
  for (std::size_t i = 1; i < parts; ++i) key += ".a";
  return key;
}

// A key of 35,000 parts crashed validate, run and sample (SIGSEGV in toml++'s recursion), and the
// lab server with them; 20,000 parts gave a normal error.
TEST(InputLimitsTest, DeepDottedKeysAreRefusedWithTheirLine) {
  EXPECT_EQ(errorOf("name = \"x\"\n" + dotted(35000) + " = 1\n"),
            "bad.toml:2: a key or [table] name of more than 32 dotted parts; pilotsim's keys have at most 3 "
            "(section.name)");
  EXPECT_EQ(errorOf("[" + dotted(35000) + "]\n"),
            "bad.toml:1: a key or [table] name of more than 32 dotted parts; pilotsim's keys have at most 3 "
            "(section.name)");
  EXPECT_NE(errorOf("[[" + dotted(35000) + "]]\n").find("more than 32 dotted parts"), std::string::npos);
  EXPECT_NE(errorOf("x = { " + dotted(35000) + " = 1 }\n").find("more than 32 dotted parts"), std::string::npos);
  // At the limit the text reaches the parser and the scenario reader, which names the unknown section.
  EXPECT_EQ(errorOf(dotted(32) + " = 1\n"), "bad.toml:1: key 'a': unknown section; 'pilotsim params' lists every key");
}

// Dots in values (numbers, strings, comments, multi-line strings that look like keys) are not parts
// of a key: the scanner must not refuse what is legal.
TEST(InputLimitsTest, DotsOutsideKeysAreNotCounted) {
  const std::string many = dotted(100);
  EXPECT_NO_THROW(checkTomlLimits("description = \"" + many + "\"\n", "f"));
  EXPECT_NO_THROW(checkTomlLimits("description = '" + many + "'\n", "f"));
  EXPECT_NO_THROW(checkTomlLimits("description = \"\"\"\n" + many + " = 1\n[" + many + "]\n\"\"\"\n", "f"));
  EXPECT_NO_THROW(checkTomlLimits("description = '''\n" + many + " = 1\n'''\n", "f"));
  EXPECT_NO_THROW(checkTomlLimits("# " + many + "\nx = 1.5 # " + many + "\n", "f"));
  EXPECT_NO_THROW(checkTomlLimits("x = [1.5, 2.5,\n 3.5]\ny = 1979-05-27T07:32:00.999Z\n", "f"));
  EXPECT_NO_THROW(checkTomlLimits("\"" + many + "\" = 1\n", "f"));  // a quoted key is one part
  // After a multi-line array and an inline table, keys are read as keys again.
  EXPECT_THROW(checkTomlLimits("x = [\n1,\n2]\n" + dotted(40) + " = 1\n", "f"), InputError);
  EXPECT_THROW(checkTomlLimits("x = {a = 1, b = {c = 2}}\n" + dotted(40) + " = 1\n", "f"), InputError);
  EXPECT_THROW(checkTomlLimits("x = {a = 1, " + dotted(40) + " = 2}\n", "f"), InputError);
}

TEST(InputLimitsTest, DeepNestingOfValuesIsRefused) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(errorOf("x = " + deep + "\n"), "bad.toml:1: lists and inline tables nested more than 32 deep");
  EXPECT_NO_THROW(checkTomlLimits("x = " + std::string(32, '[') + std::string(32, ']') + "\n", "f"));
}

// A 100,000-character unknown key cost 5.7 s in the did-you-mean search; the key's length is now
// limited, and the message shows its start only.
TEST(InputLimitsTest, LongKeysAreRefusedBeforeAnySearch) {
  const std::string longKey(100000, 'k');
  EXPECT_EQ(errorOf("[drivers]\n" + longKey + " = 1\n"),
            "bad.toml:2: a key longer than 256 characters (100000); pilotsim's keys are short names");
  EXPECT_EQ(errorOf("\"" + longKey + "\" = 1\n"),
            "bad.toml:1: a key longer than 256 characters (100000); pilotsim's keys are short names");
  // Below the limit the search runs and says there is no close key, and the message stays short.
  const std::string message = errorOf("[drivers]\n" + std::string(250, 'k') + " = 1\n");
  EXPECT_NE(message.find("unknown key; 'pilotsim params' lists every key"), std::string::npos) << message;
  EXPECT_LT(message.size(), 200u) << message;
}

// A 5 MB `base = "..."` took 10.4 s (the preset suggestion); texts over 1 MiB are refused, and a long
// unknown preset is compared with no preset at all (their lengths differ too much).
TEST(InputLimitsTest, HugeTextsAreRefusedAndLongValuesAreNotEchoed) {
  EXPECT_EQ(errorOf("description = \"" + std::string(1 << 20, 'x') + "\"\n"),
            "bad.toml: a TOML text of 1048593 bytes; pilotsim reads at most 1 MiB");
  const std::string message = errorOf("base = \"" + std::string(500000, 'b') + "\"\n");
  EXPECT_NE(message.find("unknown preset 'bbbb"), std::string::npos) << message.substr(0, 200);
  EXPECT_NE(message.find("(500000 bytes in all)"), std::string::npos) << message.substr(0, 200);
  EXPECT_LT(message.size(), 400u);
}

// Reading /dev/zero as a scenario never ended.
TEST(InputLimitsTest, AnEndlessFileEndsAtTheLimit) {
  try {
    readInputFile("/dev/zero", "scenario file");
    FAIL() << "read /dev/zero to its end";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/dev/zero: the scenario file is larger than 1 MiB, the most pilotsim reads from one; is it the right "
              "file?");
  }
}

// `--set drivers.upper_pull=1e400` was reported as "got the text".
TEST(InputLimitsTest, NumbersBeyondDoublesAreNamedAsNumbers) {
  Scenario s = loadPreset("baseline");
  try {
    applyOverride(s, "drivers.upper_pull=1e400");
    FAIL() << "accepted 1e400";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("the number 1e400 is beyond what a computer's numbers hold"),
              std::string::npos)
        << e.what();
  }
}

// Issue 14: the scenario's name became the default output path unchecked ("../../victim" wrote
// outside out/, "" replaced all of out/). A name is one file name.
TEST(InputLimitsTest, ScenarioNamesAreNamesNotPaths) {
  for (const std::string bad : {"../../victim", "", ".", "..", "a/b", "a\\\\b", "tab\\there"}) {
    const std::string message = errorOf("name = \"" + bad + "\"\n");
    EXPECT_EQ(message.rfind("bad.toml:1: key 'name': ", 0), 0u) << bad << ": " << message;
  }
  EXPECT_NE(errorOf("name = \"" + std::string(201, 'n') + "\"\n").find("at most 200 bytes"), std::string::npos);
  EXPECT_NO_THROW(loadScenarioText("name = \"试点-2026_v1.2\"\n", "ok.toml"));
  // Without a name the file's stem is the name, and must be one too.
  try {
    loadScenarioText("", "dir/..toml");
    FAIL() << "a stem of '.' was accepted as a name";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("the file's name cannot name the scenario's outputs"), std::string::npos)
        << e.what();
  }
}

// `sweep` put its database at ../swept.db from name = "../../swept".
TEST(InputLimitsTest, CampaignNamesAreNamesNotPaths) {
  const std::string campaign =
      "name = \"../../swept\"\nbase = \"county\"\n[design]\nmethod = \"latin-hypercube\"\nsamples = 4\n"
      "[factors.\"drivers.peer_push\"]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n";
  try {
    parseCampaignText(campaign, "c.toml");
    FAIL() << "accepted a campaign named ../../swept";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("c.toml:1: key 'name': '../../swept' cannot be a name"), std::string::npos)
        << e.what();
  }
}

TEST(InputLimitsTest, OutputNameProblems) {
  EXPECT_EQ(outputNameProblem("baseline"), "");
  EXPECT_EQ(outputNameProblem("reform-all v2"), "");
  EXPECT_NE(outputNameProblem(""), "");
  EXPECT_NE(outputNameProblem(".."), "");
  EXPECT_NE(outputNameProblem("x/../y"), "");
  EXPECT_NE(outputNameProblem(std::string("a\0b", 3)), "");
  EXPECT_EQ(shortened("short"), "short");
  EXPECT_EQ(shortened(std::string(100, 'x'), 10), "xxxxxxxxxx... (100 bytes in all)");
}

}  // namespace
}  // namespace pilotsim
