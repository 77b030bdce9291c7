// The pieces of a report's data document (read by web/report/report.js), shared by the builders of
// the four kinds of report. Every text a reader sees is bilingual: {"zh": ..., "en": ...}.
//
// A chart is {"id", "type", "title", "caption", "variants": [...]}; the page shows a selector when
// there is more than one variant (a measure, an outcome). Variant payloads by type:
//   lines   {"label", "x_name", "y_name", "step", "curves": [{"name", "x", "y", "lo", "hi"}]}
//   forest  {"label", "x_name", "rows": [text], "series": [{"name", "value", "lo", "hi", "detail"}]}
//   bars    {"label", "x_name", "y_name", "categories": [text], "series": [{"name", "value", "lo", "hi"}]}
//           (a series may carry "verdict": it is then drawn in that verdict's colour, as in the tables)
//   scatter {"label", "x_name", "y_name", "series": [{"name", "x", "y", "x_lo", "x_hi", "mu", "labels"}]}
//           (labelled points; the campaign report's Morris plane, CampaignReport.cpp)
// and a table is {"id", "type": "table", "title", "caption", "columns": [text], "rows": [[cell]]}, a
// cell being a text or {"text", "verdict"} (the verdict colours it).
#pragma once

#include "pilotsim/core/Stats.hpp"
#include "pilotsim/io/JsonValues.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include <string>
#include <string_view>
#include <vector>

namespace pilotsim::report {

inline Json text(std::string_view zh, std::string_view en) { return Json{{"zh", zh}, {"en", en}}; }
/// A name that is the same in both languages (a scenario label, a key).
inline Json same(std::string_view s) { return text(s, s); }

inline Json chart(std::string_view id, std::string_view type, Json title, Json caption) {
  return Json{{"id", id},
              {"type", type},
              {"title", std::move(title)},
              {"caption", std::move(caption)},
              {"variants", Json::array()}};
}

/// A table: {"id", "type": "table", "title", "caption", "columns", "rows": []}; rows are added by the caller.
inline Json table(std::string_view id, Json title, Json caption, Json columns) {
  return Json{{"id", id},
              {"type", "table"},
              {"title", std::move(title)},
              {"caption", std::move(caption)},
              {"columns", std::move(columns)},
              {"rows", Json::array()}};
}

/// A number for a label or tooltip: four significant digits, "-" when undefined.
inline std::string shortNumber(double x) { return std::isfinite(x) ? fmt::format("{:.4g}", x) : std::string("-"); }

/// Numbers as JSON, NaN and infinities as null (gaps in a line, missing bars).
inline Json numbers(const std::vector<double>& xs) {
  Json out = Json::array();
  for (double x : xs) out.push_back(numberJson(x));
  return out;
}

/// A curve of a `lines` chart from intervals at the given x positions.
template <class X>
Json intervalCurve(Json name, const std::vector<X>& x, const std::vector<Interval>& ivs) {
  std::vector<double> xs(x.begin(), x.end()), y, lo, hi;
  for (const auto& iv : ivs) {
    y.push_back(iv.n > 0 ? iv.mean : std::numeric_limits<double>::quiet_NaN());
    lo.push_back(iv.n > 1 ? iv.lo : std::numeric_limits<double>::quiet_NaN());
    hi.push_back(iv.n > 1 ? iv.hi : std::numeric_limits<double>::quiet_NaN());
  }
  return Json{
      {"name", std::move(name)}, {"x", numbers(xs)}, {"y", numbers(y)}, {"lo", numbers(lo)}, {"hi", numbers(hi)}};
}

/// "`command`" in captions, or a note that the producing command was not recorded.
inline Json producedBy(const std::string& command) {
  if (command.empty()) return text("（生成命令未记录）", "(the producing command was not recorded)");
  return text(fmt::format("由 {} 生成。", command), fmt::format("Produced by {}.", command));
}

/// Caption = explanation + the producing command, in both languages.
inline Json caption(std::string_view zh, std::string_view en, const std::string& command) {
  const Json by = producedBy(command);
  return text(fmt::format("{} {}", zh, by["zh"].get<std::string>()),
              fmt::format("{} {}", en, by["en"].get<std::string>()));
}

}  // namespace pilotsim::report
