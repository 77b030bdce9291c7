// Fuzz target: a scenario file, through what `pilotsim validate FILE` does with it (load, cross-key
// validation, the hierarchy it describes), plus the promise of toToml: the resolved scenario written
// as TOML loads back to the same scenario.
#include "FuzzSupport.hpp"
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

namespace {

// toToml's text without its comment lines (where it was built from, which preset): what must survive a
// round trip is every key and value.
std::string withoutComments(const std::string& toml) {
  std::string out;
  std::size_t start = 0;
  while (start < toml.size()) {
    std::size_t end = toml.find('\n', start);
    if (end == std::string::npos) end = toml.size();
    if (toml[start] != '#') out.append(toml, start, end - start + 1);
    start = end + 1;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pilotsim;
  Scenario s;
  try {
    s = loadScenarioText(fuzz::asText(data, size), "fuzz.toml");
  } catch (const InputError& e) {
    fuzz::checkMessage(e);
    return 0;
  }
  if (!validateParams(s.params).empty()) return 0;  // validate's exit 2
  (void)buildHierarchy(shapeFor(s.params.structure)).unitCount();

  // Read back under the same name; the header comments (source, preset) may still differ, keys and
  // values may not.
  const std::string written = toToml(s);
  std::string again;
  try {
    again = toToml(loadScenarioText(written, "fuzz.toml"));
  } catch (const InputError& e) {
    fuzz::violated("toToml wrote a scenario that loadScenarioText refuses", std::string(e.what()) + "\n" + written);
  }
  if (withoutComments(again) != withoutComments(written))
    fuzz::violated("toToml -> loadScenarioText -> toToml changed the scenario", written + "\n---\n" + again);
  return 0;
}
