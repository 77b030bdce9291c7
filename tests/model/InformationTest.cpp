// What superiors can know (src/model/Information.hpp, MODEL.md s.12, issue 10 point 1): a report
// read with error, or a measurement a verified channel made; never a pilot's true impact. Promotion
// and B2 read only those.
#include "model/Information.hpp"

#include "ModelTestSupport.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;
using test::sameBits;

TEST(InformationTest, TheValueSeenIsTheReportReadWithErrorNeverTheTruth) {
  auto s = makeState(customParams({3}));
  s->month = 20;
  auto& x = addPilot(*s, 0, 2);
  x.reported = 0.5;
  x.realised = 0.1;
  const double seen = valueSeen(*s, x);
  EXPECT_NE(seen, 0.5);  // read with error (report_noise 0.3)
  EXPECT_GT(seen, 0.0);
  // The true impact does not enter: the same report read in the same month gives the same value.
  x.realised = 3.0;
  EXPECT_TRUE(sameBits(valueSeen(*s, x), seen));
  x.built = 7.0;
  EXPECT_TRUE(sameBits(valueSeen(*s, x), seen));
  // Without report noise the superior reads the report as written.
  s->params.mechanisms.report_noise = false;
  EXPECT_EQ(valueSeen(*s, x), 0.5);
  // A measurement made within the year replaces the report; an older one does not.
  x.assessed = 0.2f;
  x.assessed_month = 9;
  EXPECT_EQ(valueSeen(*s, x), static_cast<double>(0.2f));
  x.assessed_month = 8;
  EXPECT_EQ(valueSeen(*s, x), 0.5);
}

TEST(InformationTest, AVerifiedCheckMixesTheTruthWithThePresentedMaterials) {
  auto s = makeState(customParams({3}));
  auto& x = addPilot(*s, 0, 2);
  x.reported = 0.5;
  x.realised = 0.1;
  s->params.verification.inspection_error = 0.0;
  RandomStream a(1, 0, 0, 0, Purpose::ReportNoise);
  s->params.verification.formalism = 0.0;
  EXPECT_NEAR(checkedValue(*s, x, a), 0.1, 1e-15);  // a substantive check sees realised impact
  s->params.verification.formalism = 0.3;
  EXPECT_NEAR(checkedValue(*s, x, a), 0.7 * 0.1 + 0.3 * 0.5, 1e-15);
  s->params.verification.formalism = 1.0;  // a purely formal check reads only the materials
  EXPECT_NEAR(checkedValue(*s, x, a), 0.5, 1e-15);
  x.realised = 4.0;
  EXPECT_NEAR(checkedValue(*s, x, a), 0.5, 1e-15);
}

/// Ten units whose leaders all reach the end of their tenure this month, with impressions that
/// differ; `contribution` is given to unit 0's leader as true contribution (banked).
std::unique_ptr<State> tenureEnds(Params p, double contribution) {
  auto s = makeState(p);
  s->month = 40;
  for (std::uint32_t u = 0; u < s->unitCount(); ++u) {
    s->units.head[u].tenure_end = s->month;
    s->leaders[s->units.leader[u]].tenure_end = s->month;
    s->leaders[s->units.leader[u]].impression = 0.1 * u;
  }
  s->leaders[s->units.leader[0]].banked_contribution = contribution;
  return s;
}

// Issue 10: "with every verified channel off, promotion is independent of true contribution given
// reports". Here the impressions (formed from reports) are fixed and only the truth differs.
TEST(InformationTest, PromotionIgnoresTrueContributionUnlessAReviewMeasuresIt) {
  Params p = customParams({10});
  auto low = tenureEnds(p, 0.0), high = tenureEnds(p, 500.0);
  const auto leaders = low->units.leader;
  turnOverLeaders(*low);
  turnOverLeaders(*high);
  for (const auto l : leaders) {
    EXPECT_EQ(low->leaders[l].promoted, high->leaders[l].promoted) << l;
    EXPECT_EQ(low->leaders[l].exit, high->leaders[l].exit) << l;
    EXPECT_TRUE(std::isnan(low->leaders[l].reviewed));  // nobody measured it
  }
  // Under B2 the superior reviews the departing leader: a measurement with error of the truth.
  p.regulation.retrospective_share = 1.0;
  auto a = tenureEnds(p, 0.0), b = tenureEnds(p, 500.0);
  turnOverLeaders(*a);
  turnOverLeaders(*b);
  const auto l0 = leaders[0];
  EXPECT_FALSE(std::isnan(b->leaders[l0].reviewed));
  EXPECT_NE(b->leaders[l0].reviewed, 500.0f);                           // with error (review_error 0.2)
  EXPECT_NEAR(b->leaders[l0].reviewed / 500.0, 1.0, 5 * 0.2);           // but of the truth
  EXPECT_GT(b->leaders[l0].reviewed, a->leaders[l0].reviewed + 100.0);  // more contribution, more measured
}

}  // namespace
}  // namespace pilotsim
