#include "pilotsim/io/JsonValues.hpp"

#include "pilotsim/core/Version.hpp"

#include <cmath>

namespace pilotsim {

Json numberJson(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

Json intervalJson(const Interval& iv) {
  Json j;
  j["mean"] = numberJson(iv.mean);
  j["lo"] = numberJson(iv.lo);
  j["hi"] = numberJson(iv.hi);
  j["sd"] = numberJson(iv.sd);
  j["n"] = iv.n;
  return j;
}

Json provenanceJson(const std::string& command, std::uint64_t seed, int replicates) {
  Json j;
  j["program"] = "pilotsim";
  j["version"] = std::string(programVersion());
  j["model_version"] = kModelVersion;
  j["command"] = command;
  j["seed"] = seed;
  j["replicates"] = replicates;
  return j;
}

}  // namespace pilotsim
