// Fuzz target: the JSON body of the lab's POST /api/validate and /api/runs, from the bytes on. The body
// is parsed as the server's parseBody does: every nlohmann exception there is its 400 (not valid JSON,
// or a number beyond a double). Before that was so, the issue's `1e400` escaped as out_of_range and was
// an HTTP 500; corpus/lab_json/crash-number-1e400.json keeps it. Then the request is resolved and
// answered.
#include "LabFuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using pilotsim::Json;
  Json request;
  try {
    request = Json::parse(pilotsim::fuzz::asText(data, size));
  } catch (const Json::exception&) {
    return 0;
  }
  pilotsim::fuzz::validateRequest(request);
  return 0;
}
