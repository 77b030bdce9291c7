// Runs a short baseline replicate through the installed model and prints what a user would check:
// the program version, the months simulated and the last month's mean number of pilots per unit.
#include <pilotsim/core/Version.hpp>
#include <pilotsim/model/Simulation.hpp>
#include <pilotsim/scenario/Scenario.hpp>

#include <iostream>

int main() {
  auto scenario = pilotsim::loadPreset("baseline");
  pilotsim::applyOverride(scenario, "run.months=24");
  pilotsim::applyOverride(scenario, "run.burn_in=12");
  pilotsim::Simulation simulation(scenario.params, 0);
  while (!simulation.finished()) simulation.step();
  const auto result = simulation.takeResult();
  std::cout << "pilotsim " << pilotsim::programVersion() << "\n"
            << "months " << result.monthly.size() << "\n"
            << "pilots " << result.pilots.size() << "\n";
  return result.monthly.size() == 24 && !result.pilots.empty() ? 0 : 1;
}
