// The report of a `pilotsim compare` directory: compare.json for the differences, monthly_bands.csv
// for the measures over time.
#include "pilotsim/report/ReportData.hpp"

#include "report/ChartJson.hpp"
#include "report/InputFiles.hpp"

#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/report/MonthlyBands.hpp"

#include <fmt/format.h>

#include <cmath>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

using namespace report;

Json measuresOverTime(const std::vector<std::pair<std::string, MonthlyBands>>& bands, int replicates,
                      const std::string& command) {
  Json c = chart(
      "measures", "lines", text("各指标随时间的变化（按情景）", "Measures over time, by scenario"),
      caption(fmt::format("所选指标每月在 {} 次重复间的均值（线）及其 95% t 区间（阴影），每个情景一条线；"
                          "各情景使用相同的随机数（共同随机数）。取自 monthly_bands.csv。",
                          replicates),
              fmt::format("The selected measure's monthly mean across {} replicates (line) with its 95% t-interval "
                          "(band), one line per scenario; all scenarios use the same random numbers (common random "
                          "numbers). From monthly_bands.csv.",
                          replicates),
              command));
  for (const auto& m : measureTable()) {
    Json curves = Json::array();
    for (const auto& [label, b] : bands) {
      const auto it = b.measures.find(std::string(m.key));
      if (it != b.measures.end()) curves.push_back(intervalCurve(same(label), b.months, it->second));
    }
    if (curves.empty()) continue;
    c["variants"].push_back({{"label", text(m.zh, m.en)},
                             {"x_name", text("月份", "month")},
                             {"y_name", text(m.unit_zh, m.unit)},
                             {"step", false},
                             {"curves", std::move(curves)}});
  }
  return c;
}

Json forest(const Json& doc, const std::string& shown, const std::string& command) {
  const Json& scenarios = member(doc, "scenarios", shown);
  const Json& outcomes = member(doc, "outcomes", shown);
  const std::string reference = stringOf(doc, "reference", shown);
  Json rows = Json::array();
  Json series = Json::array();
  for (std::size_t s = 1; s < scenarios.size(); ++s)
    series.push_back({{"name", same(stringOf(scenarios[s], "label", shown))},
                      {"value", Json::array()},
                      {"lo", Json::array()},
                      {"hi", Json::array()},
                      {"detail", Json::array()}});
  int left_out = 0;
  for (const auto& [key, o] : outcomes.items()) {
    const Json& per = member(o, "scenarios", shown + " outcomes." + key);
    if (per.size() != scenarios.size())
      throw InputError(shown, 0, "outcomes." + key + ".scenarios",
                       fmt::format("expected {} entries, got {}", scenarios.size(), per.size()));
    const double sd0 = numberOf(member(per[0], "level", shown), "sd", shown);
    bool any = false;
    std::vector<Json> cells;
    for (std::size_t s = 1; s < per.size(); ++s) {
      const Json& d = member(per[s], "difference", shown);
      const double sd = numberOf(member(per[s], "level", shown), "sd", shown);
      const double pooled = std::sqrt((sd0 * sd0 + sd * sd) / 2.0);
      const double mean = numberOf(d, "mean", shown), lo = numberOf(d, "lo", shown), hi = numberOf(d, "hi", shown);
      const bool ok = std::isfinite(pooled) && pooled > 0 && std::isfinite(mean);
      any = any || ok;
      const std::string unit = o.value("unit", std::string());
      cells.push_back({{"value", ok ? numberJson(mean / pooled) : Json(nullptr)},
                       {"lo", ok ? numberJson(lo / pooled) : Json(nullptr)},
                       {"hi", ok ? numberJson(hi / pooled) : Json(nullptr)},
                       {"detail", text(fmt::format("差值 {} [{}, {}] {}", shortNumber(mean), shortNumber(lo),
                                                   shortNumber(hi), unit),
                                       fmt::format("difference {} [{}, {}] {}", shortNumber(mean), shortNumber(lo),
                                                   shortNumber(hi), unit))}});
    }
    if (!any) {
      ++left_out;
      continue;
    }
    rows.push_back(text(o.value("zh", key), o.value("en", key)));
    for (std::size_t s = 0; s < cells.size(); ++s)
      for (const char* f : {"value", "lo", "hi", "detail"}) series[s][f].push_back(cells[s][f]);
  }
  const std::string dropped_zh =
      left_out > 0 ? fmt::format("另有 {} 个指标在各情景中均无变化，未列出。", left_out) : "";
  const std::string dropped_en =
      left_out > 0 ? fmt::format(" {} outcomes without any spread are left out.", left_out) : "";
  Json c = chart(
      "forest", "forest",
      text(fmt::format("与 {} 的差值（森林图）", reference),
           fmt::format("Differences from {} (forest plot)", reference)),
      caption(fmt::format("每个指标与参照情景 {} 的差值：点为逐次重复配对差值的均值，线为其 95% t 区间（共同随机数）。"
                          "为使不同单位的指标可以并列，差值除以两情景合并标准差 √((sd参照² + sd²)/2)，即以标准差为单位"
                          "（点即 compare.json 中的效应量 d）；悬停可见原始单位的差值。区间不含 0 即差异明确。{}取自 "
                          "compare.json。",
                          reference, dropped_zh),
              fmt::format("Each outcome's difference from the reference scenario {}: the point is the mean of the "
                          "paired per-replicate differences, the line its 95% t-interval (common random numbers). So "
                          "that outcomes in different units can stand side by side, differences are divided by the "
                          "pooled standard deviation sqrt((sd_ref² + sd²)/2) of the two scenarios (the point is the "
                          "effect size d of compare.json); hover for the difference in the outcome's own unit. An "
                          "interval that excludes 0 is a clear difference.{} From compare.json.",
                          reference, dropped_en),
              command));
  c["variants"].push_back({{"label", text("差值", "differences")},
                           {"x_name", text("差值（标准差单位）", "difference (standard deviations)")},
                           {"rows", std::move(rows)},
                           {"series", std::move(series)}});
  return c;
}

}  // namespace

Json compareReportData(const fs::path& dir, const std::string& display) {
  const std::string shown = (fs::path(display) / "compare.json").string();
  const Json doc = readJsonFile(dir / "compare.json", shown);
  const std::string command = doc.value("command", std::string());
  const int replicates = static_cast<int>(numberOf(doc, "replicates", shown));
  Json out;
  out["kind"] = "compare";
  std::string labels;
  for (const auto& s : member(doc, "scenarios", shown))
    labels += (labels.empty() ? "" : ", ") + stringOf(s, "label", shown);
  out["title"] = text(fmt::format("情景比较：{}", labels), fmt::format("Comparison: {}", labels));
  out["source"] = display;
  out["command"] = command;
  out["summary"] = text(
      fmt::format("{} 个情景，每个 {} 次重复，种子 {}，参照情景 {}。", member(doc, "scenarios", shown).size(),
                  replicates, doc.value("seed", 0), stringOf(doc, "reference", shown)),
      fmt::format("{} scenarios, {} replicates each, seed {}, reference {}.", member(doc, "scenarios", shown).size(),
                  replicates, doc.value("seed", 0), stringOf(doc, "reference", shown)));
  out["notes"] = Json::array();
  out["charts"] = Json::array();
  out["charts"].push_back(
      measuresOverTime(bandsFromCompare(readCsvFile(dir / "monthly_bands.csv")), replicates, command));
  out["charts"].push_back(forest(doc, shown, command));
  return out;
}

}  // namespace pilotsim
