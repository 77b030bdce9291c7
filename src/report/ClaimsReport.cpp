// The report of a `pilotsim claims` directory: claims.csv for the tests (it has each contrast's
// reference value), claims.json for the statements and the ablations.
#include "pilotsim/report/ReportData.hpp"

#include "report/ChartJson.hpp"
#include "report/ClaimsParts.hpp"
#include "report/InputFiles.hpp"

#include "pilotsim/experiment/ClaimEvaluation.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

using namespace report;

/// A verdict as written in the files, with its Chinese label; an unknown one is an input error.
template <class V, std::size_t N>
Json verdictCell(const std::string& written, const V (&all)[N], const std::string& shown, int line,
                 std::string_view key) {
  for (const V v : all)
    if (toString(v) == written) return Json{{"text", text(toStringZh(v), toString(v))}, {"verdict", written}};
  throw InputError(shown, line, std::string(key), fmt::format("unknown verdict '{}'", written));
}

constexpr Verdict kVerdicts[] = {Verdict::Supported, Verdict::NotSupported, Verdict::Inconclusive};
constexpr TestVerdict kTestVerdicts[] = {TestVerdict::Supported, TestVerdict::Contradicted, TestVerdict::Negligible,
                                         TestVerdict::Inconclusive};
constexpr AblationVerdict kAblationVerdicts[] = {AblationVerdict::Removed, AblationVerdict::Reduced,
                                                 AblationVerdict::NotRemoved, AblationVerdict::NoEffect};

struct Statement {
  std::string zh, en;
};

Json claimsTable(const CsvTable& t, const std::map<std::string, Statement>& statements, const std::string& command) {
  const auto claim = requireColumn(t, "claim"), section = requireColumn(t, "section"),
             outcome = requireColumn(t, "outcome"), contrast = requireColumn(t, "contrast"),
             reference = requireColumn(t, "reference"), expect = requireColumn(t, "expect"),
             effect = requireColumn(t, "effect"), lo = requireColumn(t, "effect_lo"),
             hi = requireColumn(t, "effect_hi"), d = requireColumn(t, "effect_size"),
             tv = requireColumn(t, "test_verdict"), cv = requireColumn(t, "claim_verdict");
  Json table = report::table(
      "claims-table", text("命题检验结果", "The claims and their verdicts"),
      caption("每个命题的每项检验：对比（情景之间的加权差）减去参照值，在逐次配对的重复间的均值及 95% t 区间；"
              "区间全在期望一侧为支持，全在另一侧为相反，否则不确定。命题的所有检验都支持才算支持。取自 claims.csv 与 "
              "claims.json。",
              "Every test of every claim: the contrast (a weighted difference between scenarios) minus its "
              "reference, mean and 95% t-interval over paired replicates; supported when the interval lies on "
              "the expected side of 0, contradicted when on the other, else inconclusive. A claim is "
              "supported when all its tests are. From claims.csv and claims.json.",
              command),
      Json::array({text("命题", "Claim"), text("论文章节", "Paper s."), text("陈述", "Statement"),
                   text("结论", "Verdict"), text("指标", "Outcome"), text("对比", "Contrast"), text("期望", "Expect"),
                   text("效应 [95% 区间]", "Effect [95% interval]"), text("d", "d"), text("检验", "Test")}));
  std::string previous;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const bool first = row[claim] != previous;
    previous = row[claim];
    const auto st = statements.find(row[claim]);
    const double ref = t.number(r, reference);
    std::string contrast_text = row[contrast];
    if (std::isfinite(ref) && ref != 0) contrast_text += fmt::format(" − {}", shortNumber(ref));
    table["rows"].push_back(Json::array(
        {first ? same(row[claim]) : same(""), first ? same(row[section]) : same(""),
         first && st != statements.end() ? text(st->second.zh, st->second.en) : same(""),
         first ? verdictCell(row[cv], kVerdicts, t.source, t.lines[r], "claim_verdict") : same(""),
         outcomeText(row[outcome]), same(contrast_text), same(row[expect] == "higher" ? "> 0" : "< 0"),
         same(intervalText(t.number(r, effect), t.number(r, lo), t.number(r, hi))), same(shortNumber(t.number(r, d))),
         verdictCell(row[tv], kTestVerdicts, t.source, t.lines[r], "test_verdict")}));
  }
  return table;
}

Json testsForest(const CsvTable& t, const std::string& command) {
  const auto claim = requireColumn(t, "claim"), test = requireColumn(t, "test"), outcome = requireColumn(t, "outcome"),
             reference = requireColumn(t, "reference"), effect = requireColumn(t, "effect"),
             lo = requireColumn(t, "effect_lo"), hi = requireColumn(t, "effect_hi"),
             d = requireColumn(t, "effect_size"), tv = requireColumn(t, "test_verdict");
  Json rows = Json::array();
  // One series per test verdict, so the colour says the verdict; a row has a point in one series only.
  Json series = Json::array();
  for (const TestVerdict v : kTestVerdicts)
    series.push_back({{"name", text(toStringZh(v), toString(v))},
                      {"verdict", toString(v)},
                      {"value", Json::array()},
                      {"lo", Json::array()},
                      {"hi", Json::array()},
                      {"detail", Json::array()}});
  int left_out = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double e = t.number(r, effect), size = t.number(r, d), ref = t.number(r, reference);
    // effect_size is the contrast (effect + reference) over the scenarios' pooled sd; that sd scales
    // the whole interval.
    const double scale = (e + (std::isfinite(ref) ? ref : 0.0)) / size;
    if (!std::isfinite(scale) || scale <= 0) {
      ++left_out;
      continue;
    }
    const Json name = outcomeText(t.rows[r][outcome]);
    rows.push_back(
        text(fmt::format("{} 检验{}：{}", t.rows[r][claim], t.rows[r][test], name["zh"].get<std::string>()),
             fmt::format("{} test {}: {}", t.rows[r][claim], t.rows[r][test], name["en"].get<std::string>())));
    const std::string raw = intervalText(e, t.number(r, lo), t.number(r, hi));
    for (auto& s : series) {
      const bool mine = s["verdict"] == t.rows[r][tv];
      s["value"].push_back(mine ? numberJson(e / scale) : Json(nullptr));
      s["lo"].push_back(mine ? numberJson(t.number(r, lo) / scale) : Json(nullptr));
      s["hi"].push_back(mine ? numberJson(t.number(r, hi) / scale) : Json(nullptr));
      s["detail"].push_back(text(fmt::format("效应 {}", raw), fmt::format("effect {}", raw)));
    }
  }
  const std::string dropped_zh = left_out > 0 ? fmt::format("{} 项无变化或效应量未定义的检验未画出。", left_out) : "";
  const std::string dropped_en =
      left_out > 0 ? fmt::format(" {} tests without spread or effect size are not drawn.", left_out) : "";
  Json c = chart(
      "claims-forest", "forest", text("各项检验的效应（森林图）", "The tests' effects (forest plot)"),
      caption(
          fmt::format("每项检验的效应（对比减参照值）及其 95% t 区间，除以相关情景的合并标准差，使不同指标可以并列；"
                      "颜色为检验结论。悬停可见原始单位的效应。{}取自 claims.csv。",
                      dropped_zh),
          fmt::format("Each test's effect (contrast minus reference) with its 95% t-interval, divided by the pooled "
                      "standard deviation of its scenarios so that tests of different outcomes can stand side by "
                      "side; the colour is the test's verdict. Hover for the effect in the outcome's own unit.{} "
                      "From claims.csv.",
                      dropped_en),
          command));
  c["variants"].push_back({{"label", text("效应", "effects")},
                           {"x_name", text("效应（标准差单位）", "effect (standard deviations)")},
                           {"rows", std::move(rows)},
                           {"series", std::move(series)}});
  return c;
}

Json ablationTable(const Json& ablations, const std::string& shown, const std::string& command) {
  Json table = report::table(
      "ablation-table", text("消融检验", "Ablations"),
      caption("关闭每个机制后，它所负责的效应是否消失：机制开启与关闭时该效应的均值及 95% 区间。"
              "消除：开启时存在、关闭后区间含 "
              "0；减弱：关闭后仍在但不到一半；未消除：仍超过一半；无效应：开启时也不存在。取自 claims.json。",
              "Whether switching each mechanism off removes the effect it is responsible for: the effect's mean "
              "and 95% interval with the mechanism on and off. removed: there when on, its interval covers 0 "
              "when off; reduced: still there but at most half as large; not removed: more than half; no effect: "
              "not there even when on. From claims.json.",
              command),
      Json::array({text("机制", "Mechanism"), text("负责的效应", "Effect it is responsible for"), text("命题", "Claim"),
                   text("指标", "Outcome"), text("机制开启", "Mechanism on"), text("机制关闭", "Mechanism off"),
                   text("结论", "Verdict")}));
  for (const auto& a : ablations) {
    const Json& on = member(a, "on", shown);
    const Json& off = member(a, "off", shown);
    const std::string claim = stringOf(a, "claim", shown);
    table["rows"].push_back(Json::array(
        {paramText(stringOf(a, "mechanism", shown)),
         text(stringOf(a, "effect_zh", shown), stringOf(a, "effect_en", shown)), same(claim.empty() ? "-" : claim),
         outcomeText(stringOf(a, "outcome", shown)),
         same(intervalText(numberOf(on, "mean", shown), numberOf(on, "lo", shown), numberOf(on, "hi", shown))),
         same(intervalText(numberOf(off, "mean", shown), numberOf(off, "lo", shown), numberOf(off, "hi", shown))),
         verdictCell(stringOf(a, "verdict", shown), kAblationVerdicts, shown, 0, "verdict")}));
  }
  return table;
}

Json ablationBars(const Json& ablations, const std::string& shown, const std::string& command) {
  Json categories = Json::array();
  std::vector<double> value, lo, hi;
  int left_out = 0;
  for (const auto& a : ablations) {
    const Json& on = member(a, "on", shown);
    const Json& off = member(a, "off", shown);
    const double base = numberOf(on, "mean", shown);
    const double m = numberOf(off, "mean", shown), l = numberOf(off, "lo", shown), h = numberOf(off, "hi", shown);
    if (!std::isfinite(base) || base == 0 || !std::isfinite(m)) {
      ++left_out;
      continue;
    }
    categories.push_back(paramText(stringOf(a, "mechanism", shown)));
    value.push_back(m / base);
    // Dividing by a negative effect turns the interval round.
    lo.push_back((base > 0 ? l : h) / base);
    hi.push_back((base > 0 ? h : l) / base);
  }
  const std::string dropped_zh =
      left_out > 0 ? fmt::format("{} 项开启时效应为 0 或关闭后无定义的消融未画出。", left_out) : "";
  const std::string dropped_en =
      left_out > 0
          ? fmt::format(" {} ablations whose effect is 0 when on or undefined when off are not drawn.", left_out)
          : "";
  Json c = chart(
      "ablation-bars", "bars", text("关闭机制后剩余的效应", "Effect left with the mechanism off"),
      caption(fmt::format("关闭机制后该效应的均值占开启时均值的比例（误差线为关闭时 95% 区间除以开启时均值）："
                          "0 表示效应被消除，1 表示不变。{}取自 claims.json。",
                          dropped_zh),
              fmt::format("The effect's mean with the mechanism off as a share of its mean with the mechanism on "
                          "(whiskers: the 95% interval off, divided by the mean on): 0 means the mechanism's effect is "
                          "removed, 1 that it is untouched.{} From claims.json.",
                          dropped_en),
              command));
  c["variants"].push_back({{"label", text("剩余比例", "share left")},
                           {"x_name", text("机制", "mechanism")},
                           {"y_name", text("关闭/开启", "off / on")},
                           {"categories", std::move(categories)},
                           {"series", Json::array({{{"name", text("关闭/开启", "off / on")},
                                                    {"value", numbers(value)},
                                                    {"lo", numbers(lo)},
                                                    {"hi", numbers(hi)}}})}});
  return c;
}

}  // namespace

Json claimsReportData(const fs::path& dir, const std::string& display) {
  const std::string shown = (fs::path(display) / "claims.json").string();
  const Json doc = readJsonFile(dir / "claims.json", shown);
  const std::string command = doc.value("command", std::string());
  std::map<std::string, Statement> statements;
  for (const auto& c : member(doc, "claims", shown))
    statements[stringOf(c, "id", shown)] = {stringOf(c, "statement_zh", shown), stringOf(c, "statement_en", shown)};
  const Json& ablations = member(doc, "ablations", shown);

  Json out;
  out["kind"] = "claims";
  out["title"] = text("论文命题的检验", "The paper's claims, tested");
  out["source"] = display;
  out["command"] = command;
  out["summary"] = text(fmt::format("{} 个命题，{} 项消融检验，每个情景 {} 次重复，种子 {}。", statements.size(),
                                    ablations.size(), doc.value("replicates", 0), doc.value("seed", 0)),
                        fmt::format("{} claims, {} ablations, {} replicates per scenario, seed {}.", statements.size(),
                                    ablations.size(), doc.value("replicates", 0), doc.value("seed", 0)));
  out["notes"] = Json::array();
  out["charts"] = Json::array();
  if (!statements.empty()) {
    const CsvTable tests = readCsvFile(dir / "claims.csv");
    out["charts"].push_back(claimsTable(tests, statements, command));
    out["charts"].push_back(testsForest(tests, command));
  }
  if (!ablations.empty()) {
    out["charts"].push_back(ablationTable(ablations, shown, command));
    out["charts"].push_back(ablationBars(ablations, shown, command));
  }
  return out;
}

}  // namespace pilotsim
