// Summary statistics against values computed by hand on a small set of records, their parsing and
// messages, and every statistic defined on a real run.
#include "pilotsim/experiment/Statistics.hpp"

#include "pilotsim/model/Records.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

constexpr int kMonths = 120;

PilotRecord pilot(std::uint32_t id, std::uint32_t unit, Origin origin, std::uint32_t leader, std::int32_t start,
                  std::int32_t end, PilotStatus status, std::uint32_t lineage, std::uint32_t campaign = kNoId) {
  PilotRecord p{};
  p.id = id;
  p.unit = unit;
  p.origin = origin;
  p.leader = leader;
  p.start = start;
  p.decided = start;
  p.end = end;
  p.status = status;
  p.lineage = lineage;
  p.campaign = campaign;
  p.restarted_from = p.adopted_from = p.programme = kNoId;
  return p;
}

TenureRecord tenure(std::uint32_t leader, std::uint32_t unit, std::int32_t start, std::int32_t end, int promoted) {
  TenureRecord t{};
  t.leader = leader;
  t.unit = unit;
  t.previous = kNoId;
  t.start = start;
  t.end = end;
  t.promoted = static_cast<std::int8_t>(promoted);
  t.exit = promoted == 1 ? ExitReason::Promoted : promoted == 0 ? ExitReason::Rotated : ExitReason::InOffice;
  return t;
}

InnovationRecord campaign(std::uint32_t id, std::int32_t start, std::int32_t m10, std::int32_t m50, std::int32_t m90) {
  InnovationRecord c{};
  c.id = id;
  c.start = start;
  c.month10 = m10;
  c.month50 = m50;
  c.month90 = m90;
  c.end = kStillRunning;
  return c;
}

RecognitionRecord recognition(std::int32_t month, std::uint32_t pilot, std::uint32_t unit, std::uint16_t depth,
                              std::uint32_t campaign) {
  RecognitionRecord x{};
  x.month = month;
  x.pilot = pilot;
  x.unit = unit;
  x.depth = depth;
  x.campaign = campaign;
  return x;
}

/// Three units (bases 1, 2, 3); unit 0 led by leader 0 (months -12 to 60, promoted) and then leader 1
/// (from 60, still in office). Leader 99 stands for leaders without a tenure record.
RunResult handRecords() {
  RunResult r;
  for (std::uint32_t u = 0; u < 3; ++u) {
    UnitRecord unit{};
    unit.unit = u;
    unit.base = 1.0 + u;
    r.units.push_back(unit);
  }
  r.tenures = {tenure(0, 0, -12, 60, 1), tenure(1, 0, 60, kStillRunning, -1)};
  r.pilots = {
      pilot(1, 0, Origin::Spontaneous, 0, 10, 65, PilotStatus::Failed, 1),
      pilot(2, 0, Origin::Designated, 0, 20, kStillRunning, PilotStatus::Active, 2),
      pilot(3, 2, Origin::Designated, 99, 115, kStillRunning, PilotStatus::Active, 3),
      pilot(4, 1, Origin::Spontaneous, 99, 130, kStillRunning, PilotStatus::Preparing, 4),  // never launched
      pilot(5, 0, Origin::Spontaneous, 0, 30, 50, PilotStatus::Abandoned, 5),
      pilot(30, 1, Origin::Adoption, 99, 9, kStillRunning, PilotStatus::Active, 7, 0),  // under campaign 0
  };
  // Lineage 7: eight voluntary adoptions in months 10..17; lineage 8: seven, too few to count.
  for (std::uint32_t i = 0; i < 8; ++i)
    r.pilots.push_back(
        pilot(10 + i, 1, Origin::Adoption, 99, 10 + static_cast<int>(i), kStillRunning, PilotStatus::Active, 7));
  for (std::uint32_t i = 0; i < 7; ++i)
    r.pilots.push_back(
        pilot(20 + i, 2, Origin::Adoption, 99, static_cast<int>(i), kStillRunning, PilotStatus::Active, 8));
  r.innovations = {campaign(0, 5, 1, 10, -1), campaign(1, 10, 4, -1, -1), campaign(2, -5, 1, 3, 8)};
  r.innovations[0].level = 2;  // campaigns 0 and 2 by superiors at depth 2, campaign 1 by the top
  r.innovations[2].level = 2;
  r.recognitions = {recognition(40, 1, 0, 2, kNoId), recognition(50, 10, 1, 1, 0)};
  return r;
}

double value(const std::string& text, const RunResult& r = handRecords()) {
  return computeStatistic(parseStatistic(text), r, kMonths);
}

TEST(StatisticsTest, LeadersAgainstHandCounts) {
  // Leader-months in the measured period: 60 (leader 0, months 0-60) + 60 (leader 1) = 10 years;
  // one promotion.
  EXPECT_DOUBLE_EQ(value("promotion_rate"), 0.1);
  // The one tenure that ended: months -12 to 60.
  EXPECT_DOUBLE_EQ(value("tenure_years"), 6.0);
  // Pilot 1's recognition in month 40 opens a two-year window [40, 64): leader 0 spends months 40-59
  // in it (20 months) and is promoted from it; the other 40 + 60 leader-months see no promotion.
  EXPECT_DOUBLE_EQ(value("recognition_promotion_gain"), 1.0 / (20.0 / 12.0) - 0.0);
  // With a one-year window [40, 52) the promotion (last month in office 59) falls outside it.
  EXPECT_DOUBLE_EQ(value("recognition_promotion_gain(years=1)"), 0.0 - 1.0 / (108.0 / 12.0));
}

TEST(StatisticsTest, RecognitionAgainstHandCounts) {
  // Launched in months 0-107: pilots 1, 2, 5, 30, lineage 7's eight and lineage 8's seven = 19.
  EXPECT_DOUBLE_EQ(value("recognised_share"), 2.0 / 19.0);
  EXPECT_DOUBLE_EQ(value("recognised_share(depth=1)"), 1.0 / 19.0);  // only the depth-1 superior's name
  EXPECT_DOUBLE_EQ(value("promoted_share"), 0.5);
  EXPECT_DOUBLE_EQ(value("promoted_share(depth=1)"), 1.0);
  EXPECT_TRUE(std::isnan(value("promoted_share(depth=0)")));  // the top named nothing
}

TEST(StatisticsTest, DiffusionAgainstHandCounts) {
  // Campaign 2 began in burn-in and is left out; campaign 1 never reached 50%.
  EXPECT_DOUBLE_EQ(value("campaign_months"), 10.0);
  EXPECT_DOUBLE_EQ(value("campaign_months(q=0.1, depth=1)"), 4.0);  // campaign 1 is the top's (level 0)
  EXPECT_DOUBLE_EQ(value("campaign_months(q=0.1)"), (1.0 + 4.0) / 2.0);
  EXPECT_TRUE(std::isnan(value("campaign_months(q=0.9)")));
  EXPECT_DOUBLE_EQ(value("campaign_reached_share(q=0.5)"), 0.5);
  // Lineage 7 (adoption under a campaign left out): adopters in months 10..17; the 4th of 8 brings
  // half, the 1st a tenth, the 8th all.
  EXPECT_DOUBLE_EQ(value("voluntary_months"), 3.0);
  EXPECT_DOUBLE_EQ(value("voluntary_months(q=0.1)"), 0.0);
  EXPECT_DOUBLE_EQ(value("voluntary_months(q=1)"), 7.0);
}

TEST(StatisticsTest, PilotsAgainstHandCounts) {
  // Leader 0 left in month 60 with pilots 1 (ends in 65) and 2 (still running) under way; pilot 5
  // had ended before.
  EXPECT_DOUBLE_EQ(value("ended_after_exit"), 0.5);
  EXPECT_DOUBLE_EQ(value("ended_after_exit(months=6)"), 0.5);
  EXPECT_DOUBLE_EQ(value("ended_after_exit(months=3)"), 0.0);
  // Designated pilots 2 (unit 0, base 1) and 3 (unit 2, base 3); mean base 2.
  EXPECT_DOUBLE_EQ(value("designated_strong_share"), 0.5);
  // Launched in the measured period: the 19 above and pilot 3.
  EXPECT_DOUBLE_EQ(value("origin_share"), 2.0 / 20.0);
  EXPECT_DOUBLE_EQ(value("origin_share(origin=adoption)"), 16.0 / 20.0);
  EXPECT_DOUBLE_EQ(value("origin_share(origin=spontaneous)"), 2.0 / 20.0);
  EXPECT_DOUBLE_EQ(value("origin_share(origin=restart)"), 0.0);
}

TEST(StatisticsTest, UndefinedOnEmptyRecords) {
  const RunResult empty;
  for (const auto& info : statisticTable())
    EXPECT_TRUE(std::isnan(computeStatistic(parseStatistic(info.key), empty, kMonths))) << info.key;
}

TEST(StatisticsTest, ParsingAndCanonicalText) {
  EXPECT_EQ(parseStatistic("campaign_months").text(), "campaign_months(q=0.5, depth=-1)");
  EXPECT_EQ(parseStatistic(" campaign_months( q = 0.9 ) ").text(), "campaign_months(q=0.9, depth=-1)");
  EXPECT_EQ(parseStatistic("origin_share(origin=restart)").text(), "origin_share(origin=restart)");
  EXPECT_EQ(parseStatistic("promotion_rate").text(), "promotion_rate");
  EXPECT_EQ(parseStatistic("recognised_share(depth=2)").depth, 2);
  for (const auto& info : statisticTable()) {
    const auto s = parseStatistic(info.key);
    EXPECT_EQ(parseStatistic(s.text()).text(), s.text());
    EXPECT_FALSE(info.zh.empty());
    EXPECT_FALSE(info.definition.empty());
  }
}

void expectRefused(const std::string& text, const std::string& part) {
  try {
    parseStatistic(text, "targets.toml");
    ADD_FAILURE() << text << " was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("targets.toml"), std::string::npos) << e.what();
  }
}

TEST(StatisticsTest, BadTextIsRefusedWithWhatIsAllowed) {
  expectRefused("promotion", "statistics are promotion_rate");
  expectRefused("promotion_rate(q=0.5)", "takes none");
  expectRefused("campaign_months(q=0.3)", "0.1 | 0.5 | 0.9");
  expectRefused("campaign_months(q=half)", "must be a number");
  expectRefused("voluntary_months(q=0)", "0 < q <= 1");
  expectRefused("origin_share(origin=grassroots)", "spontaneous | designated");
  expectRefused("ended_after_exit(months=0)", "1 .. 120");
  expectRefused("ended_after_exit(months 6)", "not name=value");
  expectRefused("ended_after_exit(months=6", "closing parenthesis");
  expectRefused("recognised_share(level=1)", "it takes depth");
}

TEST(StatisticsTest, EveryStatisticIsDefinedOnABaselineRun) {
  Scenario s = loadPreset("baseline");
  applyOverride(s, "run.replicates=1");
  const RunResult r = Simulation::run(s.params, 0);
  for (const auto& info : statisticTable()) {
    const auto stat = parseStatistic(info.key);
    const double v = computeStatistic(stat, r, s.params.run.months);
    // Voluntary spread is rare in the baseline city: replicate 0 has about 20 voluntary adoptions in
    // 20 years, none of an experience with 8 adopters (3 of 10 replicates have one), so the statistic
    // is undefined there, which docs/calibration.md reports.
    if (info.key == "voluntary_months") {
      EXPECT_TRUE(std::isnan(v)) << v;
      continue;
    }
    EXPECT_TRUE(std::isfinite(v)) << stat.text();
    if (info.unit == "share") {
      EXPECT_TRUE(v >= 0 && v <= 1) << stat.text() << " = " << v;
    }
  }
}

}  // namespace
}  // namespace pilotsim
