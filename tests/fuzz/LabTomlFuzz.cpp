// Fuzz target: scenario TOML uploaded to the lab, {"toml": TEXT, "filename": "scenario.toml"} in a POST
// /api/validate body (the lab page's "open a file"). The bytes are the TOML text itself, so mutations
// work on TOML rather than on JSON escapes. Text that is not UTF-8 cannot arrive this way (the body
// would not be valid JSON) and is skipped: the scenario target takes such bytes.
#include "LabFuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using pilotsim::Json;
  const std::string text(pilotsim::fuzz::asText(data, size));
  try {
    (void)Json(text).dump();  // nlohmann refuses invalid UTF-8 here (type_error 316)
  } catch (const Json::type_error&) {
    return 0;
  }
  pilotsim::fuzz::validateRequest(Json{{"toml", text}, {"filename", "scenario.toml"}});
  return 0;
}
