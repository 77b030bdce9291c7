#include "pilotsim/model/Simulation.hpp"

#include "model/Initialise.hpp"
#include "model/Leaders.hpp"
#include "model/MeasureCollector.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Mechanisms.hpp"
#include "pilotsim/model/State.hpp"

#include <stdexcept>

namespace pilotsim {

Simulation::Simulation(const Params& params, std::uint32_t replicate) : state_(std::make_unique<State>()) {
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
  startSpontaneousPilots(s);
  diffuseInnovations(s);
  // Effort and pilot dynamics concern one unit at a time; doing both while a unit's pilots are in
  // cache halves the memory traffic of the monthly loop.
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
    s.prefetchPilots(u + 2);
    allocateEffort(s, u);
    advancePilots(s, u);
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
    rec.start -= b;
    rec.end = rel(rec.end);
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
    r.tenures.push_back(TenureRecord{l, u, L[l].start - b, kStillRunning, L[l].ambition, L[l].competence,
                                     L[l].impression, leaderContribution(s, l), -1, L[l].pilots_started});
    r.units.push_back(UnitRecord{u, s.tree.unit_superior[u], s.units.base[u], s.units.budget[u],
                                 s.units.satisfaction[u], s.units.nwe[u], s.units.load[u], s.units.pilots_started[u],
                                 s.units.designated_received[u], s.units.leaders_count[u]});
  }
  for (std::uint32_t i = 0; i < s.campaigns.size(); ++i) {
    const auto& c = s.campaigns[i];
    r.innovations.push_back(InnovationRecord{
        i, c.lineage, c.domain, c.level, c.superior, c.origin_unit, static_cast<std::uint32_t>(c.adopted.size()),
        c.start - b, c.month50, c.month90, static_cast<double>(c.adopters) / c.adopted.size(), c.adapted, c.copied});
  }
  return r;
}

RunResult Simulation::run(const Params& params, std::uint32_t replicate) {
  Simulation sim(params, replicate);
  while (!sim.finished()) sim.step();
  return sim.takeResult();
}

}  // namespace pilotsim
