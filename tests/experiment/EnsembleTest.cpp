// Ensemble: replicates stepped together give each replicate exactly the rows of a run on its own,
// and the mean row is the mean over replicates that have a value.
#include "pilotsim/experiment/Ensemble.hpp"

#include "pilotsim/scenario/Scenario.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace pilotsim {
namespace {

Params smallParams() {
  Params p = loadPreset("county").params;
  p.run.months = 12;
  p.run.burn_in = 6;
  p.run.replicates = 3;
  return p;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(EnsembleTest, SteppedReplicatesMatchWholeRunsAndTheMeanIsTheirMean) {
  const Params p = smallParams();
  Ensemble ensemble(p);
  ASSERT_EQ(ensemble.size(), 3u);
  int steps = 0, measured = 0;
  std::vector<MonthlyRow> means;
  while (!ensemble.finished()) {
    ensemble.step();
    ++steps;
    if (ensemble.measured()) {
      ++measured;
      means.push_back(ensemble.meanOfLastMonth());
    }
  }
  EXPECT_EQ(steps, 18);
  EXPECT_EQ(measured, 12);
  std::vector<RunResult> alone;
  for (std::uint32_t r = 0; r < 3; ++r) alone.push_back(Simulation::run(p, r));
  for (std::uint32_t r = 0; r < 3; ++r) {
    const auto& rows = ensemble.replicate(r).monthly();
    ASSERT_EQ(rows.size(), alone[r].monthly.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (int m = 0; m < kMeasureCount; ++m)
        EXPECT_TRUE(sameBits(rows[i].values[m], alone[r].monthly[i].values[m])) << "replicate " << r;
  }
  for (std::size_t i = 0; i < means.size(); ++i) {
    for (int m = 0; m < kMeasureCount; ++m) {
      double sum = 0;
      int n = 0;
      for (const auto& run : alone)
        if (std::isfinite(run.monthly[i].values[m])) sum += run.monthly[i].values[m], ++n;
      if (n == 0) {
        EXPECT_TRUE(std::isnan(means[i].values[m]));
      } else {
        EXPECT_DOUBLE_EQ(means[i].values[m], sum / n) << "month " << i << " measure " << m;
      }
    }
  }
  ensemble.clear();
  EXPECT_TRUE(ensemble.finished());
}

TEST(EnsembleTest, MeanRowLeavesOutUndefinedValues) {
  MonthlyRow a, b;
  a.month = b.month = 7;
  for (int m = 0; m < kMeasureCount; ++m) a.values[m] = b.values[m] = std::numeric_limits<double>::quiet_NaN();
  a.values[0] = 1.0;
  a.values[1] = 2.0;
  b.values[1] = 4.0;
  const auto mean = meanRow({&a, &b});
  EXPECT_EQ(mean.month, 7);
  EXPECT_DOUBLE_EQ(mean.values[0], 1.0);  // b has no value: the mean of a alone
  EXPECT_DOUBLE_EQ(mean.values[1], 3.0);
  EXPECT_TRUE(std::isnan(mean.values[2]));
}

TEST(EnsembleTest, AStopBeforeSetUpLeavesNothingToStep) {
  int asked = 0;
  Ensemble ensemble(smallParams(), [&] { return ++asked > 1; });  // stop after the first replicate
  EXPECT_TRUE(ensemble.stopped());
  EXPECT_EQ(ensemble.size(), 1u);
  EXPECT_TRUE(ensemble.finished());
}

TEST(EnsembleTest, InvalidParametersAreAnInputErrorNamingTheKey) {
  Params p = smallParams();
  p.structure.domains = 9;  // an embedder's value beyond kMaxDomains is refused, not clamped
  try {
    Ensemble ensemble(p);
    FAIL() << "expected InvalidParams";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("structure.domains"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pilotsim
