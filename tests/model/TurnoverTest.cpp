// 5.9 Turnover, promotion, succession (src/model/mechanisms/Turnover.cpp): tenures end, the
// promotion tournament among peers, and what successors do with inherited pilots.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"
#include "model/Incentives.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

/// End the tenure of unit u's leader this month.
void endTenure(State& s, std::uint32_t u) {
  s.units.head[u].tenure_end = s.month;
  s.leaders[s.units.leader[u]].tenure_end = s.month;
}

/// Months far from any tenure's end for every unit (so only the units chosen turn over).
void keepEveryone(State& s) {
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
    s.units.head[u].tenure_end = 1 << 30;
    s.leaders[s.units.leader[u]].tenure_end = 1 << 30;
  }
}

TEST(TurnoverTest, AnEndedTenureIsRecordedAndASuccessorAppointed) {
  auto s = makeState(customParams({4}));
  s->month = 30;
  keepEveryone(*s);
  endTenure(*s, 1);
  const auto old = s->units.leader[1];
  s->leaders[old].impression = 0.8;
  const auto leaders = s->leaders.size();
  turnOverLeaders(*s);
  EXPECT_EQ(s->leaders.size(), leaders + 1);
  const auto successor = s->units.leader[1];
  EXPECT_NE(successor, old);
  EXPECT_EQ(s->leaders[successor].start, 30);
  EXPECT_GT(s->units.head[1].tenure_end, 30);
  EXPECT_EQ(s->units.leaders_count[1], 2u);
  EXPECT_EQ(s->leaders[old].ended, 30);
  EXPECT_TRUE(s->leaders[old].promoted == 0 || s->leaders[old].promoted == 1);
  ASSERT_EQ(s->ended_tenures.size(), 1u);
  const auto& t = s->ended_tenures[0];
  EXPECT_EQ(t.leader, old);
  EXPECT_EQ(t.unit, 1u);
  EXPECT_EQ(t.end, 30);
  EXPECT_EQ(t.impression, 0.8);
  EXPECT_EQ(t.promoted, s->leaders[old].promoted);
  for (std::uint32_t u : {0u, 2u, 3u}) EXPECT_EQ(s->units.leaders_count[u], 1u);
}

TEST(TurnoverTest, WithoutTurnoverTenuresNeverEnd) {
  Params p = customParams({4});
  p.mechanisms.turnover = false;
  auto s = makeState(p);
  for (std::uint32_t u = 0; u < 4; ++u) endTenure(*s, u);
  for (int m = 0; m < 120; ++m, ++s->month) turnOverLeaders(*s);
  EXPECT_TRUE(s->ended_tenures.empty());
  for (auto n : s->units.leaders_count) EXPECT_EQ(n, 1u);
}

/// Share promoted when the leader of unit 0 of each of 1,000 peer groups of 4 leaves with the given
/// impression while the peers' leaders have 0.
double promotedShare(Params p, double impression) {
  auto s = makeState(p);
  s->month = 50;
  keepEveryone(*s);
  for (std::uint32_t u = 0; u < s->unitCount(); u += 4) {
    endTenure(*s, u);
    s->leaders[s->units.leader[u]].impression = impression;
  }
  const auto before = s->ended_tenures.size();
  turnOverLeaders(*s);
  double promoted = 0;
  for (auto i = before; i < s->ended_tenures.size(); ++i) promoted += s->ended_tenures[i].promoted;
  return promoted / static_cast<double>(s->ended_tenures.size() - before);
}

// P(promoted) = min(0.95, share x exp(beta z) / mean over peers of exp(beta z)), z the standardised
// impression among the 4 peers' leaders. Equal impressions: 0.4. One leader at +1 among zeros:
// z = 1.732, ratio 3.885 -> capped at 0.95; at -1: z = -1.732 -> 0.4 x 0.0233 = 0.0093. With B5 = 1
// (steepness 0.6) at +1: 0.4 x exp(1.039) / ((exp(1.039) + 3 exp(-0.346)) / 4) = 0.914.
// 1,000 draws each: SE at most .016; tolerance .06 (4 SE).
TEST(TurnoverTest, PromotionIsATournamentOnImpressionAmongPeers) {
  Params p = customParams({1000, 4});
  EXPECT_NEAR(promotedShare(p, 0.0), 0.4, 0.06);
  EXPECT_NEAR(promotedShare(p, 1.0), 0.95, 0.03);
  EXPECT_NEAR(promotedShare(p, -1.0), 0.0093, 0.02);
  p.regulation.reward_scope = 1.0;
  const double z = 0.75 / std::sqrt(0.1875), b = 0.6;
  const double flat = 0.4 * std::exp(b * z) / ((std::exp(b * z) + 3 * std::exp(-b * z / 3)) / 4);
  EXPECT_NEAR(flat, 0.914, 0.001);
  EXPECT_NEAR(promotedShare(p, 1.0), flat, 0.06);
}

// Under B2 the superior also looks back at what each leader's pilots delivered per month in office:
// with full retrospective credit the impression no longer matters and contribution decides.
TEST(TurnoverTest, RetrospectiveCreditRewardsTrueContribution) {
  Params p = customParams({1000, 4});
  p.regulation.retrospective_share = 1.0;
  auto s = makeState(p);
  s->month = 50;
  keepEveryone(*s);
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) s->leaders[s->units.leader[u]].start = 0;
  for (std::uint32_t u = 0; u < s->unitCount(); u += 4) {
    endTenure(*s, u);
    s->leaders[s->units.leader[u]].impression = -1.0;          // looks bad...
    s->leaders[s->units.leader[u]].banked_contribution = 5.0;  // ...but delivered
  }
  turnOverLeaders(*s);
  double promoted = 0;
  for (const auto& t : s->ended_tenures) promoted += t.promoted;
  EXPECT_NEAR(promoted / 1000, 0.95, 0.03);  // z = +1.732 on contribution: capped at 0.95
}

/// 500 units each with three inherited pilots (started by the outgoing leader), all turning over.
std::unique_ptr<State> successionState(Params p) {
  auto s = makeState(p);
  s->month = 40;
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) {
    for (int k = 0; k < 3; ++k) {
      auto& pl = addPilot(*s, u, k);
      pl.built = 0.5;
      pl.realised = 0.4;
      pl.reported = 0.6;
      s->units.live_realised[u * s->K + k] += 0.4;
    }
  }
  s->month = 41;
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) endTenure(*s, u);
  return s;
}

struct Outcome {
  int continued = 0, interrupted = 0, restarted = 0;
};

Outcome outcomes(const State& s) {
  Outcome o;
  for (const auto& r : s.records) {
    if (r.origin == Origin::Restart)
      ++o.restarted;
    else if (r.status == PilotStatus::Interrupted)
      ++o.interrupted;
    else
      ++o.continued;
  }
  return o;
}

TEST(TurnoverTest, SuccessorsContinueStopOrRestartInheritedPilots) {
  auto s = successionState(customParams({500}));
  turnOverLeaders(*s);
  const auto o = outcomes(*s);
  // Every kind of choice occurs among 1,500 inherited pilots in the baseline.
  EXPECT_GT(o.continued, 50);
  EXPECT_GT(o.interrupted, 50);
  EXPECT_GT(o.restarted, 50);
  EXPECT_EQ(s->events.inherited, 1500.0);
  EXPECT_EQ(s->events.interrupted, static_cast<double>(o.interrupted));  // restarts end their original too
  // Live pilots' records are brought up to date as takeResult does.
  for (std::uint32_t u = 0; u < s->unitCount(); ++u)
    for (int i = 0; i < s->pilotCount(u); ++i) writeRecord(*s, s->unitPilots(u)[i]);
  for (const auto& r : s->records) {
    if (r.origin == Origin::Restart) {
      // Same content under a new name: lineage kept, a share of the impact kept, the successor's.
      const auto& from = s->records.at(r.restarted_from);
      EXPECT_EQ(r.lineage, from.lineage);
      EXPECT_EQ(r.domain, from.domain);
      EXPECT_EQ(r.unit, from.unit);
      EXPECT_EQ(r.leader, s->units.leader[r.unit]);
      EXPECT_EQ(from.status, PilotStatus::Interrupted);
      EXPECT_TRUE(from.ended_at_turnover);
      EXPECT_NEAR(r.impact_built, 0.3 * 0.5, 1e-12);
      EXPECT_NEAR(r.impact_realised, 0.3 * 0.4, 1e-12);
      EXPECT_NEAR(r.novelty, 0.5 * 1.0 + 0.25 * 1.0, 1e-12);  // half rank credit, quarter niche
    } else if (r.status == PilotStatus::Interrupted) {
      EXPECT_TRUE(r.ended_at_turnover);
      EXPECT_EQ(r.end, 41);
    } else {
      EXPECT_EQ(r.turnovers, 1);
    }
  }
  // Realised impact moves: a stopped pilot's to the legacy, a restarted one's kept share to the
  // new pilot; none is lost or created.
  double legacy = 0, live = 0;
  for (double x : s->units.legacy) legacy += x;
  for (double x : s->units.live_realised) live += x;
  EXPECT_NEAR(legacy + live, 1500 * 0.4, 1e-9);
}

TEST(TurnoverTest, WithoutRenamedRestartsNobodyRestarts) {
  Params p = customParams({500});
  p.mechanisms.renamed_restarts = false;
  auto s = successionState(p);
  turnOverLeaders(*s);
  const auto o = outcomes(*s);
  EXPECT_EQ(o.restarted, 0);
  EXPECT_GT(o.interrupted, 50);
  EXPECT_GT(o.continued, 50);
}

// B4: interrupting costs the successor PV x accountability in utility and accountability in the
// year's penalty. Strong accountability leaves continuing the only sensible choice.
TEST(TurnoverTest, AccountabilityMakesSuccessorsContinue) {
  Params p = customParams({500});
  p.regulation.accountability = 50.0;
  auto s = successionState(p);
  turnOverLeaders(*s);
  const auto o = outcomes(*s);
  // Only a successor with no ambition at all (promotion value 0, so no accountability cost) might
  // still interrupt: at most a handful of 1,500.
  EXPECT_LT(o.interrupted + o.restarted, 15);
  // Forced interruptions (continuing made hopeless) are charged to the year's penalty.
  p.regulation.accountability = 0.5;
  p.behaviour.load_cost = 1e6;
  p.mechanisms.renamed_restarts = false;
  auto t = successionState(p);
  turnOverLeaders(*t);
  EXPECT_EQ(outcomes(*t).interrupted, 1500);
  for (double x : t->units.year_penalty) EXPECT_NEAR(x, 3 * 0.5, 1e-12);
}

// B3: credit sharing raises what continuing is worth to the successor. 1,500 choices each: the
// continued share's SE is at most .013; the difference asked for is 0.1.
TEST(TurnoverTest, CreditSharingRaisesContinuation) {
  Params p = customParams({500});
  auto s = successionState(p);
  turnOverLeaders(*s);
  p.regulation.credit_sharing = 1.0;
  auto t = successionState(p);
  turnOverLeaders(*t);
  EXPECT_GT(outcomes(*t).continued, outcomes(*s).continued + 150);
}

TEST(TurnoverTest, RulesAndBoundDesignatedPilotsSurviveTurnover) {
  Params p = customParams({200});
  p.behaviour.load_cost = 1e6;  // continuing anything optional is hopeless
  p.mechanisms.renamed_restarts = false;
  auto s = makeState(p);
  s->month = 40;
  for (std::uint32_t u = 0; u < 200; ++u) {
    auto& rule = addPilot(*s, u, 0);
    institutionalise(*s, rule);
    addPilot(*s, u, 1, Origin::Designated).target = 0.4f;  // programme running, high-level push on
    addPilot(*s, u, 2);
    endTenure(*s, u);
  }
  turnOverLeaders(*s);
  for (std::uint32_t u = 0; u < 200; ++u) {
    ASSERT_EQ(s->pilotCount(u), 2);
    EXPECT_EQ(s->unitPilots(u)[0].status, PilotStatus::Institutionalised);
    EXPECT_EQ(s->unitPilots(u)[1].origin, Origin::Designated);
  }
  EXPECT_EQ(s->events.inherited, 400.0);  // rules are not inherited as pilots
  // Without high-level push the programme's pilot can be dropped too.
  p.couplings.high_level_push = 0;
  auto t = makeState(p);
  t->month = 40;
  for (std::uint32_t u = 0; u < 200; ++u) {
    addPilot(*t, u, 1, Origin::Designated).target = 0.4f;
    endTenure(*t, u);
  }
  turnOverLeaders(*t);
  for (std::uint32_t u = 0; u < 200; ++u) EXPECT_EQ(t->pilotCount(u), 0);
}

}  // namespace
}  // namespace pilotsim
