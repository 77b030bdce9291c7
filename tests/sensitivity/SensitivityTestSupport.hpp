// Small builders shared by the sensitivity tests.
#pragma once

#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include <string>
#include <vector>

namespace pilotsim::sensitivity::test {

// Tests write uniformFactor("a") for a factor on [0, 1].
inline Factor uniformFactor(std::string name, double lo = 0.0, double hi = 1.0) {
  return sensitivity::uniformFactor(std::move(name), lo, hi);
}

inline SamplingSpec specOf(DesignMethod method, std::vector<Factor> factors, std::uint64_t seed = 1) {
  SamplingSpec s;
  s.design.method = method;
  s.design.seed = seed;
  s.factors = std::move(factors);
  return s;
}

}  // namespace pilotsim::sensitivity::test
