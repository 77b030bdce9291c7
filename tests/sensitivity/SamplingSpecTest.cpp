#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include "pilotsim/core/InputError.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pilotsim::sensitivity {
namespace {

// The error message of parsing `text`, or "" if it parsed.
std::string errorOf(const std::string& text) {
  try {
    parseSamplingText(text, "f.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kDesign = "[design]\nmethod = \"saltelli\"\nsamples = 64\n";

TEST(SamplingSpec, ParsesEveryDistributionAndDottedNames) {
  const SamplingSpec s = parseSamplingText(R"(name = "demo"
[design]
method = "saltelli"
samples = 128
second_order = true
seed = 9

[factors.x1]
distribution = "uniform"
min = -1
max = 2.5
zh = "甲"

[factors.reform.a1_cap]
distribution = "integer"
min = 1
max = 8

[factors."drivers.upper_pull"]
distribution = "normal"
mean = 1
sd = 0.5
truncate = [0, 3]

[factors.w]
distribution = "log-uniform"
min = 0.01
max = 10

[factors.level]
distribution = "discrete"
values = [1, 2, 5]

[factors.on]
distribution = "boolean"
)",
                                           "demo.toml");
  EXPECT_EQ(s.design.method, DesignMethod::Saltelli);
  EXPECT_EQ(s.design.samples, 128);
  EXPECT_TRUE(s.design.second_order);
  EXPECT_EQ(s.design.seed, 9u);
  ASSERT_EQ(s.factors.size(), 6u);
  EXPECT_EQ(s.factors[0].name, "x1");
  EXPECT_EQ(s.factors[0].zh, "甲");
  EXPECT_DOUBLE_EQ(s.factors[0].max, 2.5);
  EXPECT_EQ(s.factors[1].name, "reform.a1_cap");
  EXPECT_EQ(s.factors[1].kind, DistributionKind::Integer);
  EXPECT_EQ(s.factors[2].name, "drivers.upper_pull");
  EXPECT_TRUE(s.factors[2].truncated);
  EXPECT_EQ(s.factors[4].values, (std::vector<double>{1, 2, 5}));
  EXPECT_EQ(s.factors[5].kind, DistributionKind::Boolean);
}

TEST(SamplingSpec, MethodDefaults) {
  const auto m = parseSamplingText(
      "[design]\nmethod = \"morris\"\ntrajectories = 10\n[factors.a]\ndistribution = \"uniform\"\n"
      "min = 0\nmax = 1\n",
      "m.toml");
  EXPECT_EQ(m.design.levels, 4);
  EXPECT_EQ(m.design.seed, 1u);
  const auto f =
      parseSamplingText("[design]\nmethod = \"factorial\"\n[factors.a]\ndistribution = \"boolean\"\n", "f.toml");
  EXPECT_EQ(f.design.levels, 3);
}

TEST(SamplingSpec, ErrorsNameFileLineAndKey) {
  const std::string head = std::string(kDesign) + "[factors.x]\n";  // the factor table is line 4
  // Unknown key, with what is allowed.
  EXPECT_EQ(errorOf(head + "distribution = \"uniform\"\nmin = 0\nmax = 1\nmean = 3\n"),
            "f.toml:8: key 'factors.x.mean': unknown key for a uniform factor; allowed: distribution, zh, en, min, "
            "max, levels");
  // Bad range.
  EXPECT_EQ(errorOf(head + "distribution = \"uniform\"\nmin = 2\nmax = 2\n"),
            "f.toml:7: key 'factors.x.max': expected min < max, got min 2 and max 2");
  EXPECT_EQ(errorOf(head + "distribution = \"log-uniform\"\nmin = 0\nmax = 2\n"),
            "f.toml:6: key 'factors.x.min': expected min > 0 for a log-uniform factor, got 0");
  // Wrong type.
  EXPECT_EQ(errorOf(head + "distribution = \"uniform\"\nmin = \"low\"\nmax = 1\n"),
            "f.toml:6: key 'factors.x.min': expected a finite number, got the text \"low\"");
  EXPECT_EQ(errorOf(head + "distribution = \"integer\"\nmin = 0.5\nmax = 3\n"),
            "f.toml:6: key 'factors.x.min': expected a whole number, got 0.5");
  EXPECT_EQ(errorOf(head + "distribution = \"gaussian\"\n"),
            "f.toml:5: key 'factors.x.distribution': expected \"uniform\", \"log-uniform\", \"normal\", \"discrete\", "
            "\"integer\" or \"boolean\", got the text \"gaussian\"");
  // Missing keys.
  EXPECT_EQ(
      errorOf(head + "distribution = \"normal\"\nmean = 1\n"),
      "f.toml:4: key 'factors.x.sd': missing; a normal factor needs distribution, zh, en, mean, sd, truncate, levels");
  EXPECT_EQ(errorOf(head + "min = 0\nmax = 1\n"),
            "f.toml:4: key 'factors.x.distribution': missing; every factor needs distribution = \"uniform\", "
            "\"log-uniform\", \"normal\", \"discrete\", \"integer\" or \"boolean\"");
  EXPECT_EQ(errorOf(head + "distribution = \"discrete\"\nvalues = [1, 2, 1]\n"),
            "f.toml:6: key 'factors.x.values': value 1 appears twice");
}

TEST(SamplingSpec, DesignErrors) {
  const std::string factor = "[factors.x]\ndistribution = \"uniform\"\nmin = 0\nmax = 1\n";
  EXPECT_EQ(errorOf("[design]\nmethod = \"sobol\"\n" + factor),
            "f.toml:2: key 'design.method': expected \"factorial\", \"latin-hypercube\", \"saltelli\" or \"morris\", "
            "got the text \"sobol\"");
  EXPECT_EQ(errorOf("[design]\nmethod = \"saltelli\"\nsamples = 8\ntrajectories = 4\n" + factor),
            "f.toml:4: key 'design.trajectories': not used by method \"saltelli\", which takes: method, seed, samples, "
            "second_order");
  EXPECT_EQ(errorOf("[design]\nmethod = \"saltelli\"\nsampels = 8\n" + factor),
            "f.toml:3: key 'design.sampels': unknown key; [design] keys are: method, seed, samples, second_order, "
            "trajectories, levels");
  EXPECT_EQ(errorOf("[design]\nmethod = \"latin-hypercube\"\n" + factor),
            "f.toml:1: key 'design.samples': missing; method \"latin-hypercube\" needs it");
  EXPECT_EQ(errorOf("[design]\nmethod = \"morris\"\ntrajectories = 4\nlevels = 5\n" + factor),
            "f.toml:4: key 'design.levels': expected an even number of levels for morris (2, 4, 6, ...), got 5");
  EXPECT_EQ(
      errorOf("[design]\nmethod = \"morris\"\ntrajectories = 4\n[factors.n]\ndistribution = \"normal\"\nmean = 0\nsd = "
              "1\n"),
      "f.toml:4: key 'factors.n': method \"morris\" uses the ends of every range, and an unbounded normal has none; "
      "add truncate = [lo, hi]");
  EXPECT_EQ(errorOf(std::string(kDesign) + "[factors.run]\ndistribution = \"boolean\"\n"),
            "f.toml:4: key 'factors.run': this name is a column of design CSVs; choose another factor name");
  EXPECT_EQ(errorOf(std::string(kDesign)),
            "f.toml: the file has no [factors.NAME] table; add one for each parameter to vary");
  EXPECT_EQ(errorOf("seed = 3\n" + std::string(kDesign) + factor),
            "f.toml:1: key 'seed': unknown key; a sampling file has [design], [factors.NAME], name and description");
  EXPECT_EQ(errorOf("[design\n"),
            "f.toml:1: malformed TOML (column 8): Error while parsing table header: expected ']', saw '\\n'");
}

TEST(SamplingSpec, CampaignFilesKeepTheirOwnKeys) {
  // parseSamplingSpec reads only [design] and [factors]: a campaign parser owns the rest.
  const toml::table root = toml::parse(std::string("base = \"baseline\"\nreplicates = 5\n") + kDesign +
                                       "[factors.reform.a1_cap]\ndistribution = \"integer\"\nmin = 1\nmax = 6\n");
  const SamplingSpec s = parseSamplingSpec(root, "campaign.toml");
  ASSERT_EQ(s.factors.size(), 1u);
  EXPECT_EQ(s.factors[0].name, "reform.a1_cap");
}

}  // namespace
}  // namespace pilotsim::sensitivity
