#include "pilotsim/sensitivity/Factor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace pilotsim::sensitivity {
namespace {

// Index of the equal cell of [0, 1] that u falls in, for n cells; u = 1 belongs to the last cell.
std::size_t cellOf(double u, std::size_t n) {
  const auto i = static_cast<std::size_t>(std::floor(u * static_cast<double>(n)));
  return std::min(i, n - 1);
}

}  // namespace

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double normalQuantile(double p) {
  if (!(p > 0.0)) return -std::numeric_limits<double>::infinity();
  if (!(p < 1.0)) return std::numeric_limits<double>::infinity();
  // P. J. Acklam's rational approximation (relative error 1.15e-9), then one Halley step on
  // erfc, which brings it to full double precision.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double low = 0.02425;
  double x;
  if (p < low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  const double e = normalCdf(x) - p;
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

double Factor::fromUnit(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  switch (kind) {
    case DistributionKind::Uniform:
      return min + u * (max - min);
    case DistributionKind::LogUniform:
      return std::exp(std::log(min) + u * (std::log(max) - std::log(min)));
    case DistributionKind::Normal: {
      if (!truncated) return mean + sd * normalQuantile(u);
      // Inverse CDF of the normal restricted to [min, max]: map u into the CDF range of the bounds.
      const double plo = normalCdf((min - mean) / sd);
      const double phi = normalCdf((max - mean) / sd);
      return std::clamp(mean + sd * normalQuantile(plo + u * (phi - plo)), min, max);
    }
    case DistributionKind::Discrete:
      return values[cellOf(u, values.size())];
    case DistributionKind::Integer: {
      const auto n = static_cast<std::size_t>(max - min) + 1;
      return min + static_cast<double>(cellOf(u, n));
    }
    case DistributionKind::Boolean:
      return u < 0.5 ? 0.0 : 1.0;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

bool Factor::bounded() const { return kind != DistributionKind::Normal || truncated; }

ValueType Factor::valueType() const {
  switch (kind) {
    case DistributionKind::Integer:
      return ValueType::Integer;
    case DistributionKind::Boolean:
      return ValueType::Boolean;
    case DistributionKind::Discrete:
      return std::all_of(values.begin(), values.end(), [](double v) { return std::trunc(v) == v; }) ? ValueType::Integer
                                                                                                    : ValueType::Real;
    default:
      return ValueType::Real;
  }
}

std::vector<double> Factor::discreteValues() const {
  switch (kind) {
    case DistributionKind::Discrete:
      return values;
    case DistributionKind::Boolean:
      return {0.0, 1.0};
    case DistributionKind::Integer: {
      std::vector<double> out;
      for (double v = min; v <= max; v += 1.0) out.push_back(v);
      return out;
    }
    default:
      return {};
  }
}

const std::string& Factor::label(bool chinese) const {
  const std::string& first = chinese ? zh : en;
  const std::string& second = chinese ? en : zh;
  if (!first.empty()) return first;
  if (!second.empty()) return second;
  return name;
}

Factor uniformFactor(std::string name, double min, double max) {
  Factor f;
  f.name = std::move(name);
  f.kind = DistributionKind::Uniform;
  f.min = min;
  f.max = max;
  return f;
}

const char* distributionName(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Uniform:
      return "uniform";
    case DistributionKind::LogUniform:
      return "log-uniform";
    case DistributionKind::Normal:
      return "normal";
    case DistributionKind::Discrete:
      return "discrete";
    case DistributionKind::Integer:
      return "integer";
    case DistributionKind::Boolean:
      return "boolean";
  }
  return "?";
}

}  // namespace pilotsim::sensitivity
