// Test functions with known sensitivity indices, to check samplers and analysers end to end
// (`pilotsim analyze --test-function`, tests/sensitivity).
//
//   ishigami (Ishigami and Homma 1990), a = 7, b = 0.1, x1..x3 ~ U[-pi, pi]:
//     f = sin x1 + a sin^2 x2 + b x3^4 sin x1
//     V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V3 = 0, VT3 = 8 b^2 pi^8 / 225,
//     V = a^2 / 8 + b pi^4 / 5 + b^2 pi^8 / 18 + 1/2   ->  S = (0.3139, 0.4424, 0),
//     ST = (0.5576, 0.4424, 0.2437)
//   g-function (Sobol' 1993; Saltelli et al. 2008, sec. 3.6), a = (0, 1, 4.5, 9, 99, 99, 99, 99),
//     x_i ~ U[0, 1]: f = prod (|4 x_i - 2| + a_i) / (1 + a_i);
//     V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V,
//     ST_i = V_i prod_{j != i} (1 + V_j) / V
//   linear, b = (1, -2, 4, 0.5), x_i ~ U[0, 1]: f = sum b_i x_i; S_i = ST_i = b_i^2 / sum b^2;
//     every Morris elementary effect of x_i equals b_i (mu = b_i, mu* = |b_i|, sigma = 0).
#pragma once

#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/Factor.hpp"
#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim::sensitivity {

enum class TestFunction { Ishigami, GFunction, Linear };

struct TestFunctionInfo {
  std::string name;  ///< as given on the command line
  std::string zh, en;
  std::vector<Factor> factors;
  std::vector<double> first;   ///< analytic first-order indices
  std::vector<double> total;   ///< analytic total-order indices
  std::vector<double> effect;  ///< analytic Morris mu (constant elementary effects); empty if none
};

/// Names accepted by parseTestFunction, comma-separated, for messages.
std::string testFunctionNames();
bool parseTestFunction(std::string_view name, TestFunction& function);
TestFunctionInfo testFunctionInfo(TestFunction function);
double evaluateTestFunction(TestFunction function, std::span<const double> x);
/// f at every run of the design (whose factors must be the function's, in order).
std::vector<double> evaluateTestFunction(TestFunction function, const Design& design);
/// The design of a check of `function`: its factors sampled as `settings` says, with levels 0
/// meaning morris' default 4 (5 for the other methods). Throws InputError (key "levels") for an
/// odd number of morris levels, and what generateDesign throws.
Design testFunctionDesign(TestFunction function, DesignSettings settings);

}  // namespace pilotsim::sensitivity
