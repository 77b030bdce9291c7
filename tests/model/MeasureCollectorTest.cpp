// The monthly measures of MODEL.md s.7 (src/model/MeasureCollector.cpp) on hand-made states:
// pilots per unit and their distribution, pseudo-innovation, fabrication gap, involution, rolling
// rates over the last 12 (or 24) months, adoption and promotion accuracy.
#include "model/MeasureCollector.hpp"

#include "ModelTestSupport.hpp"
#include "pilotsim/core/Stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace pilotsim {
namespace {

using test::addPilot;
using test::customParams;
using test::makeState;

double at(const MonthlyRow& row, Measure m) { return row[m]; }

/// Two peer groups of 5 units (units 0-4 and 5-9).
///   unit 0: A pseudo by effort (packaging 2 > substance 1), B symbolic, C substantive; a rule D;
///   unit 3: E designated, nothing reported;
///   unit 6: 12 pilots (4 designated, 8 spontaneous in domain 5), reports equal to realised.
std::unique_ptr<State> measuredState() {
  Params p = customParams({2, 5});
  p.run.burn_in = 5;
  auto s = makeState(p);
  s->month = 20;
  const auto put = [&](std::uint32_t u, int k, Origin o, double reported, double realised, float substance,
                       float packaging, float fit) -> Pilot& {
    auto& x = addPilot(*s, u, k, o, 0.5, fit);
    x.reported = reported;
    x.realised = realised;
    x.built = realised;
    x.substance_total = substance;
    x.packaging_total = packaging;
    return x;
  };
  put(0, 0, Origin::Spontaneous, 1.0, 0.4, 1.0f, 2.0f, 0.5f);
  put(0, 1, Origin::Spontaneous, 0.5, 0.5, 1.0f, 0.0f, 0.25f).status = PilotStatus::Symbolic;
  put(0, 2, Origin::Spontaneous, 0.5, 0.1, 3.0f, 1.0f, 0.75f);
  institutionalise(*s, put(0, 3, Origin::Spontaneous, 10.0, 0.0, 1.0f, 5.0f, 1.0f));
  put(3, 4, Origin::Designated, 0.0, 0.0, 0.0f, 0.0f, 0.5f);
  for (int i = 0; i < 12; ++i) put(6, 5, i < 4 ? Origin::Designated : Origin::Spontaneous, 0.1, 0.1, 1.0f, 0.0f, 0.5f);
  std::fill(s->units.base.begin(), s->units.base.end(), 1.0);
  s->units.base[6] = 3.0;
  s->base_q75 = 2.0;
  s->units.month_effort[0] = 2.0, s->units.month_packaging[0] = 0.5, s->units.month_growth[0] = 0.05;
  s->units.month_effort[6] = 2.0, s->units.month_packaging[6] = 0.5, s->units.month_growth[6] = 0.15;
  for (std::uint32_t u = 0; u < 10; ++u) {
    s->units.nwe[u] = 0.1 * u;
    s->units.satisfaction[u] = 0.05 * u;
  }
  s->event_history.assign(1, MonthEvents{});
  return s;
}

TEST(MeasureCollectorTest, PilotsPerUnitAndTheirConcentration) {
  auto s = measuredState();
  const auto row = collectMeasures(*s);
  EXPECT_EQ(row.month, 15);  // counted from the end of burn-in
  // Active and symbolic pilots per unit (rules excluded): 3, 0, 0, 1, 0, 0, 12, 0, 0, 0.
  const std::vector<double> per_unit = {3, 0, 0, 1, 0, 0, 12, 0, 0, 0};
  EXPECT_NEAR(at(row, Measure::PilotsPerUnitMean), 1.6, 1e-12);
  EXPECT_EQ(at(row, Measure::PilotsPerUnitMax), 12.0);
  EXPECT_NEAR(at(row, Measure::ShareUnits10Plus), 0.1, 1e-12);
  // Gini = sum_i (2i - n - 1) x_(i) / (n sum x) over the sorted counts = (5 x 1 + 7 x 3 + 9 x 12) / 160.
  EXPECT_NEAR(at(row, Measure::PilotGini), gini(per_unit), 1e-12);
  EXPECT_NEAR(at(row, Measure::PilotGini), 134.0 / 160, 1e-12);
  // p90 (type 7): position 0.9 x 9 = 8.1 between the sorted 9th (3) and 10th (12): 3 + 0.1 x 9.
  EXPECT_NEAR(at(row, Measure::PilotsPerUnitP90), quantile(per_unit, 0.9), 1e-12);
  EXPECT_NEAR(at(row, Measure::PilotsPerUnitP90), 3.9, 1e-12);
}

TEST(MeasureCollectorTest, PseudoInnovationFabricationAndInvolution) {
  auto s = measuredState();
  const auto row = collectMeasures(*s);
  // Pseudo: A (more packaging than substance) and B (symbolic) of 16 active pilots.
  EXPECT_NEAR(at(row, Measure::PseudoShare), 2.0 / 16, 1e-12);
  // Reported 1 + .5 + .5 + 0 + 12 x .1 = 3.2 against realised .4 + .5 + .1 + 0 + 1.2 = 2.2.
  EXPECT_NEAR(at(row, Measure::FabricationGap), 1.0 / 3.2, 1e-12);
  EXPECT_NEAR(at(row, Measure::PackagingShare), 1.0 / 4.0, 1e-12);
  EXPECT_NEAR(at(row, Measure::ImpactPerEffort), 0.2 / 4.0, 1e-12);
  EXPECT_NEAR(at(row, Measure::ImpactPerPilot), 2.2 / 16, 1e-12);
  EXPECT_NEAR(at(row, Measure::MeanFit), (0.5 + 0.25 + 0.75 + 0.5 + 12 * 0.5) / 16, 1e-12);
  // Designated pilots: 4 in unit 6 (base 3 >= q75 2) and 1 in unit 3.
  EXPECT_NEAR(at(row, Measure::DesignatedTopQuartile), 0.8, 1e-12);
  EXPECT_NEAR(at(row, Measure::NeedWeightedEffectiveness), 0.45, 1e-12);
  EXPECT_NEAR(at(row, Measure::Satisfaction), 0.225, 1e-12);
  // Spontaneous domains among peers: {0, 1, 2} in group 1, {5} in group 2: (3/8 + 1/8) / 2.
  EXPECT_NEAR(at(row, Measure::DomainSpread), 0.25, 1e-12);
}

TEST(MeasureCollectorTest, EmptyWorldGivesZerosAndMissingRatios) {
  auto s = makeState(customParams({4}));
  s->event_history.assign(1, MonthEvents{});
  const auto row = collectMeasures(*s);
  EXPECT_EQ(at(row, Measure::PilotsPerUnitMean), 0.0);
  EXPECT_EQ(at(row, Measure::PilotGini), 0.0);
  EXPECT_EQ(at(row, Measure::StartsSpontaneous), 0.0);
  EXPECT_TRUE(std::isnan(at(row, Measure::PseudoShare)));
  EXPECT_TRUE(std::isnan(at(row, Measure::FabricationGap)));
  EXPECT_TRUE(std::isnan(at(row, Measure::InterruptionRate)));
  EXPECT_TRUE(std::isnan(at(row, Measure::CopyRenameShare)));
  EXPECT_TRUE(std::isnan(at(row, Measure::AdoptionShare)));
}

TEST(MeasureCollectorTest, RatesAreOverTheLastTwelveMonths) {
  auto s = makeState(customParams({10}));
  // 14 months of history: the first two (outside the window) are loud and must not count.
  s->event_history.assign(14, MonthEvents{});
  for (int m = 0; m < 2; ++m) {
    auto& e = s->event_history[m];
    e.starts = {100, 100, 100, 100};
    e.inherited = 100, e.interrupted = 100, e.ended = 100, e.institutionalised = 100;
  }
  for (int m = 2; m < 14; ++m) s->event_history[m].starts[static_cast<int>(Origin::Spontaneous)] = 1;
  auto& e = s->event_history[13];
  e.starts[static_cast<int>(Origin::Designated)] = 2;
  e.starts[static_cast<int>(Origin::Adoption)] = 3;
  e.starts[static_cast<int>(Origin::Restart)] = 1;
  e.adoptions_total = 3, e.adoptions_copy = 1;
  e.inherited = 4, e.interrupted = 1;
  e.ended = 5, e.institutionalised = 1, e.ended_effort = 10, e.wasted_effort = 4;
  e.funds = 2, e.diverted = 0.5;
  e.became_real = 3;
  const auto row = collectMeasures(*s);
  // Per 100 units per year, 10 units: x 10.
  EXPECT_NEAR(at(row, Measure::StartsSpontaneous), 12 * 10.0, 1e-9);
  EXPECT_NEAR(at(row, Measure::StartsDesignated), 2 * 10.0, 1e-9);
  EXPECT_NEAR(at(row, Measure::StartsAdoption), 3 * 10.0, 1e-9);
  EXPECT_NEAR(at(row, Measure::StartsRestart), 1 * 10.0, 1e-9);
  EXPECT_NEAR(at(row, Measure::RealInnovations), 3 * 10.0, 1e-9);
  EXPECT_NEAR(at(row, Measure::RestartShare), 1.0 / 18, 1e-12);
  EXPECT_NEAR(at(row, Measure::InterruptionRate), 0.25, 1e-12);
  EXPECT_NEAR(at(row, Measure::SurvivalAtTurnover), 0.75, 1e-12);
  EXPECT_NEAR(at(row, Measure::CopyRenameShare), 1.0 / 3, 1e-12);
  EXPECT_NEAR(at(row, Measure::InstitutionalisationRate), 0.2, 1e-12);
  EXPECT_NEAR(at(row, Measure::WastedShare), 0.4, 1e-12);
  EXPECT_NEAR(at(row, Measure::DivertedFunds), 0.25, 1e-12);
}

TEST(MeasureCollectorTest, ShortHistoriesAreAnnualised) {
  auto s = makeState(customParams({10}));
  s->event_history.assign(6, MonthEvents{});
  for (auto& e : s->event_history) e.starts[static_cast<int>(Origin::Spontaneous)] = 1;
  const auto row = collectMeasures(*s);
  EXPECT_NEAR(at(row, Measure::StartsSpontaneous), 6 * 10.0 * 2, 1e-9);  // 6 months x 12/6
}

TEST(MeasureCollectorTest, FirstMoverQualityGapIsOverTwentyFourMonths) {
  auto s = makeState(customParams({10}));
  s->event_history.assign(30, MonthEvents{});
  s->event_history[0].first_quality = 100, s->event_history[0].first_count = 1;  // outside the window
  s->event_history[10].first_quality = 1.2, s->event_history[10].first_count = 2;
  s->event_history[20].late_quality = 2.4, s->event_history[20].late_count = 3;
  const auto row = collectMeasures(*s);
  EXPECT_NEAR(at(row, Measure::FirstMoverQualityGap), 0.8 - 0.6, 1e-12);
}

TEST(MeasureCollectorTest, AdoptionShareIsTheMeanOverRunningCampaigns) {
  auto s = makeState(customParams({10}));
  s->event_history.assign(1, MonthEvents{});
  const auto add = [&](std::size_t scope, std::uint32_t adopters, bool running) {
    Campaign c{};
    c.adopted.assign(scope, 0);
    c.adopters = adopters;
    c.running = running;
    if (running) s->running_campaigns.push_back(static_cast<std::uint32_t>(s->campaigns.size()));
    s->campaigns.push_back(c);
  };
  add(5, 2, true);
  add(10, 1, true);
  add(10, 10, false);  // finished: not counted
  const auto row = collectMeasures(*s);
  EXPECT_NEAR(at(row, Measure::AdoptionShare), (0.4 + 0.1) / 2, 1e-12);
}

TEST(MeasureCollectorTest, PromotionAccuracyIsTheRankCorrelationOfPromotionWithContribution) {
  auto s = makeState(customParams({4}));
  // Four ended tenures of 10 months with contributions per month .5, .4, .1, .2; the first two
  // promoted. Ranks: promoted (3.5, 3.5, 1.5, 1.5), contribution (4, 3, 1, 2): r = 4 / sqrt(4 x 5).
  const double contribution[] = {5.0, 4.0, 1.0, 2.0};
  for (std::uint32_t u = 0; u < 4; ++u) {
    const auto l = s->units.leader[u];
    s->leaders[l].banked_contribution = contribution[u];
    TenureRecord t{};
    t.leader = l;
    t.unit = u;
    t.start = 20;
    t.end = 30;
    t.promoted = u < 2 ? 1 : 0;
    s->ended_tenures.push_back(t);
  }
  EXPECT_NEAR(promotionAccuracy(*s, 0, 40), 4.0 / std::sqrt(20.0), 1e-12);
  EXPECT_TRUE(std::isnan(promotionAccuracy(*s, 31, 40)));  // none ended in the window
  // Updated in December from the tenures that ended in the last 36 months, held otherwise.
  s->event_history.assign(1, MonthEvents{});
  s->month = 35;
  EXPECT_NEAR(at(collectMeasures(*s), Measure::PromotionAccuracy), 4.0 / std::sqrt(20.0), 1e-12);
  s->month = 40;
  s->ended_tenures[0].promoted = 0;
  EXPECT_NEAR(at(collectMeasures(*s), Measure::PromotionAccuracy), 4.0 / std::sqrt(20.0), 1e-12);
  s->month = 71;  // December: window 36-71 holds none of them
  EXPECT_TRUE(std::isnan(at(collectMeasures(*s), Measure::PromotionAccuracy)));
}

}  // namespace
}  // namespace pilotsim
