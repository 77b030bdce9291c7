// What the lab's POST /api/validate does with a request once its body is JSON (src/server/LabServer.cpp):
// resolve the scenario, then build the reply (every value, the scenario as TOML, the run's size against
// the limits) and write it out. POST /api/runs resolves the same way before it queues a run.
//
// ApiError is the route's answer to bad input (a 4xx); anything else escaping would be the server's
// HTTP 500, so it is left to abort (FuzzSupport.hpp).
#pragma once

#include "FuzzSupport.hpp"
#include "pilotsim/server/ApiError.hpp"
#include "pilotsim/server/RunManager.hpp"
#include "pilotsim/server/ScenarioRequest.hpp"

namespace pilotsim::fuzz {

inline void validateRequest(const Json& request) {
  // The lab's default limits; its workers stay idle (nothing is submitted).
  static RunManager manager{RunLimits{}};
  try {
    const Scenario s = resolveScenarioRequest(request);
    Json out = {{"valid", true},
                {"name", s.name},
                {"base", s.base},
                {"description", s.description},
                {"values", parameterValuesJson(s.params)},
                {"toml", toToml(s)}};
    try {
      out["size"] = manager.checkSize(s);
    } catch (const ApiError& e) {
      out["limit_error"] = e.what();
    }
    (void)out.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const ApiError& e) {
    checkMessage(e);
    if (e.status() < 400 || e.status() > 499) violated("bad input answered with a status that is not 4xx", e.what());
    (void)e.body().dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace pilotsim::fuzz
