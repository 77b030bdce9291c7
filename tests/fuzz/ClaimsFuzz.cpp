// Fuzz target: a claims file of `pilotsim claims --file` (claims, their scenarios and overrides, tests,
// ablations).
#include "FuzzSupport.hpp"
#include "pilotsim/experiment/Claims.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)pilotsim::loadClaims(pilotsim::fuzz::asText(data, size), "fuzz.toml");
  } catch (const pilotsim::InputError& e) {
    pilotsim::fuzz::checkMessage(e);
  }
  return 0;
}
