#include "pilotsim/experiment/CampaignDesignFile.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/experiment/Campaign.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/sensitivity/DesignCsv.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

namespace pilotsim {
namespace {

sensitivity::ValueType valueTypeOf(const ParamSpec& spec) {
  if (spec.type == ParamType::Boolean) return sensitivity::ValueType::Boolean;
  if (spec.type == ParamType::Integer) return sensitivity::ValueType::Integer;
  return sensitivity::ValueType::Real;
}

/// A CSV without pilotsim's structure columns: the points in file order, or numbered by `run`.
sensitivity::Design foreignDesign(const CsvTable& t) {
  sensitivity::Design d;
  d.method = sensitivity::DesignMethod::File;
  const int run_col = t.column("run");
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < t.header.size(); ++c) {
    if (static_cast<int>(c) == run_col) continue;
    if (sensitivity::isReservedColumn(t.header[c]))
      throw InputError(t.source, 1, t.header[c],
                       "this column belongs to a design CSV of 'pilotsim sample', which also has a 'design' column; "
                       "a design from another tool has only parameter columns (and optionally 'run')");
    columns.push_back(c);
    d.factors.push_back(t.header[c]);
  }
  std::set<std::int64_t> runs;
  for (std::size_t row = 0; row < t.rows.size(); ++row) {
    sensitivity::DesignRun r;
    r.run = run_col >= 0 ? t.integer(row, static_cast<std::size_t>(run_col)) : static_cast<std::int64_t>(row) + 1;
    if (r.run < 1 || !runs.insert(r.run).second)
      throw InputError(t.source, t.lines[row], "run",
                       fmt::format("point number {} is {}; the points are numbered from 1, each once", r.run,
                                   r.run < 1 ? "below 1" : "given twice"));
    d.runs.push_back(r);
    for (std::size_t c : columns) d.values.push_back(t.number(row, c));
  }
  return d;
}

}  // namespace

sensitivity::Design readCampaignDesignCsv(const std::filesystem::path& csv) {
  const std::string text = readInputFile(csv, "design CSV", kMaxCsvBytes);
  // pandas writes its index as a first column without a name unless told not to.
  if (text.starts_with(","))
    throw InputError(csv.string(), 1, "",
                     "column 1 has no name: a design CSV's header names a parameter key in every column (pandas "
                     "writes its index there: use to_csv(path, index=False))");
  const CsvTable t = parseCsv(text, csv.string());
  if (t.rows.empty()) throw InputError(t.source, 0, "", "the design has no point: give one row per design point");
  // A design CSV of `pilotsim sample` keeps its method and structure.
  sensitivity::Design d = t.column("design") >= 0 ? sensitivity::designFromCsv(t) : foreignDesign(t);
  if (d.factors.empty())
    throw InputError(t.source, 1, "", "no parameter column: the header names the factors' parameter keys");
  for (std::size_t j = 0; j < d.factorCount(); ++j) {
    if (const std::string why = factorKeyProblem(d.factors[j]); !why.empty())
      throw InputError(t.source, 1, d.factors[j], why);
    d.types.resize(d.factorCount());
    d.types[j] = valueTypeOf(*findParam(d.factors[j]));
  }
  const std::size_t k = d.factorCount();
  for (std::size_t row = 0; row < d.runCount(); ++row)
    for (std::size_t j = 0; j < k; ++j)
      if (const std::string why = factorValueProblem(d.factors[j], d.values[row * k + j]); !why.empty())
        throw InputError(t.source, t.lines[row], d.factors[j], why);
  return d;
}

CampaignSpec loadCampaignFile(const std::filesystem::path& path) {
  CampaignSpec spec = parseCampaignText(readInputFile(path, "experiment file"), path.string());
  if (!spec.design_file.empty()) spec.file_design = readCampaignDesignCsv(spec.design_file);
  return spec;
}

sensitivity::Design campaignDesign(const CampaignSpec& spec) {
  if (spec.file_design) return *spec.file_design;
  if (!spec.design_file.empty()) return readCampaignDesignCsv(spec.design_file);
  return sensitivity::generateDesign(spec.sampling);
}

}  // namespace pilotsim
