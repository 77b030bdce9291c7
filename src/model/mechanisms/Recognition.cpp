// 5.8 Recognition and media (paper s.2.1, s.2.3, s.3.3).
//
// Each December every superior names up to `per_superior` typical experiences among the pilots
// under it, by the value it sees in them: reports as read with error by default; under A3's
// verified recognition v it first inspects the best-looking candidates (verified_candidates per
// name; each inspection uses one of its verifications) and ranks them by (1 - v) x seen + v x
// measured. It never reads the truth. The recognised unit's leader gains impression; the pilot is
// protected (stopping it costs its successor) and likelier to become a rule; the experience
// becomes known to the units below, who may adopt it of their own accord. The superior then
// chooses whether to promote it in a campaign, by logit on
//   U = a_s * promote_value * sig_parent(k) * seen / reference_report
//       - (1 - a_s) * burden_aversion * campaigns running / campaign capacity.
// With higher-level uptake, superiors above the units' own consider only experiences already
// recognised at a deeper level in an earlier year, so outstanding local innovations climb the tree.
#include "model/Incentives.hpp"
#include "model/Information.hpp"
#include "model/mechanisms/Campaigns.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace pilotsim {
namespace {

void makeKnown(State& s, std::uint32_t sup, const Pilot& pilot, double seen) {
  auto& next = s.superiors.known_next[sup];
  s.superiors.known[sup * kKnownExperiences + next] =
      KnownExperience{pilot.lineage, pilot.id, pilot.domain, static_cast<float>(seen), s.month};
  next = static_cast<std::uint8_t>((next + 1) % kKnownExperiences);
}

/// The superior's choice to promote the experience it named, in a campaign.
bool choosesToPromote(const State& s, std::uint32_t sup, const Pilot& pilot, double seen) {
  const auto& p = s.params;
  if (!p.mechanisms.diffusion) return false;
  const double ambition = s.superiors.ambition[sup];
  const auto parent = sup == 0 ? 0u : s.tree.parent[sup];
  const double utility = ambition * p.recognition.promote_value * signalWeight(s, parent, pilot.domain) * seen /
                             p.diffusion.reference_report -
                         (1.0 - ambition) * p.superiors.burden_aversion * s.superiors.campaign_ids[sup].size() /
                             p.superiors.campaign_capacity;
  auto rng = s.stream(pilot.id, Purpose::CampaignDecision);
  return rng.uniform() < logitShare(utility, p.behaviour.rationality);
}

}  // namespace

void recogniseExperiences(State& s) {
  const auto& p = s.params;
  if (!p.mechanisms.recognition || !s.isDecember() || p.recognition.per_superior <= 0) return;
  const double v = p.regulation.verified_recognition;
  const auto per = static_cast<std::size_t>(p.recognition.per_superior);
  const auto checked = v > 0 ? per * static_cast<std::size_t>(p.recognition.verified_candidates) : per;
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  // Every superior looks at all the pilots below it, so with higher-level uptake each pilot is
  // looked at once per level. The pilots old enough to be named, with the value seen in them, are
  // gathered once into a table in unit order (pilots do not change during recognition), so that
  // each superior scans a contiguous range of it instead of the units' pilot blocks.
  using Candidate = RecognitionCandidate;
  auto& candidates = s.scratch_candidates;
  auto& first = s.scratch_first;  // unit u's candidates: [first[u], first[u + 1])
  candidates.clear();
  first.resize(N + 1);
  for (std::uint32_t u = 0; u < N; ++u) {
    first[u] = static_cast<std::uint32_t>(candidates.size());
    Pilot* P = s.unitPilots(u);
    for (int i = 0; i < s.pilotCount(u); ++i) {
      Pilot& x = P[i];
      if (x.status == PilotStatus::Preparing || s.month - x.start < p.recognition.min_age) continue;
      candidates.push_back({valueSeen(s, x), x.id, x.lineage, &x});
    }
  }
  first[N] = static_cast<std::uint32_t>(candidates.size());
  // Higher value first, ties by id: reproducible.
  const auto better = [](const Candidate* a, const Candidate* b) {
    return a->seen > b->seen || (a->seen == b->seen && a->id < b->id);
  };
  std::vector<const Candidate*> best;
  best.reserve(checked + 1);
  struct Ranked {
    double score, measured;
    const Candidate* candidate;
  };
  std::vector<Ranked> ranked;
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) {
    const bool direct = s.direct_units[sup] > 0;
    if (!direct && !p.mechanisms.higher_level_uptake) continue;
    const int depth = s.tree.depth[sup];
    best.clear();
    const Candidate* end = candidates.data() + first[s.tree.unit_end[sup]];
    for (const Candidate* x = candidates.data() + first[s.tree.unit_begin[sup]]; x < end; ++x) {
      // The value test first: it rejects most pilots without looking up their lineage.
      if (best.size() == checked && !better(x, best.back())) continue;
      const auto known = s.lineage_recognised_depth[x->lineage];
      if (known >= 0 && known <= depth) continue;  // already recognised here or above
      if (!direct && known < 0) continue;          // higher levels take up recognised ones only
      if (best.size() == checked) best.pop_back();
      best.insert(std::upper_bound(best.begin(), best.end(), x, better), x);
    }
    // Under A3 the best-looking candidates are inspected and ranked again on the mix.
    ranked.clear();
    for (const Candidate* c : best) {
      Ranked r{c->seen, std::nan(""), c};
      if (v > 0) {
        auto rng = s.stream(c->id, Purpose::RecognitionVerify);
        r.measured = checkedValue(s, *c->pilot, rng);
        r.score = (1.0 - v) * c->seen + v * r.measured;
        s.superiors.reviews_used[sup] += 1;
      }
      ranked.push_back(r);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    std::size_t named = 0;
    for (const auto& [score, measured_value, c] : ranked) {
      if (named == per) break;
      Pilot* x = c->pilot;
      // The same lineage can appear twice only if two units run it; recognise it once.
      const auto lineage = x->lineage;
      if (s.lineage_recognised_depth[lineage] == depth) continue;
      ++named;
      s.lineage_recognised_depth[lineage] = static_cast<std::int16_t>(depth);
      s.leaders[s.units.leader[x->unit]].impression += p.recognition.bonus;
      x->recognised = 1;
      makeKnown(s, sup, *x, score);
      RecognitionRecord rec{s.month,     sup,         static_cast<std::uint16_t>(depth),
                            x->id,       lineage,     x->unit,
                            score,       x->reported, measured_value,
                            x->realised, kNone};
      if (choosesToPromote(s, sup, *x, score)) rec.campaign = startCampaign(s, sup, *x, score);
      s.recognitions.push_back(rec);
    }
  }
}

}  // namespace pilotsim
