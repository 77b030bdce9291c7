// The lab's run manager: determinism against Simulation::run, pause/resume/stop, limits, queueing,
// abandonment and retention.
#include "ServerTestSupport.hpp"

#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/server/ApiError.hpp"
#include "pilotsim/server/RunManager.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using namespace std::chrono_literals;
using test::smallScenario;
using test::waitFor;

RunLimits fastLimits() {
  RunLimits l;
  l.max_running = 1;
  l.max_queued = 2;
  l.sweep_every = 20ms;
  return l;
}

bool sameNumber(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

TEST(RunManager, RowsEqualSimulationRunForEveryReplicate) {
  RunManager manager(fastLimits());
  const Scenario s = smallScenario(36, 3);
  auto run = manager.submit(s, "det", 0ms);
  ASSERT_TRUE(waitFor([&] { return run->progress().status == RunStatus::Finished; }));
  const auto rows = run->replicateRows();
  ASSERT_EQ(rows.size(), 3u);
  for (std::uint32_t r = 0; r < 3; ++r) {
    const RunResult expected = Simulation::run(s.params, r);
    ASSERT_EQ(rows[r].size(), expected.monthly.size());
    for (std::size_t m = 0; m < rows[r].size(); ++m)
      for (int k = 0; k < kMeasureCount; ++k)
        ASSERT_TRUE(sameNumber(rows[r][m].values[k], expected.monthly[m].values[k]))
            << "replicate " << r << " month " << m;
  }
  // The mean row is the mean of the replicates' rows.
  const auto mean = run->meanRows(0);
  const int k = static_cast<int>(Measure::PilotsPerUnitMean);
  EXPECT_DOUBLE_EQ(mean[10].values[k], (rows[0][10].values[k] + rows[1][10].values[k] + rows[2][10].values[k]) / 3);
  EXPECT_NE(run->unitView(), nullptr);
}

TEST(RunManager, PauseHoldsTheRunAndResumeFinishesIt) {
  RunManager manager(fastLimits());
  auto run = manager.submit(smallScenario(120), "pause", 10ms);
  ASSERT_TRUE(waitFor([&] { return run->progress().rows >= 3; }));
  run->pause();
  ASSERT_TRUE(waitFor([&] { return run->progress().status == RunStatus::Paused; }));
  const std::size_t held = run->progress().rows;
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(run->progress().rows, held);
  EXPECT_NE(run->unitView(), nullptr);  // a paused run shows its units as they are
  run->resume();
  ASSERT_TRUE(waitFor([&] { return run->progress().status == RunStatus::Finished; }));
  EXPECT_EQ(run->progress().rows, 120u);
}

TEST(RunManager, StopEndsTheRunAndFurtherControlIsRefused) {
  RunManager manager(fastLimits());
  auto run = manager.submit(smallScenario(600), "stop", 20ms);
  ASSERT_TRUE(waitFor([&] { return run->progress().rows >= 2; }));
  run->stop();
  ASSERT_TRUE(waitFor([&] { return run->progress().status == RunStatus::Stopped; }));
  EXPECT_LT(run->progress().rows, 600u);
  try {
    run->resume();
    FAIL() << "resume of a stopped run was accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 409);
  }
}

TEST(RunManager, RunsBeyondTheWorkersAreQueuedAndTheQueueIsBounded) {
  RunManager manager(fastLimits());  // one worker, two waiting
  auto first = manager.submit(smallScenario(600), "1", 50ms);
  ASSERT_TRUE(waitFor([&] { return first->progress().status == RunStatus::Running; }));
  auto second = manager.submit(smallScenario(12), "2", 0ms);
  auto third = manager.submit(smallScenario(12), "3", 0ms);
  EXPECT_EQ(second->progress().status, RunStatus::Queued);
  try {
    manager.submit(smallScenario(12), "4", 0ms);
    FAIL() << "a fourth run was admitted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 429);
  }
  // A queued run that is stopped never starts; stopping the first lets the third run.
  second->stop();
  EXPECT_EQ(second->progress().status, RunStatus::Stopped);
  first->stop();
  ASSERT_TRUE(waitFor([&] { return third->progress().status == RunStatus::Finished; }));
  EXPECT_EQ(second->progress().rows, 0u);
}

TEST(RunManager, RunsLargerThanTheLimitsAreRefusedWithTheirSize) {
  RunLimits limits = fastLimits();
  limits.max_unit_months = 1000;
  RunManager manager(limits);
  try {
    manager.submit(smallScenario(120), "big", 0ms);  // 12 units x 120 months
    FAIL() << "an oversized run was admitted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.body()["size"]["unit_months"], 1440.0);
    EXPECT_NE(std::string(e.what()).find("run too large"), std::string::npos);
  }
  EXPECT_THROW(manager.submit(smallScenario(12), "pace", 5000ms), ApiError);
}

TEST(RunManager, AnAbandonedRunIsCancelledAndForgotten) {
  RunLimits limits = fastLimits();
  limits.abandon_after = 200ms;
  RunManager manager(limits);
  auto run = manager.submit(smallScenario(600), "left", 20ms);
  const std::string id = run->id();
  // Nobody touches it: the sweeper cancels it and the manager forgets it.
  ASSERT_TRUE(waitFor([&] { return manager.list().empty(); }, 5s));
  ASSERT_TRUE(waitFor([&] { return run->progress().status == RunStatus::Cancelled; }));
  EXPECT_THROW(manager.find(id), ApiError);
}

TEST(RunManager, EndedRunsAreKeptUpToTheLimit) {
  RunLimits limits = fastLimits();
  limits.keep_ended = 2;
  RunManager manager(limits);
  std::vector<std::shared_ptr<LabRun>> runs;
  for (int i = 0; i < 3; ++i) {
    runs.push_back(manager.submit(smallScenario(12), std::to_string(i), 0ms));
    ASSERT_TRUE(waitFor([&] { return runs.back()->progress().status == RunStatus::Finished; }));
  }
  manager.sweep();
  const auto kept = manager.list();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0]->id(), runs[1]->id());  // the first to end went first
}

}  // namespace
}  // namespace pilotsim
