// 5.3 A pilot of one's own (src/model/mechanisms/SpontaneousPilots.cpp, Initiatives.cpp): whether
// and where leaders start pilots, the design they choose (preparation against the race for first
// place, boldness against the expected penalty), plans and their launch, novelty claims, and the
// levers that shift the choice.
//
// Model 1 had startSpontaneousPilots with a rush factor; model 2 weighs own pilots in the nested
// logit of chooseInitiatives (with adoption, switched off here unless said) and chooses a design
// by best response. Many checks compare one month of decisions on two copies of the same state
// that differ in one parameter. Random draws are keyed by (unit, month, purpose), so both copies see
// the same draws ("common random numbers"). The chance of acting is logistic(beta x IV) with IV the
// inclusive value of the options, which rises with every option's utility: a parameter that raises
// the utilities can only add starts, never remove one, which makes the comparison exact.
//
// Numbers from the defaults: evaluation weights w_rep 0.5, w_nov 0.25, w_cit 0.1; promotion value
// PV = 1.92 x ambition; mean design quality 0.85 x competence; prep(t) = 0.7 + 0.3 (1 - e^{-t/4}).
#include "model/Incentives.hpp"
#include "model/mechanisms/Initiatives.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

/// Own pilots only: no campaigns, no voluntary adoption.
Params ownOnly(std::vector<int> branching) {
  Params p = customParams(std::move(branching));
  p.behaviour.consider_rate = 1.0;
  p.mechanisms.diffusion = false;
  p.mechanisms.voluntary_adoption = false;
  return p;
}

/// Groups of 4 peers, every leader weighs a move every month; unit 4g + j already runs j pilots (in
/// domains g, g + 1, g + 2 mod 3), so that domains 0-2 are taken to different degrees and 3-7 are
/// open everywhere.
std::unique_ptr<State> busyState(int groups = 250) {
  auto s = makeState(ownOnly({groups, 4}));
  s->month = 30;
  for (std::uint32_t u = 0; u < s->unitCount(); ++u)
    for (int j = 0; j < static_cast<int>(u % 4); ++j) test::addPilot(*s, u, static_cast<int>((u / 4 + j) % 3));
  s->month = 31;
  s->events = MonthEvents{};
  observePeers(*s);
  return s;
}

/// Domains of the pilots decided (launched or planned) by one call of chooseInitiatives on a copy
/// of `s`, by unit.
using Starts = std::map<std::uint32_t, std::vector<int>>;

Starts startsOn(const State& s, const std::function<void(State&)>& change = {}) {
  State copy = s;
  if (change) change(copy);
  const auto before = copy.records.size();
  chooseInitiatives(copy);
  Starts out;
  for (auto i = before; i < copy.records.size(); ++i) {
    EXPECT_EQ(copy.records[i].origin, Origin::Spontaneous);
    out[copy.records[i].unit].push_back(copy.records[i].domain);
  }
  return out;
}

int total(const Starts& m) {
  int n = 0;
  for (const auto& [u, c] : m) n += static_cast<int>(c.size());
  return n;
}

/// Every unit that starts in `a` also starts in `b`.
bool isSubset(const Starts& a, const Starts& b) {
  for (const auto& [u, c] : a)
    if (!b.count(u)) return false;
  return true;
}

std::vector<InitiativeOption> ownOptionsOf(const State& s, std::uint32_t u) {
  std::vector<InitiativeOption> out;
  ownPilotOptions(s, u, out);
  return out;
}

TEST(SpontaneousPilotsTest, SwitchedOffOrNeverConsideringNoStarts) {
  auto s = busyState(50);
  EXPECT_GT(total(startsOn(*s)), 0);
  EXPECT_EQ(total(startsOn(*s, [](State& x) { x.params.mechanisms.spontaneous_pilots = false; })), 0);
  EXPECT_EQ(total(startsOn(*s, [](State& x) { x.params.behaviour.consider_rate = 0; })), 0);
}

// consider_rate is the monthly chance a leader weighs a move at all: with 0.15 among 1,000 units
// about 150 consider and at most that many start (SE of the considering count: 11).
TEST(SpontaneousPilotsTest, OnlyConsideringLeadersStart) {
  auto s = busyState();
  const auto all = startsOn(*s);
  const auto some = startsOn(*s, [](State& x) { x.params.behaviour.consider_rate = 0.15; });
  // Same draws: those who start are the ones who would have started anyway and considered.
  EXPECT_TRUE(isSubset(some, all));
  EXPECT_LE(total(some), 150 + 45);
  EXPECT_NEAR(total(some), 0.15 * total(all), 45);
}

// C1 number control counts pilots needing attention and plans in preparation.
TEST(SpontaneousPilotsTest, UnitsAtNumberControlDoNotStart) {
  auto s = busyState();
  const auto starts = startsOn(*s, [](State& x) { x.params.regulation.number_control = 2; });
  for (const auto& [u, c] : starts) EXPECT_LT(s->units.load[u] + s->units.preparing[u], 2) << "unit " << u;
  EXPECT_GT(total(starts), 0);
  // A plan takes a place under the cap as a running pilot does.
  auto t = makeState(ownOnly({4}));
  t->params.regulation.number_control = 1;
  EXPECT_TRUE(canStartPilot(*t, 0));
  startOwnPilot(*t, 0, {InitiativeOption::Kind::OwnPilot, 5, 3, 1, AdoptionStyle::None, kNone, kNone, kNone, 0.0});
  EXPECT_EQ(t->units.preparing[0], 1);
  EXPECT_EQ(t->units.load[0], 0);
  EXPECT_FALSE(canStartPilot(*t, 0));
}

/// Five peers with fully ambitious leaders of competence 1, 12 months into their tenures (month
/// 40), flat budgets and every need at 0.5: the set-up of the design-choice tests below.
std::unique_ptr<State> designState() {
  auto s = makeState(ownOnly({5}));
  test::flattenUnits(*s);
  test::setAllLeaders(*s, 1.0, 1.0);
  test::setAllNeeds(*s, 0.5);
  s->month = 40;
  for (auto& h : s->units.head) h.start = 28;
  return s;
}

// A leader without ambition (PV = 0) values only public value, responsiveness and costs, so it
// picks the design of highest potential whatever the risks (penalties are career costs): 12 months
// of preparation and a bold design. By hand, competence 1, need 0.5, no effectiveness yet (unmet
// share 1), nobody running anything:
//   x = 0.85 x bold 1.2 x prep(12) (0.98506) x fit (0.15 + 0.85 x 0.5 = 0.575) = 0.57774,
//   U = public weight 1 x need 0.5 x x + responsiveness 0.2 x 0.5 - start 0.35 - load 0.03 x 1 = 0.00887.
TEST(SpontaneousPilotsTest, ALeaderWithoutAmbitionPicksTheBestDesignAndItsUtilityIsAsByHand) {
  auto s = makeState(ownOnly({5}));
  test::flattenUnits(*s);
  test::setAllLeaders(*s, 0.0, 1.0);
  test::setAllNeeds(*s, 0.5);
  std::fill(s->units.effectiveness.begin(), s->units.effectiveness.end(), 0.0);
  observePeers(*s);
  const auto options = ownOptionsOf(*s, 2);
  ASSERT_EQ(options.size(), 8u);
  const double x = 0.85 * 1.2 * (0.7 + 0.3 * (1 - std::exp(-3.0))) * 0.575;
  for (int k = 0; k < 8; ++k) {
    const auto& o = options[k];
    EXPECT_EQ(o.kind, InitiativeOption::Kind::OwnPilot);
    EXPECT_EQ(o.domain, k);
    EXPECT_EQ(o.preparation, 12);
    EXPECT_EQ(o.boldness, 2);
    EXPECT_NEAR(o.utility, 0.5 * x + 0.1 - 0.35 - 0.03, 1e-12);
  }
  EXPECT_NEAR(options[0].utility, 0.00887, 1e-5);
}

// The preparation race (new in model 2; model 1 lowered a first mover's quality by a rush factor).
// Five identical ambitious leaders (PV 1.92); unit 1 runs domains 1-7, so for unit 0 only domain 0
// is open, and with rank credit 3 its first place is worth PV x w_nov x 3 = 1.44. Peers start at
// 0.5 a month each: the first place is lost during t months of preparation with chance
// 1 - e^{-lambda t}, lambda = 0.5 x 4 peers / 8 domains = 0.25 (3 months keep 47%, a loss of about
// 0.76, more than the 23% of quality 3 months add, 0.7 -> 0.858, can be worth). So in the open
// domain the leader launches at once; in a taken one it prepares the longest, 12 months. Without learning from peers
// the two domains differ by the novelty only, so once nothing can pre-empt it (peers' start rate 0, or no first-mover
// race) the open domain gets the same design as the taken ones. Without the preparation race every design gets the
// middle option (6 months); without bold designs, normal.
TEST(SpontaneousPilotsTest, WhereTheFirstPlaceIsOpenLeadersPrepareLessLatecomersPrepareFully) {
  auto s = designState();
  s->params.drivers.rank_credit = 3.0;
  s->params.mechanisms.learning_from_peers = false;
  for (int k = 1; k < 8; ++k) test::addPilot(*s, 1, k);
  observePeers(*s);
  s->superiors.start_rate[0] = 0.5;
  const auto racing = ownOptionsOf(*s, 0);
  for (int k = 2; k < 8; ++k) {
    EXPECT_EQ(racing[k].preparation, racing[1].preparation);
    EXPECT_EQ(racing[k].boldness, racing[1].boldness);
  }
  EXPECT_EQ(racing[0].preparation, 0);
  EXPECT_EQ(racing[1].preparation, 12);
  EXPECT_GT(racing[0].utility, racing[1].utility);  // the first place is worth something still
  const auto calm = [&](auto change) {
    State t = *s;
    change(t);
    return ownOptionsOf(t, 0);
  };
  for (const auto& o : {calm([](State& t) { t.superiors.start_rate[0] = 0; }),
                        calm([](State& t) { t.params.mechanisms.first_mover_race = false; })}) {
    EXPECT_EQ(o[0].preparation, racing[1].preparation);
    EXPECT_EQ(o[0].boldness, racing[1].boldness);
  }
  for (const auto& o : calm([](State& t) { t.params.mechanisms.preparation_race = false; }))
    EXPECT_EQ(o.preparation, 6);
  for (const auto& o : calm([](State& t) { t.params.mechanisms.bold_designs = false; })) EXPECT_EQ(o.boldness, 1);
}

// Boldness against the expected penalty (paper s.3.1). A bold design has quality x 1.2 but failure
// hazard x 2 and red-line hazard x 1; a cautious one 0.9, 0.6 and 0. With red lines out of the way,
// an ambitious leader facing a failure penalty of 3 designs cautiously; full error tolerance waives
// the failure penalty, and nothing then holds back the boldest design (its potential is highest).
// A red-line crossing is never tolerated: with a red-line penalty of 100 every design is cautious
// (the only boldness with no red-line risk) whatever the tolerance.
TEST(SpontaneousPilotsTest, ErrorToleranceMakesDesignsBolderButRedLinesAreNeverTolerated) {
  auto s = designState();
  s->params.evaluation.failure_penalty = 3.0;
  observePeers(*s);
  const auto with = [&](double tolerance, bool red_line, double redline_penalty) {
    State t = *s;
    t.params.couplings.error_tolerance = tolerance;
    t.params.mechanisms.red_line = red_line;
    t.params.evaluation.redline_penalty = redline_penalty;
    return ownOptionsOf(t, 0);
  };
  const auto strict = with(0.0, false, 0), tolerant = with(1.0, false, 0);
  for (int k = 0; k < 8; ++k) {
    EXPECT_LT(strict[k].boldness, 2) << "domain " << k;
    EXPECT_EQ(tolerant[k].boldness, 2) << "domain " << k;
    EXPECT_GT(tolerant[k].utility, strict[k].utility);
  }
  for (const auto& o : with(1.0, true, 100.0)) EXPECT_EQ(o.boldness, 0);
  // The expected penalty itself: failure waived by tolerance, red line not.
  const double both = expectedPenalty(*s, 0, 3, 0.85, 0.575, 2, false);
  State t = *s;  // risk aversion 0.5: penalties x 1.5
  t.params.couplings.error_tolerance = 1.0;
  const double red_only = expectedPenalty(t, 0, 3, 0.85, 0.575, 2, false);
  // Red line, bold: min(1, 0.002 x 1 x 24) x 3 x (1 + dismissal 0.3) x risk factor 1.5.
  EXPECT_NEAR(red_only, 0.048 * 3 * 1.3 * 1.5, 1e-12);
  EXPECT_GT(both, red_only);  // the failure part counts at tolerance 0.2
  t.params.mechanisms.red_line = false;
  EXPECT_EQ(expectedPenalty(t, 0, 3, 0.85, 0.575, 2, false), 0.0);
}

// Every start against its design rule (replaces model 1's rush and learning factors). Quality is
// competence x U around 0.85 with half-width 0.15 x bold_spread[b] (0.5, 1, 2), times bold_quality[b]
// (0.9, 1, 1.2) and prep(t), and for a latecomer (peers run the domain) times 1 + learning 0.2 x
// min(1, taken / 3); undoing the factors must bring every pilot into its range, and the mean back to
// 0.85 (hundreds of starts: SE < .01; tolerance .03). A start with preparation is a plan (novelty
// claimed at launch); one without claims at once: innovation 0.5 + first place (rank 1 x (1 + 0.5 x
// levels above the peers where no unit runs the domain)) + niche peer push x (1 - taken / 3).
TEST(SpontaneousPilotsTest, DesignsQualityAndClaimsAreAsDesigned) {
  for (const bool mechanisms_on : {true, false}) {
    auto s0 = busyState(500);
    State s = *s0;
    s.params.mechanisms.first_mover_race = mechanisms_on;
    s.params.mechanisms.learning_from_peers = mechanisms_on;
    s.params.mechanisms.niche_seeking = mechanisms_on;
    const auto before = s.records.size();
    chooseInitiatives(s);
    const auto& p = s.params;
    double sum = 0, first_prep = 0, late_prep = 0;
    int n = 0, launched = 0, planned = 0, first = 0, late = 0;
    for (auto i = before; i < s.records.size(); ++i) {
      const auto& r = s.records[i];
      const auto u = r.unit;
      const int k = r.domain;
      const auto sup = s.tree.unit_superior[u];
      const double self = (s.units.domains_at_start[u] >> k) & 1u;
      const double taken = s.peer_domain_units[sup * s.K + k] - self;
      const int b = r.boldness;
      const int prep = r.start - r.decided;
      ASSERT_TRUE(prep == 0 || prep == 3 || prep == 6 || prep == 12) << prep;
      const double learn = taken > 0 && mechanisms_on ? 1.0 + 0.2 * std::min(1.0, taken / 3.0) : 1.0;
      const double factor = p.pilot.bold_quality[b] * (0.7 + 0.3 * (1 - std::exp(-prep / 4.0))) * learn;
      const double half = 0.15 * p.pilot.bold_spread[b];
      ++(taken <= 0 ? first : late);
      (taken <= 0 ? first_prep : late_prep) += prep;
      if (prep == 0) {
        ++launched;
        EXPECT_EQ(r.first_mover, taken <= 0);
        const int levels = s.subtree_domain_units[0 * s.K + k] - self > 0 ? 0 : 1;  // the root: one level up
        const double novelty = 0.5 + (mechanisms_on && taken <= 0 ? 1.0 * (1 + 0.5 * levels) : 0.0) +
                               (mechanisms_on ? 1.0 - taken / 3.0 : 0.0);
        EXPECT_NEAR(r.novelty, novelty, 1e-12) << "pilot " << r.id;
      } else {
        ++planned;
        EXPECT_EQ(r.status, PilotStatus::Preparing);
        EXPECT_LT(r.novelty, 0.0);  // claimed at launch
      }
      const double c = s.units.head[u].competence;
      if (c * factor * (0.85 + half) > 1.5) continue;  // capped at 1.5
      const double x = r.quality / (c * factor);
      EXPECT_GE(x, 0.85 - half - 1e-6) << "pilot " << r.id;
      EXPECT_LE(x, 0.85 + half + 1e-6) << "pilot " << r.id;
      sum += x;
      ++n;
    }
    ASSERT_GT(n, 300);
    EXPECT_NEAR(sum / n, 0.85, 0.03);
    EXPECT_EQ(s.events.designed_starts, launched + planned);
    ASSERT_GT(first, 20);
    ASSERT_GT(late, 20);
    // The race: first movers prepare less than latecomers (by more than a month on average).
    if (mechanisms_on) {
      EXPECT_LT(first_prep / first + 1.0, late_prep / late);
    }
    if (::testing::Test::HasFailure()) return;
  }
}

// A plan is launched by chooseInitiatives in the month its preparation ends, and claims its novelty
// as of then: here a peer launched in the same domain meanwhile, so the first place is lost.
// Tree {3}: 2 peers each. Unit 1 launches at once in month 11: innovation 0.5 + first 1 + niche 1 =
// 2.5. Unit 0's plan of month 10 launches in month 13: 0.5 + niche 1 x (1 - 1/2) = 1.
TEST(SpontaneousPilotsTest, APlanIsLaunchedWhenItsPreparationEndsAndClaimsNoveltyThen) {
  Params p = ownOnly({3});
  p.behaviour.consider_rate = 0;  // no other move
  auto s = makeState(p);
  s->month = 10;
  observePeers(*s);
  const InitiativeOption plan{InitiativeOption::Kind::OwnPilot, 5, 3, 1, AdoptionStyle::None, kNone, kNone, kNone, 0};
  startOwnPilot(*s, 0, plan);
  ASSERT_EQ(s->pilotCount(0), 1);
  const auto id = s->unitPilots(0)[0].id;
  EXPECT_EQ(s->unitPilots(0)[0].status, PilotStatus::Preparing);
  EXPECT_EQ(s->records[id].decided, 10);
  EXPECT_EQ(s->records[id].start, 13);
  EXPECT_EQ(s->units.domain_pilots[0 * s->K + 5], 0);
  s->month = 11;
  observePeers(*s);
  startOwnPilot(*s, 1, {InitiativeOption::Kind::OwnPilot, 5, 0, 1, AdoptionStyle::None, kNone, kNone, kNone, 0});
  EXPECT_NEAR(s->records[id + 1].novelty, 2.5, 1e-12);
  EXPECT_TRUE(s->records[id + 1].first_mover);
  s->month = 12;
  observePeers(*s);
  chooseInitiatives(*s);
  EXPECT_EQ(s->unitPilots(0)[0].status, PilotStatus::Preparing);
  s->month = 13;
  observePeers(*s);
  chooseInitiatives(*s);
  EXPECT_EQ(s->unitPilots(0)[0].status, PilotStatus::Active);
  EXPECT_EQ(s->units.preparing[0], 0);
  EXPECT_EQ(s->units.load[0], 1);
  EXPECT_EQ(s->units.domain_pilots[0 * s->K + 5], 1);
  EXPECT_NEAR(s->records[id].novelty, 1.0, 1e-12);
  EXPECT_FALSE(s->records[id].first_mover);
}

// Fit is drawn around 0.15 + 0.85 x need (sd 0.1): with needs at 0.4 the mean fit of several
// hundred starts is 0.49 (SE < .005; tolerance .02).
TEST(SpontaneousPilotsTest, FitFollowsTheNeedOfTheChosenDomain) {
  auto s = busyState();
  test::setAllNeeds(*s, 0.4);
  State copy = *s;
  const auto before = copy.records.size();
  chooseInitiatives(copy);
  double fit = 0;
  for (auto i = before; i < copy.records.size(); ++i) fit += copy.records[i].fit;
  const auto n = copy.records.size() - before;
  ASSERT_GT(n, 200u);
  EXPECT_NEAR(fit / n, 0.49, 0.02);
}

// Error tolerance waives part of the expected failure penalty: it raises every design's utility
// (so the best one's), so with the same draws every unit that starts without tolerance also starts
// with it.
TEST(SpontaneousPilotsTest, ErrorToleranceOnlyAddsStarts) {
  auto s = busyState();
  const auto none = startsOn(*s, [](State& x) { x.params.couplings.error_tolerance = 0; });
  const auto full = startsOn(*s, [](State& x) { x.params.couplings.error_tolerance = 1; });
  EXPECT_TRUE(isSubset(none, full));
  EXPECT_GT(total(full), total(none) + 10);
  // Full tolerance removes the failure term entirely: the same decisions as if pilots never failed.
  const auto no_failure = startsOn(*s, [](State& x) {
    x.params.couplings.error_tolerance = 0;
    x.params.mechanisms.pilot_failure = false;
  });
  EXPECT_EQ(no_failure, full);
}

TEST(SpontaneousPilotsTest, LoadCostAndStartCostOnlyRemoveStarts) {
  auto s = busyState();
  const auto base = startsOn(*s);
  const auto loaded = startsOn(*s, [](State& x) { x.params.behaviour.load_cost = 0.3; });
  const auto costly = startsOn(*s, [](State& x) { x.params.behaviour.start_cost = 0.7; });
  EXPECT_TRUE(isSubset(loaded, base));
  EXPECT_TRUE(isSubset(costly, base));
  EXPECT_LT(total(loaded), total(base) - 10);
  EXPECT_LT(total(costly), total(base) - 10);
}

// Isomorphic pressure: fear of falling behind peers who run more pilots adds iso_weight 0.2 x peer
// push x (peers' mean load - own load) to every option of a unit below its peers' mean; it vanishes
// when switched off or with no peer push.
TEST(SpontaneousPilotsTest, IsomorphicPressureAddsStartsForUnitsBehindTheirPeers) {
  auto s = busyState();
  std::fill(s->peer_mean_load.begin(), s->peer_mean_load.end(), 6.0);
  EXPECT_NEAR(isomorphicPressure(*s, 5), 0.2 * 1.0 * (6.0 - s->units.load[5]), 1e-12);
  const auto on = startsOn(*s);
  const auto off = startsOn(*s, [](State& x) { x.params.mechanisms.isomorphic_pressure = false; });
  const auto no_push = startsOn(*s, [](State& x) {
    x.params.drivers.peer_push = 0;
    x.params.mechanisms.niche_seeking = false;
  });
  const auto no_push_off = startsOn(*s, [](State& x) {
    x.params.drivers.peer_push = 0;
    x.params.mechanisms.niche_seeking = false;
    x.params.mechanisms.isomorphic_pressure = false;
  });
  EXPECT_TRUE(isSubset(off, on));
  EXPECT_GT(total(on), total(off) + 10);
  EXPECT_EQ(no_push, no_push_off);
  // Units at or above the peers' mean feel no pressure: same decisions on or off.
  std::fill(s->peer_mean_load.begin(), s->peer_mean_load.end(), 0.0);
  EXPECT_EQ(startsOn(*s), startsOn(*s, [](State& x) { x.params.mechanisms.isomorphic_pressure = false; }));
}

/// Share of this month's spontaneous starts in domain k.
double shareIn(const State& s, int k, const std::function<void(State&)>& change) {
  const auto starts = startsOn(s, change);
  int in = 0;
  for (const auto& [u, c] : starts)
    for (int d : c) in += d == k;
  const int n = total(starts);
  return n > 0 ? in / static_cast<double>(n) : 0.0;
}

/// 2,000 units with equal needs, nobody running anything.
std::unique_ptr<State> freshState() {
  auto s = makeState(ownOnly({500, 4}));
  test::setAllNeeds(*s, 0.5);
  observePeers(*s);
  return s;
}

// Upper pull: the superior signals domain 3 at 3/8 (three times the average). Reports in it weigh
// 1 + upper_pull x 2, so more pilots go there; with no pull the choice is exactly what it is with
// no political signals at all. Shares are over several hundred starts (SE < .03); the gap expected
// is several times that.
TEST(SpontaneousPilotsTest, UpperPullDrawsPilotsToSignalledDomains) {
  auto s = freshState();
  for (std::uint32_t sup = 0; sup < s->superiorCount(); ++sup)
    for (int k = 0; k < s->K; ++k) s->superiors.signal[sup * s->K + k] = k == 3 ? 3.0 / 8 : 5.0 / 56;
  const auto pull = [](double x) { return [x](State& t) { t.params.drivers.upper_pull = x; }; };
  const double strong = shareIn(*s, 3, pull(1.0));
  const double none = shareIn(*s, 3, pull(0.0));
  EXPECT_GT(strong, none + 0.1);
  EXPECT_EQ(startsOn(*s, pull(0.0)), startsOn(*s, [](State& t) { t.params.mechanisms.political_signals = false; }));
}

// Needs steer the choice: with domain 5 at need 0.9 and the others at 0.1, far more than the even
// share 1/8 of starts go to domain 5 (several hundred starts, SE < .03).
TEST(SpontaneousPilotsTest, NeedsSteerTheDomainChoice) {
  auto s = freshState();
  test::setAllNeeds(*s, 0.1);
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) s->need(u, 5) = 0.9;
  EXPECT_GT(shareIn(*s, 5, [](State&) {}), 0.3);
}

// Niche seeking: when all of a unit's peers already run domain 0, standing apart pays; without it
// (and without the race for first place and learning from peers, the other two ways what peers run
// enters a design's value) what peers run makes no difference at all.
TEST(SpontaneousPilotsTest, NicheSeekingSteersAwayFromDomainsPeersHold) {
  auto s = freshState();
  // Views as if every unit ran domain 0 (its peers' count includes itself).
  for (std::uint32_t sup = 0; sup < s->superiorCount(); ++sup)
    s->peer_domain_units[sup * s->K + 0] = s->direct_units[sup];
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) s->units.domains_at_start[u] |= 1u;
  const auto setup = [](bool niche) {
    return [niche](State& t) {
      t.params.mechanisms.first_mover_race = false;
      t.params.mechanisms.learning_from_peers = false;
      t.params.mechanisms.niche_seeking = niche;
    };
  };
  const double with = shareIn(*s, 0, setup(true));
  const double without = shareIn(*s, 0, setup(false));
  EXPECT_LT(with, without - 0.05);
  auto nobody = freshState();
  EXPECT_EQ(startsOn(*s, setup(false)), startsOn(*nobody, setup(false)));
  EXPECT_NE(startsOn(*s, setup(true)), startsOn(*nobody, setup(true)));
}

}  // namespace
}  // namespace pilotsim
