// 5.8 Recognition and media (paper s.2.1, s.2.3, s.3.3).
//
// Each December every superior names up to `per_superior` typical experiences among the pilots
// under it, by reported results by default and by verified (realised) results in proportion to A3's
// verified_recognition. The recognised unit's leader gains impression; the experience becomes a
// promotion campaign over all units under the superior (with probability promote_share), with
// media attention that feeds adoption.
// With higher-level uptake, superiors above the units' own consider only experiences already
// recognised at a deeper level in an earlier year, so outstanding local innovations climb the tree;
// a higher endorsement starts with more momentum (political potential energy).
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <vector>

namespace pilotsim {
namespace {

void startCampaign(State& s, std::uint32_t sup, const Pilot& source) {
  const auto& p = s.params;
  const auto begin = s.tree.unit_begin[sup], end = s.tree.unit_end[sup];
  const int above = s.tree.levelsBelow(sup) - 1;
  Campaign c;
  c.lineage = source.lineage;
  c.superior = sup;
  c.origin_unit = source.unit;
  c.source_pilot = source.id;
  c.domain = source.domain;
  c.level = s.tree.depth[sup];
  c.start = s.month;
  c.momentum = 1.0 + p.diffusion.endorsement_boost * above;
  c.media = p.mechanisms.media ? p.recognition.media * (1 + above) : 0.0;
  c.adopted.assign(end - begin, 0);
  // Units already running the lineage (its origin, earlier adopters) count as adopters.
  for (auto u = begin; u < end; ++u) {
    const Pilot* P = s.unitPilots(u);
    for (int i = 0; i < s.pilotCount(u); ++i)
      if (P[i].lineage == c.lineage) {
        c.adopted[u - begin] = 1;
        ++c.adopters;
        break;
      }
  }
  indexCampaign(s, c);
  s.running_campaigns.push_back(static_cast<std::uint32_t>(s.campaigns.size()));
  s.campaigns.push_back(std::move(c));
}

}  // namespace

void recogniseExperiences(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.recognition || !s.isDecember() || p.recognition.per_superior <= 0) return;
  const double v = p.regulation.verified_recognition;
  const auto per = static_cast<std::size_t>(p.recognition.per_superior);
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  // Every superior looks at all the pilots below it, so with higher-level uptake each pilot is
  // looked at once per level. The pilots old enough to be named, with their scores, are gathered
  // once into a table in unit order (pilots do not change during recognition), so that each
  // superior scans a contiguous range of it instead of the units' pilot blocks.
  using Candidate = RecognitionCandidate;
  auto& candidates = s.scratch_candidates;
  auto& first = s.scratch_first;  // unit u's candidates: [first[u], first[u + 1])
  candidates.clear();
  first.resize(N + 1);
  for (std::uint32_t u = 0; u < N; ++u) {
    first[u] = static_cast<std::uint32_t>(candidates.size());
    const Pilot* P = s.unitPilots(u);
    for (int i = 0; i < s.pilotCount(u); ++i) {
      const Pilot& x = P[i];
      if (s.month - x.start < p.recognition.min_age) continue;
      candidates.push_back({(1.0 - v) * x.reported + v * x.realised, x.id, x.lineage, &x});
    }
  }
  first[N] = static_cast<std::uint32_t>(candidates.size());
  // Higher score first, ties by id: reproducible.
  const auto better = [](const Candidate* a, const Candidate* b) {
    return a->score > b->score || (a->score == b->score && a->id < b->id);
  };
  std::vector<const Candidate*> best;
  best.reserve(per + 1);
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) {
    const bool direct = s.direct_units[sup] > 0;
    if (!direct && !p.mechanisms.higher_level_uptake) continue;
    const int depth = s.tree.depth[sup];
    best.clear();
    const Candidate* end = candidates.data() + first[s.tree.unit_end[sup]];
    for (const Candidate* x = candidates.data() + first[s.tree.unit_begin[sup]]; x < end; ++x) {
      // The score test first: it rejects most pilots without looking up their lineage.
      if (best.size() == per && !better(x, best.back())) continue;
      const auto known = s.lineage_recognised_depth[x->lineage];
      if (known >= 0 && known <= depth) continue;  // already recognised here or above
      if (!direct && known < 0) continue;          // higher levels take up recognised ones only
      if (best.size() == per) best.pop_back();
      best.insert(std::upper_bound(best.begin(), best.end(), x, better), x);
    }
    for (const Candidate* c : best) {
      const Pilot* x = c->pilot;
      // The same lineage can appear twice only if two units run it; recognise it once.
      const auto lineage = x->lineage;
      if (s.lineage_recognised_depth[lineage] == depth) continue;
      s.lineage_recognised_depth[lineage] = static_cast<std::int16_t>(depth);
      s.leaders[s.units.leader[x->unit]].impression += p.recognition.bonus;
      auto rng = s.stream(x->id, Purpose::Recognition);
      if (p.mechanisms.diffusion && rng.uniform() < p.recognition.promote_share) startCampaign(s, sup, *x);
    }
  }
}

}  // namespace pilotsim
