// The runner is tested with the run files in mind: what it guarantees (order, thread-count independence)
// is what makes the output files byte-identical.
#include "pilotsim/experiment/Runner.hpp"

#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

namespace pilotsim {
namespace {

Params smallParams() {
  Params p = loadPreset("county").params;
  p.run.months = 12;
  p.run.burn_in = 6;
  return p;
}

// Bitwise, so that NaN == NaN and -0 != 0: "identical" means identical bytes in the files.
bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expectSameResult(const RunResult& a, const RunResult& b) {
  EXPECT_EQ(a.replicate, b.replicate);
  ASSERT_EQ(a.monthly.size(), b.monthly.size());
  for (std::size_t i = 0; i < a.monthly.size(); ++i) {
    EXPECT_EQ(a.monthly[i].month, b.monthly[i].month);
    for (int k = 0; k < kMeasureCount; ++k) {
      EXPECT_TRUE(sameBits(a.monthly[i].values[k], b.monthly[i].values[k]))
          << "replicate " << a.replicate << " month " << i << " measure " << k;
    }
  }
  ASSERT_EQ(a.pilots.size(), b.pilots.size());
  for (std::size_t i = 0; i < a.pilots.size(); ++i) {
    EXPECT_EQ(a.pilots[i].id, b.pilots[i].id);
    EXPECT_EQ(a.pilots[i].start, b.pilots[i].start);
    EXPECT_EQ(a.pilots[i].end, b.pilots[i].end);
    EXPECT_TRUE(sameBits(a.pilots[i].impact_built, b.pilots[i].impact_built));
  }
  EXPECT_EQ(a.tenures.size(), b.tenures.size());
  EXPECT_EQ(a.units.size(), b.units.size());
  EXPECT_EQ(a.innovations.size(), b.innovations.size());
}

std::vector<RunResult> runAll(const Params& p, int replicates, int threads) {
  std::vector<RunResult> out;
  runReplicates(p, replicates, threads, [&](RunResult&& r) { out.push_back(std::move(r)); });
  return out;
}

TEST(RunnerTest, ResolveThreads) {
  EXPECT_EQ(resolveThreads(8, 3), 3);
  EXPECT_EQ(resolveThreads(2, 10), 2);
  EXPECT_GE(resolveThreads(0, 1000), 1);
  EXPECT_EQ(resolveThreads(0, 1), 1);
}

TEST(RunnerTest, SinkSeesReplicatesInOrderOnTheCallingThread) {
  const Params p = smallParams();
  const auto caller = std::this_thread::get_id();
  for (int threads : {1, 3, 8}) {
    std::vector<std::uint32_t> seen;
    runReplicates(p, 7, threads, [&](RunResult&& r) {
      EXPECT_TRUE(std::this_thread::get_id() == caller);
      seen.push_back(r.replicate);
    });
    EXPECT_EQ(seen, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6})) << threads << " threads";
  }
}

TEST(RunnerTest, ResultsDoNotDependOnThreadCount) {
  const Params p = smallParams();
  const auto one = runAll(p, 5, 1);
  for (int threads : {2, 8}) {
    const auto many = runAll(p, 5, threads);
    ASSERT_EQ(many.size(), one.size());
    for (std::size_t i = 0; i < one.size(); ++i) expectSameResult(one[i], many[i]);
  }
}

TEST(RunnerTest, ReplicateIsSimulationRun) {
  const Params p = smallParams();
  const auto all = runAll(p, 3, 2);
  expectSameResult(all[2], Simulation::run(p, 2));
}

TEST(RunnerTest, ProgressCountsEveryMonthAndReplicate) {
  const Params p = smallParams();
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  Progress progress(Progress::Style::Plain, f);
  runReplicates(
      p, 3, 2, [](RunResult&&) {}, &progress);
  std::fflush(f);
  std::rewind(f);
  std::string out(4096, '\0');
  out.resize(std::fread(out.data(), 1, out.size(), f));
  EXPECT_NE(out.find("100% | 3/3 replicates"), std::string::npos) << out;
  std::fclose(f);
}

TEST(RunnerTest, SinkExceptionIsRethrownAndStopsTheRun) {
  const Params p = smallParams();
  int calls = 0;
  EXPECT_THROW(runReplicates(p, 20, 4,
                             [&](RunResult&& r) {
                               ++calls;
                               if (r.replicate == 1) throw std::runtime_error("disk full");
                             }),
               std::runtime_error);
  EXPECT_EQ(calls, 2);
}

TEST(RunnerTest, StopFlagEndsTheRunWithInterrupted) {
  const Params p = smallParams();
  std::atomic<bool> stop{true};
  int calls = 0;
  EXPECT_THROW(runReplicates(
                   p, 4, 2, [&](RunResult&&) { ++calls; }, nullptr, &stop),
               Interrupted);
  EXPECT_EQ(calls, 0);

  std::atomic<bool> later{false};
  calls = 0;
  EXPECT_THROW(runReplicates(
                   p, 50, 2,
                   [&](RunResult&&) {
                     ++calls;
                     later = true;  // as if Ctrl-C came while the first replicate was written
                   },
                   nullptr, &later),
               Interrupted);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace pilotsim
