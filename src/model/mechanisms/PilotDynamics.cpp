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
#include <cmath>

namespace pilotsim {

void advancePilots(State& s, std::uint32_t u) {
  const auto& p = s.params;
  const auto& pp = p.pilot;
  const auto& m = p.mechanisms;
  const double persuasion = 1.0 - 0.7 * p.regulation.participation;
  const int review = std::max(1, static_cast<int>(std::lround(p.regulation.review_period)));
  double month_growth = 0, polish = 0;
  // The measures' summary of the pilots that come out of the month still needing attention,
  // gathered while they are in cache (summarisePilots would give the same).
  PilotSummary summary;
  const auto summarise = [&summary](const Pilot& pl) { addToSummary(summary, pl); };
  auto* P = s.unitPilots(u);
  // Walk backwards: ending a pilot removes it from the block and shifts later ones down.
  for (int i = s.units.slot_count[u] - 1; i >= 0; --i) {
    auto& pl = P[i];
    const int k = pl.domain;
    const double k0 = pl.built;
    if (pl.status == PilotStatus::Institutionalised) {
      pl.built = k0 * (1.0 - pp.institution_decay);
    } else {
      const double se = s.effort_substance[i];
      const double growth = s.build_rate[k] * pl.quality * pl.fit * se / (se + pp.half_saturation);
      pl.built = k0 + growth - pp.decay * k0;
      month_growth += growth;
    }
    const double realised_before = pl.realised;
    pl.realised += (pl.built - pl.realised) * s.realise_rate[k];
    s.units.live_realised[u * s.K + k] += pl.realised - realised_before;
    if (!pl.became_real && pl.realised >= pp.real_threshold) {
      pl.became_real = 1;
      s.events.became_real += 1;
    }
    pl.packaging_stock = pl.packaging_stock * (1.0 - pp.packaging_decay) + s.effort_packaging[i];
    // Packaging shows in reports, and in how convincing the unit's applications for designated
    // programmes look (polish, read by DesignatedPilots).
    const double bought = pl.packaging_stock > 0 ? pp.inflation * powFast(pl.packaging_stock, pp.inflation_exponent) : 0.0;
    pl.reported = pl.realised + persuasion * bought;
    polish += bought;
    // The initiating leader is credited with realised impact, in office or not (for measurement;
    // incentives see it only through B2).
    pl.contribution += pl.realised;
    if (pl.status == PilotStatus::Institutionalised) continue;

    const int age = s.month - pl.start;
    // Symbolic stall.
    if (s.effort_substance[i] < pp.symbolic_threshold) {
      pl.starved_months = static_cast<std::uint16_t>(std::min(60000, pl.starved_months + 1));
    } else {
      pl.starved_months = 0;
      if (pl.status == PilotStatus::Symbolic) pl.status = PilotStatus::Active;
    }
    if (m.symbolic_stall && pl.starved_months >= pp.symbolic_months) pl.status = PilotStatus::Symbolic;

    // Failure.
    if (m.pilot_failure && age < pp.failure_window && age == pl.fail_age) {
      s.units.year_penalty[u] += p.evaluation.failure_penalty * (1.0 - p.couplings.error_tolerance);
      endPilot(s, u, i, PilotStatus::Failed, false);
      continue;
    }
    // A2 lifecycle review at each milestone.
    if (p.regulation.lifecycle_review && age > 0 && age % review == 0) {
      const bool empty = pl.status == PilotStatus::Symbolic || pl.built < 0.05 * std::min(1.0, age / 12.0);
      if (empty) {
        endPilot(s, u, i, PilotStatus::Abandoned, false);
        continue;
      }
    }
    // Acceptance review at the end of a designated programme's term (5.2): success is written
    // into rules, an empty shell is closed, the rest is left to the unit without funds or target.
    if (pl.target > 0 && age >= p.programmes.term) {
      if (m.institutionalisation && pl.realised >= pp.institution_threshold) {
        institutionalise(s, pl);
      } else if (pl.status == PilotStatus::Symbolic) {
        endPilot(s, u, i, PilotStatus::Abandoned, false);
        continue;
      }
      pl.target = 0;
      pl.funds_rate = 0;
      summarise(pl);
      continue;
    }
    // Institutionalisation.
    if (m.institutionalisation && pl.status == PilotStatus::Active && age >= pp.institution_age &&
        pl.realised >= pp.institution_threshold) {
      auto rng = s.stream(pl.id, Purpose::Institutionalisation);
      if (rng.uniform32() < pp.institution_rate) institutionalise(s, pl);
    }
    summarise(pl);
  }
  s.units.month_growth[u] = month_growth;
  s.units.polish[u] = polish;
  absorbOldRules(s, u);  // removes only rules, which the summary leaves out
  s.units.summary[u] = summary;
  s.units.summary_stale[u] = 0;
}

}  // namespace pilotsim
