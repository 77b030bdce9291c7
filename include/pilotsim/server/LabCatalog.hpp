// What the lab offers, as JSON for the page and for scripts: the presets, the parameters grouped as
// the paper groups them (drivers, coupling mechanisms, the reform groups A/B/C, the mechanisms, run
// and structure, then the model's other parameters), and the outcome measures. Everything is read
// from the registries the command line uses (ParamRegistry, measureTable, the embedded presets), so
// the lab never lists a parameter or measure the program does not have.
#pragma once

#include "pilotsim/io/JsonValues.hpp"

#include <string_view>

namespace pilotsim {

/// [{"name", "description_en", "description_zh"}] in presetNames() order.
Json presetsJson();
/// {"name", "base", "description_en", "description_zh", "values": {key: value}} of one preset.
/// Throws ApiError (404) for an unknown preset.
Json presetJson(std::string_view name);
/// {"groups": [{"id", "zh", "en", "levers": [...]}], "params": [{"key", "zh", "en", "type", "min",
/// "max", "unit", "meaning", "lever", "group"}]}.
Json parametersJson();
/// [{"key", "zh", "en", "unit", "unit_zh", "meaning", "key_measure"}] in column order.
Json measuresJson();

}  // namespace pilotsim
