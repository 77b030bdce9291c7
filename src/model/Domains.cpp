#include "pilotsim/model/Domains.hpp"

#include "pilotsim/scenario/Params.hpp"

#include <array>

namespace pilotsim {

// The eight domains of MODEL.md s.3, in the order of the domains.* parameter lists.
static constexpr std::array<Domain, kMaxDomains> kDomains = {{
    {"grid_management", "网格化管理", "grid management"},
    {"community_services", "社区服务", "community services"},
    {"elderly_care", "养老服务", "elderly care"},
    {"dispute_mediation", "矛盾纠纷调解", "dispute mediation"},
    {"smart_governance", "智慧治理", "smart governance"},
    {"party_building", "党建引领", "party-building-led governance"},
    {"public_safety", "公共安全", "public safety"},
    {"environment", "生态环境", "environment"},
}};

std::span<const Domain> domainTable() { return kDomains; }

}  // namespace pilotsim
