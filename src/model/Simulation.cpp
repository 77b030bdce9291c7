#include "pilotsim/model/Simulation.hpp"

#include "model/Initialise.hpp"
#include "model/Leaders.hpp"
#include "model/MeasureCollector.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/Prefetch.hpp"
#include "model/State.hpp"
#include "model/mechanisms/Mechanisms.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <cmath>
#include <stdexcept>

namespace pilotsim {

namespace {
std::string joined(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "; ") + p;
  return out;
}
}  // namespace

InvalidParams::InvalidParams(const std::vector<std::string>& problems)
    : InputError("", 0, "", joined(problems)), problems_(problems) {}

Simulation::Simulation(const Params& params, std::uint32_t replicate) : state_(std::make_unique<State>()) {
  if (auto problems = validateParams(params); !problems.empty()) throw InvalidParams(problems);
  initialise(*state_, params, replicate);
}

Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

void Simulation::step() {
  State& s = *state_;
  if (finished()) throw std::logic_error("Simulation::step called after the last month");
  s.events = MonthEvents{};
  // The month, in the order of MODEL.md section 5.
  updateEnvironment(s);
  observePeers(s);
  launchDesignatedPilots(s);
  redesignAfterShocks(s);
  chooseInitiatives(s);
  updateCampaigns(s);
  // Effort and pilot dynamics concern one unit at a time; doing both while a unit's pilots are in
  // cache halves the memory traffic of the monthly loop. The effort is handed over explicitly.
  UnitEffort effort;
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
    prefetchPilots(s, u + 2);
    allocateEffort(s, u, effort);
    advancePilots(s, u, effort);
  }
  evaluateUnits(s);
  recogniseExperiences(s);
  turnOverLeaders(s);
  updateCitizens(s);
  s.event_history.push_back(s.events);
  if (s.month >= s.params.run.burn_in) s.monthly.push_back(collectMeasures(s));
  ++s.month;
}

bool Simulation::finished() const { return state_->month >= state_->total_months; }
int Simulation::month() const { return state_->measuredMonth(); }
int Simulation::totalMonths() const { return state_->total_months; }
const std::vector<MonthlyRow>& Simulation::monthly() const { return state_->monthly; }
std::size_t Simulation::unitCount() const { return state_->unitCount(); }
const State& Simulation::state() const { return *state_; }
State& Simulation::state() { return *state_; }

Snapshot Simulation::snapshot() const {
  const State& s = *state_;
  Snapshot v;
  v.month = s.measuredMonth() - 1;  // State::month is the month to be simulated next
  v.domains.assign(s.domains.begin(), s.domains.end());
  const Hierarchy& t = s.tree;
  v.superior_name = t.name;
  v.superior_parent = t.parent;
  v.superior_unit_begin = t.unit_begin;
  v.superior_unit_end = t.unit_end;
  v.superior_depth = t.depth;
  v.unit_superior = t.unit_superior;
  const std::size_t n = s.unitCount();
  v.satisfaction = s.units.satisfaction;
  v.effectiveness = s.units.nwe;
  v.base = s.units.base;
  v.budget = s.units.budget;
  v.pilots.resize(n);
  v.pseudo_share.resize(n);
  v.designated.resize(n);
  v.impression.resize(n);
  v.ambition.resize(n);
  v.pilot_begin.resize(n + 1);
  for (std::uint32_t u = 0; u < n; ++u) {
    v.pilot_begin[u] = static_cast<std::uint32_t>(v.pilot_list.size());
    v.impression[u] = s.leaders[s.units.leader[u]].impression;
    v.ambition[u] = s.units.head[u].ambition;
    const PilotSummary sum = summarisePilots(s, u);
    v.pilots[u] = sum.count;
    v.pseudo_share[u] = sum.count > 0 ? static_cast<double>(sum.pseudo) / sum.count : std::nan("");
    v.designated[u] = sum.designated;
    const Pilot* P = s.unitPilots(u);
    for (int i = 0; i < s.pilotCount(u); ++i) {
      const Pilot& p = P[i];
      const bool pseudo = p.attended() && (p.status == PilotStatus::Symbolic || p.packaging_total > p.substance_total);
      v.pilot_list.push_back(PilotView{p.id, p.domain, p.origin, p.status, pseudo, p.start - s.params.run.burn_in,
                                       p.built, p.realised, p.reported, p.substance_total, p.packaging_total, p.quality,
                                       p.fit});
    }
  }
  v.pilot_begin[n] = static_cast<std::uint32_t>(v.pilot_list.size());
  return v;
}

RunResult Simulation::takeResult() {
  State& s = *state_;
  const int b = s.params.run.burn_in;
  const auto rel = [b](int m) { return m == kStillRunning ? kStillRunning : m - b; };
  RunResult r;
  r.replicate = s.key.replicate;
  r.monthly = std::move(s.monthly);

  // Live pilots' current state goes into their records; then all records are shifted to months
  // counted from the end of burn-in.
  for (std::uint32_t u = 0; u < s.unitCount(); ++u)
    for (int i = 0; i < s.pilotCount(u); ++i) writeRecord(s, s.unitPilots(u)[i]);
  for (auto& rec : s.records) {
    rec.decided -= b;
    rec.start -= b;
    rec.end = rel(rec.end);
    rec.absorbed = rel(rec.absorbed);
  }
  r.pilots = std::move(s.records);
  const auto& L = s.leaders;
  for (auto t : s.ended_tenures) {
    if (t.end < b) continue;  // ended during burn-in: outside the measured period
    t.true_contribution = leaderContribution(s, t.leader);
    t.start -= b;
    t.end -= b;
    r.tenures.push_back(t);
  }
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
    const auto l = s.units.leader[u];
    r.tenures.push_back(TenureRecord{l, u, L[l].previous, L[l].start - b, kStillRunning, L[l].ambition, L[l].competence,
                                     L[l].impression, leaderContribution(s, l), std::nan(""), -1, ExitReason::InOffice,
                                     L[l].start < b, L[l].pilots_started});
    r.units.push_back(UnitRecord{u, s.tree.unit_superior[u], s.units.base[u], s.units.budget[u],
                                 s.units.satisfaction[u], s.units.nwe[u], s.units.load[u], s.units.pilots_started[u],
                                 s.units.designated_received[u], s.units.leaders_count[u],
                                 s.tree.unitsGiven() ? s.tree.unit_name[u] : std::string()});
  }
  for (std::uint32_t i = 0; i < s.campaigns.size(); ++i) {
    const auto& c = s.campaigns[i];
    r.innovations.push_back(InnovationRecord{i, c.lineage, c.domain, c.level, c.superior, c.origin_unit, c.source_pilot,
                                             static_cast<std::uint32_t>(c.adopted.size()), c.start - b, c.month10,
                                             c.month50, c.month90, c.end < 0 ? kStillRunning : c.end - b, c.end_reason,
                                             c.stake, static_cast<double>(c.adopters) / c.adopted.size(), c.adapted,
                                             c.copied});
  }
  r.recognitions = std::move(s.recognitions);
  for (auto& rec : r.recognitions) rec.month -= b;
  r.programmes = std::move(s.programmes);
  for (auto& rec : r.programmes) rec.month -= b;
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) {
    r.hierarchy.push_back(HierarchyRecord{sup, sup == 0 ? kNoId : s.tree.parent[sup], s.tree.depth[sup],
                                          s.tree.name[sup], s.tree.unitsUnder(sup), s.direct_units[sup],
                                          s.superiors.ambition[sup], s.superiors.belief[sup],
                                          s.superiors.programmes_launched[sup], s.superiors.campaigns_started[sup]});
  }
  return r;
}

RunResult Simulation::run(const Params& params, std::uint32_t replicate) {
  Simulation sim(params, replicate);
  while (!sim.finished()) sim.step();
  return sim.takeResult();
}

}  // namespace pilotsim
