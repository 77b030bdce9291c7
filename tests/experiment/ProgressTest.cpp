#include "pilotsim/experiment/Progress.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace pilotsim {
namespace {

std::string contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  return out;
}

int count(const std::string& s, char c) { return static_cast<int>(std::count(s.begin(), s.end(), c)); }

TEST(ProgressTest, DurationsReadLikeAClock) {
  EXPECT_EQ(Progress::formatDuration(0), "0:00");
  EXPECT_EQ(Progress::formatDuration(7.4), "0:07");
  EXPECT_EQ(Progress::formatDuration(725), "12:05");
  EXPECT_EQ(Progress::formatDuration(3723), "1:02:03");
  EXPECT_EQ(Progress::formatDuration(-3), "0:00");
}

TEST(ProgressTest, LineShowsPercentReplicatesElapsedAndEstimate) {
  EXPECT_EQ(Progress::formatLine(0.25, 1, 4, 10), " 25% | 1/4 replicates | 0:10 elapsed | ~0:30 left");
  // No estimate before there is anything to extrapolate from, nor after the end.
  EXPECT_EQ(Progress::formatLine(0.0, 0, 4, 1), "  0% | 0/4 replicates | 0:01 elapsed");
  EXPECT_EQ(Progress::formatLine(1.0, 4, 4, 40), "100% | 4/4 replicates | 0:40 elapsed");
  // Campaigns count runs and show the rate.
  EXPECT_EQ(Progress::formatLine(0.4, 40, 100, 12, true),
            " 40% | 40/100 runs | 3.33 runs/s | 0:12 elapsed | ~0:18 left");
  EXPECT_EQ(Progress::formatLine(0.5, 500, 1000, 10, true),
            " 50% | 500/1000 runs | 50.0 runs/s | 0:10 elapsed | ~0:10 left");
}

TEST(ProgressTest, PlainStylePrintsAtMostOneLinePerTenPercent) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  Progress progress(Progress::Style::Plain, f);
  progress.begin(4, 25);  // 100 months
  for (int i = 0; i < 100; ++i) {
    progress.advance(1);
    if (i % 25 == 24) progress.replicateDone();
    progress.refresh();
    progress.refresh();
  }
  progress.finish();
  progress.finish();
  const std::string out = contents(f);
  EXPECT_EQ(count(out, '\n'), 10) << out;
  EXPECT_EQ(count(out, '\r'), 0);
  EXPECT_NE(out.find(" 10% | 0/4 replicates"), std::string::npos) << out;
  EXPECT_NE(out.find("100% | 4/4 replicates"), std::string::npos) << out;
  std::fclose(f);
}

TEST(ProgressTest, TerminalStyleRedrawsInPlaceAndEndsTheLine) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  Progress progress(Progress::Style::Terminal, f);
  progress.begin(1, 1000);
  // Many refreshes in a short time: throttled to a handful of redraws.
  for (int i = 0; i < 1000; ++i) {
    progress.advance(1);
    progress.refresh();
  }
  progress.finish();
  const std::string out = contents(f);
  EXPECT_LE(count(out, '\r'), 10) << out;
  EXPECT_GE(count(out, '\r'), 1);
  EXPECT_EQ(count(out, '\n'), 1);
  EXPECT_EQ(out.back(), '\n');
  std::fclose(f);
}

TEST(ProgressTest, OffPrintsNothing) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  Progress progress(Progress::Style::Off, f);
  progress.begin(1, 10);
  for (int i = 0; i < 10; ++i) {
    progress.advance(1);
    progress.refresh();
  }
  progress.finish();
  EXPECT_EQ(contents(f), "");
  std::fclose(f);
  EXPECT_EQ(Progress::detect(true), Progress::Style::Off);
}

TEST(ProgressTest, CountsFromManyThreads) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  Progress progress(Progress::Style::Plain, f);
  progress.begin(8, 1000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        progress.advance(1);
        progress.refresh();
      }
      progress.replicateDone();
    });
  }
  for (auto& t : threads) t.join();
  progress.finish();
  const std::string out = contents(f);
  EXPECT_NE(out.find("100% | 8/8 replicates"), std::string::npos) << out;  // final line: all counted
  EXPECT_LE(count(out, '\n'), 10);
  std::fclose(f);
}

}  // namespace
}  // namespace pilotsim
