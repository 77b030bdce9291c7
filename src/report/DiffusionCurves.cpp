#include "pilotsim/report/DiffusionCurves.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pilotsim {

std::vector<DiffusionCurve> diffusionCurves(std::span<const DiffusionCampaign> campaigns,
                                            std::span<const DiffusionAdoption> adoptions, int last_month) {
  std::map<std::pair<int, std::int64_t>, std::vector<std::size_t>> by_lineage;
  for (std::size_t c = 0; c < campaigns.size(); ++c)
    if (campaigns[c].unit_end > campaigns[c].unit_begin)
      by_lineage[{campaigns[c].replicate, campaigns[c].lineage}].push_back(c);

  // Months after its campaign's start of each attributed adoption.
  std::vector<std::vector<int>> ages(campaigns.size());
  for (const auto& a : adoptions) {
    const auto it = by_lineage.find({a.replicate, a.lineage});
    if (it == by_lineage.end()) continue;
    const DiffusionCampaign* best = nullptr;
    std::size_t best_index = 0;
    for (const std::size_t c : it->second) {
      const auto& k = campaigns[c];
      if (k.start > a.start || a.unit < k.unit_begin || a.unit >= k.unit_end) continue;
      if (best == nullptr || k.start >= best->start) {
        best = &k;
        best_index = c;
      }
    }
    if (best != nullptr) ages[best_index].push_back(a.start - best->start);
  }

  std::map<int, std::vector<std::size_t>> by_level;
  for (const auto& [key, list] : by_lineage)
    for (const std::size_t c : list) by_level[campaigns[c].level].push_back(c);

  std::vector<DiffusionCurve> out;
  for (auto& [level, list] : by_level) {
    std::sort(list.begin(), list.end());
    DiffusionCurve curve;
    curve.level = level;
    curve.campaigns = static_cast<int>(list.size());
    int longest = -1;
    for (const std::size_t c : list) longest = std::max(longest, last_month - campaigns[c].start);
    for (int k = 0; k <= longest; ++k) {
      std::vector<double> shares;
      for (const std::size_t c : list) {
        const auto& camp = campaigns[c];
        if (camp.start + k > last_month) continue;
        const auto adopted = std::count_if(ages[c].begin(), ages[c].end(), [k](int age) { return age <= k; });
        shares.push_back(static_cast<double>(adopted) / static_cast<double>(camp.unit_end - camp.unit_begin));
      }
      curve.share.push_back(meanInterval(shares));
    }
    out.push_back(std::move(curve));
  }
  return out;
}

}  // namespace pilotsim
