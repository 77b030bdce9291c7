// Experiment files and the scenario of each design point.
#include "pilotsim/experiment/Campaign.hpp"

#include "pilotsim/experiment/Outcomes.hpp"

#include <gtest/gtest.h>

namespace pilotsim {
namespace {

const char* kFile = R"(
name = "t"
base = "county"
months = 24
set = ["run.burn_in=12"]
replicates = 3
measures = ["real_innovations", "pseudo_share"]
[design]
method = "factorial"
levels = 2
[factors."drivers.peer_push"]
distribution = "uniform"
min = 0.5
max = 2
[factors.regulation.number_control]
distribution = "discrete"
values = [0, 4]
[factors."mechanisms.packaging"]
distribution = "boolean"
)";

TEST(CampaignTest, ParsesTheExperimentFile) {
  const CampaignSpec spec = parseCampaignText(kFile, "t.toml");
  EXPECT_EQ(spec.name, "t");
  EXPECT_EQ(spec.replicates, 3);
  EXPECT_EQ(spec.base.params.run.months, 24);
  EXPECT_EQ(spec.base.params.run.burn_in, 12);
  EXPECT_EQ(spec.base.params.structure.preset, "county");
  // Kept in table order, whatever order the file lists them in.
  EXPECT_EQ(spec.outcomes,
            (std::vector<int>{outcomeIndex(Measure::PseudoShare), outcomeIndex(Measure::RealInnovations)}));
  EXPECT_FALSE(spec.series);
  ASSERT_EQ(spec.sampling.factors.size(), 3u);
}

TEST(CampaignTest, EachPointSetsItsFactorsOnTheBase) {
  const CampaignSpec spec = parseCampaignText(kFile, "t.toml");
  const auto design = sensitivity::generateDesign(spec.sampling);
  ASSERT_EQ(design.runCount(), 8u);
  for (std::size_t r = 0; r < design.runCount(); ++r) {
    const Scenario s = pointScenario(spec, design, r);
    const auto row = design.row(r);
    EXPECT_EQ(s.params.drivers.peer_push, row[0]);
    EXPECT_EQ(s.params.regulation.number_control, static_cast<int>(row[1]));
    EXPECT_EQ(s.params.mechanisms.packaging, row[2] != 0);
    EXPECT_EQ(s.params.run.months, 24);  // the base's settings stay
  }
}

TEST(CampaignTest, KeyAndAllSelectOutcomes) {
  std::string text = kFile;
  text.replace(text.find("measures = [\"real_innovations\", \"pseudo_share\"]"), 47, "measures = \"all\"");
  EXPECT_EQ(parseCampaignText(text, "t.toml").outcomes.size(), static_cast<std::size_t>(kOutcomeCount));
}

std::string errorOf(std::string text) {
  try {
    parseCampaignText(text, "t.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(CampaignTest, BadFilesNameFileLineKey) {
  const std::string ok = kFile;
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string t = ok;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  {
    EXPECT_NE(errorOf(with("replicates = 3", "replicates = 0")).find("t.toml:6: key 'replicates'"), std::string::npos);
    EXPECT_NE(errorOf(with("months = 24", "months = 2")).find("whole number in [12,"), std::string::npos);
    EXPECT_NE(errorOf(with("set = [\"run.burn_in=12\"]", "set = [\"run.burn_in=x\"]")).find("key 'set'"),
              std::string::npos);
    EXPECT_NE(errorOf(with("max = 2", "max = 4")).find("outside drivers.peer_push's range"), std::string::npos);
    EXPECT_NE(errorOf(with("values = [0, 4]", "values = [0, 4.5]")).find("distribution of whole numbers"),
              std::string::npos);
    EXPECT_NE(errorOf(with("distribution = \"boolean\"", "distribution = \"integer\"\nmin = 0\nmax = 1"))
                  .find("needs distribution = \"boolean\""),
              std::string::npos);
    EXPECT_NE(errorOf("colour = 3\n" + ok).find("t.toml:1: key 'colour': unknown key"), std::string::npos);
  }
}

}  // namespace
}  // namespace pilotsim
