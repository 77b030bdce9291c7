// 5.8 Recognition and media (src/model/mechanisms/Recognition.cpp): each December superiors name
// typical experiences, reward the unit's leader, start promotion campaigns with media attention;
// higher levels take up what lower levels recognised.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

/// Root over two regions of 5 units. Pilots started at month 0 with the given reports/realised:
/// region 1 (units 0-4): unit 2 reports best; region 2 (units 5-9): unit 6 best by report, unit 8
/// best by realised impact; unit 7 runs a pilot started at month 12 with the best report of all,
/// too young (< 12 months) in the December of month 23 where the state is left.
/// Reports are read without error (report_noise off), and every superior is fully ambitious and
/// values promotion highly (utility 100 x seen / reference), so that each recognised experience is
/// promoted (model 1 set promote_share = 1; model 2's superiors choose by logit).
std::unique_ptr<State> recognitionState(Params p = customParams({2, 5})) {
  p.mechanisms.report_noise = false;
  p.mechanisms.political_signals = false;
  p.recognition.promote_value = 100.0;
  auto s = makeState(p);
  std::fill(s->superiors.ambition.begin(), s->superiors.ambition.end(), 1.0);
  const auto put = [&](std::uint32_t u, double reported, double realised) {
    auto& x = addPilot(*s, u, 1);
    x.reported = reported;
    x.realised = realised;
    return x.lineage;
  };
  put(0, 0.3, 0.3);
  put(2, 0.9, 0.1);
  put(4, 0.5, 0.4);
  put(6, 0.8, 0.1);
  put(8, 0.4, 0.35);
  s->month = 12;
  put(7, 5.0, 0.0);
  s->month = 23;
  return s;
}

std::uint32_t lineageOf(const State& s, std::uint32_t u) { return s.unitPilots(u)[0].lineage; }

TEST(RecognitionTest, EachSuperiorNamesItsBestReportedExperienceInDecember) {
  auto s = recognitionState();
  const auto l2 = s->units.leader[2], l6 = s->units.leader[6];
  recogniseExperiences(*s);
  ASSERT_EQ(s->campaigns.size(), 2u);  // the root had nothing recognised below it yet
  const auto& a = s->campaigns[0];
  const auto& b = s->campaigns[1];
  EXPECT_EQ(a.superior, 1u);
  EXPECT_EQ(a.origin_unit, 2u);
  EXPECT_EQ(a.lineage, lineageOf(*s, 2));
  EXPECT_EQ(b.superior, 2u);
  EXPECT_EQ(b.origin_unit, 6u);
  EXPECT_EQ(s->lineage_recognised_depth[lineageOf(*s, 2)], 1);
  EXPECT_EQ(s->lineage_recognised_depth[lineageOf(*s, 6)], 1);
  EXPECT_EQ(s->lineage_recognised_depth[lineageOf(*s, 0)], -1);
  EXPECT_EQ(s->lineage_recognised_depth[lineageOf(*s, 7)], -1);  // young: not eligible
  // The recognised units' leaders gain the bonus.
  EXPECT_EQ(s->leaders[l2].impression, 0.5);
  EXPECT_EQ(s->leaders[l6].impression, 0.5);
  EXPECT_EQ(s->leaders[s->units.leader[4]].impression, 0.0);
  // A campaign by a direct superior: momentum 1, media 1 (no levels above the units), over its 5
  // units, the origin counted as the first adopter.
  EXPECT_EQ(a.level, 1);
  EXPECT_DOUBLE_EQ(a.momentum, 1.0);
  EXPECT_DOUBLE_EQ(a.media, 1.0);
  EXPECT_EQ(a.adopted.size(), 5u);
  EXPECT_EQ(a.adopters, 1u);
  EXPECT_EQ(a.adopted[2], 1);
  EXPECT_TRUE(a.running);
}

/// Recognition under A3 (verified recognition) with checks without measurement error that take
/// `formalism` of what they read from the presented materials, after one round of recognition.
std::unique_ptr<State> verifiedRecognition(double formalism) {
  Params p = customParams({2, 5});
  p.regulation.verified_recognition = 1.0;
  p.verification.inspection_error = 0.0;
  p.verification.formalism = formalism;
  auto s = recognitionState(p);
  recogniseExperiences(*s);
  return s;
}

TEST(RecognitionTest, VerifiedRecognitionGoesByRealisedImpact) {
  // An exact check of realised impact (no measurement error, nothing taken from the materials):
  // the ranking is then by realised impact alone.
  auto s = verifiedRecognition(0.0);
  ASSERT_EQ(s->campaigns.size(), 2u);
  EXPECT_EQ(s->campaigns[0].origin_unit, 4u);
  EXPECT_EQ(s->campaigns[1].origin_unit, 8u);
}

// Verified recognition reads only what the check measures: a purely formal check (formalism 1)
// reads the presented materials, so the ranking is by report again, whatever the truth.
TEST(RecognitionTest, VerifiedRecognitionWithPurelyFormalChecksGoesByReports) {
  auto s = verifiedRecognition(1.0);
  ASSERT_EQ(s->campaigns.size(), 2u);
  EXPECT_EQ(s->campaigns[0].origin_unit, 2u);
  EXPECT_EQ(s->campaigns[1].origin_unit, 6u);
  ASSERT_EQ(s->recognitions.size(), 2u);
  EXPECT_EQ(s->recognitions[0].verified, 0.9);  // the report, not the realised 0.1
}

TEST(RecognitionTest, HigherLevelsTakeUpExperiencesRecognisedBelowInAnEarlierYear) {
  auto s = recognitionState();
  recogniseExperiences(*s);  // year 1: regions recognise units 2 and 6
  s->month = 35;
  recogniseExperiences(*s);  // year 2: the root takes up the better (unit 2), regions name new ones
  ASSERT_EQ(s->campaigns.size(), 5u);
  const auto& top = s->campaigns[2];
  EXPECT_EQ(top.superior, 0u);
  EXPECT_EQ(top.origin_unit, 2u);
  EXPECT_EQ(top.level, 0);
  EXPECT_EQ(top.adopted.size(), 10u);
  // One level above the units: the political stake is 1 + endorsement boost 0.5 (model 1 put it
  // into the momentum; model 2's momentum starts at 1 for every campaign), media 1 x (1 + 1).
  EXPECT_DOUBLE_EQ(top.stake, 1.5);
  EXPECT_DOUBLE_EQ(top.momentum, 1.0);
  EXPECT_DOUBLE_EQ(top.media, 2.0);
  EXPECT_EQ(s->lineage_recognised_depth[lineageOf(*s, 2)], 0);
  // Regions skip what is already recognised at their level or above: next best by report.
  EXPECT_EQ(s->campaigns[3].origin_unit, 4u);
  EXPECT_EQ(s->campaigns[4].origin_unit, 7u);  // old enough now, and the best report
  // Units already running the lineage count as adopters of a new campaign.
  Params p = customParams({2, 5});
  auto t = recognitionState(p);
  NewPilot copy{3, 1, Origin::Adoption, t->units.leader[3], 0.5, 0.5};
  copy.lineage = lineageOf(*t, 2);
  startPilot(*t, copy);
  recogniseExperiences(*t);
  EXPECT_EQ(t->campaigns[0].adopters, 2u);
  EXPECT_EQ(t->campaigns[0].adopted[3], 1);
}

TEST(RecognitionTest, WithoutHigherLevelUptakeOnlyDirectSuperiorsRecognise) {
  Params p = customParams({2, 5});
  p.mechanisms.higher_level_uptake = false;
  auto s = recognitionState(p);
  for (int year = 0; year < 3; ++year, s->month += 12) recogniseExperiences(*s);
  ASSERT_FALSE(s->campaigns.empty());
  for (const auto& c : s->campaigns) EXPECT_NE(c.superior, 0u);
}

TEST(RecognitionTest, WithoutMediaCampaignsGetNoAttention) {
  Params p = customParams({2, 5});
  p.mechanisms.media = false;
  auto s = recognitionState(p);
  recogniseExperiences(*s);
  ASSERT_EQ(s->campaigns.size(), 2u);
  for (const auto& c : s->campaigns) EXPECT_EQ(c.media, 0.0);
}

TEST(RecognitionTest, NothingOutsideDecemberOrWhenSwitchedOff) {
  auto s = recognitionState();
  s->month = 22;
  recogniseExperiences(*s);
  EXPECT_TRUE(s->campaigns.empty());
  EXPECT_EQ(s->leaders[s->units.leader[2]].impression, 0.0);

  Params p = customParams({2, 5});
  p.mechanisms.recognition = false;
  auto off = recognitionState(p);
  recogniseExperiences(*off);
  EXPECT_TRUE(off->campaigns.empty());
  EXPECT_EQ(off->leaders[off->units.leader[2]].impression, 0.0);
  EXPECT_EQ(off->lineage_recognised_depth[lineageOf(*off, 2)], -1);

  p = customParams({2, 5});
  p.recognition.per_superior = 0;
  auto none = recognitionState(p);
  recogniseExperiences(*none);
  EXPECT_TRUE(none->campaigns.empty());
}

TEST(RecognitionTest, WithoutDiffusionOrPromotionRecognitionStillRewardsButStartsNoCampaign) {
  Params p = customParams({2, 5});
  p.mechanisms.diffusion = false;
  auto s = recognitionState(p);
  recogniseExperiences(*s);
  EXPECT_TRUE(s->campaigns.empty());
  EXPECT_EQ(s->leaders[s->units.leader[2]].impression, 0.5);
  EXPECT_EQ(s->lineage_recognised_depth[lineageOf(*s, 2)], 1);

  // An unambitious superior whose campaigns fill its attention (one running, capacity 1) does not
  // promote: U = -(1 - 0) x burden 1 x 1 / 1 = -1, P = 1 / (1 + e^8) = 0.0003.
  auto t = recognitionState();
  std::fill(t->superiors.ambition.begin(), t->superiors.ambition.end(), 0.0);
  t->params.superiors.campaign_capacity = 1.0;
  for (auto& ids : t->superiors.campaign_ids) ids.push_back(0);
  recogniseExperiences(*t);
  EXPECT_TRUE(t->campaigns.empty());
  EXPECT_EQ(t->leaders[t->units.leader[6]].impression, 0.5);
}

TEST(RecognitionTest, SeveralExperiencesPerSuperior) {
  Params p = customParams({2, 5});
  p.recognition.per_superior = 2;
  auto s = recognitionState(p);
  recogniseExperiences(*s);
  ASSERT_EQ(s->campaigns.size(), 4u);
  EXPECT_EQ(s->campaigns[0].origin_unit, 2u);  // best first
  EXPECT_EQ(s->campaigns[1].origin_unit, 4u);
  EXPECT_EQ(s->campaigns[2].origin_unit, 6u);
  EXPECT_EQ(s->campaigns[3].origin_unit, 8u);
}

}  // namespace
}  // namespace pilotsim
