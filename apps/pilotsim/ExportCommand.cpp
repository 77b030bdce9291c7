// `pilotsim export DB`: a campaign database as tidy CSV files for R, pandas or a spreadsheet.
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "RobustnessOutput.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/core/Stats.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/experiment/ClaimRobustness.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/sensitivity/DesignCsv.hpp"

#include <fmt/format.h>

#include <memory>

namespace pilotsim::cli {
namespace {

struct ExportOptions {
  std::string db;
  std::string out;
  bool overwrite = false;
};

/// runs.csv: one row per run (point and replicate) with its factor values and kept outcomes;
/// outcomes of pending runs are empty.
void writeRuns(const CampaignStore& store, const sensitivity::Design& design, const CampaignDefinition& def,
               const std::filesystem::path& file) {
  CsvWriter csv(file);
  std::vector<std::string_view> header{"point", "replicate", "seed", "status"};
  for (const auto& f : design.factors) header.push_back(f);
  for (const auto& k : def.outcomes) header.push_back(k);
  csv.header(header);
  const auto results = store.results();
  std::size_t row = 0;
  for (const auto& [key, done] : store.runStatus()) {
    while (row < design.runCount() && design.runs[row].run < key.point) ++row;
    csv.field(key.point).field(key.replicate).field(def.seed).field(done ? "done" : "pending");
    const auto values = design.row(row);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (design.types[i] == sensitivity::ValueType::Real)
        csv.field(values[i]);
      else
        csv.field(static_cast<std::int64_t>(values[i]));
    }
    for (std::size_t k = 0; k < def.outcomes.size(); ++k) {
      if (done)
        csv.field(results[row][k][key.replicate]);
      else
        csv.missing();
    }
    csv.endRow();
  }
  csv.close();
}

/// outputs.csv: each design point's kept outcomes averaged over its done replicates, keyed by `run`
/// as design.csv is: the pair is what `pilotsim analyze --design --outputs` (or any other tool) reads.
void writeMeans(const CampaignStore& store, const sensitivity::Design& design, const CampaignDefinition& def,
                const std::filesystem::path& file) {
  CsvWriter csv(file);
  std::vector<std::string_view> header{"run"};
  for (const auto& k : def.outcomes) header.push_back(k);
  csv.header(header);
  const auto results = store.results();
  for (std::size_t row = 0; row < design.runCount(); ++row) {
    csv.field(design.runs[row].run);
    for (std::size_t k = 0; k < def.outcomes.size(); ++k) csv.field(meanInterval(results[row][k]).mean);
    csv.endRow();
  }
  csv.close();
}

int exportCommand(const ExportOptions& o) {
  const CampaignStore store(o.db, CampaignStore::Mode::ReadOnly);
  if (!store.defined()) throw InputError(o.db, 0, "", "the campaign database holds no campaign yet");
  const CampaignDefinition def = store.definition();
  const sensitivity::Design design = store.design();
  std::filesystem::path out = o.out;
  if (out.empty()) out = std::filesystem::path(o.db).replace_extension().string() + "-export";
  OutputDirectory dir(out, o.overwrite);
  if (isRobustnessDefinition(def.campaign_text)) {
    // A robustness analysis of the claims: the same files `pilotsim claims --robustness` writes.
    const auto files = writeRobustnessOutput(store, analyzeRobustness(store), dir, false, "en");
    fmt::print("{} of {} parameter sets done. Files written to {}/: {}\n", store.doneCount(), store.runCount(),
               dir.target().string(), fmt::join(files, ", "));
    return 0;
  }
  std::vector<std::string> files{"runs.csv", "design.csv", "outputs.csv", "campaign.toml", "base_scenario.toml"};
  writeRuns(store, design, def, dir.file("runs.csv"));
  writeMeans(store, design, def, dir.file("outputs.csv"));
  {
    CsvWriter csv(dir.file("design.csv"));
    sensitivity::writeDesignCsv(design, csv);
    csv.close();
  }
  writeTextFile(dir.file("campaign.toml"), def.campaign_text);
  writeTextFile(dir.file("base_scenario.toml"), def.base_toml);
  if (!def.series_measures.empty()) {
    CsvWriter csv(dir.file("series.csv"));
    csv.header({"point", "replicate", "month", "measure", "value"});
    for (const auto& r : store.seriesRows())
      csv.field(r.point)
          .field(r.replicate)
          .field(r.month)
          .field(def.series_measures[static_cast<std::size_t>(r.measure)])
          .field(r.value)
          .endRow();
    csv.close();
    files.emplace_back("series.csv");
  }
  dir.commit();
  fmt::print("{} of {} runs done. Files written to {}/: {}\n", store.doneCount(), store.runCount(),
             dir.target().string(), fmt::join(files, ", "));
  return 0;
}

}  // namespace

CommandFn addExportCommand(CLI::App& app) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd =
      app.add_subcommand("export", "Write a campaign database (of sweep, or of claims --robustness) as tidy CSV files");
  cmd->add_option("db", o->db, "Campaign database written by 'pilotsim sweep'")->required();
  cmd->add_option("-o,--out", o->out, "Output directory (default: <database without extension>-export)")
      ->check(nonEmptyPath());
  cmd->add_flag("--overwrite", o->overwrite, "Replace the output directory if it exists");
  return [o] { return exportCommand(*o); };
}

}  // namespace pilotsim::cli
