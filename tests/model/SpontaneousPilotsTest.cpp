// 5.3 Spontaneous pilots (src/model/mechanisms/SpontaneousPilots.cpp): whether and where leaders
// start pilots, first movers' rush and latecomers' learning, novelty claims, and the levers that
// shift the choice.
//
// Many checks compare one month of decisions on two copies of the same state that differ in one
// parameter. Random draws are keyed by (unit, month, purpose), so both copies see the same draws
// ("common random numbers"): a parameter that raises every option's utility can only add starts,
// never remove one, which makes the comparison exact rather than statistical.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"
#include "model/Incentives.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

/// Groups of 4 peers, every leader weighs a pilot every month; some units already run pilots so
/// that domains are taken to different degrees.
std::unique_ptr<State> busyState(int groups = 250) {
  Params p = customParams({groups, 4});
  p.behaviour.consider_rate = 1.0;
  auto s = makeState(p);
  s->month = 30;
  for (std::uint32_t u = 0; u < s->unitCount(); ++u)
    for (int j = 0; j < static_cast<int>(u % 4); ++j) test::addPilot(*s, u, static_cast<int>((u / 4 + j) % 3));
  s->month = 31;
  s->events = MonthEvents{};
  observePeers(*s);
  return s;
}

/// Domains of the pilots started by one call of startSpontaneousPilots on a copy of `s`, by unit.
using Starts = std::map<std::uint32_t, std::vector<int>>;

Starts startsOn(const State& s, const std::function<void(State&)>& change = {}) {
  State copy = s;
  if (change) change(copy);
  const auto before = copy.records.size();
  startSpontaneousPilots(copy);
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

TEST(SpontaneousPilotsTest, SwitchedOffOrNeverConsideringNoStarts) {
  auto s = busyState(50);
  EXPECT_GT(total(startsOn(*s)), 0);
  EXPECT_EQ(total(startsOn(*s, [](State& x) { x.params.mechanisms.spontaneous_pilots = false; })), 0);
  EXPECT_EQ(total(startsOn(*s, [](State& x) { x.params.behaviour.consider_rate = 0; })), 0);
}

// consider_rate is the monthly chance a leader weighs a pilot at all: with 0.15 among 1,000 units
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

TEST(SpontaneousPilotsTest, UnitsAtThePilotCapDoNotStart) {
  auto s = busyState();
  const auto starts = startsOn(*s, [](State& x) { x.params.regulation.pilot_cap = 2; });
  for (const auto& [u, c] : starts) EXPECT_LT(s->units.load[u], 2) << "unit " << u;
  EXPECT_GT(total(starts), 0);
}

// Every start against its design rule. Quality is drawn in competence x [0.7, 1] (capped at 1.5),
// then divided by 1 + rush x rank credit x ambition for a first mover in a race, or multiplied by
// 1 + learning x min(1, taken / 3) for a latecomer who learns from peers: undoing that factor must
// bring every pilot back into the design range, and the mean back to 0.85 (several hundred starts
// of each kind: SE < .005; tolerance .02). Rank credit 1.5 and learning 0.6 keep the factors apart
// from the defaults. The novelty claim is exact: rank credit for a first mover plus
// peer push x (1 - taken / peers) for standing apart.
TEST(SpontaneousPilotsTest, FirstMoversRushLatecomersLearnAndClaimsAreAsDesigned) {
  for (const bool race : {true, false})
    for (const bool learning : {true, false})
      for (const bool niche : {true, false}) {
        auto s0 = busyState(500);
        State s = *s0;
        // In every other peer group all domains are already taken by two peers: latecomers there.
        for (std::uint32_t sup = 1; sup < s.superiorCount(); sup += 2)
          for (int k = 0; k < s.K; ++k) s.peer_domain_units[sup * s.K + k] = 2;
        s.params.drivers.rank_credit = 1.5;
        s.params.behaviour.learning = 0.6;
        s.params.mechanisms.first_mover_race = race;
        s.params.mechanisms.learning_from_peers = learning;
        s.params.mechanisms.niche_seeking = niche;
        const auto had = s.units.domain_pilots;  // before this month's starts
        const auto before = s.records.size();
        startSpontaneousPilots(s);
        const auto& p = s.params;
        double first_sum = 0, late_sum = 0, raw_below = 0;
        int first = 0, late = 0;
        for (auto i = before; i < s.records.size(); ++i) {
          const auto& r = s.records[i];
          const auto u = r.unit;
          const int k = r.domain;
          const auto sup = s.tree.unit_superior[u];
          const double taken = s.peer_domain_units[sup * s.K + k] - (had[u * s.K + k] > 0 ? 1.0 : 0.0);
          const bool is_first = taken <= 0;
          EXPECT_EQ(r.first_mover, is_first);
          const auto& h = s.units.head[u];
          double factor = 1.0;
          if (is_first && race)
            factor = 1.0 / (1.0 + p.behaviour.rush * p.drivers.rank_credit * h.ambition);
          else if (!is_first && learning)
            factor = 1.0 + p.behaviour.learning * std::min(1.0, taken / 3.0);
          const double novelty = (race && is_first ? p.drivers.rank_credit : 0.0) +
                                 (niche ? p.drivers.peer_push * (1.0 - taken / 3.0) : 0.0);
          EXPECT_NEAR(r.novelty, novelty, 1e-12) << "pilot " << r.id;
          if (h.competence * factor > 1.5 || h.competence > 1.5) continue;  // capped at 1.5
          const double x = r.quality / (h.competence * factor);
          EXPECT_GE(x, 0.7 - 1e-6) << "pilot " << r.id;
          EXPECT_LE(x, 1.0 + 1e-6) << "pilot " << r.id;
          raw_below += r.quality / h.competence < 0.7 - 1e-6;
          (is_first ? first_sum : late_sum) += x;
          ++(is_first ? first : late);
        }
        // Both kinds of start occurred often enough for the means to be precise.
        ASSERT_GT(first, 200);
        ASSERT_GT(late, 200);
        EXPECT_NEAR(first_sum / first, 0.85, 0.02);
        EXPECT_NEAR(late_sum / late, 0.85, 0.02);
        // The race really lowers quality: many first movers end below the plain design range.
        if (race)
          EXPECT_GT(raw_below, 0.5 * first);
        else
          EXPECT_EQ(raw_below, 0);
        if (::testing::Test::HasFailure()) return;
      }
}

// Fit is drawn around 0.15 + 0.85 x need (sd 0.1): with needs at 0.4 the mean fit of several
// hundred starts is 0.49 (SE < .005; tolerance .02).
TEST(SpontaneousPilotsTest, FitFollowsTheNeedOfTheChosenDomain) {
  auto s = busyState();
  test::setAllNeeds(*s, 0.4);
  State copy = *s;
  const auto before = copy.records.size();
  startSpontaneousPilots(copy);
  double fit = 0;
  for (auto i = before; i < copy.records.size(); ++i) fit += copy.records[i].fit;
  const auto n = copy.records.size() - before;
  ASSERT_GT(n, 200u);
  EXPECT_NEAR(fit / n, 0.49, 0.02);
}

// Error tolerance waives part of the expected failure penalty: it raises every option's utility,
// so with the same draws every unit that starts without tolerance also starts with it.
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

// Isomorphic pressure: fear of falling behind peers who run more pilots adds to every option of a
// unit below its peers' mean load; it vanishes when switched off or with no peer push.
TEST(SpontaneousPilotsTest, IsomorphicPressureAddsStartsForUnitsBehindTheirPeers) {
  auto s = busyState();
  std::fill(s->peer_mean_load.begin(), s->peer_mean_load.end(), 6.0);
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
  State copy = s;
  change(copy);
  const auto before = copy.records.size();
  startSpontaneousPilots(copy);
  int in = 0;
  for (auto i = before; i < copy.records.size(); ++i) in += copy.records[i].domain == k;
  const auto n = copy.records.size() - before;
  return n > 0 ? in / static_cast<double>(n) : 0.0;
}

/// 2,000 units with equal needs, nobody running anything, and one domain singled out.
std::unique_ptr<State> freshState() {
  Params p = customParams({500, 4});
  p.behaviour.consider_rate = 1.0;
  auto s = makeState(p);
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
// (and without the race for first place) what peers run makes no difference at all.
TEST(SpontaneousPilotsTest, NicheSeekingSteersAwayFromDomainsPeersHold) {
  auto s = freshState();
  for (std::uint32_t sup = 0; sup < s->superiorCount(); ++sup)
    if (s->direct_units[sup]) s->peer_domain_units[sup * s->K + 0] = 4;  // every peer runs domain 0...
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) s->units.domain_pilots[u * s->K + 0] = 1;  // ...this unit too
  const auto setup = [](bool niche) {
    return [niche](State& t) {
      t.params.mechanisms.first_mover_race = false;
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
