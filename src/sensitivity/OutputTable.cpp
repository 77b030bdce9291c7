#include "pilotsim/sensitivity/OutputTable.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/CsvReader.hpp"

#include <fmt/format.h>

#include <limits>
#include <unordered_map>

namespace pilotsim::sensitivity {

OutputTable outputsFromCsv(const CsvTable& t, const Design& design) {
  const std::string& src = t.source;
  const int runCol = t.column("run");
  if (runCol < 0)
    throw InputError(src, 1, "run", "missing column; an outputs CSV needs a run column matching the design");
  // Columns that repeat the design (its structure or factors) are skipped, so a file that joins
  // inputs and outputs can be given as it is.
  std::vector<std::size_t> cols;
  OutputTable out;
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    if (isReservedColumn(t.header[c]) || design.factorIndex(t.header[c]) >= 0) continue;
    cols.push_back(c);
    out.names.push_back(t.header[c]);
  }
  if (cols.empty()) throw InputError(src, 1, "", "no output column; expected run and one column per output");

  std::unordered_map<std::int64_t, std::size_t> index;  // run number -> position in the design
  for (std::size_t i = 0; i < design.runCount(); ++i) index.emplace(design.runs[i].run, i);
  out.columns.assign(cols.size(), std::vector<double>(design.runCount(), std::numeric_limits<double>::quiet_NaN()));
  std::vector<int> lineOf(design.runCount(), 0);
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    const std::int64_t run = t.integer(row, static_cast<std::size_t>(runCol));
    const auto it = index.find(run);
    if (it == index.end())
      throw InputError(src, t.lines[row], "run",
                       fmt::format("unknown run {}; the design has runs 1 to {}", run, design.runCount()));
    if (lineOf[it->second] != 0)
      throw InputError(src, t.lines[row], "run",
                       fmt::format("duplicate run {} (also on line {})", run, lineOf[it->second]));
    lineOf[it->second] = t.lines[row];
    for (std::size_t o = 0; o < cols.size(); ++o) out.columns[o][it->second] = t.number(row, cols[o]);
  }
  if (t.rows.size() != design.runCount()) {
    std::string missing;
    std::size_t count = 0;
    for (std::size_t i = 0; i < design.runCount(); ++i) {
      if (lineOf[i] != 0) continue;
      if (++count <= 5) missing += fmt::format("{}{}", missing.empty() ? "" : ", ", design.runs[i].run);
    }
    throw InputError(
        src, 0, "run",
        fmt::format("{} rows for a design of {} runs; missing run{} {}{}", t.rows.size(), design.runCount(),
                    count == 1 ? "" : "s", missing, count > 5 ? fmt::format(" and {} more", count - 5) : ""));
  }
  return out;
}

OutputTable readOutputsCsv(const std::filesystem::path& path, const Design& design) {
  return outputsFromCsv(parseCsv(readInputFile(path, "outputs CSV", kMaxCsvBytes), path.string()), design);
}

}  // namespace pilotsim::sensitivity
