// Policy domains (MODEL.md s.3): names here; each domain's delay, difficulty and visibility are
// parameters (domains.delay, domains.difficulty, domains.visibility). The paper stresses that real
// effects show late and hardly show in reports while packaging shows at once, so delay and
// visibility are what separate substance from packaging in what superiors see.
#pragma once

#include <span>
#include <string_view>

namespace pilotsim {

struct Domain {
  std::string_view key;  ///< snake_case identifier
  std::string_view zh;
  std::string_view en;
};

/// The domain table (kMaxDomains rows); a scenario uses the first `structure.domains` entries.
std::span<const Domain> domainTable();

}  // namespace pilotsim
