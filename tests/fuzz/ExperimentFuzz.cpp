// Fuzz target: an experiment file of `pilotsim sweep` (base scenario, overrides, measures, design and
// factors checked against the model's parameters).
//
// The file is named as if it sat in a directory that does not exist, so a relative `base = "x.toml"`
// is a missing file (a InputError) rather than whatever the working directory holds.
#include "FuzzSupport.hpp"
#include "pilotsim/experiment/Campaign.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)pilotsim::parseCampaignText(pilotsim::fuzz::asText(data, size), "/nonexistent-pilotsim-fuzz/experiment.toml");
  } catch (const pilotsim::InputError& e) {
    pilotsim::fuzz::checkMessage(e);
  }
  return 0;
}
