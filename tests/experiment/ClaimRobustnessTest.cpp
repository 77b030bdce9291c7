// `pilotsim claims --robustness`: what is sampled, how a parameter set reaches a claim's scenarios
// without touching the levers the claim compares, the stored definition, and that the stored sets
// are judged exactly as `pilotsim claims` judges the same background, on any thread count.
#include "pilotsim/experiment/ClaimRobustness.hpp"

#include "pilotsim/scenario/ParamRegistry.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <filesystem>

namespace pilotsim {
namespace {

// A small claim on the county structure, quick enough to run a few sets of in a unit test.
const char* kToy = R"(
[[claim]]
id = "T1"
statement_en = "drive raises packaging"
statement_zh = "晋升动力提高包装"
[claim.scenarios]
low = { set = ["structure.preset=county", "run.months=24", "run.burn_in=12", "drivers.promotion_drive=0.2"] }
high = { set = ["structure.preset=county", "run.months=24", "run.burn_in=12", "drivers.promotion_drive=0.9"] }
[[claim.test]]
outcome = "packaging_share"
contrast = { low = -1, high = 1 }
expect = "higher"
minimal_effect = 0.02
[[claim.test]]
outcome = "starts_spontaneous"
contrast = { low = -1, high = 1 }
expect = "higher"
)";

std::string valueOf(const Scenario& s, std::string_view key) { return formatValue(s.params, *findParam(key)); }

TEST(ClaimRobustnessTest, EverySampledParameterIsAFactorOverItsPlausibleRange) {
  const auto factors = robustnessFactors();
  std::size_t sampled = 0;
  for (const ParamSpec& spec : paramRegistry()) sampled += spec.sampled() ? 1 : 0;
  ASSERT_EQ(factors.size(), sampled);
  ASSERT_GT(sampled, 100u);  // the registry gives about 150 parameters a plausible range
  for (const auto& f : factors) {
    const ParamSpec* spec = findParam(f.name);
    ASSERT_NE(spec, nullptr) << f.name;
    EXPECT_TRUE(spec->sampled()) << f.name;
    EXPECT_EQ(f.min, spec->plausible_lo) << f.name;
    EXPECT_EQ(f.max, spec->plausible_hi) << f.name;
    EXPECT_EQ(f.kind == sensitivity::DistributionKind::Integer, spec->type == ParamType::Integer) << f.name;
    // The reforms' levers (groups A1..C3) and the mechanism switches are what the claims compare;
    // they are never part of the background.
    const std::string_view group = spec->lever;
    const bool reform = group.size() == 2 && (group[0] == 'A' || group[0] == 'B' || group[0] == 'C');
    EXPECT_FALSE(reform || group == "mechanism" || group == "run" || group == "structure") << f.name;
  }
}

TEST(ClaimRobustnessTest, ABackgroundMovesEverythingButTheScenariosOwnParameters) {
  const ClaimBook& book = builtinClaims();
  const ClaimSpec& p4 = *book.find("P4");
  const ClaimSpec& p14 = *book.find("P14");
  const ClaimBackground background = {
      {"drivers.promotion_drive", "0.45"}, {"drivers.ambition_spread", "0.05"}, {"pilot.decay", "0.031"}};
  // P4's scenarios set the drive themselves: it keeps their values; the rest moves.
  const Scenario low = resolveClaimScenario(p4.scenario("low"), background);
  EXPECT_EQ(valueOf(low, "drivers.promotion_drive"), "0.3");
  EXPECT_EQ(valueOf(low, "pilot.decay"), "0.031");
  EXPECT_EQ(valueOf(low, "drivers.ambition_spread"), "0.05");
  // P14's no-drive preset switches drive and ambition off: both stay off; its baseline moves.
  const Scenario no_drive = resolveClaimScenario(p14.scenario("no_drive"), background);
  EXPECT_EQ(valueOf(no_drive, "drivers.promotion_drive"), "0");
  EXPECT_EQ(valueOf(no_drive, "drivers.ambition_spread"), "0");
  EXPECT_EQ(valueOf(no_drive, "pilot.decay"), "0.031");
  const Scenario baseline = resolveClaimScenario(p14.scenario("baseline"), background);
  EXPECT_EQ(valueOf(baseline, "drivers.promotion_drive"), "0.45");
  // Without a background, nothing changes.
  EXPECT_EQ(toToml(resolveClaimScenario(p4.scenario("low"))), toToml(resolveClaimScenario(p4.scenario("low"), {})));
  // A background value the parameter does not allow is refused like a --set (runRobustness counts
  // such a set as failed).
  EXPECT_THROW(resolveClaimScenario(p14.scenario("baseline"), {{"pilot.decay", "7"}}), InputError);
}

TEST(ClaimRobustnessTest, TheDefinitionRoundTripsAndIsRecognised) {
  RobustnessSpec spec;
  spec.claims_file = "mine.toml";
  spec.claims_text = kToy;
  spec.ids = {"T1"};
  spec.sets = 7;
  spec.replicates = 3;
  spec.seed = 99;
  spec.months = 12;
  spec.design_seed = 4;
  const std::string text = robustnessDefinitionText(spec);
  EXPECT_TRUE(isRobustnessDefinition(text));
  EXPECT_FALSE(isRobustnessDefinition("name = \"campaign\"\n"));
  const RobustnessSpec back = parseRobustnessDefinition(text, "db");
  EXPECT_EQ(back.claims_file, spec.claims_file);
  EXPECT_EQ(back.claims_text, spec.claims_text);
  EXPECT_EQ(back.ids, spec.ids);
  EXPECT_EQ(back.sets, 7);
  EXPECT_EQ(back.replicates, 3);
  EXPECT_EQ(back.seed, 99u);
  EXPECT_EQ(back.months, 12);
  EXPECT_EQ(back.design_seed, 4u);
  EXPECT_EQ(robustnessDefinitionText(back), text);
  EXPECT_THROW(parseRobustnessDefinition("name = \"campaign\"\n", "db"), InputError);
}

TEST(ClaimRobustnessTest, APosteriorReplacesItsParametersWithWholeParticlesDrawnByWeight) {
  RobustnessSpec spec;
  spec.sets = 400;
  spec.design_seed = 3;
  spec.posterior_file = "posterior.csv";
  // Particle 1 has three times particle 0's weight and particle 2 none: it is never drawn.
  spec.posterior_text =
      "particle,weight,distance,drivers.promotion_share,recognition.bonus\n"
      "0,0.25,1.0,0.1,0.2\n1,0.75,1.5,0.3,0.4\n2,0,0.5,0.2,0.3\n";
  const auto design = robustnessDesign(spec);
  ASSERT_EQ(design.factorCount(), robustnessFactors().size());  // the draw's own column is dropped
  const int share = design.factorIndex("drivers.promotion_share");
  const int bonus = design.factorIndex("recognition.bonus");
  ASSERT_GE(share, 0);
  ASSERT_GE(bonus, 0);
  int first = 0;
  for (std::size_t r = 0; r < design.runCount(); ++r) {
    const auto row = design.row(r);
    // A set takes one particle's values together, never a mix.
    ASSERT_TRUE((row[share] == 0.1 && row[bonus] == 0.2) || (row[share] == 0.3 && row[bonus] == 0.4)) << r;
    first += row[share] == 0.1 ? 1 : 0;
  }
  // Stratified resampling: the draws of a Latin hypercube column put exactly a quarter of the sets
  // on a particle of weight 1/4 (100 of 400).
  EXPECT_EQ(first, 100);
  // The other parameters still follow the hypercube over their plausible ranges.
  const RobustnessSpec plain = [&] {
    RobustnessSpec p = spec;
    p.posterior_text.clear();
    return p;
  }();
  const auto prior = robustnessDesign(plain);
  const int decay = design.factorIndex("pilot.decay");
  double lo = 1e9, hi = -1e9;
  for (std::size_t r = 0; r < design.runCount(); ++r) {
    lo = std::min(lo, design.row(r)[decay]);
    hi = std::max(hi, design.row(r)[decay]);
  }
  const ParamSpec* decay_spec = findParam("pilot.decay");
  EXPECT_GE(lo, decay_spec->plausible_lo);
  EXPECT_LE(hi, decay_spec->plausible_hi);
  EXPECT_EQ(prior.factorCount(), design.factorCount());
  // The definition keeps the posterior, so a resume with another posterior is refused.
  const RobustnessSpec back = parseRobustnessDefinition(robustnessDefinitionText(spec), "db");
  EXPECT_EQ(back.posterior_file, spec.posterior_file);
  EXPECT_EQ(back.posterior_text, spec.posterior_text);
  EXPECT_EQ(robustnessDefinitionText(plain).find("posterior"), std::string::npos);
}

TEST(ClaimRobustnessTest, APosteriorThatIsNotOneIsRefusedNamingTheFileAndColumn) {
  RobustnessSpec spec;
  spec.sets = 4;
  spec.posterior_file = "p.csv";
  const auto message = [&](const std::string& text) {
    spec.posterior_text = text;
    try {
      robustnessDesign(spec);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("particle,distance,pilot.decay\n0,1,0.02\n").find("no column 'weight'"), std::string::npos);
  EXPECT_NE(message("particle,weight,run.months\n0,1,12\n").find("'run.months'"), std::string::npos);
  EXPECT_NE(message("particle,weight,pilot.decay\n0,-1,0.02\n").find("p.csv:2"), std::string::npos);
  EXPECT_NE(message("particle,weight,pilot.decay\n0,0,0.02\n").find("sum to 0"), std::string::npos);
  EXPECT_NE(message("particle,weight\n0,1\n").find("no parameter columns"), std::string::npos);
}

TEST(ClaimRobustnessTest, APresetsBackgroundIsWhereItDiffersFromTheBaseline) {
  EXPECT_TRUE(presetBackground("baseline").empty());
  const ClaimBackground county = presetBackground("county");
  EXPECT_TRUE(std::any_of(county.begin(), county.end(),
                          [](const auto& kv) { return kv.first == "structure.preset" && kv.second == "\"county\""; }));
  for (const auto& [key, value] : county) EXPECT_NE(value, valueOf(loadPreset("baseline"), key)) << key;
  EXPECT_THROW(presetBackground("no-such-preset"), InputError);
}

class ClaimRobustnessRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pilotsim-robustness-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    spec_.claims_file = "toy.toml";
    spec_.claims_text = kToy;
    spec_.sets = 3;
    spec_.replicates = 3;
    spec_.seed = 17;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  RobustnessResult run(const std::string& name, int threads) {
    CampaignStore store(dir_ / name, CampaignStore::Mode::ReadWrite);
    const auto design = openRobustness(spec_, store, "test");
    const auto counts = runRobustness(spec_, design, store, threads);
    EXPECT_EQ(counts.done_now, spec_.sets);
    return analyzeRobustness(store);
  }

  std::filesystem::path dir_;
  RobustnessSpec spec_;
};

TEST_F(ClaimRobustnessRunTest, StoredSetsAreJudgedAsRunClaimsJudgesTheirBackground) {
  const RobustnessResult r = run("one.db", 2);
  ASSERT_EQ(r.sets_done, 3);
  ASSERT_EQ(r.sets_failed, 0);
  ASSERT_EQ(r.claims.size(), 1u);
  ComparisonOptions options;
  options.replicates = spec_.replicates;
  options.seed = spec_.seed;
  options.threads = 1;
  const ClaimBook book = loadClaims(kToy, "toy.toml");
  int supported = 0;
  for (std::size_t row = 0; row < 3; ++row) {
    const ClaimsReport direct = runClaims(book, {}, options, nullptr, nullptr, robustnessBackground(r.design, row));
    const ClaimResult& c = direct.claims[0];
    EXPECT_EQ(r.claims[0].verdict[row], c.verdict) << "set " << row;
    EXPECT_EQ(r.claims[0].verdict_holm[row], c.verdict_holm) << "set " << row;
    for (std::size_t t = 0; t < 2; ++t) {
      EXPECT_EQ(r.claims[0].tests[t].effect[row], c.tests[t].effect.mean) << "set " << row << " test " << t;
      EXPECT_EQ(r.claims[0].tests[t].verdict[row], c.tests[t].verdict) << "set " << row << " test " << t;
    }
    supported += c.verdict == Verdict::Supported ? 1 : 0;
    // The sets differ: the background reached the scenarios.
    if (row > 0) {
      EXPECT_NE(r.claims[0].tests[0].effect[row], r.claims[0].tests[0].effect[0]);
    }
  }
  const VerdictShare& s = r.claims[0].current[static_cast<std::size_t>(Verdict::Supported)];
  EXPECT_EQ(s.count, supported);
  EXPECT_DOUBLE_EQ(s.share, supported / 3.0);
  EXPECT_LE(s.lo, s.share);
  EXPECT_GE(s.hi, s.share);
}

TEST_F(ClaimRobustnessRunTest, ResultsDoNotDependOnTheThreadCount) {
  const RobustnessResult one = run("one.db", 1);
  const RobustnessResult two = run("two.db", 2);
  ASSERT_EQ(one.values.size(), two.values.size());
  for (std::size_t row = 0; row < one.values.size(); ++row)
    for (std::size_t k = 0; k < one.values[row].size(); ++k) {
      const double a = one.values[row][k], b = two.values[row][k];
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << "set " << row << " column " << one.columns[k];
    }
}

TEST_F(ClaimRobustnessRunTest, ADatabaseOfAnotherAnalysisIsRefused) {
  {
    CampaignStore store(dir_ / "a.db", CampaignStore::Mode::ReadWrite);
    openRobustness(spec_, store, "test");
  }
  spec_.replicates = 4;
  CampaignStore store(dir_ / "a.db", CampaignStore::Mode::ReadWrite);
  try {
    openRobustness(spec_, store, "test");
    FAIL() << "a database of another analysis was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("holds another robustness analysis"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("3 replicates"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pilotsim
