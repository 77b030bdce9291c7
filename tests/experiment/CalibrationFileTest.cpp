// Calibration files: the shipped calibration/china.toml, priors from the registry or the file, and a
// message naming file, line and key for each kind of bad input.
#include "pilotsim/experiment/CalibrationFile.hpp"

#include "pilotsim/scenario/ParamRegistry.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pilotsim {
namespace {

constexpr const char* kMinimal = R"(base = "county"
months = 60
[parameters]
"drivers.promotion_share" = {}
"recognition.bonus" = { low = 0.1, high = 2, log = true, reason = "a test" }
[[target]]
statistic = "promotion_rate"
observed = 0.13
uncertainty = 0.03
source = "a test"
)";

TEST(CalibrationFileTest, ShippedChinaFileParses) {
  const auto spec = loadCalibrationFile(std::string(PILOTSIM_SOURCE_DIR) + "/calibration/china.toml");
  EXPECT_EQ(spec.name, "china");
  EXPECT_EQ(spec.method, CalibrationMethod::Smc);
  EXPECT_EQ(spec.base.params.structure.preset, "custom");
  EXPECT_GE(spec.targets.size(), 5u);
  for (const auto& t : spec.targets) {
    EXPECT_GT(t.uncertainty, 0) << t.statistic.text();
    EXPECT_FALSE(t.source.empty()) << t.statistic.text();
    EXPECT_FALSE(t.applies_to.empty()) << t.statistic.text();
  }
  for (const auto& p : spec.parameters) {
    const ParamSpec* registry = findParam(p.key);
    ASSERT_NE(registry, nullptr) << p.key;
    EXPECT_EQ(p.low, registry->plausible_lo) << p.key;  // every prior is the registry's plausible range
    EXPECT_EQ(p.high, registry->plausible_hi) << p.key;
  }
}

TEST(CalibrationFileTest, PriorsObservedAndCandidates) {
  const auto spec = parseCalibrationText(kMinimal, "t.toml");
  ASSERT_EQ(spec.parameters.size(), 2u);
  const ParamSpec& share = *findParam("drivers.promotion_share");
  EXPECT_EQ(spec.parameters[0].low, share.plausible_lo);
  EXPECT_EQ(spec.parameters[0].reason, share.plausible_reason);
  EXPECT_TRUE(spec.parameters[1].log_scale);
  EXPECT_EQ(spec.priors().size(), 2u);
  EXPECT_EQ(spec.observed(), std::vector<double>{0.13});
  EXPECT_EQ(spec.uncertainties(), std::vector<double>{0.03});
  EXPECT_EQ(spec.base.params.run.months, 60);
  const double theta[] = {0.35, 1.5};
  const Scenario s = candidateScenario(spec, theta);
  EXPECT_EQ(s.params.drivers.promotion_share, 0.35);
  EXPECT_EQ(s.params.recognition.bonus, 1.5);
}

void expectRefused(const std::string& text, const std::string& part) {
  try {
    parseCalibrationText(text, "bad.toml");
    ADD_FAILURE() << "accepted:\n" << text;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.toml"), std::string::npos) << e.what();
  }
}

std::string replaced(const std::string& what, const std::string& with) {
  std::string s = kMinimal;
  s.replace(s.find(what), what.size(), with);
  return s;
}

TEST(CalibrationFileTest, BadInputIsRefusedWithFileLineAndKey) {
  expectRefused(replaced("months = 60", "month = 60"), "bad.toml:2: key 'month': unknown key");
  expectRefused(replaced("\"drivers.promotion_share\" = {}", "\"drivers.promotion_shar\" = {}"),
                "not a model parameter");
  expectRefused(replaced("\"drivers.promotion_share\" = {}", "\"run.months\" = {}"), "only real-valued");
  expectRefused(replaced("\"drivers.promotion_share\" = {}", "\"mechanisms.diffusion\" = {}"), "only real-valued");
  expectRefused(replaced("low = 0.1, high = 2", "low = 2, high = 0.1"), "must be below high");
  expectRefused(replaced("low = 0.1, high = 2", "low = 0.1"), "both low and high");
  expectRefused(replaced(", reason = \"a test\"", ""), "say why this prior");
  expectRefused(replaced("low = 0.1", "low = 0"), "needs low > 0");
  expectRefused(replaced("high = 2", "high = 20"), "[0, 10]");
  expectRefused(replaced("\"promotion_rate\"", "\"promotion\""), "bad.toml:7: key 'promotion': no statistic");
  expectRefused(replaced("uncertainty = 0.03", "uncertainty = 0"), "must be above 0");
  expectRefused(replaced("uncertainty = 0.03\n", ""), "one standard deviation");
  expectRefused(replaced("source = \"a test\"\n", ""), "where the observed value comes from");
  expectRefused(replaced("[[target]]", "[[targets]]"), "unknown key");
  expectRefused("base = \"county\"\n[[target]]\nstatistic = \"promotion_rate\"\n", "[parameters]");
  expectRefused(replaced("base = \"county\"", "base = \"county\"\nmethod = \"mcmc\""), "\"smc\" or \"rejection\"");
  expectRefused(std::string(kMinimal) + "[smc]\nparticle = 3\n", "smc.particle");
}

}  // namespace
}  // namespace pilotsim
