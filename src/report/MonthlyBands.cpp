#include "pilotsim/report/MonthlyBands.hpp"

#include "report/InputFiles.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/model/Measures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pilotsim {
using report::requireColumn;

MonthlyBands bandsFromMonthly(const CsvTable& t) {
  const std::size_t month_col = requireColumn(t, "month");
  requireColumn(t, "replicate");
  std::vector<std::size_t> cols;
  const auto measures = measureTable();
  for (const auto& m : measures) cols.push_back(requireColumn(t, m.key));

  // Months in order; each month's values per measure, in file order (replicate order), so the
  // intervals do not depend on how rows were written.
  std::map<int, std::vector<std::vector<double>>> by_month;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const long long month = t.integer(r, month_col);
    auto& values = by_month[static_cast<int>(month)];
    if (values.empty()) values.resize(cols.size());
    for (std::size_t k = 0; k < cols.size(); ++k) values[k].push_back(t.number(r, cols[k]));
  }
  MonthlyBands bands;
  for (const auto& m : measures) bands.measures[std::string(m.key)].reserve(by_month.size());
  for (const auto& [month, values] : by_month) {
    bands.months.push_back(month);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      Interval iv = meanInterval(values[k]);
      if (iv.n == 0) iv.mean = iv.lo = iv.hi = std::numeric_limits<double>::quiet_NaN();
      bands.measures[std::string(measures[k].key)].push_back(iv);
    }
  }
  return bands;
}

std::vector<std::pair<std::string, MonthlyBands>> bandsFromCompare(const CsvTable& t) {
  const std::size_t sc = requireColumn(t, "scenario"), mc = requireColumn(t, "month"), kc = requireColumn(t, "measure");
  const std::size_t mean = requireColumn(t, "mean"), lo = requireColumn(t, "lo"), hi = requireColumn(t, "hi"),
                    n = requireColumn(t, "n");
  std::vector<std::pair<std::string, MonthlyBands>> out;
  // Rows are written scenario by scenario; a scenario's months are collected first, then each
  // measure's intervals are placed at its month's position.
  std::vector<std::map<int, std::map<std::string, Interval>>> cells;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& label = t.rows[r][sc];
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == label; });
    if (it == out.end()) {
      out.emplace_back(label, MonthlyBands{});
      cells.emplace_back();
      it = out.end() - 1;
    }
    const std::string& key = t.rows[r][kc];
    if (key.empty()) throw InputError(t.source, t.lines[r], "measure", "empty measure key");
    Interval iv;
    iv.mean = t.number(r, mean);
    iv.lo = t.number(r, lo);
    iv.hi = t.number(r, hi);
    iv.n = static_cast<int>(t.integer(r, n));
    cells[static_cast<std::size_t>(it - out.begin())][static_cast<int>(t.integer(r, mc))][key] = iv;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t s = 0; s < out.size(); ++s) {
    MonthlyBands& b = out[s].second;
    for (const auto& [month, row] : cells[s]) {
      b.months.push_back(month);
      for (const auto& [key, iv] : row) {
        auto& series = b.measures[key];
        series.resize(b.months.size() - 1, Interval{nan, nan, nan, nan, 0});
        series.push_back(iv);
      }
    }
    for (auto& [key, series] : b.measures) series.resize(b.months.size(), Interval{nan, nan, nan, nan, 0});
  }
  return out;
}

}  // namespace pilotsim
