#include "pilotsim/model/Domains.hpp"

#include <array>

namespace pilotsim {

// Delays are modelling judgements (docs/ODD.md s.2.2): platforms and grids show within months, elderly
// care and the environment take years. Difficulty reflects how much coordination a domain needs.
static constexpr std::array kDomains = {
    Domain{"grid_management", "网格化管理", "grid management", 6, 0.3},
    Domain{"community_services", "社区服务", "community services", 9, 0.4},
    Domain{"elderly_care", "养老服务", "elderly care", 30, 0.6},
    Domain{"dispute_mediation", "矛盾纠纷调解", "dispute mediation", 12, 0.5},
    Domain{"smart_governance", "智慧治理", "smart governance", 4, 0.4},
    Domain{"party_building", "党建引领", "party-building-led governance", 12, 0.3},
    Domain{"public_safety", "公共安全", "public safety", 12, 0.5},
    Domain{"environment", "生态环境", "environment", 24, 0.6},
};

std::span<const Domain> domainTable() { return kDomains; }

}  // namespace pilotsim
