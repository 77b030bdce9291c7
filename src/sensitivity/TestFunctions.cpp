#include "pilotsim/sensitivity/TestFunctions.hpp"

#include "pilotsim/core/InputError.hpp"

#include <fmt/format.h>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace pilotsim::sensitivity {
namespace {

constexpr double kIshigamiA = 7.0, kIshigamiB = 0.1;
constexpr double kGA[] = {0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0};
constexpr double kLinearB[] = {1.0, -2.0, 4.0, 0.5};

}  // namespace

std::string testFunctionNames() { return "ishigami, g-function, linear"; }

bool parseTestFunction(std::string_view name, TestFunction& f) {
  if (name == "ishigami")
    f = TestFunction::Ishigami;
  else if (name == "g-function")
    f = TestFunction::GFunction;
  else if (name == "linear")
    f = TestFunction::Linear;
  else
    return false;
  return true;
}

TestFunctionInfo testFunctionInfo(TestFunction function) {
  TestFunctionInfo info;
  switch (function) {
    case TestFunction::Ishigami: {
      info.name = "ishigami";
      info.zh = "Ishigami 函数（a = 7，b = 0.1）";
      info.en = "Ishigami function (a = 7, b = 0.1)";
      for (int i = 1; i <= 3; ++i)
        info.factors.push_back(uniformFactor("x" + std::to_string(i), -std::numbers::pi, std::numbers::pi));
      const double a = kIshigamiA, b = kIshigamiB, pi4 = std::pow(std::numbers::pi, 4), pi8 = pi4 * pi4;
      const double v = a * a / 8.0 + b * pi4 / 5.0 + b * b * pi8 / 18.0 + 0.5;
      const double v1 = 0.5 * std::pow(1.0 + b * pi4 / 5.0, 2), v2 = a * a / 8.0, vt3 = 8.0 * b * b * pi8 / 225.0;
      info.first = {v1 / v, v2 / v, 0.0};
      info.total = {(v1 + vt3) / v, v2 / v, vt3 / v};
      break;
    }
    case TestFunction::GFunction: {
      info.name = "g-function";
      info.zh = "Sobol' G 函数（a = 0, 1, 4.5, 9, 99, 99, 99, 99）";
      info.en = "Sobol' G-function (a = 0, 1, 4.5, 9, 99, 99, 99, 99)";
      std::vector<double> vi;
      double prod = 1.0;
      for (double a : kGA) {
        vi.push_back(1.0 / (3.0 * (1.0 + a) * (1.0 + a)));
        prod *= 1.0 + vi.back();
      }
      const double v = prod - 1.0;
      for (std::size_t i = 0; i < vi.size(); ++i) {
        info.factors.push_back(uniformFactor("x" + std::to_string(i + 1), 0.0, 1.0));
        info.first.push_back(vi[i] / v);
        info.total.push_back(vi[i] * (prod / (1.0 + vi[i])) / v);
      }
      break;
    }
    case TestFunction::Linear: {
      info.name = "linear";
      info.zh = "线性函数（b = 1, -2, 4, 0.5）";
      info.en = "linear function (b = 1, -2, 4, 0.5)";
      double ss = 0.0;
      for (double b : kLinearB) ss += b * b;
      for (std::size_t i = 0; i < std::size(kLinearB); ++i) {
        info.factors.push_back(uniformFactor("x" + std::to_string(i + 1), 0.0, 1.0));
        info.first.push_back(kLinearB[i] * kLinearB[i] / ss);
        info.total.push_back(kLinearB[i] * kLinearB[i] / ss);
        info.effect.push_back(kLinearB[i]);
      }
      break;
    }
  }
  return info;
}

double evaluateTestFunction(TestFunction function, std::span<const double> x) {
  switch (function) {
    case TestFunction::Ishigami:
      return std::sin(x[0]) + kIshigamiA * std::pow(std::sin(x[1]), 2) +
             kIshigamiB * std::pow(x[2], 4) * std::sin(x[0]);
    case TestFunction::GFunction: {
      double g = 1.0;
      for (std::size_t i = 0; i < std::size(kGA); ++i) g *= (std::fabs(4.0 * x[i] - 2.0) + kGA[i]) / (1.0 + kGA[i]);
      return g;
    }
    case TestFunction::Linear: {
      double y = 0.0;
      for (std::size_t i = 0; i < std::size(kLinearB); ++i) y += kLinearB[i] * x[i];
      return y;
    }
  }
  return 0.0;
}

std::vector<double> evaluateTestFunction(TestFunction function, const Design& design) {
  const auto info = testFunctionInfo(function);
  if (design.factorCount() != info.factors.size())
    throw std::invalid_argument("evaluateTestFunction: the design's factors are not the function's");
  std::vector<double> y;
  y.reserve(design.runCount());
  for (std::size_t r = 0; r < design.runCount(); ++r) y.push_back(evaluateTestFunction(function, design.row(r)));
  return y;
}

Design testFunctionDesign(TestFunction function, DesignSettings settings) {
  if (settings.levels == 0) settings.levels = settings.method == DesignMethod::Morris ? 4 : 5;
  if (settings.method == DesignMethod::Morris && settings.levels % 2 != 0)
    throw InputError("", 0, "levels", fmt::format("must be even for morris (2, 4, 6, ...), got {}", settings.levels));
  SamplingSpec spec;
  spec.factors = testFunctionInfo(function).factors;
  spec.design = settings;
  return generateDesign(spec);
}

}  // namespace pilotsim::sensitivity
