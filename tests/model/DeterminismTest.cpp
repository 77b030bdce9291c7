// Determinism (issue 2, point 6): a replicate is a pure function of its parameters, seed and
// replicate number. Same inputs give bit-identical monthly values and records; another seed or
// replicate gives another history; stepping by hand, or interleaving two simulations, changes
// nothing (no hidden global state).
#include "pilotsim/model/Simulation.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

namespace pilotsim {
namespace {

Params smallCity() {
  Params p;  // baseline on the city structure
  p.run.burn_in = 12;
  p.run.months = 48;
  return p;
}

/// Whether two runs' histories differ in any monthly value (not just in the replicate number).
bool monthlyDiffer(const RunResult& a, const RunResult& b) {
  if (a.monthly.size() != b.monthly.size()) return true;
  for (std::size_t i = 0; i < a.monthly.size(); ++i)
    for (int k = 0; k < kMeasureCount; ++k)
      if (!test::sameBits(a.monthly[i].values[k], b.monthly[i].values[k])) return true;
  return false;
}

TEST(DeterminismTest, SameInputsGiveIdenticalResults) {
  const Params p = smallCity();
  const auto a = Simulation::run(p, 3);
  const auto b = Simulation::run(p, 3);
  EXPECT_EQ(test::firstDifference(a, b), "");
  // Non-trivial: the run produced a history worth comparing.
  EXPECT_EQ(a.monthly.size(), 48u);
  EXPECT_GT(a.pilots.size(), 300u);
  EXPECT_GT(a.tenures.size(), 101u);
  EXPECT_FALSE(a.innovations.empty());
}

TEST(DeterminismTest, AnotherSeedOrReplicateGivesAnotherHistory) {
  Params p = smallCity();
  const auto base = Simulation::run(p, 0);
  const auto other_replicate = Simulation::run(p, 1);
  EXPECT_TRUE(monthlyDiffer(base, other_replicate));
  EXPECT_NE(test::firstDifference(base, other_replicate), "");
  p.run.seed += 1;
  const auto other_seed = Simulation::run(p, 0);
  EXPECT_TRUE(monthlyDiffer(base, other_seed));
  // Units' draws differ too, not only the course of events.
  EXPECT_NE(base.units[0].base, other_seed.units[0].base);
  EXPECT_NE(base.units[0].base, other_replicate.units[0].base);
}

TEST(DeterminismTest, SteppingByHandEqualsRun) {
  const Params p = smallCity();
  Simulation sim(p, 2);
  EXPECT_EQ(sim.totalMonths(), 60);
  EXPECT_EQ(sim.month(), -12);  // burn-in first
  int steps = 0;
  while (!sim.finished()) {
    sim.step();
    ++steps;
    // Measured rows start after burn-in.
    EXPECT_EQ(sim.monthly().size(), static_cast<std::size_t>(std::max(0, steps - 12)));
  }
  EXPECT_EQ(steps, 60);
  EXPECT_THROW(sim.step(), std::logic_error);
  EXPECT_EQ(test::firstDifference(sim.takeResult(), Simulation::run(p, 2)), "");
}

TEST(DeterminismTest, InterleavedSimulationsDoNotInfluenceEachOther) {
  Params p = smallCity();
  Params q = smallCity();
  q.structure.preset = "county";
  q.drivers.promotion_drive = 0.9;
  Simulation a(p, 0), b(q, 5), c(p, 0);
  while (!a.finished()) {
    a.step();
    b.step();
  }
  while (!c.finished()) c.step();
  EXPECT_EQ(test::firstDifference(a.takeResult(), c.takeResult()), "");
  EXPECT_EQ(test::firstDifference(b.takeResult(), Simulation::run(q, 5)), "");
}

// Records are consistent with the monthly rows they come with: measured months count from 0, pilot
// records are shifted to measured months, and every ended tenure lies in the measured period.
TEST(DeterminismTest, ResultRecordsUseMeasuredMonths) {
  const auto r = Simulation::run(smallCity(), 4);
  for (std::size_t i = 0; i < r.monthly.size(); ++i) EXPECT_EQ(r.monthly[i].month, static_cast<int>(i));
  int before = 0;
  for (const auto& x : r.pilots) {
    // Model 2: a pilot is decided, prepared, then launched; one may end (or the run may end) while
    // it is still in preparation, so its planned start can lie after its end or after the run.
    EXPECT_GE(x.decided, -12);
    EXPECT_LT(x.decided, 48);
    EXPECT_GE(x.start, x.decided);
    if (x.end != kStillRunning) {
      EXPECT_GE(x.end, x.decided);
    }
    before += x.start < 0;
  }
  EXPECT_GT(before, 0);  // burn-in pilots are kept with negative start months
  for (const auto& t : r.tenures) {
    if (t.end == kStillRunning) continue;
    EXPECT_GE(t.end, 0);
    EXPECT_LT(t.end, 48);
  }
  EXPECT_EQ(r.units.size(), 101u);
}

// A pilot that ended in the last burn-in month has end = -1 after the shift to measured months; it
// must not be confused with a pilot still running (kStillRunning), or survival analyses would
// count it as censored.
TEST(DeterminismTest, PilotsEndingInTheLastBurnInMonthAreNotRecordedAsRunning) {
  const auto r = Simulation::run(smallCity(), 0);
  for (const auto& x : r.pilots) {
    const bool ended =
        x.status == PilotStatus::Failed || x.status == PilotStatus::Interrupted || x.status == PilotStatus::Abandoned;
    if (ended) {
      EXPECT_NE(x.end, kStillRunning) << "pilot " << x.id << " ended but is recorded as running";
    }
  }
}

}  // namespace
}  // namespace pilotsim
