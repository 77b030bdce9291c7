// `pilotsim calibrate` recovers parameters it is given: synthetic data on pilotsim itself.
//
// The truth is drivers.promotion_share = 0.4 (its plausible range is [0.3, 0.5], the prior). For each
// of kSeeds seeds, the "observed" promotion rate is the mean over 4 replicates of the model run at
// the truth on streams of their own (seed 1000 + i, which no candidate uses); pilotsim calibrate then
// fits the parameter to it with ABC-SMC (the candidates' statistics are also means over 4 replicates,
// so data and simulations have the same noise). A well-calibrated method's 90% interval covers the
// truth in about 90% of the seeds; ABC's tolerance widens the posterior somewhat, which errs towards
// more coverage, not less.
//
// Fixed before the first run: over 10 seeds at least 7 intervals must cover the truth (chance of
// 6 or fewer at a true coverage of 90% is 1.3%; at the 70% of a badly narrow posterior it is 35%), and
// the intervals must be informative, on average at most 75% of the prior's width (county, 240 months,
// 4 replicates: the promotion rate moves by about 0.05 across the prior against a noise of about
// 0.01, so the exact posterior's 90% interval is about half the prior).
#include "pilotsim/experiment/Calibration.hpp"

#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/experiment/Statistics.hpp"
#include "pilotsim/model/Simulation.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

constexpr int kSeeds = 10;
constexpr int kReplicates = 4;
constexpr double kTruth = 0.4, kLow = 0.3, kHigh = 0.5;

std::string calibrationText(double observed, double uncertainty, int seed) {
  return fmt::format(R"(base = "county"
months = 240
replicates = {}
[smc]
particles = 100
max_generations = 4
seed = {}
[parameters]
"drivers.promotion_share" = {{}}
[[target]]
statistic = "promotion_rate"
observed = {}
uncertainty = {}
source = "synthetic: the model at drivers.promotion_share = {}"
)",
                     kReplicates, seed, observed, uncertainty, kTruth);
}

/// The promotion rate of replicate r at the truth with run seed `seed`.
double observedRate(std::int64_t seed, std::uint32_t r) {
  Scenario s = parseCalibrationText(calibrationText(0.1, 1, 1), "synthetic.toml").base;
  applyOverride(s, fmt::format("drivers.promotion_share={}", kTruth));
  s.params.run.seed = seed;
  return computeStatistic(parseStatistic("promotion_rate"), Simulation::run(s.params, r), s.params.run.months);
}

TEST(CalibrationCoverageTest, NinetyPercentIntervalsCoverTheTruth) {
  // The scale of the distance: the sd of a 4-replicate mean at the truth, from 16 other replicates.
  double sum = 0, sum2 = 0;
  for (std::uint32_t r = 0; r < 16; ++r) {
    const double v = observedRate(999, r);
    sum += v, sum2 += v * v;
  }
  const double sd = std::sqrt((sum2 - sum * sum / 16) / 15);
  const double uncertainty = sd / std::sqrt(kReplicates);
  ASSERT_GT(uncertainty, 0);

  const fs::path dir = fs::temp_directory_path() / fmt::format("pilotsim-coverage-{}", ::getpid());
  fs::create_directories(dir);
  int covered = 0;
  double width = 0;
  for (int i = 0; i < kSeeds; ++i) {
    double observed = 0;
    for (std::uint32_t r = 0; r < kReplicates; ++r) observed += observedRate(1000 + i, r) / kReplicates;
    const CalibrationSpec spec = parseCalibrationText(calibrationText(observed, uncertainty, 20 + i), "synthetic.toml");
    CampaignStore store(dir / fmt::format("seed{}.db", i), CampaignStore::Mode::ReadWrite);
    openCalibration(spec, store, "test");
    const CalibrationResult result = runCalibration(spec, store, 0, {}, nullptr);
    const auto& p = result.posterior.at(0);
    covered += p.lo90 <= kTruth && kTruth <= p.hi90;
    width += (p.hi90 - p.lo90) / (kHigh - kLow) / kSeeds;
    std::printf("seed %d: observed %.4f, posterior median %.4f, 90%% [%.4f, %.4f], %s\n", i, observed, p.median, p.lo90,
                p.hi90, result.stop_reason.c_str());
  }
  fs::remove_all(dir);
  EXPECT_GE(covered, 7) << "of " << kSeeds;
  EXPECT_LE(width, 0.75);
  std::printf("covered %d of %d; mean width %.2f of the prior's\n", covered, kSeeds, width);
}

}  // namespace
}  // namespace pilotsim
