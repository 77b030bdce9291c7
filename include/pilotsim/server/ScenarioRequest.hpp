// A scenario as the lab's HTTP API receives it: JSON naming a preset or carrying scenario TOML, plus
// parameter overrides. It resolves through the same loader, `--set` rules and cross-key validation as
// `pilotsim run`, so a scenario the lab accepts is one the command line accepts, and the other way
// round.
#pragma once

#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/scenario/Scenario.hpp"

namespace pilotsim {

/// Resolve {"preset": NAME} or {"toml": TEXT [, "filename": NAME]}, then "set": {KEY: VALUE, ...}
/// (VALUE a JSON number, boolean, string or list of whole numbers), then optional "name".
/// Throws ApiError (400) naming the key, file and line of the first problem, or listing every
/// cross-key problem under "problems".
Scenario resolveScenarioRequest(const Json& request);

/// Every parameter's value as JSON, keyed by parameter key in registry order.
Json parameterValuesJson(const Params& params);

}  // namespace pilotsim
