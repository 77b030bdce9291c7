// 5.6 Pilot dynamics: impact, reports, symbolic stall, failure, red lines, reviews.
//
//   dk = g_k * q * f * s_eff / (s_eff + half) - decay * k     (g_k = growth * (1 - drag * difficulty_k))
//   dr = (k - r) / delay_k                                    (citizens see impact after a lag)
//   P  = P * (1 - packaging_decay) + packaging
//   R  = vis_k * r + persuasion * inflation * P^eta           (a report: the visible part of realised
//                                                              impact, plus inflation bought by packaging)
// An institutionalised pilot needs no attention and decays slowly; a pilot in preparation waits
// for its launch. A pilot whose effective substance stays below the threshold for
// `symbolic_months` is symbolic (it exists in reports only). Early in life a pilot fails at an age
// drawn from a hazard that rises with difficulty, low quality, poor fit and boldness; the failure
// costs the leader's score unless tolerated. A bold pilot may cross a red line at an age drawn
// likewise; nobody sees it until an inspection, a review or the media find it.
// Reviews are checks, never the truth: under A2 every `review_period` months of age the superior
// checks a pilot ((1 - formalism) r + formalism R, with inspection_error), finds red lines, and halts
// a pilot measured under halt_share x its milestone goal. At the end of a designated programme's
// term the acceptance review reads the pilot's value (the last measurement within a year, else
// its report as read with error) against its target: the programme chain above learns whether it
// delivered; one far below its target is halted. At the end of every pilot's period (pilot.term;
// designated: programmes.term) the superior writes it into rules, with a chance, if the value it
// sees is above the threshold (more readily if it recognised it, and under B4's legalisation, which
// makes it check first); otherwise the pilot is concluded: it ran its course, and its realised
// impact stays in the unit as legacy. Every review costs the unit attention (costs.review).
#include "model/Incentives.hpp"
#include "model/Information.hpp"
#include "model/MeasureCollector.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {
namespace {

/// The acceptance review's verdict reaches every superior of the programme's chain.
void learnDelivery(State& s, std::uint32_t node, bool delivered) {
  const double rate = s.params.superiors.belief_rate;
  for (auto n = node; n != kNone; n = s.programmes[n].parent) {
    auto& rec = s.programmes[n];
    ++rec.reviewed;
    rec.delivered += delivered;
    double& belief = s.superiors.belief[rec.superior];
    belief += rate * ((delivered ? 1.0 : 0.0) - belief);
  }
}

/// The superior's verdict at the end of a pilot's period: whether it writes the pilot into rules.
/// It goes by the value it sees (under B4's legalisation it checks the pilot first, with the
/// chance `legalisation`), more readily for a pilot it recognised and under legalisation.
bool concludeReview(State& s, const Pilot& pl, double seen) {
  const auto& p = s.params;
  const auto& pp = p.pilot;
  if (!p.mechanisms.institutionalisation) return false;
  auto rng = s.stream(pl.id, Purpose::Institutionalisation);
  const double legal = p.regulation.legalisation;
  if (legal > 0 && rng.uniform() < legal) {
    auto vrng = s.stream(pl.id, Purpose::InstitutionVerify);
    seen = checkedValue(s, pl, vrng);
    s.superiors.reviews_used[s.tree.unit_superior[pl.unit]] += 1;
  }
  if (seen < pp.institution_threshold) return false;
  const double chance =
      pp.institution_rate * (1.0 + pp.recognised_boost * pl.recognised) * (1.0 + pp.legalisation_boost * legal);
  return rng.uniform() < std::min(1.0, chance);
}

}  // namespace

void advancePilots(State& s, std::uint32_t u, const UnitEffort& effort) {
  const auto& p = s.params;
  const auto& pp = p.pilot;
  const auto& m = p.mechanisms;
  const double persuade = persuasion(p);
  const int review =
      p.regulation.lifecycle_review ? std::max(1, static_cast<int>(std::lround(p.regulation.review_period))) : 0;
  double month_growth = 0, polish = 0;
  // The measures' summary of the pilots that come out of the month still needing attention,
  // gathered while they are in cache (summarisePilots would give the same).
  PilotSummary summary;
  int rules = 0;  // institutionalised pilots left in the block
  auto* P = s.unitPilots(u);
  const int count = s.units.slot_count[u];

  // First the terms that depend on nothing else of the month: the new impact built (a division)
  // and the packaging stock with the report inflation it buys (a power). Computed for all the
  // unit's pilots in a loop of their own, these long-latency operations of different pilots
  // overlap; in the main loop each would wait for the one before.
  std::array<double, kMaxSlots> growth, bought;
  for (int i = 0; i < count; ++i) {
    auto& pl = P[i];
    const double se = effort.substance[i];
    growth[i] = s.build_rate[pl.domain] * pl.quality * pl.fit * se / (se + pp.half_saturation);
    pl.packaging_stock = pl.packaging_stock * (1.0 - pp.packaging_decay) + effort.packaging[i];
    bought[i] = pl.packaging_stock > 0 ? pp.inflation * powFast(pl.packaging_stock, pp.inflation_exponent) : 0.0;
  }
  // The unit's realised impact of live pilots by domain, kept in locals and stored back before
  // anything else reads or changes it (endPilot, absorbOldRules).
  DomainArray live_realised;
  double* unit_live_realised = &s.units.live_realised[static_cast<std::size_t>(u) * s.K];
  for (int k = 0; k < kMaxDomains; ++k)
    if (k < s.K) live_realised[k] = unit_live_realised[k];
  const auto stored = [&](auto&& change) {
    for (int k = 0; k < kMaxDomains; ++k)
      if (k < s.K) unit_live_realised[k] = live_realised[k];
    change();
    for (int k = 0; k < kMaxDomains; ++k)
      if (k < s.K) live_realised[k] = unit_live_realised[k];
  };
  const auto end = [&](int i, PilotStatus status) { stored([&] { endPilot(s, u, i, status, false); }); };
  const auto halt = [&](int i, HaltReason reason) { stored([&] { haltPilot(s, u, i, reason); }); };

  int became_real = 0;
  // Walk backwards: ending a pilot removes it from the block and shifts later ones down.
  for (int i = count - 1; i >= 0; --i) {
    auto& pl = P[i];
    if (pl.status == PilotStatus::Preparing) continue;
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
    pl.reported = s.visibility[k] * pl.realised + persuade * bought[i];
    polish += persuade * bought[i];
    // The initiating leader is credited with realised impact, in office or not (for measurement;
    // incentives see it only through B2's reviews, which measure it with error).
    pl.contribution += pl.realised;
    if (pl.status == PilotStatus::Institutionalised) {
      ++rules;
      continue;
    }

    const int age = s.month - pl.start;
    // Symbolic stall: a starved pilot counts the months, a fed one is active again.
    const bool starved = effort.substance[i] < pp.symbolic_threshold;
    pl.starved_months = starved ? static_cast<std::uint16_t>(std::min(60000, pl.starved_months + 1)) : 0;
    auto status = pl.status;
    status = !starved && status == PilotStatus::Symbolic ? PilotStatus::Active : status;
    status = m.symbolic_stall && pl.starved_months >= pp.symbolic_months ? PilotStatus::Symbolic : status;
    pl.status = status;
    if (age == pl.redline_age) {
      pl.crossed = 1;
      s.events.redline_crossed += 1;
    }

    // Failure.
    if (m.pilot_failure & (age < pp.failure_window) & (age == pl.fail_age)) {
      s.units.year_penalty[u] += p.evaluation.failure_penalty * (1.0 - p.couplings.error_tolerance);
      end(i, PilotStatus::Failed);
      continue;
    }
    // A2 milestone review: a measurement of progress against the goal list.
    if (review > 0 && age > 0 && age % review == 0) {
      auto rng = s.stream(pl.id, Purpose::InspectionMeasure);
      pl.assessed = static_cast<float>(checkedValue(s, pl, rng));
      pl.assessed_month = s.month;
      s.units.burden[u] += p.costs.review * s.units.budget[u];
      if (pl.crossed && m.red_line) {
        stored([&] { redLineFound(s, u, i); });
        continue;
      }
      const double goal = p.regulation.milestone_goal * std::min(1.0, age / 12.0);
      if (m.halting && pl.assessed < p.superiors.halt_share * goal) {
        halt(i, HaltReason::Review);
        continue;
      }
    }
    // The end of the pilot period: for a designated pilot the programme's acceptance review (5.2),
    // then for every pilot the superior's verdict: written into rules, or concluded.
    const bool designated = pl.target > 0;
    if (age >= (designated ? p.programmes.term : pp.term)) {
      const double seen = valueSeen(s, pl);
      s.units.burden[u] += p.costs.review * s.units.budget[u];
      if (designated) {
        const bool delivered = seen >= pl.target;
        s.records[pl.id].delivered = delivered ? 1 : 0;
        if (pl.programme != kNone) learnDelivery(s, pl.programme, delivered);
        if (m.halting && seen < p.superiors.halt_share * pl.target) {
          halt(i, HaltReason::Review);
          continue;
        }
      }
      if (concludeReview(s, pl, seen)) {
        institutionalise(s, pl);
        pl.target = 0;
        pl.funds_rate = 0;
        ++rules;
        continue;
      }
      end(i, PilotStatus::Concluded);
      continue;
    }
    addToSummary(summary, pl, persuade * bought[i]);
  }
  for (int k = 0; k < kMaxDomains; ++k)
    if (k < s.K) unit_live_realised[k] = live_realised[k];
  s.events.became_real += became_real;  // a count: the same as adding 1 for each
  s.units.month_growth[u] = month_growth;
  s.units.polish[u] = polish;
  if (rules > kMaxRules) absorbOldRules(s, u);  // removes only rules, which the summary leaves out
  // Every pilot still needing attention was added above, whatever changed earlier in the month.
  s.units.summary[u] = summary;
  s.units.summary_stale[u] = 0;
}

}  // namespace pilotsim
