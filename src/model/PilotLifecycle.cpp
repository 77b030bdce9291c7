#include "model/PilotLifecycle.hpp"

#include <algorithm>

namespace pilotsim {

double drawFit(double need, RandomStream& rng) { return std::clamp(designedFit(need) + 0.1 * rng.normal(), 0.02, 1.0); }

double drawQuality(double competence, RandomStream& rng) {
  return std::clamp(competence * (0.7 + 0.3 * rng.uniform()), 0.05, 1.5);
}

bool canStartPilot(const State& s, std::uint32_t unit) {
  const int cap = s.params.regulation.pilot_cap;
  if (s.units.slot_count[unit] >= kMaxSlots) return false;
  // A1 caps pilots that need attention; institutionalised ones are rules now, not pilots.
  return cap == 0 || s.units.load[unit] < cap;
}

void writeRecord(State& s, const Pilot& p) {
  auto& r = s.records[p.id];
  r.status = p.status;
  r.turnovers = p.turnovers;
  r.quality = p.quality;
  r.fit = p.fit;
  r.substance = p.substance_total;
  r.packaging = p.packaging_total;
  r.funds = p.funds_total;
  r.diverted = p.diverted_total;
  r.impact_built = p.built;
  r.impact_realised = p.realised;
  r.reported = p.reported;
}

std::uint32_t startPilot(State& s, const NewPilot& n) {
  auto& U = s.units;
  Pilot& pilot = s.unitPilots(n.unit)[U.slot_count[n.unit]];
  pilot = Pilot{};
  pilot.id = s.nextPilotId();
  pilot.unit = n.unit;
  pilot.leader = n.leader;
  pilot.start = s.month;
  pilot.domain = static_cast<std::uint8_t>(n.domain);
  pilot.origin = n.origin;
  pilot.status = PilotStatus::Active;
  pilot.became_real = n.already_real || n.realised >= s.params.pilot.real_threshold ? 1 : 0;
  {
    // The failure hazard is fixed for the pilot's life (difficulty, quality, fit), so its failure
    // age is drawn once: the same distribution as a monthly Bernoulli draw.
    const auto& pp = s.params.pilot;
    const double hazard =
        pp.failure_rate * (0.5 + s.domains[n.domain].difficulty) * (2.0 - std::min(1.0, n.quality)) * (2.0 - n.fit);
    auto rng = s.stream(pilot.id, Purpose::PilotFailure);
    pilot.fail_age = static_cast<std::int32_t>(std::min<std::uint32_t>(rng.geometric(hazard), INT32_MAX));
  }
  pilot.quality = n.quality;
  pilot.fit = n.fit;
  pilot.target = n.target;
  pilot.funds_rate = n.funds_rate;
  pilot.built = n.built;
  pilot.realised = n.realised;
  pilot.reported = n.realised;
  const std::uint32_t lineage = n.lineage == kNone ? s.lineage_count++ : n.lineage;
  pilot.lineage = lineage;
  if (lineage >= s.lineage_recognised_depth.size()) s.lineage_recognised_depth.resize(lineage + 1, -1);
  PilotRecord record{};
  record.id = pilot.id;
  record.unit = n.unit;
  record.domain = pilot.domain;
  record.origin = n.origin;
  record.style = n.style;
  record.first_mover = n.first_mover;
  record.lineage = lineage;
  record.leader = n.leader;
  record.restarted_from = n.restarted_from;
  record.start = s.month;
  record.end = kStillRunning;
  record.novelty = n.novelty;
  s.records.push_back(record);
  writeRecord(s, pilot);

  ++U.slot_count[n.unit];
  ++U.load[n.unit];
  U.summary_stale[n.unit] = 1;
  ++U.domain_pilots[n.unit * s.K + n.domain];
  U.live_realised[n.unit * s.K + n.domain] += n.realised;
  ++U.pilots_started[n.unit];
  if (n.origin == Origin::Designated) {
    ++U.designated_live[n.unit];
    ++U.designated_received[n.unit];
  }
  ++s.leaders[n.leader].pilots_started;
  s.events.starts[static_cast<int>(n.origin)] += 1;
  if (n.origin == Origin::Spontaneous) {
    (n.first_mover ? s.events.first_quality : s.events.late_quality) += n.quality;
    (n.first_mover ? s.events.first_count : s.events.late_count) += 1;
  }
  return pilot.id;
}

void endPilot(State& s, std::uint32_t u, int index, PilotStatus status, bool at_turnover) {
  auto& U = s.units;
  Pilot* block = s.unitPilots(u);
  Pilot& p = block[index];
  if (p.status != PilotStatus::Institutionalised) --U.load[u];
  U.summary_stale[u] = 1;
  if (p.origin == Origin::Designated && p.status != PilotStatus::Institutionalised) --U.designated_live[u];
  --U.domain_pilots[u * s.K + p.domain];
  U.legacy[u * s.K + p.domain] += p.realised;
  s.leaders[p.leader].banked_contribution += p.contribution;
  U.live_realised[u * s.K + p.domain] -= p.realised;
  p.status = status;
  s.records[p.id].end = s.month;
  s.records[p.id].ended_at_turnover = at_turnover;
  const double effort = p.substance_total + p.packaging_total;  // special funds are inside both
  s.events.ended += 1;
  s.events.ended_effort += effort;
  if (status != PilotStatus::Institutionalised) s.events.wasted_effort += effort;
  writeRecord(s, p);
  // Keep the others in start order: iteration order within a unit is part of the model's
  // determinism.
  std::move(block + index + 1, block + U.slot_count[u], block + index);
  --U.slot_count[u];
}

void absorbOldRules(State& s, std::uint32_t u) {
  Pilot* block = s.unitPilots(u);
  int rules = 0;
  for (int i = 0; i < s.pilotCount(u); ++i) rules += block[i].status == PilotStatus::Institutionalised;
  // The block is in start order, so the first rules found are the oldest.
  for (int i = 0; rules > kMaxRules && i < s.pilotCount(u);) {
    Pilot& p = block[i];
    if (p.status != PilotStatus::Institutionalised) {
      ++i;
      continue;
    }
    const auto k = u * s.K + p.domain;
    s.units.rule_legacy[k] += p.realised;
    s.units.live_realised[k] -= p.realised;
    --s.units.domain_pilots[k];
    s.leaders[p.leader].banked_contribution += p.contribution;
    writeRecord(s, p);
    std::move(block + i + 1, block + s.pilotCount(u), block + i);
    --s.units.slot_count[u];
    --rules;
  }
}

void institutionalise(State& s, Pilot& p) {
  p.status = PilotStatus::Institutionalised;
  s.units.summary_stale[p.unit] = 1;
  s.records[p.id].end = s.month;  // for survival analysis: the pilot ends by becoming a rule
  --s.units.load[p.unit];
  if (p.origin == Origin::Designated) --s.units.designated_live[p.unit];  // a rule, not a pilot
  s.events.institutionalised += 1;
  // Institutionalisation ends the pilot as a pilot: it counts among pilots ending, and its effort
  // was not wasted.
  s.events.ended += 1;
  s.events.ended_effort += p.substance_total + p.packaging_total;
}

}  // namespace pilotsim
