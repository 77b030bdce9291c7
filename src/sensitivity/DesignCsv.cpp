#include "pilotsim/sensitivity/DesignCsv.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/CsvWriter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pilotsim::sensitivity {
namespace {

std::vector<std::string_view> structureColumns(DesignMethod m) {
  switch (m) {
    case DesignMethod::Saltelli:
      return {"run", "design", "block", "matrix"};
    case DesignMethod::Morris:
      return {"run", "design", "trajectory", "step", "moved", "delta"};
    default:
      return {"run", "design"};
  }
}

std::string matrixLabel(const Design& d, const DesignRun& r) {
  switch (r.matrix) {
    case SaltelliMatrix::A:
      return "A";
    case SaltelliMatrix::B:
      return "B";
    case SaltelliMatrix::AB:
      return "AB:" + d.factors[static_cast<std::size_t>(r.factor)];
    case SaltelliMatrix::BA:
      return "BA:" + d.factors[static_cast<std::size_t>(r.factor)];
    case SaltelliMatrix::None:
      return "";
  }
  return "";
}

}  // namespace

void writeDesignCsv(const Design& d, CsvWriter& out) {
  const auto structure = structureColumns(d.method);
  std::vector<std::string_view> header(structure.begin(), structure.end());
  for (const auto& f : d.factors) header.push_back(f);
  out.header(header);
  const std::size_t k = d.factorCount();
  for (std::size_t i = 0; i < d.runCount(); ++i) {
    const DesignRun& r = d.runs[i];
    out.field(r.run).field(methodName(d.method));
    if (d.method == DesignMethod::Saltelli) out.field(r.block).field(matrixLabel(d, r));
    if (d.method == DesignMethod::Morris) {
      out.field(r.trajectory).field(r.step);
      out.field(r.factor >= 0 ? d.factors[static_cast<std::size_t>(r.factor)] : std::string());
      out.field(r.delta);
    }
    for (std::size_t j = 0; j < k; ++j) {
      const double v = d.values[i * k + j];
      const ValueType t = j < d.types.size() ? d.types[j] : ValueType::Real;
      if (t == ValueType::Real)
        out.field(v);
      else
        out.field(static_cast<std::int64_t>(std::llround(v)));
    }
    out.endRow();
  }
}

Design designFromCsv(const CsvTable& t) {
  const std::string& src = t.source;
  const int runCol = t.column("run");
  const int designCol = t.column("design");
  if (runCol < 0 || designCol < 0)
    throw InputError(src, 1, runCol < 0 ? "run" : "design",
                     "missing column; a design CSV (from pilotsim sample) starts with the columns run and design");
  if (t.rows.empty()) throw InputError(src, 0, "", "the design has no run");
  Design d;
  const std::string method0 = t.rows[0][static_cast<std::size_t>(designCol)];
  if (!parseMethodName(method0, d.method))
    throw InputError(src, t.lines[0], "design",
                     fmt::format("expected factorial, latin-hypercube, saltelli or morris, got '{}'", method0));
  const auto structure = structureColumns(d.method);
  std::vector<int> structCol;
  for (auto name : structure) {
    const int c = t.column(name);
    if (c < 0)
      throw InputError(src, 1, std::string(name), fmt::format("missing column; a {} design needs it", method0));
    structCol.push_back(c);
  }
  std::vector<std::size_t> factorCols;
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    const std::string& name = t.header[c];
    if (std::find(structure.begin(), structure.end(), name) != structure.end()) continue;
    if (isReservedColumn(name))
      throw InputError(src, 1, name, fmt::format("this column belongs to another kind of design than {}", method0));
    factorCols.push_back(c);
    d.factors.push_back(name);
    d.types.push_back(ValueType::Real);
  }
  if (factorCols.empty()) throw InputError(src, 1, "", "no factor column after the design's own columns");

  const auto factorByName = [&](std::size_t row, int col, std::string_view name) {
    const int i = d.factorIndex(name);
    if (i < 0)
      throw InputError(src, t.lines[row], t.header[static_cast<std::size_t>(col)],
                       fmt::format("'{}' is not a factor column", name));
    return i;
  };
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    const auto& cells = t.rows[row];
    DesignRun r;
    r.run = t.integer(row, static_cast<std::size_t>(runCol));
    if (cells[static_cast<std::size_t>(designCol)] != method0)
      throw InputError(src, t.lines[row], "design",
                       fmt::format("expected '{}' as in the first row, got '{}'", method0,
                                   cells[static_cast<std::size_t>(designCol)]));
    if (d.method == DesignMethod::Saltelli) {
      r.block = t.integer(row, static_cast<std::size_t>(structCol[2]));
      const std::string& m = cells[static_cast<std::size_t>(structCol[3])];
      if (m == "A")
        r.matrix = SaltelliMatrix::A;
      else if (m == "B")
        r.matrix = SaltelliMatrix::B;
      else if (m.starts_with("AB:") || m.starts_with("BA:")) {
        r.matrix = m[0] == 'A' ? SaltelliMatrix::AB : SaltelliMatrix::BA;
        r.factor = factorByName(row, structCol[3], std::string_view(m).substr(3));
      } else {
        throw InputError(src, t.lines[row], "matrix",
                         fmt::format("expected A, B, AB:<factor> or BA:<factor>, got '{}'", m));
      }
    }
    if (d.method == DesignMethod::Morris) {
      r.trajectory = static_cast<int>(t.integer(row, static_cast<std::size_t>(structCol[2])));
      r.step = static_cast<int>(t.integer(row, static_cast<std::size_t>(structCol[3])));
      const std::string& moved = cells[static_cast<std::size_t>(structCol[4])];
      if (!moved.empty()) r.factor = factorByName(row, structCol[4], moved);
      r.delta = moved.empty() ? 0.0 : t.number(row, static_cast<std::size_t>(structCol[5]));
    }
    d.runs.push_back(r);
    for (std::size_t c : factorCols) {
      const double v = t.number(row, c);
      if (!std::isfinite(v))
        throw InputError(src, t.lines[row], t.header[c], "expected a number; factor values may not be missing");
      d.values.push_back(v);
    }
  }
  checkDesignStructure(d, src);
  return d;
}

Design readDesignCsv(const std::filesystem::path& path) {
  return designFromCsv(parseCsv(readInputFile(path, "design CSV", kMaxCsvBytes), path.string()));
}

}  // namespace pilotsim::sensitivity
