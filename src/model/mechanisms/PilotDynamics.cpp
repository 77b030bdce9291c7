// 5.6 Pilot dynamics: impact, reports, symbolic stall, failure, institutionalisation, A2 reviews.
//
//   dk = g * q * f * s_eff / (s_eff + half) - decay * k        (g = growth * (1 - difficulty/2))
//   dr = (k - r) / delay                                       (citizens see impact after a lag)
//   P  = P * (1 - packaging_decay) + packaging
//   R  = r + inflation * persuasion * P^eta                    (reports: realised + bought inflation)
// An institutionalised pilot needs no attention and decays slowly. A pilot whose effective
// substance stays below the threshold for `symbolic_months` is symbolic (exists in reports only).
// Early in life a pilot fails with a hazard that rises with difficulty, low quality and poor fit;
// a failure costs the leader's evaluation unless tolerated. A pilot old enough with real realised
// impact is written into rules with a monthly hazard. A designated pilot is reviewed at the end of
// its programme's term. A unit keeps at most kMaxRules institutionalised pilots; older ones are
// absorbed into routine (PilotLifecycle.hpp). Under A2, milestone reviews stop pilots that
// are symbolic or show no impact.
#include "model/mechanisms/Mechanisms.hpp"

#include "model/Incentives.hpp"
#include "model/MeasureCollector.hpp"
#include "model/PilotLifecycle.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {

void advancePilots(State& s, std::uint32_t u) {
  const auto& p = s.params;
  const auto& pp = p.pilot;
  const auto& m = p.mechanisms;
  const double persuasion = 1.0 - 0.7 * p.regulation.participation;
  const int review =
      p.regulation.lifecycle_review ? std::max(1, static_cast<int>(std::lround(p.regulation.review_period))) : 1;
  double month_growth = 0, polish = 0;
  // The measures' summary of the pilots that come out of the month still needing attention,
  // gathered while they are in cache (summarisePilots would give the same).
  PilotSummary summary;
  int rules = 0;  // institutionalised pilots left in the block
  const auto survives = [&](const Pilot& pl) {
    addToSummary(summary, pl);
    rules += pl.status == PilotStatus::Institutionalised;
  };
  auto* P = s.unitPilots(u);
  const int count = s.units.slot_count[u];

  // First the terms that depend on nothing else of the month: the new impact built (a division)
  // and the packaging stock with the report inflation it buys (a power). Computed for all the
  // unit's pilots in a loop of their own, these long-latency operations of different pilots
  // overlap; in the main loop each would wait for the one before.
  std::array<double, kMaxSlots> growth, bought;
  for (int i = 0; i < count; ++i) {
    auto& pl = P[i];
    const double se = s.effort_substance[i];
    growth[i] = s.build_rate[pl.domain] * pl.quality * pl.fit * se / (se + pp.half_saturation);
    pl.packaging_stock = pl.packaging_stock * (1.0 - pp.packaging_decay) + s.effort_packaging[i];
    // Packaging shows in reports, and in how convincing the unit's applications for designated
    // programmes look (polish, read by DesignatedPilots).
    bought[i] = pl.packaging_stock > 0 ? pp.inflation * powFast(pl.packaging_stock, pp.inflation_exponent) : 0.0;
    // A pilot failing this month is ended below, which writes its record and its leader's
    // account: both far away in memory, so fetched now.
    if (s.month - pl.start == pl.fail_age) {
      __builtin_prefetch(&s.records[pl.id]);
      __builtin_prefetch(&s.leaders[pl.leader]);
    }
  }
  // The unit's realised impact of live pilots by domain, kept in locals and stored back before
  // anything else reads or changes it (endPilot, absorbOldRules).
  // (Copied by loops bounded by the 8 domains at most: a copy of run-time length is a call of
  // memcpy, which costs more than the copy.)
  std::array<double, 8> live_realised;
  double* unit_live_realised = &s.units.live_realised[static_cast<std::size_t>(u) * s.K];
  for (int k = 0; k < 8; ++k)
    if (k < s.K) live_realised[k] = unit_live_realised[k];
  const auto end = [&](int i, PilotStatus status) {
    const int k = P[i].domain;
    unit_live_realised[k] = live_realised[k];
    endPilot(s, u, i, status, false);
    live_realised[k] = unit_live_realised[k];
  };

  // Tests that vary from pilot to pilot without pattern are combined with & (no short circuit)
  // or made selections, so that each costs at most one rarely taken branch: mispredicted branches
  // were a large part of this loop's time.
  int became_real = 0;
  // Walk backwards: ending a pilot removes it from the block and shifts later ones down.
  for (int i = count - 1; i >= 0; --i) {
    auto& pl = P[i];
    const int k = pl.domain;
    const double k0 = pl.built;
    if (pl.status == PilotStatus::Institutionalised) {
      pl.built = k0 * (1.0 - pp.institution_decay);
    } else {
      pl.built = k0 + growth[i] - pp.decay * k0;
      month_growth += growth[i];
    }
    const double realised_before = pl.realised;
    pl.realised += (pl.built - pl.realised) * s.realise_rate[k];
    live_realised[k] += pl.realised - realised_before;
    const bool now_real = !pl.became_real & (pl.realised >= pp.real_threshold);
    pl.became_real |= static_cast<std::uint8_t>(now_real);
    became_real += now_real;
    pl.reported = pl.realised + persuasion * bought[i];
    polish += bought[i];
    // The initiating leader is credited with realised impact, in office or not (for measurement;
    // incentives see it only through B2).
    pl.contribution += pl.realised;
    if (pl.status == PilotStatus::Institutionalised) {
      ++rules;
      continue;
    }

    const int age = s.month - pl.start;
    // Symbolic stall: a starved pilot counts the months, a fed one is active again.
    const bool starved = s.effort_substance[i] < pp.symbolic_threshold;
    pl.starved_months = static_cast<std::uint16_t>(std::min(60000, pl.starved_months + 1) & -int{starved});
    auto status = pl.status;
    status = !starved && status == PilotStatus::Symbolic ? PilotStatus::Active : status;
    status = m.symbolic_stall && pl.starved_months >= pp.symbolic_months ? PilotStatus::Symbolic : status;
    pl.status = status;

    // Failure.
    if (m.pilot_failure & (age < pp.failure_window) & (age == pl.fail_age)) {
      s.units.year_penalty[u] += p.evaluation.failure_penalty * (1.0 - p.couplings.error_tolerance);
      end(i, PilotStatus::Failed);
      continue;
    }
    // A2 lifecycle review at each milestone.
    if (p.regulation.lifecycle_review && age > 0 && age % review == 0) {
      const bool empty = pl.status == PilotStatus::Symbolic || pl.built < 0.05 * std::min(1.0, age / 12.0);
      if (empty) {
        end(i, PilotStatus::Abandoned);
        continue;
      }
    }
    // Acceptance review at the end of a designated programme's term (5.2): success is written
    // into rules, an empty shell is closed, the rest is left to the unit without funds or target.
    if ((pl.target > 0) & (age >= p.programmes.term)) {
      if (m.institutionalisation && pl.realised >= pp.institution_threshold) {
        institutionalise(s, pl);
      } else if (pl.status == PilotStatus::Symbolic) {
        end(i, PilotStatus::Abandoned);
        continue;
      }
      pl.target = 0;
      pl.funds_rate = 0;
      survives(pl);
      continue;
    }
    // Institutionalisation.
    if (m.institutionalisation & (pl.status == PilotStatus::Active) & (age >= pp.institution_age) &
        (pl.realised >= pp.institution_threshold)) {
      auto rng = s.stream(pl.id, Purpose::Institutionalisation);
      if (rng.uniform32() < pp.institution_rate) institutionalise(s, pl);
    }
    survives(pl);
  }
  for (int k = 0; k < 8; ++k)
    if (k < s.K) unit_live_realised[k] = live_realised[k];
  s.events.became_real += became_real;  // a count: the same as adding 1 for each
  s.units.month_growth[u] = month_growth;
  s.units.polish[u] = polish;
  if (rules > kMaxRules) absorbOldRules(s, u);  // removes only rules, which the summary leaves out
  s.units.summary[u] = summary;
  s.units.summary_stale[u] = 0;
}

}  // namespace pilotsim
