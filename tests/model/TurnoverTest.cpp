// 5.9 Turnover, promotion, succession (src/model/mechanisms/Turnover.cpp): tenures end, the
// promotion tournament among peers, and what successors do with inherited pilots.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"
#include "model/Incentives.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

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

/// Promotion with full retrospective credit (B2 = 1) when the leader of unit 0 of each of 1,000
/// peer groups of 4 leaves after 50 months with impression `impression` (the peers' leaders at 0)
/// and a true contribution of `per_month` a month, each superior having reviewed 10 leaders before
/// at a mean of 1 a month with sd 0.5. Returns the state after the tenures ended.
std::unique_ptr<State> reviewedExits(Params p, double impression, double per_month) {
  p.regulation.retrospective_share = 1.0;
  auto s = makeState(p);
  s->month = 50;
  keepEveryone(*s);
  auto& S = s->superiors;
  std::fill(S.review_count.begin(), S.review_count.end(), 10.0);
  std::fill(S.review_mean.begin(), S.review_mean.end(), 1.0);
  std::fill(S.review_m2.begin(), S.review_m2.end(), 10 * 0.5 * 0.5);
  for (std::uint32_t u = 0; u < s->unitCount(); u += 4) {
    endTenure(*s, u);
    auto& l = s->leaders[s->units.leader[u]];
    l.start = 0;
    l.impression = impression;
    l.banked_contribution = 50 * per_month;
  }
  turnOverLeaders(*s);
  return s;
}

double promotedShareOf(const State& s) {
  double promoted = 0;
  for (const auto& t : s.ended_tenures) promoted += t.promoted;
  return promoted / static_cast<double>(s.ended_tenures.size());
}

/// The tournament's chance for a leader of weight `self` among three peers of weight `peer`:
/// min(cap, c x self), c such that the four chances min(cap, c w) average to the quota 0.4 (cap
/// 0.95), as docs/ODD.md s.7.11 states.
double chanceAmongPeers(double self, double peer) {
  std::vector<double> w{self, peer, peer, peer};
  std::sort(w.begin(), w.end(), std::greater<>());
  double rest = w[0] + w[1] + w[2] + w[3], c = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    c = (0.4 * 4 - 0.95 * static_cast<double>(k)) / rest;
    if (c * w[k] <= 0.95) break;
    rest -= w[k];
  }
  return std::min(0.95, c * self);
}

// Under B2 the superior reviews the departing leader's contribution per month and, at weight B2,
// ranks it by its standing among the leaders it reviewed before (z_rev) instead of by impression.
// Model 1 read the true contribution; model 2's review MEASURES it (log-sd review_error), so the
// measured contribution is rewarded, which tracks the truth on average.
// Exact review (review_error 0): a leader who looks bad (impression -1) but delivered 2 a month
// against reviewed peers' 1 +- 0.5 has z_rev = +2: weight e^4 against the peers' e^(2 x 0.577):
// capped at 0.95 (1,000 draws, SE .007; tol .03). One who looks good (+1, so the peers stand at
// -0.577) but delivered 0.5 has z_rev = -1: weight e^-2, c = 1.6 / (e^-2 + 3 e^-1.155), P = 0.200
// (SE .013; tol .05) where its impression alone would give 0.95: the impression no longer matters. Each review is
// recorded, enters the superior's running mean and sum of squares (Welford) and uses one of its verifications.
TEST(TurnoverTest, RetrospectiveCreditRewardsMeasuredContribution) {
  Params p = customParams({1000, 4});
  p.verification.review_error = 0;
  auto s = reviewedExits(p, -1.0, 2.0);
  EXPECT_NEAR(promotedShareOf(*s), 0.95, 0.03);
  const double zp = 1.0 / std::sqrt(3.0);  // the peers' standardised impression (0 among 0, 0, 0, -1)
  auto t = reviewedExits(p, 1.0, 0.5);
  const double low = std::exp(-2.0) * 1.6 / (std::exp(-2.0) + 3 * std::exp(2 * -zp));
  EXPECT_NEAR(low, 0.200, 0.001);
  EXPECT_NEAR(chanceAmongPeers(std::exp(-2.0), std::exp(-2 * zp)), low, 1e-12);
  EXPECT_NEAR(promotedShareOf(*t), low, 0.05);
  const auto& rec = s->ended_tenures[0];
  const auto sup = s->tree.unit_superior[rec.unit];
  EXPECT_NEAR(rec.reviewed_contribution, 100.0, 1e-4);  // stored as a float
  EXPECT_EQ(s->superiors.review_count[sup], 11.0);
  const double mean = 1.0 + (2.0 - 1.0) / 11;
  EXPECT_NEAR(s->superiors.review_mean[sup], mean, 1e-6);
  EXPECT_NEAR(s->superiors.review_m2[sup], 2.5 + (2.0 - 1.0) * (2.0 - mean), 1e-6);
  EXPECT_EQ(s->superiors.reviews_used[sup], 1.0);
  // With the default review error 0.2 the measurement is unbiased: the reviewed contributions of
  // 1,000 leaders who delivered 100 average 100 (SE .63; tol 2.5) with log-sd 0.2 (SE .0045; tol
  // .02). Promotion follows the measurement, not the truth: from each leader's measured value
  // m / 50 a month, z_rev = (m / 50 - 1) / 0.5, the chance is the tournament's (chanceAmongPeers)
  // against the peers' weight e^(2 x 0.577). The promoted count matches the sum of those chances
  // (4 SE), and leaders measured below 1.5 a month (z_rev < 1, about 90 of them) are promoted at
  // most 0.70 of the time though every one of them truly delivered 2 a month (truth: 0.95).
  p.verification.review_error = 0.2;
  auto n = reviewedExits(p, -1.0, 2.0);
  double sum = 0, lsum = 0, lsq = 0, expected = 0, variance = 0, low_n = 0, low_promoted = 0;
  for (const auto& r : n->ended_tenures) {
    sum += r.reviewed_contribution;
    const double x = std::log(r.reviewed_contribution / 100.0);
    lsum += x, lsq += x * x;
    const double z = (r.reviewed_contribution / 50.0 - 1.0) / 0.5;
    const double chance = chanceAmongPeers(std::exp(2.0 * z), std::exp(2.0 * zp));
    expected += chance, variance += chance * (1 - chance);
    if (z < 1.0) low_n += 1, low_promoted += r.promoted;
  }
  const double count = static_cast<double>(n->ended_tenures.size());
  ASSERT_EQ(count, 1000.0);
  EXPECT_NEAR(sum / count, 100.0, 2.5);
  EXPECT_NEAR(std::sqrt(lsq / count - (lsum / count) * (lsum / count)), 0.2, 0.02);
  double promoted = 0;
  for (const auto& r : n->ended_tenures) promoted += r.promoted;
  EXPECT_NEAR(promoted, expected, 4 * std::sqrt(variance));
  ASSERT_GT(low_n, 40);
  EXPECT_LT(low_promoted / low_n, 0.8);
  // Without B2 the same leaders are judged on impression alone (z = -1.732, as in the tournament
  // test): e^-3.46 x 1.6 / (e^-3.46 + 3 e^1.155) = 0.005, whatever they delivered.
  Params q = customParams({1000, 4});
  auto b = makeState(q);
  b->month = 50;
  keepEveryone(*b);
  for (std::uint32_t u = 0; u < b->unitCount(); u += 4) {
    endTenure(*b, u);
    b->leaders[b->units.leader[u]].impression = -1.0;
    b->leaders[b->units.leader[u]].banked_contribution = 100.0;
  }
  turnOverLeaders(*b);
  EXPECT_LT(promotedShareOf(*b), 0.05);  // z = -1.732 on impression, as in the tournament test
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
  int continued = 0, interrupted = 0, restarted = 0, relocated = 0;
};

/// What became of the inherited pilots. Model 2 also lets a rotated leader arriving from the pool
/// restart its old pilot in its new unit (Origin::Relocated): new pilots, not inherited ones.
Outcome outcomes(const State& s) {
  Outcome o;
  for (const auto& r : s.records) {
    if (r.origin == Origin::Relocated)
      ++o.relocated;
    else if (r.origin == Origin::Restart)
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
  EXPECT_EQ(o.continued + o.interrupted, 1500);  // a restart's original is interrupted
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
      // The renamed claim: renamed_rank_share (0.5) of the innovation credit (0.5) and the rank
      // credit (1; no peer runs the domain at the start of the month, no level above), and
      // renamed_niche_share (0.25) of the niche credit peer_push x (1 - 0) = 1. Model 1 had no
      // innovation credit: 0.75.
      EXPECT_NEAR(r.novelty, 0.5 * (0.5 + 1.0) + 0.25 * 1.0, 1e-12);
    } else if (r.origin == Origin::Relocated) {
      continue;
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

// Protection: stopping or renaming a pilot the superior recognised (or designated) costs the
// successor PV x protection_penalty more in utility, and the penalty is charged to its year. With
// every inherited pilot recognised, fewer than half as many are ended as in the baseline (over 300
// of 1,500; the SE of either count is at most 20). Forced stops
// (continuing made hopeless, no restarts, B4 at 0) of three recognised pilots cost 3 x 0.5.
TEST(TurnoverTest, RecognisedPilotsAreProtectedAtSuccession) {
  Params p = customParams({500});
  auto s = successionState(p);
  turnOverLeaders(*s);
  auto t = successionState(p);
  for (std::uint32_t u = 0; u < t->unitCount(); ++u)
    for (int i = 0; i < t->pilotCount(u); ++i) t->unitPilots(u)[i].recognised = 1;
  turnOverLeaders(*t);
  EXPECT_GT(outcomes(*s).interrupted, 300);
  EXPECT_LT(outcomes(*t).interrupted, outcomes(*s).interrupted / 2);
  p.behaviour.load_cost = 1e6;
  p.mechanisms.renamed_restarts = false;
  auto f = successionState(p);
  for (std::uint32_t u = 0; u < f->unitCount(); ++u)
    for (int i = 0; i < f->pilotCount(u); ++i) f->unitPilots(u)[i].recognised = 1;
  turnOverLeaders(*f);
  EXPECT_EQ(outcomes(*f).interrupted, 1500);
  for (double x : f->units.year_penalty) EXPECT_NEAR(x, 3 * 0.5, 1e-12);
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
