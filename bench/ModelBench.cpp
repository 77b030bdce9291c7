// Speed and memory of one replicate at the scales of the presets (issue: national over 240 months
// on one core well under 10 s and under 1 GiB). Run each benchmark in its own process so that the
// peak memory it reports is its own: scripts/bench.sh does that and prints the machine.
//
// Counters: unit_months/s counts simulated unit-months (units x (months + burn-in)) per second of
// wall time; peak_MiB is the process's peak resident memory (VmHWM) after the run.
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

namespace {

double peakResidentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;  // kB
  return 0.0;
}

void runPreset(benchmark::State& state, const char* preset) {
  auto scenario = pilotsim::loadPreset(preset);
  scenario.params.run.months = 240;
  std::size_t units = 0;
  int months = 0;
  for (auto _ : state) {
    pilotsim::Simulation sim(scenario.params, 0);
    units = sim.unitCount();
    months = sim.totalMonths();
    while (!sim.finished()) sim.step();
    auto result = sim.takeResult();
    benchmark::DoNotOptimize(result);
  }
  state.counters["unit_months/s"] =
      benchmark::Counter(static_cast<double>(units) * months * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["peak_MiB"] = peakResidentMiB();
}

void BM_City240(benchmark::State& state) { runPreset(state, "city"); }
void BM_Province240(benchmark::State& state) { runPreset(state, "province"); }
void BM_National240(benchmark::State& state) { runPreset(state, "national"); }

}  // namespace

BENCHMARK(BM_City240)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Province240)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_National240)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
