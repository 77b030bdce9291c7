// Starting and ending pilots (src/model/PilotLifecycle.*): the unit's counts, the legacy of ended
// pilots and the records stay in step, by hand and through whole simulated runs.
#include "model/PilotLifecycle.hpp"

#include "ModelTestSupport.hpp"
#include "model/Incentives.hpp"
#include "model/Leaders.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

TEST(PilotLifecycleTest, StartingAPilotUpdatesTheUnitTheLeaderTheEventsAndTheRecord) {
  auto s = makeState(customParams({3}));
  s->month = 7;
  const auto l = s->units.leader[1];
  NewPilot n{1, 4, Origin::Designated, l, 0.8, 0.6};
  n.target = 0.52;
  n.funds_rate = 0.1;
  n.novelty = 1.25;
  n.realised = 0.25;  // carried over (as by a restart)
  n.built = 0.5;
  const auto lineages = s->lineage_count;
  const auto id = startPilot(*s, n);
  EXPECT_EQ(id, 0u);
  EXPECT_EQ(s->units.slot_count[1], 1);
  EXPECT_EQ(s->units.load[1], 1);
  EXPECT_EQ(s->units.domain_pilots[1 * s->K + 4], 1);
  EXPECT_EQ(s->units.designated_live[1], 1);
  EXPECT_EQ(s->units.designated_received[1], 1u);
  EXPECT_EQ(s->units.pilots_started[1], 1u);
  EXPECT_EQ(s->leaders[l].pilots_started, 1u);
  EXPECT_DOUBLE_EQ(s->units.live_realised[1 * s->K + 4], 0.25);
  EXPECT_EQ(s->events.starts[static_cast<int>(Origin::Designated)], 1.0);
  EXPECT_EQ(s->lineage_count, lineages + 1);  // new content: a new lineage
  EXPECT_EQ(s->lineage_recognised_depth.at(lineages), -1);

  const Pilot& p = s->unitPilots(1)[0];
  EXPECT_EQ(p.id, id);
  EXPECT_EQ(p.unit, 1u);
  EXPECT_EQ(p.leader, l);
  EXPECT_EQ(p.start, 7);
  EXPECT_EQ(p.status, PilotStatus::Active);
  EXPECT_EQ(p.quality, 0.8f);
  EXPECT_EQ(p.target, 0.52f);
  EXPECT_EQ(p.built, 0.5);
  EXPECT_EQ(p.realised, 0.25);
  EXPECT_EQ(p.reported, 0.9 * 0.25);  // model 2: the visible share (domain 4: 0.9) of realised impact
  EXPECT_EQ(p.became_real, 1);        // 0.25 >= real_threshold 0.2

  ASSERT_EQ(s->records.size(), 1u);
  const auto& r = s->records[0];
  EXPECT_EQ(r.unit, 1u);
  EXPECT_EQ(r.domain, 4);
  EXPECT_EQ(r.origin, Origin::Designated);
  EXPECT_EQ(r.leader, l);
  EXPECT_EQ(r.lineage, p.lineage);
  EXPECT_EQ(r.start, 7);
  EXPECT_EQ(r.end, kStillRunning);
  EXPECT_EQ(r.restarted_from, kNone);
  EXPECT_EQ(r.novelty, 1.25);
  EXPECT_EQ(r.quality, static_cast<double>(0.8f));
  EXPECT_EQ(r.fit, static_cast<double>(0.6f));
  EXPECT_EQ(r.status, PilotStatus::Active);

  // Same content (an adoption): the lineage is kept; spontaneous starts are counted as first
  // movers or latecomers with their quality.
  NewPilot a{2, 4, Origin::Adoption, s->units.leader[2], 0.5, 0.5};
  a.lineage = p.lineage;
  startPilot(*s, a);
  EXPECT_EQ(s->records[1].lineage, p.lineage);
  EXPECT_EQ(s->lineage_count, lineages + 1);
  // Model 1 took first-mover status from the caller; model 2 reads it at launch from the peers'
  // view of the month: first if no peer runs the domain.
  NewPilot f{0, 1, Origin::Spontaneous, s->units.leader[0], 0.5, 0.5};
  startPilot(*s, f);
  s->peer_domain_units[s->tree.unit_superior[0] * s->K + 2] = 1;  // a peer runs domain 2
  NewPilot g{0, 2, Origin::Spontaneous, s->units.leader[0], 0.75, 0.5};
  startPilot(*s, g);
  EXPECT_TRUE(s->records[2].first_mover);
  EXPECT_FALSE(s->records[3].first_mover);
  EXPECT_EQ(s->events.first_count, 1.0);
  EXPECT_EQ(s->events.first_quality, 0.5);
  EXPECT_EQ(s->events.late_count, 1.0);
  EXPECT_EQ(s->events.late_quality, 0.75);
  EXPECT_EQ(s->pilotCount(0), 2);
}

TEST(PilotLifecycleTest, EndingAPilotLeavesItsImpactAsLegacyAndKeepsTheOthersInOrder) {
  auto s = makeState(customParams({2}));
  auto& a = addPilot(*s, 0, 1);
  a.realised = 0.1;
  auto& b = addPilot(*s, 0, 3, Origin::Designated);
  b.realised = 0.3;
  b.contribution = 2.5;
  b.substance_total = 1.0f;
  b.packaging_total = 0.5f;
  b.funds_total = 0.25f;
  s->units.live_realised[3] = 0.3;  // as advancePilots keeps it
  auto& c = addPilot(*s, 0, 3);
  const auto ida = a.id, idb = b.id, idc = c.id;
  const auto l = s->units.leader[0];
  s->month = 20;
  endPilot(*s, 0, 1, PilotStatus::Interrupted, true);
  EXPECT_EQ(s->pilotCount(0), 2);
  EXPECT_EQ(s->unitPilots(0)[0].id, ida);
  EXPECT_EQ(s->unitPilots(0)[1].id, idc);
  EXPECT_EQ(s->units.load[0], 2);
  EXPECT_EQ(s->units.designated_live[0], 0);
  EXPECT_EQ(s->units.designated_received[0], 1u);  // received stays received
  EXPECT_EQ(s->units.domain_pilots[3], 1);
  EXPECT_DOUBLE_EQ(s->units.legacy[3], 0.3);
  EXPECT_DOUBLE_EQ(s->units.live_realised[3], 0.0);
  EXPECT_DOUBLE_EQ(s->leaders[l].banked_contribution, 2.5);
  const auto& r = s->records[idb];
  EXPECT_EQ(r.end, 20);
  EXPECT_EQ(r.status, PilotStatus::Interrupted);
  EXPECT_TRUE(r.ended_at_turnover);
  EXPECT_DOUBLE_EQ(r.impact_realised, 0.3);
  EXPECT_EQ(s->events.ended, 1.0);
  // A pilot's effort is its substance and packaging; the special funds spent are part of them.
  EXPECT_DOUBLE_EQ(s->events.ended_effort, 1.5);
  EXPECT_DOUBLE_EQ(s->events.wasted_effort, 1.5);
}

TEST(PilotLifecycleTest, InstitutionalisedPilotsStayButNeedNoAttentionAndAreNotWasted) {
  Params p = customParams({2});
  p.regulation.number_control = 2;
  auto s = makeState(p);
  s->month = 40;
  auto& a = addPilot(*s, 0, 0);
  a.substance_total = 2.0f;
  addPilot(*s, 0, 1);
  EXPECT_FALSE(canStartPilot(*s, 0));  // A1: two pilots need attention
  institutionalise(*s, s->unitPilots(0)[0]);
  EXPECT_EQ(s->pilotCount(0), 2);
  EXPECT_EQ(s->units.load[0], 1);
  EXPECT_EQ(s->unitPilots(0)[0].status, PilotStatus::Institutionalised);
  EXPECT_TRUE(s->unitPilots(0)[0].live());
  EXPECT_EQ(s->records[0].end, 40);
  EXPECT_EQ(s->events.institutionalised, 1.0);
  EXPECT_EQ(s->events.ended, 1.0);
  EXPECT_DOUBLE_EQ(s->events.ended_effort, 2.0);
  EXPECT_EQ(s->events.wasted_effort, 0.0);
  EXPECT_TRUE(canStartPilot(*s, 0));  // a rule is not a pilot under the cap
  // Block capacity binds whatever the cap.
  s->params.regulation.number_control = 0;
  while (s->pilotCount(1) < kMaxSlots) addPilot(*s, 1, 0);
  EXPECT_FALSE(canStartPilot(*s, 1));
}

// 20,000 draws: fit = clamp(.15 + .85 need + .1 N(0,1)) has mean .575 at need .5 (SE .0007);
// quality = competence x U(.7, 1) (normal boldness, fully prepared: factor -> 1 after 60 months)
// has mean .85 competence (SE .0006). Tolerance .005.
TEST(PilotLifecycleTest, DesignDrawsHaveTheirRangesAndMeans) {
  const Params p;
  const double prepared = preparationFactor(p, 60);
  double fit = 0, quality = 0, cautious = 0, bold = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    RandomStream rng(5, 0, static_cast<std::uint32_t>(i), 0, Purpose::PilotDesign);
    const double f = drawFit(p, 0.5, rng), q = drawQuality(p, 1.0, 1, 60, rng) / prepared;
    ASSERT_GE(f, 0.02);
    ASSERT_LE(f, 1.0);
    ASSERT_GE(q, 0.7 - 1e-9);
    ASSERT_LE(q, 1.0 + 1e-9);
    fit += f, quality += q;
    RandomStream big(5, 0, static_cast<std::uint32_t>(i), 1, Purpose::PilotDesign);
    ASSERT_LE(drawQuality(p, 3.0, 2, 60, big), 1.5);  // max_quality
    RandomStream c(5, 0, static_cast<std::uint32_t>(i), 2, Purpose::PilotDesign);
    cautious += drawQuality(p, 1.0, 0, 60, c);
    RandomStream b(5, 0, static_cast<std::uint32_t>(i), 3, Purpose::PilotDesign);
    bold += drawQuality(p, 1.0, 2, 60, b);
  }
  EXPECT_NEAR(fit / n, 0.575, 0.005);
  EXPECT_NEAR(quality / n, 0.85, 0.005);
  // Boldness scales the mean by bold_quality (0.9, 1.2); bold draws are rarely clipped at 1.5
  // (max 0.85 + 0.3 = 1.15, times 1.2 = 1.38), so the means are 0.9 x .85 and 1.2 x .85.
  EXPECT_NEAR(cautious / n, 0.9 * 0.85 * prepared, 0.005);
  EXPECT_NEAR(bold / n, 1.2 * 0.85 * prepared, 0.01);
  // No preparation costs a share of quality (unprepared_quality 0.7).
  RandomStream r0(5, 0, 0, 4, Purpose::PilotDesign), r1(5, 0, 0, 4, Purpose::PilotDesign);
  EXPECT_NEAR(drawQuality(p, 1.0, 1, 0, r0), drawQuality(p, 1.0, 1, 60, r1) * 0.7 / prepared, 1e-12);
}

/// The unit counts and records implied by the blocks of live pilots, checked against the state.
void expectConsistent(const State& s) {
  const auto K = static_cast<std::size_t>(s.K);
  std::set<std::uint32_t> live_ids;
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
    const Pilot* P = s.unitPilots(u);
    int load = 0, preparing = 0;
    std::vector<int> per_domain(K, 0);
    std::vector<double> realised(K, 0.0);
    for (int i = 0; i < s.pilotCount(u); ++i) {
      const auto& p = P[i];
      ASSERT_TRUE(p.live()) << "unit " << u;
      ASSERT_EQ(p.unit, u);
      ASSERT_TRUE(live_ids.insert(p.id).second) << "pilot " << p.id << " twice";
      // Model 2: load counts the pilots that need attention (active, symbolic); a pilot in
      // preparation is counted apart and is not yet running in its domain.
      load += p.attended();
      preparing += p.status == PilotStatus::Preparing;
      if (p.status != PilotStatus::Preparing) {
        ++per_domain[p.domain];
        realised[p.domain] += p.realised;
      }
      const auto& r = s.records.at(p.id);
      EXPECT_EQ(r.unit, u);
      EXPECT_EQ(r.domain, p.domain);
      EXPECT_EQ(r.origin, p.origin);
      EXPECT_EQ(r.lineage, p.lineage);
      EXPECT_EQ(r.leader, p.leader);
      EXPECT_EQ(r.start, p.start);
      if (p.status == PilotStatus::Institutionalised)
        EXPECT_GE(r.end, r.start);
      else
        EXPECT_EQ(r.end, kStillRunning);
      if (i > 0) {
        EXPECT_LT(P[i - 1].id, p.id) << "block not in start order";
      }
    }
    EXPECT_EQ(s.units.load[u], load) << "unit " << u;
    EXPECT_EQ(s.units.preparing[u], preparing) << "unit " << u;
    for (std::size_t k = 0; k < K; ++k) {
      EXPECT_EQ(s.units.domain_pilots[u * K + k], per_domain[k]);
      // Kept incrementally month by month: rounding only.
      EXPECT_NEAR(s.units.live_realised[u * K + k], realised[k], 1e-9 * (1 + realised[k]));
    }
  }
  // Every record is either live or ended with an ending status (a rule absorbed into routine
  // leaves the block as institutionalised).
  for (const auto& r : s.records) {
    if (live_ids.count(r.id)) continue;
    EXPECT_GE(r.end, r.decided) << "pilot " << r.id;  // may end in preparation, before its planned start
    EXPECT_TRUE(r.status == PilotStatus::Failed || r.status == PilotStatus::Interrupted ||
                r.status == PilotStatus::Abandoned || r.status == PilotStatus::Institutionalised ||
                r.status == PilotStatus::Halted || r.status == PilotStatus::Concluded)
        << "pilot " << r.id << " status " << toString(r.status);
  }
}

TEST(PilotLifecycleTest, CountsAndRecordsStayConsistentThroughAWholeRun) {
  Params p;  // city baseline: every origin, status and turnover occurs within 8 years
  p.run.burn_in = 0;
  p.run.months = 96;
  Simulation sim(p, 3);
  int inst = 0, ended = 0;
  while (!sim.finished()) {
    sim.step();
    expectConsistent(sim.state());
    if (::testing::Test::HasFailure()) return;
    const State& now = sim.state();
    for (std::uint32_t u = 0; u < now.unitCount(); ++u)
      for (int i = 0; i < now.pilotCount(u); ++i) inst += now.unitPilots(u)[i].status == PilotStatus::Institutionalised;
  }
  const State& s = sim.state();
  std::uint32_t started = 0, by_leaders = 0;
  for (auto n : s.units.pilots_started) started += n;
  for (const auto& l : s.leaders) by_leaders += l.pilots_started;
  double events = 0;
  for (const auto& e : s.event_history)
    for (double n : e.starts) events += n;
  // Model 2: a start is counted when the pilot launches, after its preparation; a pilot may end in
  // preparation or still be preparing at the end, and is then decided but never launched.
  // One that ended in its planned launch month may have ended just before or after launching.
  double launched = 0, maybe = 0;
  for (const auto& r : s.records) {
    launched += r.end == kStillRunning ? r.start <= s.month : r.end > r.start;
    maybe += r.end == r.start;
  }
  EXPECT_EQ(started, s.records.size());
  EXPECT_EQ(by_leaders, s.records.size());
  EXPECT_GE(events, launched);
  EXPECT_LE(events, launched + maybe);
  for (const auto& r : s.records) ended += r.end >= 0;
  EXPECT_GT(ended, 100);  // the checks above covered many endings
  EXPECT_GT(inst, 0);     // and institutionalised pilots (pilot-months)
}

TEST(PilotLifecycleTest, RulesBeyondTheLimitAreAbsorbedIntoRoutine) {
  auto s = makeState(customParams({2}));
  for (int i = 0; i < kMaxRules + 2; ++i) {
    auto& p = addPilot(*s, 0, i % 4);
    p.realised = 0.1 * (i + 1);
    p.contribution = 1.0;
    s->units.live_realised[p.domain] += p.realised;
    institutionalise(*s, p);
  }
  addPilot(*s, 0, 5);  // a pilot that is not a rule stays whatever its age
  const auto oldest = s->unitPilots(0)[0].id, second = s->unitPilots(0)[1].id;
  absorbOldRules(*s, 0);
  EXPECT_EQ(s->pilotCount(0), kMaxRules + 1);
  EXPECT_EQ(s->unitPilots(0)[0].id, second + 1);  // the two oldest rules left the block
  EXPECT_EQ(s->unitPilots(0)[kMaxRules].domain, 5);
  // Their realised impact (0.1 and 0.2, domains 0 and 1) moves to the routine legacy.
  EXPECT_NEAR(s->units.rule_legacy[0], 0.1, 1e-12);
  EXPECT_NEAR(s->units.rule_legacy[1], 0.2, 1e-12);
  EXPECT_EQ(s->units.domain_pilots[0], 2);  // rules 5 and 9 of domain 0 remain
  EXPECT_NEAR(s->leaders[s->units.leader[0]].banked_contribution, 2.0, 1e-12);
  EXPECT_EQ(s->records[oldest].status, PilotStatus::Institutionalised);
  EXPECT_EQ(s->units.load[0], 1);
}

// A designated pilot absorbed into routine leaves the block; the unit must not count it still.
TEST(PilotLifecycleTest, AbsorbedDesignatedRulesLeaveTheDesignationCount) {
  auto s = makeState(customParams({2}));
  for (int i = 0; i < kMaxRules + 1; ++i) institutionalise(*s, addPilot(*s, 0, 0, Origin::Designated));
  absorbOldRules(*s, 0);
  // Whether rules count as designated pilots or not, the unit cannot count more than it holds.
  EXPECT_LE(s->units.designated_live[0], test::countOrigin(*s, 0, Origin::Designated));
}

// An institutionalised designated pilot is a rule, not a pilot: it must leave designated_live, or
// under C1 a unit whose programmes succeeded would be barred by designation_cap for good.
TEST(PilotLifecycleTest, InstitutionalisedDesignatedPilotLeavesTheDesignationCount) {
  auto s = makeState(customParams({2}));
  addPilot(*s, 0, 0, Origin::Designated);
  EXPECT_EQ(s->units.designated_live[0], 1);
  institutionalise(*s, s->unitPilots(0)[0]);
  EXPECT_EQ(s->units.designated_live[0], 0);
}

}  // namespace
}  // namespace pilotsim
