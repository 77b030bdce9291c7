#include "pilotsim/experiment/ComparisonFiles.hpp"

#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/JsonValues.hpp"

namespace pilotsim {

std::vector<std::string> comparisonFileNames() {
  return {"compare.csv", "compare.json", "monthly_bands.csv", "replicates.csv"};
}

std::string comparisonJson(const std::vector<ScenarioRun>& runs, const std::vector<OutcomeComparison>& comparisons,
                           const ComparisonMeta& meta) {
  Json j = provenanceJson(meta.command, meta.seed, meta.replicates);
  j["reference"] = runs.empty() ? std::string() : runs.front().label;
  Json scenarios = Json::array();
  for (const auto& r : runs) {
    scenarios.push_back({{"label", r.label},
                         {"name", r.scenario.name},
                         {"base", r.scenario.base},
                         {"source", r.scenario.source},
                         {"months", r.scenario.params.run.months},
                         {"burn_in", r.scenario.params.run.burn_in},
                         {"scenario_toml", toToml(r.scenario)}});
  }
  j["scenarios"] = std::move(scenarios);
  Json outcomes = Json::object();
  const auto table = outcomeTable();
  for (const auto& c : comparisons) {
    const auto& info = table[static_cast<std::size_t>(c.outcome)];
    Json o;
    o["en"] = std::string(info.en);
    o["zh"] = std::string(info.zh);
    o["unit"] = std::string(info.unit);
    Json per = Json::array();
    for (std::size_t s = 0; s < runs.size(); ++s) {
      Json e;
      e["scenario"] = runs[s].label;
      e["level"] = intervalJson(c.level[s]);
      if (s > 0) {
        e["difference"] = intervalJson(c.difference[s]);
        e["effect_size"] = numberJson(c.effect_size[s]);
        e["direction"] = std::string(toString(c.direction[s]));
      }
      per.push_back(std::move(e));
    }
    o["scenarios"] = std::move(per);
    outcomes[std::string(info.key)] = std::move(o);
  }
  j["outcomes"] = std::move(outcomes);
  return j.dump(2) + "\n";
}

void writeCompareCsv(CsvWriter& csv, const std::vector<ScenarioRun>& runs,
                     const std::vector<OutcomeComparison>& comparisons) {
  const auto table = outcomeTable();
  csv.header({"outcome", "scenario", "n", "mean", "lo", "hi", "sd", "difference", "difference_lo", "difference_hi",
              "effect_size", "direction"});
  for (const auto& c : comparisons) {
    for (std::size_t s = 0; s < runs.size(); ++s) {
      const Interval& l = c.level[s];
      csv.field(table[static_cast<std::size_t>(c.outcome)].key).field(runs[s].label).field(l.n);
      csv.field(l.mean).field(l.lo).field(l.hi).field(l.sd);
      if (s == 0) {
        csv.missing().missing().missing().missing().missing();
      } else {
        const Interval& d = c.difference[s];
        csv.field(d.mean).field(d.lo).field(d.hi).field(c.effect_size[s]).field(toString(c.direction[s]));
      }
      csv.endRow();
    }
  }
}

void writeMonthlyBandsCsv(CsvWriter& csv, const std::vector<ScenarioRun>& runs) {
  csv.header({"scenario", "month", "measure", "mean", "lo", "hi", "n"});
  for (const auto& r : runs) {
    for (std::size_t t = 0; t < r.monthly.size(); ++t) {
      for (const auto& m : measureTable()) {
        const Interval& iv = r.monthly[t][static_cast<std::size_t>(m.id)];
        csv.field(r.label).field(t).field(m.key).field(iv.mean).field(iv.lo).field(iv.hi).field(iv.n).endRow();
      }
    }
  }
}

void writeReplicatesCsv(CsvWriter& csv, const std::vector<ScenarioRun>& runs) {
  const auto table = outcomeTable();
  csv.header({"scenario", "replicate", "outcome", "value"});
  for (const auto& r : runs)
    for (std::size_t k = 0; k < r.values.size(); ++k)
      for (std::size_t i = 0; i < r.values[k].size(); ++i)
        csv.field(r.label).field(i).field(table[k].key).field(r.values[k][i]).endRow();
}

void writeComparisonFiles(const OutputDirectory& dir, const std::vector<ScenarioRun>& runs,
                          const std::vector<OutcomeComparison>& comparisons, const ComparisonMeta& meta) {
  {
    CsvWriter csv(dir.file("compare.csv"));
    writeCompareCsv(csv, runs, comparisons);
    csv.close();
  }
  writeTextFile(dir.file("compare.json"), comparisonJson(runs, comparisons, meta));
  {
    CsvWriter csv(dir.file("monthly_bands.csv"));
    writeMonthlyBandsCsv(csv, runs);
    csv.close();
  }
  {
    CsvWriter csv(dir.file("replicates.csv"));
    writeReplicatesCsv(csv, runs);
    csv.close();
  }
}

}  // namespace pilotsim
