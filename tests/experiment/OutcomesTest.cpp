// The outcomes read from records, on small hand-made run results whose answers can be worked out.
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/model/Hierarchy.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

Hierarchy tree(std::vector<int> branching) {
  StructureParams s;
  s.preset = "custom";
  s.branching = std::move(branching);
  return buildHierarchy(shapeFor(s));
}

PilotRecord pilot(std::uint32_t unit, std::uint16_t domain, std::int32_t start, std::int32_t end,
                  Origin origin = Origin::Spontaneous, std::uint32_t lineage = 0, std::uint32_t campaign = kNoId) {
  PilotRecord p{};
  p.unit = unit;
  p.domain = domain;
  p.start = start;
  p.end = end;
  p.origin = origin;
  p.lineage = lineage;
  p.restarted_from = UINT32_MAX;
  p.campaign = campaign;
  return p;
}

void addUnits(RunResult& r, const Hierarchy& t, std::vector<double> budgets = {}) {
  for (std::uint32_t u = 0; u < t.unitCount(); ++u) {
    UnitRecord rec{};
    rec.unit = u;
    rec.superior = t.unit_superior[u];
    rec.budget = budgets.empty() ? 1.0 : budgets[u];
    r.units.push_back(rec);
  }
}

double outcome(const RunResult& r, RecordOutcome o) {
  return replicateOutcomes(r)[static_cast<std::size_t>(outcomeIndex(o))];
}

TEST(OutcomesTest, TableHasEveryMeasureThenTheRecordOutcomes) {
  ASSERT_EQ(outcomeTable().size(), static_cast<std::size_t>(kOutcomeCount));
  EXPECT_EQ(findOutcome("pseudo_share"), outcomeIndex(Measure::PseudoShare));
  EXPECT_EQ(findOutcome("vacancy_months"), outcomeIndex(RecordOutcome::VacancyMonths));
  EXPECT_EQ(findOutcome("no_such_thing"), -1);
}

// Two superiors with three units each. Domain 2 under the first is run by units 0 and 1 until month
// 12 and claimed again at 20 (a gap of 8); domain 1 under the second was free from -5 (before the
// measured period: not counted); domain 3 is still running.
TEST(OutcomesTest, VacancyIsTheGapUntilAPeerClaimsAFreeDomainAgain) {
  const Hierarchy t = tree({2, 3});
  RunResult r;
  addUnits(r, t);
  r.pilots = {pilot(0, 2, 0, 10),   pilot(1, 2, 5, 12), pilot(0, 2, 20, kStillRunning),
              pilot(3, 1, -10, -5), pilot(4, 1, 3, 9),  pilot(5, 3, 0, kStillRunning)};
  EXPECT_DOUBLE_EQ(outcome(r, RecordOutcome::VacancyMonths), 8.0);
  // The same domain number under another superior is another domain among other peers.
  r.pilots.push_back(pilot(3, 2, 30, 40));
  EXPECT_DOUBLE_EQ(outcome(r, RecordOutcome::VacancyMonths), 8.0);
  r.pilots.push_back(pilot(4, 2, 44, 50));
  EXPECT_DOUBLE_EQ(outcome(r, RecordOutcome::VacancyMonths), 6.0);  // gaps 8 and 4
}

// One campaign over ten units; eight adopt at months 0..7 (times 0.5..7.5 mid-month). Type-7
// quantiles: q25 = 2.25, q50 = 4, so the acceleration is -ln(1.75 / 2.25) = 0.2513. Units 0-4 have
// half the budget of 5-9: the lower half adopted at 0.5..4.5 (mean 2.5), the upper at 5.5..7.5
// (mean 6.5), a delay of -4.
TEST(OutcomesTest, AdoptionShapeAndLowResourceDelayFromAdoptionTimes) {
  const Hierarchy t = tree({10});
  RunResult r;
  addUnits(r, t, {0.5, 0.5, 0.5, 0.5, 0.5, 2, 2, 2, 2, 2});
  InnovationRecord c{};
  c.lineage = 7;
  c.superior = 0;
  c.scope = 10;
  c.start = 0;
  c.month50 = 4;
  c.month90 = -1;
  r.innovations.push_back(c);
  for (std::uint32_t u = 0; u < 8; ++u)
    r.pilots.push_back(pilot(u, 0, static_cast<std::int32_t>(u), kStillRunning, Origin::Adoption, 7, c.id));
  EXPECT_NEAR(outcome(r, RecordOutcome::AdoptionAcceleration), -std::log(1.75 / 2.25), 1e-12);
  EXPECT_DOUBLE_EQ(outcome(r, RecordOutcome::LowResourceDelay), -4.0);
  EXPECT_DOUBLE_EQ(outcome(r, RecordOutcome::MonthsTo50), 4.0);
  EXPECT_TRUE(std::isnan(outcome(r, RecordOutcome::MonthsTo90)));
  // Fewer than kMinAdoptersForShape adopters say nothing about the shape.
  r.pilots.resize(kMinAdoptersForShape - 1);
  EXPECT_TRUE(std::isnan(outcome(r, RecordOutcome::AdoptionAcceleration)));
}

// Model 1 assigned an adoption to the latest campaign of its lineage that covered its unit (its
// test, with its numbers, follows in spirit); model 2 records the campaign each adoption was made
// under, and voluntary adoptions belong to none. A narrow campaign (id 0, units 0-4) starts at 0, a
// wide one (id 1, all ten) at 10. Units 3 and 4 adopt at 2 and 3 under the narrow one; units 5-9 at
// 11..15 and units 0-2 at 16..18 under the wide one. The wide campaign then has 8 adopters at
// 1.5..8.5 months, q25 = 3.25 and q50 = 5.
TEST(OutcomesTest, AdoptionsBelongToTheCampaignTheyWereMadeUnder) {
  const Hierarchy t = tree({2, 5});
  RunResult r;
  addUnits(r, t);
  InnovationRecord narrow{};
  narrow.id = 0;
  narrow.lineage = 1;
  narrow.superior = 1;
  narrow.start = 0;
  narrow.month50 = narrow.month90 = -1;
  InnovationRecord wide = narrow;
  wide.id = 1;
  wide.superior = 0;
  wide.start = 10;
  r.innovations = {narrow, wide};
  r.pilots = {pilot(3, 0, 2, kStillRunning, Origin::Adoption, 1, 0),
              pilot(4, 0, 3, kStillRunning, Origin::Adoption, 1, 0)};
  for (std::uint32_t u = 5; u < 10; ++u)
    r.pilots.push_back(pilot(u, 0, static_cast<std::int32_t>(u) + 6, kStillRunning, Origin::Adoption, 1, 1));
  for (std::uint32_t u = 0; u < 3; ++u)
    r.pilots.push_back(pilot(u, 0, static_cast<std::int32_t>(u) + 16, kStillRunning, Origin::Adoption, 1, 1));
  EXPECT_NEAR(outcome(r, RecordOutcome::AdoptionAcceleration), -std::log(1.75 / 3.25), 1e-12);
  // Voluntary adoptions of the same lineage, and another lineage's, belong to no campaign.
  r.pilots.push_back(pilot(0, 0, 1, kStillRunning, Origin::Adoption, 1));
  r.pilots.push_back(pilot(1, 0, 12, kStillRunning, Origin::Adoption, 2));
  EXPECT_NEAR(outcome(r, RecordOutcome::AdoptionAcceleration), -std::log(1.75 / 3.25), 1e-12);
}

TEST(OutcomesTest, SpontaneousFitCountsOnlySpontaneousPilotsOfTheFinalPeriod) {
  const Hierarchy t = tree({4});
  RunResult r;
  addUnits(r, t);
  r.monthly.resize(100);  // the final period is the last 60 months: 40..99
  auto a = pilot(0, 0, 50, kStillRunning);
  a.fit = 0.8;
  auto b = pilot(1, 0, 70, kStillRunning);
  b.fit = 0.4;
  auto early = pilot(2, 0, 10, kStillRunning);
  early.fit = 0.0;
  auto designated = pilot(3, 0, 60, kStillRunning, Origin::Designated);
  designated.fit = 0.0;
  r.pilots = {a, b, early, designated};
  EXPECT_DOUBLE_EQ(outcome(r, RecordOutcome::SpontaneousFit), 0.6);
}

}  // namespace
}  // namespace pilotsim
