// Runs per second of a campaign of city runs, on one thread and on two (issue: campaign speed and
// parallel efficiency on this machine). The campaign is experiments/drivers-and-reforms.toml with
// 32 base samples instead of 256: 256 design points x 2 replicates = 512 runs of 120 months after
// 36 of burn-in, written to a fresh database in the temporary directory, committed as `sweep` does.
//
// Counter: runs/s of wall time. Parallel efficiency = runs/s on 2 threads / (2 x runs/s on 1);
// scripts/bench.sh prints it.
#include "pilotsim/experiment/CampaignRun.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace {

pilotsim::CampaignSpec benchCampaign() {
  const std::filesystem::path file =
      std::filesystem::path(PILOTSIM_SOURCE_DIR) / "experiments" / "drivers-and-reforms.toml";
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const std::string from = "samples = 256";
  s.replace(s.find(from), from.size(), "samples = 32");
  return pilotsim::parseCampaignText(s, file.string());
}

void BM_CityCampaign(benchmark::State& state) {
  const auto spec = benchCampaign();
  const int threads = static_cast<int>(state.range(0));
  const auto db = std::filesystem::temp_directory_path() / ("pilotsim-bench-" + std::to_string(::getpid()) + ".db");
  std::int64_t runs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
    state.ResumeTiming();
    pilotsim::CampaignStore store(db, pilotsim::CampaignStore::Mode::ReadWrite);
    const auto design = pilotsim::openCampaign(spec, store, "bench");
    runs += pilotsim::runCampaign(spec, design, store, threads).done_now;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_CityCampaign)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(2);
