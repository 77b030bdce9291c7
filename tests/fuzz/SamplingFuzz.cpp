// Fuzz target: a factors file of `pilotsim sample` (standalone [design] and [factors.NAME] tables).
#include "FuzzSupport.hpp"
#include "pilotsim/sensitivity/SamplingSpec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)pilotsim::sensitivity::parseSamplingText(pilotsim::fuzz::asText(data, size), "fuzz.toml");
  } catch (const pilotsim::InputError& e) {
    pilotsim::fuzz::checkMessage(e);
  }
  return 0;
}
