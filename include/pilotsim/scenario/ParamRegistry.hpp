// The table of every parameter: key, Chinese and English names, range, unit, meaning, and where
// its default comes from. One table serves `pilotsim params`, TOML validation, `--set` and docs.
#pragma once

#include "pilotsim/scenario/Params.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pilotsim {

enum class ParamType { Real, Integer, Boolean, Text, IntegerList };

/// A typed reference to one field of a Params.
using ParamRef = std::variant<double*, int*, bool*, std::string*, std::vector<int>*, std::int64_t*>;

struct ParamSpec {
  std::string_view key;  ///< "section.name", as in TOML ([section] name = ...) and --set
  std::string_view zh;   ///< Chinese name (simplified characters)
  std::string_view en;   ///< English name
  ParamType type;
  double lo, hi;             ///< allowed closed range (numbers; list elements for IntegerList)
  std::string_view unit;     ///< unit, or "-" for dimensionless
  std::string_view meaning;  ///< one-line meaning
  std::string_view source;   ///< where the default comes from (see docs/ODD.md)
  std::string_view lever;    ///< paper grouping: driver, coupling, A1..C3, mechanism, ... or ""
  ParamRef (*field)(Params&);

  ParamRef ref(Params& p) const { return field(p); }
};

/// All parameters in documentation order.
std::span<const ParamSpec> paramRegistry();

/// The spec for a key, or nullptr.
const ParamSpec* findParam(std::string_view key);

/// The value of a parameter as TOML-compatible text (strings quoted, lists bracketed).
std::string formatValue(const Params& p, const ParamSpec& spec);

/// What values are allowed, for error messages: "a number in [0, 3]", "true or false", ...
std::string allowedText(const ParamSpec& spec);

/// Check every parameter's range and the cross-parameter rules. Returns one message per problem,
/// each naming the key; an empty result means valid.
std::vector<std::string> validateParams(const Params& p);

}  // namespace pilotsim
