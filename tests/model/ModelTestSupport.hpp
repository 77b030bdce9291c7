// Helpers for the model tests: small custom states set up by hand, pilots put in place, and
// comparisons of whole run results. Shared by tests/model and tests/statistical.
#pragma once

#include "model/Initialise.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/State.hpp"
#include "pilotsim/model/Simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace pilotsim::test {

/// Parameters of a custom tree (`branching` root first, the last entry units per lowest superior)
/// with the baseline's behaviour.
inline Params customParams(std::vector<int> branching) {
  Params p;
  p.structure.preset = "custom";
  p.structure.branching = std::move(branching);
  p.run.burn_in = 0;
  p.run.months = 24;
  return p;
}

/// A freshly initialised state. On the heap: a State holds fixed arrays and is moved around.
inline std::unique_ptr<State> makeState(const Params& p, std::uint32_t replicate = 0) {
  auto s = std::make_unique<State>();
  initialise(*s, p, replicate);
  return s;
}

/// Set every need (current and long-run mean) of every unit to `value`.
inline void setAllNeeds(State& s, double value) {
  std::fill(s.units.need.begin(), s.units.need.end(), value);
  std::fill(s.units.need_mean.begin(), s.units.need_mean.end(), value);
}

/// Give unit u's current leader the traits (in the leader table and in the unit's copy).
inline void setLeader(State& s, std::uint32_t u, double ambition, double competence, double risk_aversion = 0.5) {
  auto& h = s.units.head[u];
  h.ambition = ambition;
  h.competence = competence;
  h.risk_aversion = risk_aversion;
  auto& l = s.leaders[s.units.leader[u]];
  l.ambition = ambition;
  l.competence = competence;
  l.risk_aversion = risk_aversion;
}

/// Same traits for every unit's leader.
inline void setAllLeaders(State& s, double ambition, double competence, double risk_aversion = 0.5) {
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) setLeader(s, u, ambition, competence, risk_aversion);
}

/// Every unit's budget (and adoption cost) set to 1: hand computations need no base draws.
inline void flattenUnits(State& s) {
  std::fill(s.units.base.begin(), s.units.base.end(), 1.0);
  std::fill(s.units.budget.begin(), s.units.budget.end(), 1.0);
  std::fill(s.units.adoption_cost.begin(), s.units.adoption_cost.end(), 1.0);
  s.mean_budget = 1.0;
}

/// Put a pilot into unit u, started by the unit's current leader this month; returns a reference
/// to it in the unit's block (valid until the block changes).
inline Pilot& addPilot(State& s, std::uint32_t u, int domain, Origin origin = Origin::Spontaneous, double quality = 0.5,
                       double fit = 0.5) {
  NewPilot n{u, domain, origin, s.units.leader[u], quality, fit};
  startPilot(s, n);
  return s.unitPilots(u)[s.pilotCount(u) - 1];
}

/// Number of live pilots of unit u with the given origin.
inline int countOrigin(const State& s, std::uint32_t u, Origin o) {
  int n = 0;
  for (int i = 0; i < s.pilotCount(u); ++i) n += s.unitPilots(u)[i].origin == o;
  return n;
}

/// Bitwise equality, so that NaN == NaN: "identical" means the same bytes.
inline bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// Whether two run results are identical in every monthly value and every record field. Returns
/// a description of the first difference, or "" when identical.
inline std::string firstDifference(const RunResult& a, const RunResult& b) {
  if (a.replicate != b.replicate) return "replicate";
  if (a.monthly.size() != b.monthly.size()) return "number of monthly rows";
  for (std::size_t i = 0; i < a.monthly.size(); ++i) {
    if (a.monthly[i].month != b.monthly[i].month) return "month of row " + std::to_string(i);
    for (int k = 0; k < kMeasureCount; ++k)
      if (!sameBits(a.monthly[i].values[k], b.monthly[i].values[k]))
        return "measure " + std::to_string(k) + " in month " + std::to_string(i);
  }
  if (a.pilots.size() != b.pilots.size()) return "number of pilot records";
  for (std::size_t i = 0; i < a.pilots.size(); ++i) {
    const auto &x = a.pilots[i], &y = b.pilots[i];
    const bool same = x.id == y.id && x.unit == y.unit && x.domain == y.domain && x.origin == y.origin &&
                      x.style == y.style && x.status == y.status && x.first_mover == y.first_mover &&
                      x.ended_at_turnover == y.ended_at_turnover && x.lineage == y.lineage && x.leader == y.leader &&
                      x.restarted_from == y.restarted_from && x.start == y.start && x.end == y.end &&
                      x.turnovers == y.turnovers && sameBits(x.quality, y.quality) && sameBits(x.fit, y.fit) &&
                      sameBits(x.substance, y.substance) && sameBits(x.packaging, y.packaging) &&
                      sameBits(x.funds, y.funds) && sameBits(x.diverted, y.diverted) &&
                      sameBits(x.impact_built, y.impact_built) && sameBits(x.impact_realised, y.impact_realised) &&
                      sameBits(x.reported, y.reported) && sameBits(x.novelty, y.novelty);
    if (!same) return "pilot record " + std::to_string(i);
  }
  if (a.tenures.size() != b.tenures.size()) return "number of tenure records";
  for (std::size_t i = 0; i < a.tenures.size(); ++i) {
    const auto &x = a.tenures[i], &y = b.tenures[i];
    const bool same = x.leader == y.leader && x.unit == y.unit && x.start == y.start && x.end == y.end &&
                      sameBits(x.ambition, y.ambition) && sameBits(x.competence, y.competence) &&
                      sameBits(x.impression, y.impression) && sameBits(x.true_contribution, y.true_contribution) &&
                      x.promoted == y.promoted && x.pilots_started == y.pilots_started;
    if (!same) return "tenure record " + std::to_string(i);
  }
  if (a.units.size() != b.units.size()) return "number of unit records";
  for (std::size_t i = 0; i < a.units.size(); ++i) {
    const auto &x = a.units[i], &y = b.units[i];
    const bool same = x.unit == y.unit && x.superior == y.superior && sameBits(x.base, y.base) &&
                      sameBits(x.budget, y.budget) && sameBits(x.satisfaction, y.satisfaction) &&
                      sameBits(x.need_weighted_effectiveness, y.need_weighted_effectiveness) &&
                      x.active_pilots == y.active_pilots && x.pilots_started == y.pilots_started &&
                      x.designated_received == y.designated_received && x.leaders == y.leaders;
    if (!same) return "unit record " + std::to_string(i);
  }
  if (a.innovations.size() != b.innovations.size()) return "number of innovation records";
  for (std::size_t i = 0; i < a.innovations.size(); ++i) {
    const auto &x = a.innovations[i], &y = b.innovations[i];
    const bool same = x.id == y.id && x.lineage == y.lineage && x.domain == y.domain && x.level == y.level &&
                      x.superior == y.superior && x.origin_unit == y.origin_unit && x.scope == y.scope &&
                      x.start == y.start && x.month50 == y.month50 && x.month90 == y.month90 &&
                      sameBits(x.final_share, y.final_share) && x.adapted == y.adapted && x.copied == y.copied;
    if (!same) return "innovation record " + std::to_string(i);
  }
  return "";
}

/// Mean of a measure over the measured months of a run, NaN months skipped (NaN if all are).
inline double meanOver(const RunResult& r, Measure m) {
  double sum = 0;
  int n = 0;
  for (const auto& row : r.monthly)
    if (!std::isnan(row[m])) sum += row[m], ++n;
  return n > 0 ? sum / n : std::nan("");
}

}  // namespace pilotsim::test
