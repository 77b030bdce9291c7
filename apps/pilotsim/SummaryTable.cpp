#include "SummaryTable.hpp"

#include "TextTable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace pilotsim::cli {

std::string formatNumber(double x) {
  if (std::isnan(x)) return "-";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  const double a = std::fabs(x);
  std::string s;
  if (a >= 100) {
    s = fmt::format("{:.0f}", x);
  } else if (a >= 10) {
    s = fmt::format("{:.1f}", x);
  } else if (a >= 1) {
    s = fmt::format("{:.2f}", x);
  } else {
    s = fmt::format("{:.3f}", x);
  }
  // "-0.000" would suggest a sign that rounding made up.
  if (s.find_first_not_of("-0.") == std::string::npos) s = s.front() == '-' ? s.substr(1) : s;
  return s;
}

std::string formatInterval(const Interval& iv) {
  if (iv.n == 0 || std::isnan(iv.mean)) return "-";
  if (iv.n < 2 || !std::isfinite(iv.lo) || !std::isfinite(iv.hi)) return formatNumber(iv.mean);
  return fmt::format("{} [{}, {}]", formatNumber(iv.mean), formatNumber(iv.lo), formatNumber(iv.hi));
}

std::string summaryTable(const Summary& summary, int months, bool zh) {
  using Align = TextTable::Align;
  TextTable table(zh ? std::vector<std::string>{"指标", "期末均值", "95% 区间", "单位"}
                     : std::vector<std::string>{"Measure", "Final mean", "95% interval", "Unit"},
                  {Align::Left, Align::Right, Align::Left, Align::Left});
  for (const MeasureInfo& info : measureTable()) {
    if (!info.key_measure) continue;
    const Interval& iv = summary[info.id].final_period;
    std::string interval = iv.n >= 2 && std::isfinite(iv.lo) && std::isfinite(iv.hi)
                               ? fmt::format("[{}, {}]", formatNumber(iv.lo), formatNumber(iv.hi))
                               : std::string("-");
    table.addRow({std::string(zh ? info.zh : info.en), formatNumber(iv.mean), std::move(interval),
                  std::string(zh ? info.unit_zh : info.unit)});
  }
  std::string out = table.render();

  const int window = std::min(months, summary.final_window);
  if (zh) {
    out += fmt::format("期末均值: 每次重复最后 {} 个月的均值; 区间: {} 次重复的 95% t 区间。\n", window,
                       summary.replicates);
  } else {
    out += fmt::format(
        "Final mean: each replicate's mean over its last {} months; interval: 95% t-interval across "
        "{} replicates.\n",
        window, summary.replicates);
  }
  // What each key measure counts, one line each, so that no value is read as more than it is.
  out += zh ? "各指标含义:\n" : "What the measures count:\n";
  for (const MeasureInfo& info : measureTable())
    if (info.key_measure) out += fmt::format("  {}: {}\n", zh ? info.zh : info.en, zh ? info.meaning_zh : info.meaning);
  const InnovationSummary& inn = summary.innovations;
  if (inn.campaigns > 0) {
    auto reached = [&](std::uint64_t n, double months) {
      if (n == 0) return std::string(zh ? "0 次" : "0");
      return zh ? fmt::format("{} 次, 平均 {} 个月", n, formatNumber(months))
                : fmt::format("{}, after {} months on average", n, formatNumber(months));
    };
    if (zh) {
      out +=
          fmt::format("推广活动 {} 次; 达到 50% 采纳: {}; 达到 90% 采纳: {}。\n", inn.campaigns,
                      reached(inn.reached_50, inn.mean_months_to_50), reached(inn.reached_90, inn.mean_months_to_90));
    } else {
      out +=
          fmt::format("Promotion campaigns: {}; reached 50% adoption: {}; reached 90%: {}.\n", inn.campaigns,
                      reached(inn.reached_50, inn.mean_months_to_50), reached(inn.reached_90, inn.mean_months_to_90));
    }
  }
  return out;
}

}  // namespace pilotsim::cli
