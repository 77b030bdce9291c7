// The table of every parameter: key, Chinese and English names, valid and plausible ranges, unit,
// meaning, and where its default comes from. One table serves `pilotsim params`, TOML validation,
// `--set`, docs/ODD.md, and the samplers of robustness analysis and calibration (which draw from
// the plausible ranges).
#pragma once

#include "pilotsim/scenario/Params.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pilotsim {

enum class ParamType { Real, Integer, Boolean, Text, IntegerList, RealList };

/// A typed reference to one field of a Params.
using ParamRef =
    std::variant<double*, int*, bool*, std::string*, std::vector<int>*, std::int64_t*, std::vector<double>*>;

struct ParamSpec {
  std::string_view key;  ///< "section.name", as in TOML ([section] name = ...) and --set
  std::string_view zh;   ///< Chinese name (simplified characters)
  std::string_view en;   ///< English name
  ParamType type;
  double lo, hi;  ///< allowed closed range (numbers; list elements for lists)
  /// Plausible range: narrower than the allowed one, where the value of a parameter without an
  /// empirical anchor can reasonably lie. Robustness analysis and calibration priors sample from it.
  /// NaN for parameters that are not sampled (run settings, structure, switches, levers, lists).
  double plausible_lo, plausible_hi;
  std::string_view unit;              ///< unit, or "-" for dimensionless
  std::string_view unit_zh;           ///< unit in Chinese
  std::string_view meaning;           ///< one-line meaning
  std::string_view meaning_zh;        ///< one-line meaning in Chinese
  std::string_view source;            ///< where the default comes from (tags expanded in docs/ODD.md s.7.1)
  std::string_view plausible_reason;  ///< why the plausible range is what it is ("" if not sampled)
  std::string_view lever;             ///< paper grouping: driver, coupling, A1..C3, mechanism, ... or ""
  ParamRef (*field)(Params&);

  ParamRef ref(Params& p) const { return field(p); }
  /// Whether robustness analysis and calibration sample this parameter.
  bool sampled() const { return plausible_lo == plausible_lo; }  // NaN compares unequal
};

/// All parameters in documentation order.
std::span<const ParamSpec> paramRegistry();

/// The spec for a key, or nullptr.
const ParamSpec* findParam(std::string_view key);

/// A key that model version 2 renamed: the old key, the key it now sets, and why.
struct RenamedParam {
  std::string_view old_key, new_key, reason;
};
/// Keys that are still accepted under their old name, with a deprecation message.
std::span<const RenamedParam> renamedParams();
/// The renamed entry for an old key, or nullptr.
const RenamedParam* findRenamedParam(std::string_view old_key);

/// Every parameter as a JSON array, one object per parameter in documentation order: key, zh, en,
/// default (typed), allowed, allowed_zh, min, max (numbers and lists), plausible_min, plausible_max
/// and plausible_reason (sampled parameters), unit, unit_zh, meaning, meaning_zh, source, lever.
/// `pilotsim params --format json` prints it; the Python module's pilotsim.params() reads it.
std::string paramsJson();

/// The value of a parameter as TOML-compatible text (strings quoted, lists bracketed).
std::string formatValue(const Params& p, const ParamSpec& spec);

/// What values are allowed, for error messages: "a number in [0, 3]", "true or false", ...
std::string allowedText(const ParamSpec& spec);
/// The same in Chinese: "[0, 3] 内的数", "true 或 false", ...
std::string allowedTextZh(const ParamSpec& spec);

/// Check every parameter's range and the cross-parameter rules. Returns one message per problem,
/// each naming the key; an empty result means valid.
std::vector<std::string> validateParams(const Params& p);

}  // namespace pilotsim
