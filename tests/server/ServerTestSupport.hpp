// Shared by the lab's tests: small scenarios that run in milliseconds, and waiting for a condition.
#pragma once

#include "pilotsim/scenario/Scenario.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace pilotsim::test {

/// The county preset (12 units) for `months` measured months, no burn-in, `replicates` replicates.
inline Scenario smallScenario(int months = 24, int replicates = 1) {
  Scenario s = loadPreset("county");
  applyOverride(s, "run.burn_in=0");
  applyOverride(s, "run.months=" + std::to_string(months));
  applyOverride(s, "run.replicates=" + std::to_string(replicates));
  return s;
}

/// Poll `done` every 10 ms until it holds or `timeout` passes; returns whether it held.
inline bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace pilotsim::test
