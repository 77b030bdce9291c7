// The report of a `pilotsim claims --decompose` directory, from decomposition.json: for each
// decomposed test, which of the levers its two scenarios differ in carry its effect
// (experiment/ClaimDecomposition.hpp defines the variants and the shares).
#include "pilotsim/report/ReportData.hpp"

#include "report/ChartJson.hpp"
#include "report/ClaimsParts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

using namespace report;

struct Iv {
  double mean, lo, hi;
};

Iv intervalOf(const JsonAt& j) { return {j["mean"].number(), j["lo"].number(), j["hi"].number()}; }

std::string intervalText(const Iv& iv) { return report::intervalText(iv.mean, iv.lo, iv.hi); }

/// "P12 test 3: promotion accuracy" in both languages.
Json testLabel(const std::string& claim, std::uint64_t test, const Json& outcome) {
  return text(fmt::format("{} 检验{}：{}", claim, test, outcome["zh"].get<std::string>()),
              fmt::format("{} test {}: {}", claim, test, outcome["en"].get<std::string>()));
}

/// The ends of f(lo), f(hi) in order: dividing by a negative full effect turns an interval round.
template <class F>
std::pair<double, double> mapped(const Iv& iv, F f) {
  const double a = f(iv.lo), b = f(iv.hi);
  if (!std::isfinite(a) || !std::isfinite(b)) return {std::nan(""), std::nan("")};
  return {std::min(a, b), std::max(a, b)};
}

Json decompositionBars(const JsonAt& tests, const std::string& command) {
  Json c = chart("decomposition-bars", "bars", text("哪些杠杆承载了效应", "Which levers carry the effect"), Json());
  int no_full = 0, not_run = 0;
  for (std::size_t t = 0; t < tests.size(); ++t) {
    const JsonAt test = tests[t];
    const Iv full = intervalOf(test["full"]);
    const JsonAt levers = test["levers"];
    Json categories = Json::array();
    std::vector<double> alone, alone_lo, alone_hi, lost, lost_lo, lost_hi;
    int problems = 0;
    for (std::size_t l = 0; l < levers.size(); ++l) {
      const JsonAt lever = levers[l];
      if (!lever["problem"].string().empty()) {
        ++problems;
        continue;
      }
      const Iv a = intervalOf(lever["alone"]), w = intervalOf(lever["without"]);
      // The carrying levers are starred, so the chart says which they are without the table; in front,
      // where a long name cut short on the axis does not lose it.
      const Json name = paramText(lever["lever"].string());
      const bool carries = lever["carries"].boolean();
      categories.push_back(carries ? text("★ " + name["zh"].get<std::string>(), "★ " + name["en"].get<std::string>())
                                   : name);
      alone.push_back(lever["share_alone"].number());
      lost.push_back(lever["share_lost"].number());
      // The whiskers are the variant's interval on the scale of the shares: alone / full, and
      // (full - without) / full. The full effect's own uncertainty is not in them.
      const auto [al, ah] = mapped(a, [&](double x) { return x / full.mean; });
      const auto [wl, wh] = mapped(w, [&](double x) { return (full.mean - x) / full.mean; });
      alone_lo.push_back(al);
      alone_hi.push_back(ah);
      lost_lo.push_back(wl);
      lost_hi.push_back(wh);
    }
    not_run += problems;
    // A full effect of 0 (or none) has no shares; a test none of whose levers ran has no bars.
    if (!std::isfinite(full.mean) || full.mean == 0) {
      ++no_full;
      continue;
    }
    if (categories.empty()) continue;
    const std::string claim = test["claim"].string();
    c["variants"].push_back({{"label", testLabel(claim, test["test"].count(), outcomeText(test["outcome"].string()))},
                             {"x_name", text("杠杆", "lever")},
                             {"y_name", text("占全部效应的比例", "share of the full effect")},
                             {"categories", std::move(categories)},
                             {"series", Json::array({{{"name", text("单独 / 全部", "alone / full")},
                                                      {"value", numbers(alone)},
                                                      {"lo", numbers(alone_lo)},
                                                      {"hi", numbers(alone_hi)}},
                                                     {{"name", text("去掉后损失 / 全部", "lost without it / full")},
                                                      {"value", numbers(lost)},
                                                      {"lo", numbers(lost_lo)},
                                                      {"hi", numbers(lost_hi)}}})}});
  }
  std::string left_zh, left_en;
  if (not_run > 0) {
    left_zh += fmt::format("{} 个无法运行的杠杆变体（违反参数间规则，见 decomposition.md）未画出。", not_run);
    left_en += fmt::format(
        " {} levers whose variants could not run (a rule across parameters; see decomposition.md) "
        "are not drawn.",
        not_run);
  }
  if (no_full > 0) {
    left_zh += fmt::format("{} 项全部效应为 0 或无定义的检验未画出。", no_full);
    left_en += fmt::format(" {} tests whose full effect is 0 or undefined are not drawn.", no_full);
  }
  c["caption"] = caption(
      fmt::format("每项被分解的检验（处理情景 T 与对照情景 C 在两个以上杠杆上不同）中，每个杠杆单独的效应"
                  "（C 只改这一个杠杆）占全部效应 T − C 的比例，以及处理情景把它改回对照值后损失的比例"
                  "（全部 − 除它之外全部）/ 全部。误差线为相应变体效应的 95% 区间按同样方式除以全部效应的均值"
                  "（不含全部效应本身的不确定性）。任一比例达到 0.5 即为承载效应，标 ★。{}取自 decomposition.json。",
                  left_zh),
      fmt::format("For each decomposed test (a treated scenario T and a control C that differ in two or more levers): "
                  "each lever's effect alone (C with only that lever at T's value) as a share of the full effect "
                  "T − C, and the share lost when T has that lever back at C's value, (full − all but it) / full. "
                  "Whiskers: the 95% interval of the variant's effect on the same scale, divided by the full effect's "
                  "mean (the full effect's own uncertainty is not in them). A lever carries the effect when either "
                  "share is at least 0.5; such levers are marked ★.{} From decomposition.json.",
                  left_en),
      command);
  return c;
}

/// "imposed escalation (couplings.escalation)": the name and the key, which a reader may need to set it.
Json leverCell(const std::string& key) {
  const ParamSpec* spec = findParam(key);
  if (spec == nullptr) return same(key);
  return text(fmt::format("{}（{}）", spec->zh, key), fmt::format("{} ({})", spec->en, key));
}

Json decompositionTable(const JsonAt& tests, const std::string& command) {
  Json table = report::table(
      "decomposition-table", text("杠杆分解", "Decomposition by lever"),
      caption("每项被分解的检验及其每个杠杆：杠杆在对照与处理情景中的取值；仅此杠杆：对照情景只改这一个杠杆时的效应；"
              "除此之外全部：处理情景把它改回对照值时的效应（均值及 95% 区间，配对重复、共同随机数）；单独占比 = "
              "仅此杠杆 / 全部，去掉后损失 = (全部 − 除此之外全部) / 全部；任一达到 50% 即承载效应。取自 "
              "decomposition.json。",
              "Each decomposed test and each of its levers: the lever's value in the control and the treated "
              "scenario; alone: the effect of the control with only this lever changed; all but it: the effect of "
              "the treated scenario with this lever back at the control's value (means and 95% intervals over "
              "paired replicates, common random numbers); share alone = alone / full, share lost = (full − all but "
              "it) / full; a lever carries the effect when either is at least 50%. From decomposition.json.",
              command),
      // Ten columns: the claim, the test's number and its difference share one, so that the table fits
      // the page's width.
      Json::array({text("检验", "Test"), text("指标", "Outcome"),
                   text("全部效应 [95% 区间]", "Full effect [95% interval]"), text("杠杆", "Lever"),
                   text("对照 → 处理", "Control → treated"), text("仅此杠杆", "Lever alone"),
                   text("除此之外全部", "All but this lever"), text("单独占比", "Share alone"),
                   text("去掉后损失", "Share lost without it"), text("承载效应", "Carries it")}));
  for (std::size_t t = 0; t < tests.size(); ++t) {
    const JsonAt test = tests[t];
    const JsonAt levers = test["levers"];
    const std::string claim = test["claim"].string(), difference = test["difference"].string();
    const std::uint64_t number = test["test"].count();
    const Json name = text(fmt::format("{} 检验{}（{}）", claim, number, difference),
                           fmt::format("{} test {} ({})", claim, number, difference));
    const Json outcome = outcomeText(test["outcome"].string());
    const std::string full = intervalText(intervalOf(test["full"]));
    for (std::size_t l = 0; l < levers.size(); ++l) {
      const JsonAt lever = levers[l];
      const bool first = l == 0;
      const std::string key = lever["lever"].string();
      const std::string problem = lever["problem"].string();
      const bool ran = problem.empty();
      const bool carries = lever["carries"].boolean();
      table["rows"].push_back(Json::array(
          {first ? name : same(""), first ? outcome : same(""), first ? same(full) : same(""), leverCell(key),
           same(fmt::format("{} → {}", lever["control_value"].string(), lever["treated_value"].string())),
           same(ran ? intervalText(intervalOf(lever["alone"])) : "-"),
           same(ran ? intervalText(intervalOf(lever["without"])) : "-"),
           same(ran ? percentText(lever["share_alone"].number()) : "-"),
           same(ran ? percentText(lever["share_lost"].number()) : "-"),
           !ran      ? text("无法运行：" + problem, "could not run: " + problem)
           : carries ? text("是", "yes")
                     : text("否", "no")}));
    }
  }
  return table;
}

}  // namespace

Json decompositionReportData(const fs::path& dir, const std::string& display) {
  const std::string shown = (fs::path(display) / "decomposition.json").string();
  const Json doc = readJsonFile(dir / "decomposition.json", shown);
  const JsonAt root(doc, shown);
  const std::string command = root.has("command") ? root["command"].string() : std::string();
  const JsonAt tests = root["tests"];
  std::size_t levers = 0;
  for (std::size_t t = 0; t < tests.size(); ++t) levers += tests[t]["levers"].size();
  const std::uint64_t replicates = root["replicates"].count(), seed = root["seed"].count();

  Json out;
  out["kind"] = "decomposition";
  out["title"] = text("命题效应的杠杆分解", "Which levers carry the claims' effects");
  out["source"] = display;
  out["command"] = command;
  out["summary"] = text(fmt::format("{} 项检验被分解，共 {} 个杠杆；每个变体 {} 次重复，种子 {}。", tests.size(),
                                    levers, replicates, seed),
                        fmt::format("{} tests decomposed, {} levers in all; {} replicates per variant, seed {}.",
                                    tests.size(), levers, replicates, seed));
  out["notes"] = Json::array();
  out["charts"] = Json::array();
  if (tests.size() == 0) {
    out["notes"].push_back(text("没有可分解的检验：所选命题的现行检验中没有比较在两个以上杠杆上不同的两个情景的。",
                                "No test to decompose: no current test of the selected claims compares two scenarios "
                                "that differ in two or more levers."));
    return out;
  }
  Json bars = decompositionBars(tests, command);
  if (bars["variants"].empty())
    out["notes"].push_back(text("没有可画的杠杆：每项检验的全部效应为 0 或无定义，或其变体都无法运行。",
                                "No lever to draw: every test's full effect is 0 or undefined, or none of its "
                                "variants could run."));
  else
    out["charts"].push_back(std::move(bars));
  out["charts"].push_back(decompositionTable(tests, command));
  return out;
}

}  // namespace pilotsim
