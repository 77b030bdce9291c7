#include "model/PilotLifecycle.hpp"

#include "model/Incentives.hpp"

#include <algorithm>

namespace pilotsim {

double drawFit(const Params& p, double need, RandomStream& rng) {
  return std::clamp(designedFit(p, need) + p.pilot.fit_noise * rng.normal(), p.pilot.min_fit, 1.0);
}

double boundQuality(const Params& p, double quality) {
  return std::clamp(quality, p.pilot.min_quality, p.pilot.max_quality);
}

double drawQuality(const Params& p, double competence, int boldness, double preparation, RandomStream& rng) {
  const auto& pp = p.pilot;
  // U(floor, 1) around its mean, the spread widened (bold) or narrowed (cautious) by boldness.
  const double mid = 0.5 * (1.0 + pp.quality_floor);
  const double draw = mid + (rng.uniform() - 0.5) * (1.0 - pp.quality_floor) * pp.bold_spread[boldness];
  return boundQuality(p, competence * draw * pp.bold_quality[boldness] * preparationFactor(p, preparation));
}

bool canStartPilot(const State& s, std::uint32_t unit) {
  const int cap = s.params.regulation.number_control;
  if (s.units.slot_count[unit] >= kMaxSlots) return false;
  // C1 caps pilots that need attention and those being prepared; institutionalised ones are
  // rules now, not pilots.
  return cap == 0 || s.units.load[unit] + s.units.preparing[unit] < cap;
}

void writeRecord(State& s, const Pilot& p) {
  auto& r = s.records[p.id];
  r.status = p.status;
  r.turnovers = p.turnovers;
  r.second_innovations = p.second;
  r.crossed_red_line = p.crossed != 0;
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
  const auto& p = s.params;
  auto& U = s.units;
  Pilot& pilot = s.unitPilots(n.unit)[U.slot_count[n.unit]];
  pilot = Pilot{};
  pilot.id = s.nextPilotId();
  pilot.unit = n.unit;
  pilot.leader = n.leader;
  pilot.programme = n.programme;
  pilot.start = s.month + n.preparation;
  pilot.domain = static_cast<std::uint8_t>(n.domain);
  pilot.origin = n.origin;
  pilot.status = n.preparation > 0 ? PilotStatus::Preparing : PilotStatus::Active;
  pilot.boldness = static_cast<std::uint8_t>(n.boldness);
  pilot.became_real = n.already_real || n.realised >= p.pilot.real_threshold ? 1 : 0;
  {
    // The failure and red-line hazards are fixed for the pilot's life (difficulty, quality, fit,
    // boldness, the superior's framework), so their ages are drawn once: the same distribution as
    // monthly Bernoulli draws.
    double hazard = failureHazard(p, s.difficulty[n.domain], n.quality, n.fit) * p.pilot.bold_failure[n.boldness];
    if (n.origin == Origin::Designated) hazard *= p.programmes.framework_risk;
    auto rng = s.stream(pilot.id, Purpose::PilotFailure);
    pilot.fail_age = static_cast<std::int32_t>(std::min<std::uint32_t>(rng.geometric(hazard), INT32_MAX));
    pilot.redline_age = -1;
    if (p.mechanisms.red_line) {
      auto red = s.stream(pilot.id, Purpose::RedLine);
      const auto age = red.geometric(p.pilot.redline_rate * p.pilot.bold_redline[n.boldness]);
      if (age < static_cast<std::uint32_t>(p.pilot.failure_window)) pilot.redline_age = static_cast<std::int32_t>(age);
    }
  }
  pilot.quality = static_cast<float>(n.quality);
  pilot.fit = static_cast<float>(n.fit);
  pilot.target = static_cast<float>(n.target);
  pilot.funds_rate = static_cast<float>(n.funds_rate);
  pilot.built = n.built;
  pilot.realised = n.realised;
  pilot.reported = s.visibility[n.domain] * n.realised;
  pilot.assessed_month = -1;
  const std::uint32_t lineage = n.lineage == kNone ? s.lineage_count++ : n.lineage;
  pilot.lineage = lineage;
  if (lineage >= s.lineage_recognised_depth.size()) s.lineage_recognised_depth.resize(lineage + 1, -1);
  PilotRecord record{};
  record.id = pilot.id;
  record.unit = n.unit;
  record.domain = pilot.domain;
  record.origin = n.origin;
  record.style = n.style;
  record.boldness = pilot.boldness;
  record.halt_reason = HaltReason::None;
  record.delivered = -1;
  record.lineage = lineage;
  record.leader = n.leader;
  record.restarted_from = n.restarted_from;
  record.adopted_from = n.adopted_from;
  record.campaign = n.campaign;
  record.programme = n.programme;
  record.decided = s.month;
  record.start = pilot.start;
  record.end = kStillRunning;
  record.absorbed = kStillRunning;
  record.novelty = n.novelty;
  record.target = n.target;
  s.records.push_back(record);
  writeRecord(s, pilot);

  ++U.slot_count[n.unit];
  pilotsChanged(s, n.unit);
  ++U.pilots_started[n.unit];
  if (n.origin == Origin::Designated) ++U.designated_received[n.unit];
  ++s.leaders[n.leader].pilots_started;
  if (pilot.status == PilotStatus::Preparing) {
    ++U.preparing[n.unit];
    s.launches[pilot.start % kLaunchRing].push_back({n.unit, pilot.id});
  } else {
    launchPilot(s, pilot);
  }
  return pilot.id;
}

void launchPilot(State& s, Pilot& pilot) {
  auto& U = s.units;
  const auto u = pilot.unit;
  const int k = pilot.domain;
  if (pilot.status == PilotStatus::Preparing) --U.preparing[u];
  pilot.status = PilotStatus::Active;
  ++U.load[u];
  ++U.domain_pilots[u * s.K + k];
  U.live_realised[u * s.K + k] += pilot.realised;
  if (pilot.origin == Origin::Designated) ++U.designated_live[u];
  pilotsChanged(s, u);
  auto& record = s.records[pilot.id];
  // Claimed as of the launch: a peer that launched meanwhile has taken the first place.
  if (record.novelty < 0) record.novelty = noveltyClaim(s, u, k);
  s.events.starts[static_cast<int>(pilot.origin)] += 1;
  if (pilot.origin == Origin::Spontaneous) {
    const bool first = peersRunning(s, u, k) <= 0;
    record.first_mover = first;
    ++s.superiors.starts_month[s.tree.unit_superior[u]];
    const double preparation = pilot.start - record.decided;
    (first ? s.events.first_quality : s.events.late_quality) += pilot.quality;
    (first ? s.events.first_count : s.events.late_count) += 1;
    (first ? s.events.first_preparation : s.events.late_preparation) += preparation;
  }
}

void endPilot(State& s, std::uint32_t u, int index, PilotStatus status, bool at_turnover) {
  auto& U = s.units;
  Pilot* block = s.unitPilots(u);
  Pilot& p = block[index];
  if (p.attended()) {
    --U.load[u];
    if (p.origin == Origin::Designated) --U.designated_live[u];
  }
  if (p.status == PilotStatus::Preparing) {
    --U.preparing[u];
  } else {
    --U.domain_pilots[u * s.K + p.domain];
    U.legacy[u * s.K + p.domain] += p.realised;
    U.live_realised[u * s.K + p.domain] -= p.realised;
  }
  pilotsChanged(s, u);
  s.leaders[p.leader].banked_contribution += p.contribution;
  p.status = status;
  s.records[p.id].end = s.month;
  s.records[p.id].ended_at_turnover = at_turnover;
  const double effort = p.substance_total + p.packaging_total;  // special funds are inside both
  s.events.ended += 1;
  s.events.ended_effort += effort;
  // A pilot that ran its period and was concluded did what a pilot is for; one that failed, was
  // interrupted, abandoned or halted did not.
  if (status != PilotStatus::Institutionalised && status != PilotStatus::Concluded) s.events.wasted_effort += effort;
  writeRecord(s, p);
  // Keep the others in start order: iteration order within a unit is part of the model's
  // determinism.
  std::move(block + index + 1, block + U.slot_count[u], block + index);
  --U.slot_count[u];
}

void haltPilot(State& s, std::uint32_t u, int index, HaltReason reason) {
  s.records[s.unitPilots(u)[index].id].halt_reason = reason;
  s.events.halted += 1;
  endPilot(s, u, index, PilotStatus::Halted, false);
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
    s.records[p.id].absorbed = s.month;
    writeRecord(s, p);
    std::move(block + i + 1, block + s.pilotCount(u), block + i);
    --s.units.slot_count[u];
    --rules;
  }
}

void institutionalise(State& s, Pilot& p) {
  if (p.attended()) {
    --s.units.load[p.unit];
    if (p.origin == Origin::Designated) --s.units.designated_live[p.unit];  // a rule, not a pilot
  }
  p.status = PilotStatus::Institutionalised;
  pilotsChanged(s, p.unit);
  s.records[p.id].end = s.month;  // for survival analysis: the pilot ends by becoming a rule
  s.events.institutionalised += 1;
  if (p.realised < s.params.pilot.real_threshold) s.events.institutionalised_empty += 1;
  // Institutionalisation ends the pilot as a pilot: it counts among pilots ending, and its effort
  // was not wasted.
  s.events.ended += 1;
  s.events.ended_effort += p.substance_total + p.packaging_total;
}

}  // namespace pilotsim
