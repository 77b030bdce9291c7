// How numbers and intervals are written in pilotsim's JSON files (summary.json, compare.json,
// claims.json): keys in the order written, doubles as the shortest text that reads back exactly,
// NaN and infinities as null (JSON has no NaN).
#pragma once

#include "pilotsim/core/Stats.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace pilotsim {

/// ordered_json keeps keys in the order written: files read top-down like the docs.
using Json = nlohmann::ordered_json;

/// A double, or null when it is not finite.
Json numberJson(double x);
/// {"mean", "lo", "hi", "sd", "n"}.
Json intervalJson(const Interval& iv);
/// What lets an experiment's file be re-run: {"program", "version", "command", "seed", "replicates"}.
Json provenanceJson(const std::string& command, std::uint64_t seed, int replicates);

}  // namespace pilotsim
