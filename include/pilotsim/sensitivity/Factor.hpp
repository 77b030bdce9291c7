// A factor of a sensitivity study: a named input and the distribution its values are drawn from.
//
// Every design works in the unit hypercube and maps each coordinate u in [0, 1] to a value through
// the factor's quantile function (Factor::fromUnit), so one design algorithm serves uniform, skewed
// and discrete factors alike. Names are free text (a model parameter key such as
// "reform.a1_cap", or a column name of another program's inputs): nothing here checks them against
// a model.
#pragma once

#include <string>
#include <vector>

namespace pilotsim::sensitivity {

enum class DistributionKind {
  Uniform,     ///< continuous uniform on [min, max]
  LogUniform,  ///< log of the value uniform on [log min, log max]; 0 < min < max
  Normal,      ///< normal(mean, sd), optionally truncated to [min, max]
  Discrete,    ///< one of a list of numbers, each equally likely
  Integer,     ///< a whole number in [min, max], each equally likely
  Boolean,     ///< false or true (0 or 1), each equally likely
};

/// How a factor's values are written and handed to a model.
enum class ValueType { Real, Integer, Boolean };

struct Factor {
  std::string name;  ///< the factor's key: a column name in design CSVs
  std::string zh;    ///< optional Chinese label for tables ("" = use name)
  std::string en;    ///< optional English label for tables ("" = use name)
  DistributionKind kind = DistributionKind::Uniform;
  double min = 0.0;            ///< lower bound (uniform, log-uniform, integer, truncation of a normal)
  double max = 1.0;            ///< upper bound
  double mean = 0.0;           ///< normal only
  double sd = 1.0;             ///< normal only, > 0
  bool truncated = false;      ///< normal only: limited to [min, max]
  std::vector<double> values;  ///< discrete only: the possible values, in the order given
  int levels = 0;              ///< factorial designs: levels of a continuous factor (0 = the design's default)

  /// The value at unit coordinate u (clamped to [0, 1]). Continuous kinds use the quantile
  /// function; discrete kinds split [0, 1] into equal cells, cell i giving the i-th value. At u = 0
  /// or 1 an unbounded normal gives -inf or +inf: designs that use the corners (factorial, Morris)
  /// reject unbounded factors first (see bounded()).
  double fromUnit(double u) const;
  /// True if fromUnit(0) and fromUnit(1) are finite.
  bool bounded() const;
  /// How the values are written: integers and booleans as whole numbers.
  ValueType valueType() const;
  /// The possible values of a discrete, integer or boolean factor in order; empty for continuous.
  std::vector<double> discreteValues() const;
  /// Label for a table in "zh" or "en" (falls back to the other language, then the name).
  const std::string& label(bool zh) const;
};

/// A factor uniform on [min, max] (test functions, tests, programmatic specs).
Factor uniformFactor(std::string name, double min, double max);

/// Name of a distribution kind as written in TOML ("uniform", "log-uniform", ...).
const char* distributionName(DistributionKind kind);

/// Standard normal quantile (inverse CDF) for p in (0, 1): Acklam's rational approximation refined
/// by one Halley step, accurate to about 1e-15.
double normalQuantile(double p);
/// Standard normal CDF.
double normalCdf(double x);

}  // namespace pilotsim::sensitivity
