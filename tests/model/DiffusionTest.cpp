// 5.4 Adoption and campaigns (src/model/mechanisms/Diffusion.cpp, Initiatives.cpp): adoption as a
// leader's decision in the nested logit of its initiatives, campaigns' stake, momentum (diffusion
// inertia), media and end, laggards' sanctions, voluntary adoption of known experiences, adapt
// versus copy-and-rename.
//
// Model 1 gave every unit a monthly adoption hazard (base_hazard x (1 + promotion_effect x momentum
// + media + peer_effect x share) x resources / load); model 2 replaced it by a decision: the
// adoption options' utilities (reward, sanction, media, costs) and the nested logit that weighs
// them against a pilot of one's own and against doing nothing. The tests below check the utilities
// by exact differences, and the choice against the logit formula.
//
// Numbers used throughout, from the defaults: evaluation weights after B1 are w_rep 0.5, w_nov 0.25,
// w_des 0.15, w_cit 0.1 (the first three sum to 0.9 = 1 - 0.1); the promotion value of a score
// point for ambition a is PV = a x payoff 1 x steepness 2 x 4 x 0.4 x 0.6 = 1.92 a (0.96 at a = 0.5).
#include "model/Incentives.hpp"
#include "model/mechanisms/Campaigns.hpp"
#include "model/mechanisms/Initiatives.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

/// Identical units: budgets and adoption costs 1, leaders of ambition 0.5 and competence 1 who have
/// been 12 months in office at month 40, all needs 0.5.
void identicalUnits(State& s) {
  test::flattenUnits(s);
  test::setAllLeaders(s, 0.5, 1.0);
  test::setAllNeeds(s, 0.5);
  s.month = 40;
  for (auto& h : s.units.head) h.start = 28;
}

/// A source pilot in domain 2 of unit `origin` (quality 0.8, fit 0.7) and a campaign of superior
/// `sup` for it (seen at 0.5); peers' views are taken afterwards, so that the source's unit counts
/// as running domain 2. Returns the campaign's id.
std::uint32_t sourceAndCampaign(State& s, std::uint32_t sup, std::uint32_t origin) {
  const auto& src = test::addPilot(s, origin, 2, Origin::Spontaneous, 0.8, 0.7);
  const auto id = startCampaign(s, sup, src, 0.5);
  observePeers(s);
  return id;
}

std::vector<InitiativeOption> adoptionOptionsOf(State& s, std::uint32_t u) {
  std::vector<InitiativeOption> out;
  adoptionOptions(s, u, out);
  return out;
}

/// Units whose pilots started after record `before` are adoptions, by unit.
std::vector<std::uint32_t> newAdopters(const State& s, std::size_t before) {
  std::vector<std::uint32_t> out;
  for (auto i = before; i < s.records.size(); ++i)
    if (s.records[i].origin == Origin::Adoption) out.push_back(s.records[i].unit);
  return out;
}

// startCampaign: stake 1 + endorsement_boost (0.5) per level above the units' own superior, momentum
// 1, media 1 x (1 + media_level_gain 1 x levels above); units already running the lineage count as
// adopters. Tree {2, 3}: the root (0) is one level above superiors 1 (units 0-2) and 2 (units 3-5).
TEST(DiffusionTest, CampaignsStartWithTheirSuperiorsStakeAndCountUnitsAlreadyRunningTheLineage) {
  auto s = makeState(customParams({2, 3}));
  const auto& src = test::addPilot(*s, 1, 2);
  NewPilot copy{4, 2, Origin::Adoption, s->units.leader[4], 0.5, 0.5};
  copy.lineage = src.lineage;
  startPilot(*s, copy);
  const auto top = startCampaign(*s, 0, s->unitPilots(1)[0], 0.8);
  const auto low = startCampaign(*s, 1, s->unitPilots(1)[0], 0.8);
  const auto& a = s->campaigns[top];
  EXPECT_DOUBLE_EQ(a.stake, 1.5);
  EXPECT_DOUBLE_EQ(a.media, 2.0);
  EXPECT_DOUBLE_EQ(a.momentum, 1.0);
  EXPECT_FLOAT_EQ(a.seen, 0.8f);
  ASSERT_EQ(a.adopted.size(), 6u);
  EXPECT_EQ(a.adopters, 2u);  // units 1 and 4
  EXPECT_EQ(a.adopted, (std::vector<std::uint8_t>{0, 1, 0, 0, 1, 0}));
  const auto& b = s->campaigns[low];
  EXPECT_DOUBLE_EQ(b.stake, 1.0);
  EXPECT_DOUBLE_EQ(b.media, 1.0);
  ASSERT_EQ(b.adopted.size(), 3u);
  EXPECT_EQ(b.adopters, 1u);  // unit 4 is outside superior 1's range
  EXPECT_EQ(s->superiors.campaign_ids[0], (std::vector<std::uint32_t>{top}));
  EXPECT_EQ(s->superiors.campaign_ids[1], (std::vector<std::uint32_t>{low}));
  EXPECT_EQ(s->running_campaigns, (std::vector<std::uint32_t>{top, low}));
  EXPECT_EQ(s->superiors.campaigns_started[0], 1u);
  // Without the media mechanism a campaign gets no media attention.
  s->params.mechanisms.media = false;
  EXPECT_EQ(s->campaigns[startCampaign(*s, 0, s->unitPilots(1)[0], 0.8)].media, 0.0);
}

// Model 1 tested the same growth and decay with a fixed decay. Model 2:
//   m <- m (1 - decay x max(1, campaigns / capacity) / max(0.25, sig)) + inertia x 12 x new / scope,
// decay 0.03, capacity 3, media decays by 0.05 a month. Tree {10}, uniform signals (sig = 1).
TEST(DiffusionTest, MomentumGrowsWithAdoptionsAndDecaysFasterWhenCrowdedOrOutOfFavour) {
  Params p = customParams({10});
  p.couplings.diffusion_inertia = 2.0;
  auto s = makeState(p);
  std::fill(s->superiors.signal.begin(), s->superiors.signal.end(), 1.0 / 8);
  const auto ci = sourceAndCampaign(*s, 0, 0);
  auto& c = s->campaigns[ci];
  c.media = 0.8;
  c.new_adopters = 2;
  updateCampaigns(*s);
  EXPECT_NEAR(c.momentum, 0.97 + 2.0 * 12 * 2 / 10, 1e-12);  // 5.77
  EXPECT_NEAR(c.media, 0.76, 1e-12);
  EXPECT_EQ(c.new_adopters, 0u);
  // No adoptions: decay only.
  updateCampaigns(*s);
  EXPECT_NEAR(c.momentum, 5.77 * 0.97, 1e-12);
  // Domain 2 falls to half the average priority: sig = 1 + upper_pull x (8 x 1/16 - 1) = 0.5, decay 0.06.
  for (int k = 0; k < 8; ++k) s->superiors.signal[k] = k == 2 ? 1.0 / 16 : (1 - 1.0 / 16) / 7;
  c.momentum = 1.0;
  updateCampaigns(*s);
  EXPECT_NEAR(c.momentum, 0.94, 1e-12);
  // Out of favour entirely: sig 0, floored at 0.25, decay 0.12.
  for (int k = 0; k < 8; ++k) s->superiors.signal[k] = k == 2 ? 0.0 : 1.0 / 7;
  c.momentum = 1.0;
  updateCampaigns(*s);
  EXPECT_NEAR(c.momentum, 0.88, 1e-12);
  // Six campaigns against a capacity of 3 (back at sig 1): decay 0.03 x 2 = 0.06.
  std::fill(s->superiors.signal.begin(), s->superiors.signal.end(), 1.0 / 8);
  for (int j = 0; j < 5; ++j) startCampaign(*s, 0, s->unitPilots(0)[0], 0.5);
  ASSERT_EQ(s->superiors.campaign_ids[0].size(), 6u);
  s->campaigns[ci].momentum = 1.0;  // (c dangles: the campaign table grew)
  updateCampaigns(*s);
  EXPECT_NEAR(s->campaigns[ci].momentum, 0.94, 1e-12);
}

// Model 1 ended a campaign after a fixed duration; model 2 ends it when coverage reaches the goal
// (0.95), when momentum falls under the attention floor (0.2: attention moved on), or at the time
// limit (120 months, a safety). Months to 10 / 50 / 90% coverage are recorded as the campaign's age.
TEST(DiffusionTest, CampaignsEndAtTheGoalWhenAttentionMovesOnOrAtTheTimeLimit) {
  Params p = customParams({20});
  p.couplings.diffusion_inertia = 0;
  auto s = makeState(p);
  std::fill(s->superiors.signal.begin(), s->superiors.signal.end(), 1.0 / 8);
  s->month = 20;
  const auto ci = sourceAndCampaign(*s, 0, 0);
  auto& c = s->campaigns[ci];
  s->month = 23;
  for (std::uint32_t u = 1; u < 18; ++u) c.adopted[u] = 1;
  c.adopters = 18;  // 0.9 < 0.95
  updateCampaigns(*s);
  EXPECT_TRUE(c.running);
  EXPECT_EQ(c.month10, 3);
  EXPECT_EQ(c.month50, 3);
  EXPECT_EQ(c.month90, 3);
  s->month = 24;
  c.adopted[18] = 1;
  c.adopters = 19;  // 0.95
  updateCampaigns(*s);
  EXPECT_FALSE(c.running);
  EXPECT_EQ(c.end_reason, CampaignEnd::Coverage);
  EXPECT_EQ(c.end, 24);
  EXPECT_TRUE(s->running_campaigns.empty());
  EXPECT_TRUE(s->superiors.campaign_ids[0].empty());

  // Attention: 0.21 x 0.97 = 0.2037 stays; x 0.97 again = 0.1976 < 0.2 ends.
  const auto ai = startCampaign(*s, 0, s->unitPilots(0)[0], 0.5);
  s->campaigns[ai].momentum = 0.21;
  updateCampaigns(*s);
  EXPECT_TRUE(s->campaigns[ai].running);
  updateCampaigns(*s);
  EXPECT_FALSE(s->campaigns[ai].running);
  EXPECT_EQ(s->campaigns[ai].end_reason, CampaignEnd::Attention);

  // Time limit: with no decay the campaign runs at age 119 and ends at age 120.
  s->params.diffusion.momentum_decay = 0;
  const auto ti = startCampaign(*s, 0, s->unitPilots(0)[0], 0.5);
  const int start = s->month;
  s->month = start + 119;
  updateCampaigns(*s);
  EXPECT_TRUE(s->campaigns[ti].running);
  s->month = start + 120;
  updateCampaigns(*s);
  EXPECT_FALSE(s->campaigns[ti].running);
  EXPECT_EQ(s->campaigns[ti].end_reason, CampaignEnd::TimeLimit);
}

// Laggards (units not yet adopting) lose sanction 0.2 x stake x momentum a year, but only once
// coverage has reached the threshold 0.5, and only with campaign incentives on.
TEST(DiffusionTest, LaggardsAreSanctionedOnlyPastTheCoverageThreshold) {
  auto s = makeState(customParams({2, 5}));  // the root's campaign: stake 1.5, 10 units
  const auto ci = sourceAndCampaign(*s, 0, 0);
  auto& c = s->campaigns[ci];
  c.momentum = 0.8;
  for (std::uint32_t u : {1u, 2u, 7u}) c.adopted[u] = 1;
  c.adopters = 4;  // 0.4
  sanctionLaggards(*s);
  for (double x : s->units.year_penalty) EXPECT_EQ(x, 0.0);
  c.adopted[8] = 1;
  c.adopters = 5;  // 0.5
  s->params.mechanisms.campaign_incentives = false;
  sanctionLaggards(*s);
  for (double x : s->units.year_penalty) EXPECT_EQ(x, 0.0);
  s->params.mechanisms.campaign_incentives = true;
  sanctionLaggards(*s);
  for (std::uint32_t u = 0; u < 10; ++u)
    EXPECT_NEAR(s->units.year_penalty[u], c.adopted[u] ? 0.0 : 0.2 * 1.5 * 0.8, 1e-12) << "unit " << u;
}

// The adoption options' utilities by exact differences (unit 1 of 10 identical units, campaign of
// the root with stake 1 and momentum 0.8; PV = 0.96):
//   the campaign's reward adds PV x 0.1 x 0.8 = 0.0768 to both styles;
//   once coverage reaches 0.5 the avoided sanction adds PV x 0.2 x 0.8 = 0.1536 to both, and the
//     copy's renamed novelty loses PV x w_nov x renamed x (coverage gained): renamed = 0.5 x
//     innovation 0.5 + 0.25 x niche (1 - 1/9) = 0.4722 (one of the 9 peers, the source, runs the
//     domain), coverage 0.1 -> 0.6, a loss of 0.96 x 0.25 x 0.4722 x 0.5 = 0.05667;
//   media 2 adds publicised demand 0.2 x pressure 1 x media_effect 1 x 2 = 0.4 (0.8 at pressure 2);
//   a poor unit (adoption cost factor 2) pays 0.35 x 0.5 x 1 = 0.175 more; half the budget doubles
//     the load cost 0.03 x (0 + 1) / budget.
// Model 1 tested the hazard rising with promotion, media and resources; this is what replaced it.
TEST(DiffusionTest, AdoptionUtilityCarriesRewardSanctionMediaAndCosts) {
  auto s0 = makeState(customParams({10}));
  identicalUnits(*s0);
  const auto ci = sourceAndCampaign(*s0, 0, 0);
  s0->campaigns[ci].momentum = 0.8;
  s0->campaigns[ci].media = 0;
  const auto base = adoptionOptionsOf(*s0, 1);
  ASSERT_EQ(base.size(), 2u);
  EXPECT_EQ(base[0].style, AdoptionStyle::Adapt);
  EXPECT_EQ(base[1].style, AdoptionStyle::CopyRename);
  for (const auto& o : base) {
    EXPECT_EQ(o.kind, InitiativeOption::Kind::Adoption);
    EXPECT_EQ(o.domain, 2);
    EXPECT_EQ(o.campaign, ci);
    EXPECT_EQ(o.lineage, s0->campaigns[ci].lineage);
    EXPECT_EQ(o.source, s0->campaigns[ci].source_pilot);
  }
  ASSERT_NEAR(renamedNovelty(*s0, 1, 2), 0.25 + 0.25 * 8.0 / 9, 1e-12);
  const auto delta = [&](auto change, std::size_t i) {
    State t = *s0;
    change(t);
    return adoptionOptionsOf(t, 1)[i].utility - base[i].utility;
  };
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(delta([](State& t) { t.params.mechanisms.campaign_incentives = false; }, i), -0.0768, 1e-12);
    EXPECT_NEAR(delta([](State& t) { t.campaigns[0].media = 2; }, i), 0.4, 1e-12);
    EXPECT_NEAR(delta([](State& t) { t.units.adoption_cost[1] = 2; }, i), -0.175, 1e-12);
    EXPECT_NEAR(delta([](State& t) { t.units.budget[1] = 0.5; }, i), -0.03, 1e-12);
  }
  // Media and pressure multiply: at pressure 2 media 2 adds 0.8 (pressure's own responsiveness
  // term is in both states and cancels).
  State pressed = *s0;
  pressed.params.drivers.performance_pressure = 2;
  const double quiet = adoptionOptionsOf(pressed, 1)[0].utility;
  pressed.campaigns[0].media = 2;
  EXPECT_NEAR(adoptionOptionsOf(pressed, 1)[0].utility - quiet, 0.8, 1e-12);
  pressed.params.mechanisms.media = false;
  EXPECT_NEAR(adoptionOptionsOf(pressed, 1)[0].utility, quiet, 1e-12);
  // Coverage 0.6 (units 5-9 flagged): sanction avoided; the copy claims less novelty.
  const auto covered = [](State& t) {
    for (std::uint32_t u = 5; u < 10; ++u) t.campaigns[0].adopted[u] = 1;
    t.campaigns[0].adopters = 6;
  };
  EXPECT_NEAR(delta(covered, 0), 0.1536, 1e-12);
  EXPECT_NEAR(delta(covered, 1), 0.1536 - 0.96 * 0.25 * (0.25 + 0.25 * 8.0 / 9) * 0.5, 1e-12);
  // Coverage 0.4 is under the threshold: only the copy's novelty changes.
  const auto below = [](State& t) {
    for (std::uint32_t u = 6; u < 9; ++u) t.campaigns[0].adopted[u] = 1;
    t.campaigns[0].adopters = 4;
  };
  EXPECT_NEAR(delta(below, 0), 0.0, 1e-12);
  EXPECT_NEAR(delta(below, 1), -0.96 * 0.25 * (0.25 + 0.25 * 8.0 / 9) * 0.3, 1e-12);
  // Without copy-and-rename only the adapting option is offered, with the same utility.
  State no_copy = *s0;
  no_copy.params.mechanisms.copy_and_rename = false;
  const auto only = adoptionOptionsOf(no_copy, 1);
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0].style, AdoptionStyle::Adapt);
  EXPECT_NEAR(only[0].utility, base[0].utility, 1e-12);
  // The source's own unit already runs the lineage: nothing to adopt.
  EXPECT_TRUE(adoptionOptionsOf(*s0, 0).empty());
}

/// Chance that a leader with options of utilities `u` (the first `adoptions` of them adoptions)
/// acts, and that it adopts, by the nested logit of Incentives.hpp: P(act) = M / (1 + M), M =
/// mean_i exp(beta U_i); P(option i) = P(act) exp(beta U_i) / sum_j exp(beta U_j), hence
/// P(adopt) = sum over adoptions of exp(beta U_i) / (n + sum_j exp(beta U_j)).
struct ChoiceOdds {
  double act, adopt;
};
ChoiceOdds nestedOdds(const std::vector<double>& u, std::size_t adoptions, double beta) {
  double all = 0, adopt = 0;
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double e = std::exp(beta * u[i]);
    all += e;
    if (i < adoptions) adopt += e;
  }
  const double n = static_cast<double>(u.size());
  return {all / (n + all), adopt / (n + all)};
}

// The decision in numbers. 2,000 identical leaders (unit 0 is the source) all consider a move;
// each weighs adapting the campaign's experience (copying off, so coverage changes nothing of the
// utilities during the month: no copy novelty, and coverage stays under the sanction threshold)
// and a pilot of its own in each of the 8 domains. With the reward 0.6 the adoption is worth about
// 0.62 against own pilots of 0.19-0.59: about a quarter of the leaders adopt (SE 19 of 500); with
// rank credit 3 the own pilots are worth up to 1.03 and about 1% adopt. Acting and adopting counts are binomial with
// the nested-logit chances from the options' utilities; tolerance 4 SE. A leader who wants to be first is slow to
// adopt: a rank credit of 3 instead of 1 raises the own pilots' utilities in the 7 open domains and so lowers the
// chance of adopting (exp(beta U_a) / (n + sum)) although nothing about the experience changed.
TEST(DiffusionTest, AdoptingIsChosenInTheNestedLogitAndFirstPlaceCreditDetersIt) {
  Params p = customParams({2001});
  p.behaviour.consider_rate = 1.0;
  p.mechanisms.copy_and_rename = false;
  p.diffusion.reward = 0.6;  // a campaign worth following: PV x 0.6 x 1 = 0.576
  double adopt_chance[2] = {0, 0};
  int adopted[2] = {0, 0};
  for (int run = 0; run < 2; ++run) {
    p.drivers.rank_credit = run == 0 ? 1.0 : 3.0;
    auto s = makeState(p);
    identicalUnits(*s);
    const auto ci = sourceAndCampaign(*s, 0, 0);
    std::vector<InitiativeOption> options;
    adoptionOptions(*s, 1, options);
    ASSERT_EQ(options.size(), 1u);
    ownPilotOptions(*s, 1, options);
    ASSERT_EQ(options.size(), 9u);
    std::vector<double> u;
    for (const auto& o : options) u.push_back(o.utility);
    // Every unit sees the same options.
    std::vector<InitiativeOption> other;
    adoptionOptions(*s, 1234, other);
    ownPilotOptions(*s, 1234, other);
    for (std::size_t i = 0; i < u.size(); ++i) ASSERT_NEAR(other[i].utility, u[i], 1e-12);
    const auto odds = nestedOdds(u, 1, p.behaviour.rationality);
    const auto before = s->records.size();
    chooseInitiatives(*s);
    const double acted = static_cast<double>(s->records.size() - before);
    const auto adopters = newAdopters(*s, before);
    const double n = 2000;
    EXPECT_NEAR(acted, n * odds.act, 4 * std::sqrt(n * odds.act * (1 - odds.act)) + 1) << "run " << run;
    EXPECT_NEAR(adopters.size(), n * odds.adopt, 4 * std::sqrt(n * odds.adopt * (1 - odds.adopt)) + 1) << "run " << run;
    EXPECT_EQ(s->campaigns[ci].adopters, 1 + adopters.size());
    EXPECT_LT(s->campaigns[ci].adopters, 1000u);  // under the sanction threshold all month
    adopt_chance[run] = odds.adopt;
    adopted[run] = static_cast<int>(adopters.size());
  }
  // The deterrence is large against the noise: both expectations at least 8 SE apart.
  EXPECT_LT(adopt_chance[1], adopt_chance[0] - 8 * std::sqrt(adopt_chance[0] / 2000));
  EXPECT_LT(adopted[1], adopted[0]);
}

// Media and performance pressure only add to adoption utilities: with the same draws (streams keyed
// by unit, month and purpose) and adoption the only move, every unit that adopts without media
// adopts with it. Without the media mechanism the media term vanishes exactly; without pressure
// neither publicised demand nor responsiveness push, so adopters are a subset of those without media.
TEST(DiffusionTest, MediaAndPressureOnlyAddAdopters) {
  Params p = customParams({500});
  p.behaviour.consider_rate = 1.0;
  p.mechanisms.spontaneous_pilots = false;
  auto s = makeState(p);
  s->month = 40;
  const auto ci = sourceAndCampaign(*s, 0, 0);
  s->campaigns[ci].media = 2.0;
  const auto run = [&](auto change) {
    State copy = *s;
    change(copy);
    const auto before = copy.records.size();
    chooseInitiatives(copy);
    return newAdopters(copy, before);
  };
  const auto with = run([](State&) {});
  const auto without = run([](State& x) { x.params.mechanisms.media = false; });
  const auto silent = run([](State& x) { x.campaigns[0].media = 0; });
  const auto no_pressure = run([](State& x) { x.params.drivers.performance_pressure = 0; });
  const auto contains = [](const std::vector<std::uint32_t>& v, std::uint32_t u) {
    return std::find(v.begin(), v.end(), u) != v.end();
  };
  for (auto u : without) EXPECT_TRUE(contains(with, u)) << "unit " << u;
  EXPECT_GT(with.size(), without.size() + 10);
  EXPECT_EQ(without, silent);
  for (auto u : no_pressure) EXPECT_TRUE(contains(silent, u)) << "unit " << u;
  EXPECT_LT(no_pressure.size(), silent.size());
}

/// An adoption of the campaign's (or known) experience in the given style, as chooseInitiatives
/// would hand it to adoptExperience.
InitiativeOption adoption(const State& s, std::uint32_t lineage, std::uint32_t source, std::uint32_t campaign,
                          AdoptionStyle style) {
  return {InitiativeOption::Kind::Adoption,
          static_cast<std::uint8_t>(s.records[source].domain),
          0,
          1,
          style,
          lineage,
          source,
          campaign,
          0.0};
}

// What an adopter gets (adoptExperience), 199 adopters of each style; source quality 0.8, design
// transfer 0.5, replication loss 0.15. The adopter's own part is an unprepared design of normal
// boldness: competence x U(0.7, 1) x unprepared_quality 0.7. So
//   quality = (0.5 x 0.8 + 0.5 x c x [0.49, 0.7]) x 0.85, x (1 + learning 0.2) when adapted;
//   fit: adapted 0.3 + 0.7 x need 0.6 = 0.72 + N(0, 0.1) (SE .007); copied U(0.05, 0.6), mean
//   0.325 (SE .011); tolerance .045 is 4 SE of the copies;
//   novelty: adapted 0; copied renamed x (1 - coverage before it): renamed = 0.25 + 0.25 x 198/199
//   (one of 199 peers runs the domain);
//   each adopter earns the reward 0.1 x stake 1 x momentum 1 toward its score.
TEST(DiffusionTest, AdaptersFitTheirNeedsCopiersRenameForNovelty) {
  for (const bool copying : {false, true}) {
    auto s = makeState(customParams({200}));
    test::setAllNeeds(*s, 0.6);
    s->month = 50;
    const auto ci = sourceAndCampaign(*s, 0, 0);
    const auto& c = s->campaigns[ci];
    const auto style = copying ? AdoptionStyle::CopyRename : AdoptionStyle::Adapt;
    const auto before = s->records.size();
    for (std::uint32_t u = 1; u < 200; ++u) adoptExperience(*s, u, adoption(*s, c.lineage, c.source_pilot, ci, style));
    ASSERT_EQ(s->records.size() - before, 199u);
    EXPECT_EQ(c.adopters, 200u);
    EXPECT_EQ(c.new_adopters, 199u);
    EXPECT_EQ(c.copied, copying ? 199u : 0u);
    EXPECT_EQ(c.adapted, copying ? 0u : 199u);
    EXPECT_EQ(s->events.adoptions_total, 199.0);
    EXPECT_EQ(s->events.adoptions_copy, copying ? 199.0 : 0.0);
    EXPECT_EQ(s->events.adoptions_voluntary, 0.0);
    const double renamed = 0.25 + 0.25 * 198.0 / 199;
    double fit = 0;
    for (auto i = before; i < s->records.size(); ++i) {
      const auto& r = s->records[i];
      EXPECT_EQ(r.origin, Origin::Adoption);
      EXPECT_EQ(r.lineage, c.lineage);
      EXPECT_EQ(r.adopted_from, c.source_pilot);
      EXPECT_EQ(r.campaign, ci);
      EXPECT_EQ(r.domain, 2);
      EXPECT_EQ(r.style, style);
      EXPECT_EQ(c.adopted[r.unit], 1);
      EXPECT_NEAR(s->units.year_follow[r.unit], 0.1, 1e-12);
      const double comp = s->units.head[r.unit].competence;
      const double gain = copying ? 1.0 : 1.2;
      const double lo = (0.4 + 0.5 * comp * 0.49) * 0.85 * gain, hi = (0.4 + 0.5 * comp * 0.7) * 0.85 * gain;
      if (hi <= 1.5) {
        EXPECT_GE(r.quality, lo - 1e-6) << "pilot " << r.id;
        EXPECT_LE(r.quality, hi + 1e-6) << "pilot " << r.id;
      }
      if (copying) {
        EXPECT_GE(r.fit, 0.05 - 1e-6);
        EXPECT_LE(r.fit, 0.6 + 1e-6);
        // Coverage as of the month's start (the origin alone), whatever the order in which units
        // decide: the novelty discount is the same for every adopter of the month.
        EXPECT_NEAR(r.novelty, renamed * (1 - 1.0 / 200), 1e-12) << "pilot " << r.id;
      } else {
        EXPECT_EQ(r.novelty, 0.0);
      }
      fit += r.fit;
    }
    EXPECT_NEAR(fit / 199, copying ? 0.325 : 0.72, 0.045);
  }
}

// The style is chosen by utility: a prohibitive adaptation cost leaves only copies, a negative one
// only adaptations; without copy-and-rename every adopter adapts whatever copying would be worth.
TEST(DiffusionTest, AdaptationCostSteersTheStyleAndWithoutCopyAndRenameEveryAdopterAdapts) {
  Params p = customParams({200});
  p.behaviour.consider_rate = 1.0;
  p.mechanisms.spontaneous_pilots = false;
  p.diffusion.reward = 2.0;  // following pays
  struct Case {
    double adapt_cost;
    bool copy;
    bool expect_copies, expect_adaptations;
  };
  // Without copying, a prohibitive adaptation cost leaves no way to adopt at all.
  for (const auto& k : {Case{100.0, true, true, false}, Case{-100.0, true, false, true},
                        Case{100.0, false, false, false}, Case{-0.5, false, false, true}}) {
    auto s = makeState(p);
    identicalUnits(*s);
    s->params.behaviour.adapt_cost = k.adapt_cost;
    s->params.mechanisms.copy_and_rename = k.copy;
    const auto ci = sourceAndCampaign(*s, 0, 0);
    chooseInitiatives(*s);
    const auto& c = s->campaigns[ci];
    EXPECT_EQ(c.copied > 0, k.expect_copies) << k.adapt_cost << " " << k.copy;
    EXPECT_EQ(c.adapted > 0, k.expect_adaptations) << k.adapt_cost << " " << k.copy;
    EXPECT_EQ(s->events.adoptions_copy, c.copied);
  }
}

// Units at number control cannot start or adopt anything: with adapting worth 100 every other
// leader adopts (P = logistic(8 x ~100) = 1), no capped one does.
TEST(DiffusionTest, UnitsAtNumberControlDoNotAdopt) {
  Params p = customParams({50});
  p.behaviour.consider_rate = 1.0;
  p.behaviour.adapt_cost = -100;
  p.regulation.number_control = 2;
  auto s = makeState(p);
  s->month = 40;
  for (std::uint32_t u = 25; u < 50; ++u) test::addPilot(*s, u, 0), test::addPilot(*s, u, 1);
  const auto ci = sourceAndCampaign(*s, 0, 0);
  chooseInitiatives(*s);
  for (std::uint32_t u = 1; u < 50; ++u) EXPECT_EQ(s->campaigns[ci].adopted[u], u < 25 ? 1 : 0) << "unit " << u;
}

// Voluntary adoption (new in model 2): units know the experiences their direct and higher superiors
// named (SuperiorState::known) and may adopt them outside any campaign. Tree {2, 5}: superior 1 has
// units 0-4, superior 2 units 5-9. An experience superior 1 named is known to its units only, one
// the root named to all; at most diffusion.candidates (3) are weighed, campaigns first, then the
// best seen, one offer per lineage, none the unit already runs.
TEST(DiffusionTest, LeadersKnowTheExperiencesTheirSuperiorsNamedAndMayAdoptThemVoluntarily) {
  auto s = makeState(customParams({2, 5}));
  identicalUnits(*s);
  std::vector<std::uint32_t> src;  // pilots in unit 0, domains 0-5
  for (int k = 0; k < 6; ++k) src.push_back(test::addPilot(*s, 0, k).id);
  observePeers(*s);
  const auto know = [&](std::uint32_t sup, int j, int k, float seen) {
    s->superiors.known[sup * kKnownExperiences + j] =
        KnownExperience{s->records[src[k]].lineage, src[k], static_cast<std::uint8_t>(k), seen, 30};
  };
  know(1, 0, 1, 0.6f);
  const auto lineages = [&](std::uint32_t u) {
    std::vector<std::uint32_t> out;
    for (const auto& o : adoptionOptionsOf(*s, u)) {
      EXPECT_EQ(o.campaign, kNone);
      if (o.style == AdoptionStyle::Adapt) out.push_back(o.lineage);
    }
    return out;
  };
  const auto L = [&](int k) { return s->records[src[k]].lineage; };
  EXPECT_EQ(lineages(2), (std::vector<std::uint32_t>{L(1)}));
  EXPECT_TRUE(lineages(7).empty());  // another superior's experience
  EXPECT_TRUE(lineages(0).empty());  // runs it already
  know(0, 0, 2, 0.9f);
  EXPECT_EQ(lineages(7), (std::vector<std::uint32_t>{L(2)}));
  EXPECT_EQ(lineages(2), (std::vector<std::uint32_t>{L(2), L(1)}));  // best seen first
  know(1, 1, 3, 0.3f);
  know(1, 2, 4, 0.7f);
  EXPECT_EQ(lineages(2), (std::vector<std::uint32_t>{L(2), L(4), L(1)}));  // three best of four
  // A campaign comes first whatever it was seen at; the same lineage is offered once, as the campaign.
  s->params.diffusion.candidates = 3;
  const auto ci = startCampaign(*s, 1, s->unitPilots(0)[4], 0.1);
  const auto opts = adoptionOptionsOf(*s, 2);
  ASSERT_EQ(opts.size(), 6u);
  EXPECT_EQ(opts[0].campaign, ci);
  EXPECT_EQ(opts[0].lineage, L(4));
  EXPECT_EQ(opts[2].lineage, L(2));
  EXPECT_EQ(opts[4].lineage, L(1));
  // Without voluntary adoption only the campaign remains; without diffusion only the known ones.
  s->params.mechanisms.voluntary_adoption = false;
  ASSERT_EQ(adoptionOptionsOf(*s, 2).size(), 2u);
  EXPECT_EQ(adoptionOptionsOf(*s, 2)[0].campaign, ci);
  s->params.mechanisms.voluntary_adoption = true;
  s->params.mechanisms.diffusion = false;
  const auto known_only = adoptionOptionsOf(*s, 2);
  ASSERT_EQ(known_only.size(), 6u);
  for (const auto& o : known_only) EXPECT_EQ(o.campaign, kNone);
  // A voluntary adoption: counted as such, no campaign touched, no reward; a copy claims the full
  // renamed novelty (no coverage to discount it).
  const auto before = s->records.size();
  adoptExperience(*s, 7, adoption(*s, L(2), src[2], kNone, AdoptionStyle::CopyRename));
  const auto& r = s->records[before];
  EXPECT_EQ(r.origin, Origin::Adoption);
  EXPECT_EQ(r.lineage, L(2));
  EXPECT_EQ(r.campaign, kNone);
  EXPECT_EQ(s->events.adoptions_voluntary, 1.0);
  EXPECT_EQ(s->units.year_follow[7], 0.0);
  EXPECT_EQ(s->campaigns[ci].adopters, 1u);
  // Unit 7's peers (superior 2) run no domain 2: renamed = 0.5 x (innovation 0.5 + first 1) + 0.25 x
  // niche 1 (unit 0 runs domain 2 under the root, so no claim above the peers).
  EXPECT_NEAR(r.novelty, 1.0, 1e-12);
}

// Model 1: without diffusion nobody adopts. Model 2: without diffusion nobody follows a campaign
// (voluntary adoption of known experiences is its own mechanism); with both off, nobody adopts.
TEST(DiffusionTest, WithoutDiffusionNobodyFollowsACampaignAndWithoutEitherNobodyAdopts) {
  Params p = customParams({200});
  p.behaviour.consider_rate = 1.0;
  p.behaviour.adapt_cost = -100;  // adopting would be irresistible
  p.mechanisms.diffusion = false;
  auto s = makeState(p);
  s->month = 40;
  const auto ci = sourceAndCampaign(*s, 0, 0);
  const auto before = s->records.size();
  for (int m = 0; m < 12; ++m, ++s->month) chooseInitiatives(*s);
  EXPECT_TRUE(newAdopters(*s, before).empty());
  EXPECT_EQ(s->campaigns[ci].adopters, 1u);
  // The same experience known (named by the root): adopted voluntarily, unless that is off too.
  s->superiors.known[0] = KnownExperience{s->campaigns[ci].lineage, s->campaigns[ci].source_pilot, 2, 0.5f, 30};
  State t = *s;
  t.params.mechanisms.voluntary_adoption = false;
  const auto before_t = t.records.size();
  chooseInitiatives(t);
  EXPECT_TRUE(newAdopters(t, before_t).empty());
  const auto before_s = s->records.size();
  chooseInitiatives(*s);
  EXPECT_GT(newAdopters(*s, before_s).size(), 100u);
  EXPECT_EQ(s->campaigns[ci].adopters, 1u);
}

// Poor units lag (paper s.3.3): the adoption cost factor is (mean budget / budget)^elasticity, at
// most 3, fixed at initialisation; with elasticity 0 every unit has 1.
TEST(DiffusionTest, AdoptionCostFollowsBudgets) {
  Params p = customParams({300});
  auto s = makeState(p);
  for (std::uint32_t u = 0; u < 300; ++u)
    EXPECT_NEAR(s->units.adoption_cost[u], std::min(3.0, s->mean_budget / s->units.budget[u]), 1e-12);
  p.diffusion.resource_elasticity = 0;
  auto t = makeState(p);
  for (double r : t->units.adoption_cost) EXPECT_EQ(r, 1.0);
}

}  // namespace
}  // namespace pilotsim
