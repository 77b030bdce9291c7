// Policy domains (MODEL.md s.3): each has a difficulty and an impact delay. The paper stresses that
// real effects show late while packaging shows at once, so the delay is what separates them.
#pragma once

#include <span>
#include <string_view>

namespace pilotsim {

struct Domain {
  std::string_view key;  ///< snake_case identifier
  std::string_view zh;
  std::string_view en;
  double delay;       ///< months before built impact reaches citizens (first-order lag)
  double difficulty;  ///< 0..1: slows building impact and raises failure risk
};

/// The domain table; a scenario uses the first `structure.domains` entries.
std::span<const Domain> domainTable();

}  // namespace pilotsim
