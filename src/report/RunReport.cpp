// The report of a `pilotsim run` directory. Survival and diffusion need the records (pilots.csv,
// tenures.csv); a run made with --records none gets the other charts and a note saying why.
#include "pilotsim/report/ReportData.hpp"

#include "report/ChartJson.hpp"
#include "report/InputFiles.hpp"

#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/report/DiffusionCurves.hpp"
#include "pilotsim/report/KaplanMeier.hpp"
#include "pilotsim/report/MonthlyBands.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

using namespace report;

/// The "# command: ..." line scenario.toml carries (docs/outputs.md), or "".
std::string recordedCommand(const std::string& toml) {
  std::istringstream in(toml);
  std::string line;
  constexpr std::string_view kPrefix = "# command: ";
  while (std::getline(in, line))
    if (line.rfind(kPrefix, 0) == 0) return line.substr(kPrefix.size());
  return {};
}

Json measuresOverTime(const MonthlyBands& bands, const std::string& label, int replicates, const std::string& command) {
  Json c =
      chart("measures", "lines", text("各指标随时间的变化", "Measures over time"),
            caption(fmt::format("所选指标每月在 {} 次重复间的均值（线）及其 95% t 区间（阴影），由 monthly.csv 计算；"
                                "月份自预热结束起算。",
                                replicates),
                    fmt::format("The selected measure's monthly mean across {} replicates (line) with its 95% "
                                "t-interval (band), computed from monthly.csv; months count from the end of burn-in.",
                                replicates),
                    command));
  for (const auto& m : measureTable()) {
    c["variants"].push_back(
        {{"label", text(m.zh, m.en)},
         {"x_name", text("月份", "month")},
         {"y_name", text(m.unit_zh, m.unit)},
         {"step", false},
         {"curves", Json::array({intervalCurve(same(label), bands.months, bands.measures.at(std::string(m.key)))})}});
  }
  return c;
}

/// A Kaplan–Meier curve as a step line from (0, 1) to the longest spell.
Json survivalCurve(Json name, const SurvivalCurve& k) {
  std::vector<double> x{0.0}, y{1.0}, lo{1.0}, hi{1.0};
  for (const auto& s : k.steps) {
    x.push_back(s.time);
    y.push_back(s.survival);
    lo.push_back(s.lo);
    hi.push_back(s.hi);
  }
  if (k.last_time > x.back()) {
    x.push_back(k.last_time);
    y.push_back(y.back());
    lo.push_back(lo.back());
    hi.push_back(hi.back());
  }
  const std::string median = std::isnan(k.median) ? std::string("-") : fmt::format("{:g}", k.median);
  name["zh"] =
      fmt::format("{}（{} 个，{} 个结束，中位 {} 月）", name["zh"].get<std::string>(), k.subjects, k.events, median);
  name["en"] = fmt::format("{} ({} pilots, {} ended, median {} months)", name["en"].get<std::string>(), k.subjects,
                           k.events, median);
  return Json{
      {"name", std::move(name)}, {"x", numbers(x)}, {"y", numbers(y)}, {"lo", numbers(lo)}, {"hi", numbers(hi)}};
}

Json survivalVariant(Json curves, Json x_name) {
  return Json{{"label", text("生存曲线", "survival")},
              {"x_name", std::move(x_name)},
              {"y_name", text("仍在运行的比例", "share still running")},
              {"step", true},
              {"curves", std::move(curves)}};
}

struct Origins {
  std::string_view key, zh, en;
};
constexpr Origins kOrigins[] = {{"spontaneous", "自发试点", "spontaneous"},
                                {"designated", "上级指定试点", "designated"},
                                {"adoption", "推广采纳", "adoption"},
                                {"restart", "换名重启", "renamed restart"}};

struct PilotRow {
  int replicate;
  std::int64_t unit, lineage, leader;
  std::string origin;
  int start;
  bool censored;
  double duration;
};

std::vector<PilotRow> readPilots(const CsvTable& t) {
  const auto rep = requireColumn(t, "replicate"), unit = requireColumn(t, "unit"),
             lineage = requireColumn(t, "lineage"), leader = requireColumn(t, "leader"),
             origin = requireColumn(t, "origin"), start = requireColumn(t, "start"),
             censored = requireColumn(t, "censored"), duration = requireColumn(t, "duration");
  std::vector<PilotRow> out;
  out.reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double d = t.number(r, duration);
    if (std::isnan(d)) continue;  // never launched (ended or still in preparation): no spell as a pilot
    if (d < 0) throw InputError(t.source, t.lines[r], "duration", "expected a duration >= 0 (or empty)");
    out.push_back({static_cast<int>(t.integer(r, rep)), t.integer(r, unit), t.integer(r, lineage), t.integer(r, leader),
                   t.rows[r][origin], static_cast<int>(t.integer(r, start)), t.integer(r, censored) != 0, d});
  }
  return out;
}

Json survivalByOrigin(const std::vector<PilotRow>& pilots, const std::string& command) {
  Json curves = Json::array();
  for (const auto& o : kOrigins) {
    std::vector<SurvivalSpell> spells;
    for (const auto& p : pilots)
      if (p.start >= 0 && p.origin == o.key) spells.push_back({p.duration, !p.censored});
    if (spells.empty()) continue;
    curves.push_back(survivalCurve(text(o.zh, o.en), kaplanMeier(spells)));
  }
  Json c = chart(
      "survival-origin", "lines", text("试点存续（Kaplan–Meier），按来源", "Pilot survival (Kaplan–Meier) by origin"),
      caption("各来源试点自启动起仍作为试点运行的比例（Kaplan–Meier 估计，阴影为 Greenwood 对数-对数 95% 区间），"
              "由 pilots.csv 中测量期内启动的试点计算，各次重复合并。试点以失败、中断、放弃或转为制度而结束；"
              "运行结束时仍在运行的试点按右删失处理。",
              "Share of pilots of each origin still running as pilots, by months since their start (Kaplan–Meier "
              "estimate; band: Greenwood log–log 95% interval), from the pilots of pilots.csv started in the "
              "measured period, replicates pooled. A pilot ends when it fails, is interrupted, abandoned or "
              "institutionalised; pilots still running at the end of the run are right-censored.",
              command));
  c["variants"].push_back(survivalVariant(std::move(curves), text("启动后月数", "months since the pilot started")));
  return c;
}

Json survivalAcrossTurnover(const std::vector<PilotRow>& pilots, const CsvTable& tenures, const std::string& command) {
  const auto rep = requireColumn(tenures, "replicate"), leader = requireColumn(tenures, "leader"),
             end = requireColumn(tenures, "end");
  std::map<std::pair<int, std::int64_t>, double> left;  // (replicate, leader) -> month the tenure ended
  for (std::size_t r = 0; r < tenures.rows.size(); ++r) {
    const double e = tenures.number(r, end);
    if (!std::isnan(e)) left[{static_cast<int>(tenures.integer(r, rep)), tenures.integer(r, leader)}] = e;
  }
  std::vector<SurvivalSpell> from_start, from_departure;
  for (const auto& p : pilots) {
    if (p.start < 0) continue;
    from_start.push_back({p.duration, !p.censored});
    const auto it = left.find({p.replicate, p.leader});
    if (it == left.end()) continue;                      // the initiating leader is still in office at the end
    const double observed_until = p.start + p.duration;  // end, or the end of the run if censored
    const double departure = it->second;
    if (departure < p.start || observed_until < departure) continue;  // ended before the leader left
    from_departure.push_back({observed_until - departure, !p.censored});
  }
  Json curves = Json::array();
  if (!from_start.empty())
    curves.push_back(survivalCurve(text("自试点启动起（全部试点）", "from the pilot's start (all pilots)"),
                                   kaplanMeier(from_start)));
  if (!from_departure.empty())
    curves.push_back(survivalCurve(text("自发起领导离任起（当时仍在运行的试点）",
                                        "from the departure of the leader who started it (pilots still running then)"),
                                   kaplanMeier(from_departure)));
  Json c = chart(
      "survival-turnover", "lines", text("试点存续与领导更替（人走政息）", "Pilot survival across leader turnover"),
      caption("两条 Kaplan–Meier 曲线：全部测量期内启动的试点自启动起的存续；以及发起领导离任时仍在运行的试点，"
              "自该领导离任之月起的存续（时钟从离任重新起算，离任前已结束的试点不计入，不存在不朽时间偏差）。"
              "第二条曲线在 0 处的下落即离任当月被中断或换名重启的试点；两条曲线的差距显示领导离任对试点的影响。"
              "领导离任月份取自 tenures.csv，试点取自 pilots.csv，各次重复合并。",
              "Two Kaplan–Meier curves: all pilots started in the measured period, from their start; and the pilots "
              "still running when the leader who started them left office, from the month that leader left (the "
              "clock restarts at the departure and pilots that ended before it are left out, so there is no "
              "immortal-time bias). The drop of the second curve at 0 is the pilots interrupted or restarted under "
              "a new name in the month of the turnover; the gap between the curves shows what losing the patron "
              "does. Departures from tenures.csv, pilots from pilots.csv, replicates pooled.",
              command));
  c["variants"].push_back(survivalVariant(std::move(curves), text("月数", "months")));
  return c;
}

Json diffusion(const std::vector<PilotRow>& pilots, const CsvTable& innovations, const Hierarchy& tree, int months,
               const std::string& command) {
  const auto rep = requireColumn(innovations, "replicate"), lineage = requireColumn(innovations, "lineage"),
             superior = requireColumn(innovations, "superior"), level = requireColumn(innovations, "level"),
             scope = requireColumn(innovations, "scope"), start = requireColumn(innovations, "start");
  std::vector<DiffusionCampaign> campaigns;
  for (std::size_t r = 0; r < innovations.rows.size(); ++r) {
    const long long s = innovations.integer(r, superior);
    if (s < 0 || static_cast<std::size_t>(s) >= tree.superiorCount())
      throw InputError(innovations.source, innovations.lines[r], "superior",
                       fmt::format("superior {} does not exist in the hierarchy of scenario.toml", s));
    const auto us = static_cast<std::uint32_t>(s);
    if (innovations.integer(r, scope) != tree.unitsUnder(us))
      throw InputError(
          innovations.source, innovations.lines[r], "scope",
          fmt::format("scope {} differs from the {} units under superior {} in the hierarchy of scenario.toml",
                      innovations.integer(r, scope), tree.unitsUnder(us), s));
    campaigns.push_back({static_cast<int>(innovations.integer(r, rep)), innovations.integer(r, lineage),
                         tree.unit_begin[us], tree.unit_end[us], static_cast<int>(innovations.integer(r, start)),
                         static_cast<int>(innovations.integer(r, level))});
  }
  std::vector<DiffusionAdoption> adoptions;
  for (const auto& p : pilots)
    if (p.origin == "adoption") adoptions.push_back({p.replicate, p.lineage, p.unit, p.start});
  Json curves = Json::array();
  for (const auto& d : diffusionCurves(campaigns, adoptions, months - 1)) {
    std::vector<int> x(d.share.size());
    for (std::size_t k = 0; k < x.size(); ++k) x[k] = static_cast<int>(k);
    curves.push_back(intervalCurve(text(fmt::format("第 {} 级推广（{} 次）", d.level, d.campaigns),
                                        fmt::format("promoted at level {} ({} campaigns)", d.level, d.campaigns)),
                                   x, d.share));
  }
  Json c = chart(
      "diffusion", "lines", text("推广经验的扩散曲线", "Diffusion of promoted innovations"),
      caption(
          "每次推广活动范围内经由该活动采纳创新的单位比例，按推广开始后的月数，在活动间取均值（阴影为 95% t 区间）；"
          "按推广上级的层级分线（0 为最高层）。采纳按模型的规则归属于同一谱系中最近开始且覆盖该单位的推广活动；"
          "推广时已在运行该创新的单位（发源单位等）不计入。活动只计入运行观察到的月份。"
          "由 innovations.csv、pilots.csv 中的采纳试点及 scenario.toml 的层级结构计算。",
          "For each promotion campaign, the share of the units in its scope that adopted the innovation through "
          "the campaign, by months since the campaign began, averaged over campaigns (band: 95% t-interval); one "
          "line per level of the promoting superior (0 = the top). Adoptions are attributed as the model does, "
          "to the latest campaign of the lineage that had started and covers the unit; units already running "
          "the innovation when it was promoted (its origin) are not counted. A campaign counts only for the "
          "months the run observed. From innovations.csv, the adoption pilots of pilots.csv and the hierarchy "
          "of scenario.toml.",
          command));
  c["variants"].push_back({{"label", text("扩散", "diffusion")},
                           {"x_name", text("推广开始后月数", "months since the campaign began")},
                           {"y_name", text("已采纳比例", "share adopted")},
                           {"step", false},
                           {"curves", std::move(curves)}});
  return c;
}

/// Share of units per count, per replicate, then mean and 95% interval across replicates.
Json countBars(const CsvTable& units, std::size_t column, Json label) {
  const auto rep = requireColumn(units, "replicate");
  std::map<int, std::vector<long long>> by_rep;
  long long most = 0;
  for (std::size_t r = 0; r < units.rows.size(); ++r) {
    const long long v = units.integer(r, column);
    if (v < 0) throw InputError(units.source, units.lines[r], units.header[column], "expected a count >= 0");
    by_rep[static_cast<int>(units.integer(r, rep))].push_back(v);
    most = std::max(most, v);
  }
  // Up to about 30 bars: wide count ranges are binned with a whole-number width.
  const long long width = std::max(1LL, (most + 30) / 30);
  const long long bins = most / width + 1;
  Json categories = Json::array();
  for (long long b = 0; b < bins; ++b) {
    const long long lo = b * width, hi = lo + width - 1;
    categories.push_back(same(width == 1 ? fmt::format("{}", lo) : fmt::format("{}–{}", lo, hi)));
  }
  std::vector<std::vector<double>> shares(static_cast<std::size_t>(bins));
  for (const auto& [r, values] : by_rep) {
    std::vector<double> count(static_cast<std::size_t>(bins), 0.0);
    for (long long v : values) count[static_cast<std::size_t>(v / width)] += 1.0;
    for (std::size_t b = 0; b < count.size(); ++b) shares[b].push_back(count[b] / static_cast<double>(values.size()));
  }
  std::vector<double> value, lo, hi;
  for (const auto& s : shares) {
    const Interval iv = meanInterval(s);
    value.push_back(iv.mean);
    lo.push_back(iv.n > 1 ? iv.lo : std::numeric_limits<double>::quiet_NaN());
    hi.push_back(iv.n > 1 ? iv.hi : std::numeric_limits<double>::quiet_NaN());
  }
  return Json{{"label", std::move(label)},
              {"x_name", text("试点数", "pilots")},
              {"y_name", text("单位比例", "share of units")},
              {"categories", std::move(categories)},
              {"series", Json::array({{{"name", text("单位比例", "share of units")},
                                       {"value", numbers(value)},
                                       {"lo", numbers(lo)},
                                       {"hi", numbers(hi)}}})}};
}

Json pilotsPerUnit(const CsvTable& units, int replicates, const std::string& command) {
  Json c = chart(
      "pilots-per-unit", "bars", text("每个单位的试点数分布", "Pilots per unit"),
      caption(
          fmt::format("拥有给定试点数的单位所占比例：运行结束时在运行的试点（active_pilots），或整个运行期间（含预热）"
                      "启动的试点（pilots_started，数值范围大时分组）。每次重复分别计算比例，柱为 {} 次重复的均值，"
                      "误差线为 95% t 区间。由 units.csv 计算。",
                      replicates),
          fmt::format("Share of units with a given number of pilots: running at the end of the run "
                      "(active_pilots), or started over the whole run including burn-in (pilots_started, "
                      "binned when the range is wide). Shares are computed per replicate; bars are the mean of "
                      "{} replicates, whiskers the 95% t-interval. From units.csv.",
                      replicates),
          command));
  c["variants"].push_back(countBars(units, requireColumn(units, "active_pilots"),
                                    text("运行结束时在运行的试点", "pilots running at the end")));
  c["variants"].push_back(countBars(units, requireColumn(units, "pilots_started"),
                                    text("整个运行期间启动的试点", "pilots started over the run")));
  return c;
}

/// A table of the units by name, for a structure read from a user's file (units.csv has names):
/// each unit's superior, base and budget, and its pilots and outcomes as means over the replicates.
/// Generated structures have no names and thousands of units, so they get no table (an empty Json).
Json unitsTable(const CsvTable& units, const CsvTable& hierarchy, int replicates, const std::string& command) {
  const auto name = units.column("name");
  if (name < 0) return {};
  const auto unit = requireColumn(units, "unit"), superior = requireColumn(units, "superior"),
             base = requireColumn(units, "base"), budget = requireColumn(units, "budget"),
             started = requireColumn(units, "pilots_started"), active = requireColumn(units, "active_pilots"),
             effectiveness = requireColumn(units, "need_weighted_effectiveness"),
             satisfaction = requireColumn(units, "satisfaction");
  const bool named = std::any_of(units.rows.begin(), units.rows.end(),
                                 [&](const auto& row) { return !row[static_cast<std::size_t>(name)].empty(); });
  if (!named) return {};
  std::map<long long, std::string> superiors;
  const auto h_superior = requireColumn(hierarchy, "superior"), h_name = requireColumn(hierarchy, "name");
  for (std::size_t r = 0; r < hierarchy.rows.size(); ++r)
    superiors.emplace(hierarchy.integer(r, h_superior), hierarchy.rows[r][h_name]);
  struct Row {
    std::string name, superior;
    double base = 0, budget = 0;
    std::vector<double> started, active, effectiveness, satisfaction;
  };
  std::map<long long, Row> rows;
  for (std::size_t r = 0; r < units.rows.size(); ++r) {
    Row& row = rows[units.integer(r, unit)];
    row.name = units.rows[r][static_cast<std::size_t>(name)];
    const auto s = superiors.find(units.integer(r, superior));
    row.superior = s != superiors.end() ? s->second : units.rows[r][superior];
    row.base = units.number(r, base);
    row.budget = units.number(r, budget);
    row.started.push_back(units.number(r, started));
    row.active.push_back(units.number(r, active));
    row.effectiveness.push_back(units.number(r, effectiveness));
    row.satisfaction.push_back(units.number(r, satisfaction));
  }
  const auto mean = [](const std::vector<double>& xs) { return shortNumber(meanInterval(xs).mean); };
  Json t = report::table(
      "units-table", text("各单位", "The units"),
      caption(fmt::format("结构文件中的每个单位：上级、治理基础与预算（来自文件），以及 {} 次重复的均值：整个运行期间"
                          "（含预热）启动的试点、运行结束时在运行的试点、按需求加权的有效性和满意度。由 units.csv 与 "
                          "hierarchy.csv 计算。",
                          replicates),
              fmt::format("Every unit of the structure file: its superior, governance base and budget (from the "
                          "file), and means over {} replicates of the pilots started over the whole run "
                          "(burn-in included), the pilots running at the end, need-weighted effectiveness and "
                          "satisfaction. From units.csv and hierarchy.csv.",
                          replicates),
              command),
      Json::array({text("单位", "Unit"), text("上级", "Superior"), text("治理基础", "Base"), text("预算", "Budget"),
                   text("启动的试点", "Pilots started"), text("结束时在运行", "Running at the end"),
                   text("按需求加权的有效性", "Need-weighted effectiveness"), text("满意度", "Satisfaction")}));
  for (const auto& [id, row] : rows)
    t["rows"].push_back(Json::array({same(row.name), same(row.superior), same(shortNumber(row.base)),
                                     same(shortNumber(row.budget)), same(mean(row.started)), same(mean(row.active)),
                                     same(mean(row.effectiveness)), same(mean(row.satisfaction))}));
  return t;
}

}  // namespace

Json runReportData(const fs::path& dir, const std::string& display) {
  const fs::path toml_path = dir / "scenario.toml";
  const std::string toml = readInputFile(toml_path, "scenario file");
  // Named by its real path, not the display one: a structure file's copy (structure.csv) is found
  // beside it, and with `run --report` the directory is still the staging one.
  const Scenario scenario = loadScenarioText(toml, toml_path.string());
  const std::string command = recordedCommand(toml);
  const int months = scenario.params.run.months;
  const int replicates = scenario.params.run.replicates;

  Json doc;
  doc["kind"] = "run";
  doc["title"] = text(fmt::format("运行报告：{}", scenario.name), fmt::format("Run report: {}", scenario.name));
  doc["source"] = display;
  doc["command"] = command;
  doc["summary"] =
      text(fmt::format("情景 {}，种子 {}，{} 次重复，预热 {} 个月后模拟 {} 个月。", scenario.name,
                       scenario.params.run.seed, replicates, scenario.params.run.burn_in, months),
           fmt::format("Scenario {}, seed {}, {} replicates, {} months after {} months of burn-in.", scenario.name,
                       scenario.params.run.seed, replicates, months, scenario.params.run.burn_in));
  doc["notes"] = Json::array();
  doc["charts"] = Json::array();

  const MonthlyBands bands = bandsFromMonthly(readCsvFile(dir / "monthly.csv"));
  doc["charts"].push_back(measuresOverTime(bands, scenario.name, replicates, command));

  const bool records = fs::exists(dir / "pilots.csv") && fs::exists(dir / "tenures.csv");
  if (records) {
    const auto pilots = readPilots(readCsvFile(dir / "pilots.csv"));
    doc["charts"].push_back(survivalByOrigin(pilots, command));
    doc["charts"].push_back(survivalAcrossTurnover(pilots, readCsvFile(dir / "tenures.csv"), command));
    const Hierarchy tree = buildHierarchy(shapeFor(scenario.params.structure));
    doc["charts"].push_back(diffusion(pilots, readCsvFile(dir / "innovations.csv"), tree, months, command));
  } else {
    doc["notes"].push_back(
        text("该运行未写出 pilots.csv 和 tenures.csv（--records none），因此没有试点存续和扩散曲线。",
             "This run has no pilots.csv and tenures.csv (--records none), so there are no survival or "
             "diffusion charts."));
  }
  const CsvTable units = readCsvFile(dir / "units.csv");
  doc["charts"].push_back(pilotsPerUnit(units, replicates, command));
  if (fs::exists(dir / "hierarchy.csv")) {
    Json named = unitsTable(units, readCsvFile(dir / "hierarchy.csv"), replicates, command);
    if (!named.is_null()) doc["charts"].push_back(std::move(named));
  }
  return doc;
}

}  // namespace pilotsim
