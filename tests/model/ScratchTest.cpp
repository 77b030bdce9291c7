#include "model/Initialise.hpp"
#include "model/Leaders.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/model/State.hpp"
#include <gtest/gtest.h>
#include <chrono>
#include <cstdio>
namespace pilotsim {
TEST(Scratch, Explore) {
  Params p;
  p.run.months = 120; p.run.burn_in = 12;
  auto t0 = std::chrono::steady_clock::now();
  auto r = Simulation::run(p, 0);
  auto t1 = std::chrono::steady_clock::now();
  std::printf("city 132 months: %.1f ms, pilots %zu\n", std::chrono::duration<double, std::milli>(t1 - t0).count(), r.pilots.size());
  Params q = p; q.mechanisms.packaging = false;
  auto rq = Simulation::run(q, 0);
  double pack = 0; for (auto& x : rq.pilots) pack += x.packaging;
  std::printf("packaging off: packaging total %g, fab gap last %g\n", pack, rq.monthly.back()[Measure::FabricationGap]);
  auto h = horizonTable(240);
  std::printf("horizon[0]=%g [12]=%g [60]=%g [72]=%g [200]=%g\n", h[0], h[12], h[60], h[72], h[200]);
  State s; Params c; c.structure.preset = "custom"; c.structure.branching = {1}; initialise(s, c, 0);
  double sum = 0; int n = 20000;
  for (int i = 0; i < n; ++i) { auto l = appointLeader(s, 0, 0); sum += s.leaders[l].tenure_end - s.leaders[l].start; }
  std::printf("mean tenure %g years\n", sum / n / 12);
}
}
