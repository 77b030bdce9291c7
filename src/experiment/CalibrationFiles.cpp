#include "pilotsim/experiment/CalibrationFiles.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/JsonValues.hpp"

#include <fmt/format.h>

namespace pilotsim {
namespace {

void particleHeader(CsvWriter& csv, const CalibrationSpec& spec, std::vector<std::string_view> lead) {
  for (const auto& p : spec.parameters) lead.push_back(p.key);
  csv.header(lead);
}

void writeParticles(CsvWriter& csv, const abc::Generation& g, bool with_generation) {
  for (const auto& p : g.particles) {
    if (with_generation) csv.field(g.number);
    csv.field(static_cast<std::uint64_t>(p.index)).field(p.weight).field(p.distance);
    for (const double v : p.theta) csv.field(v);
    csv.endRow();
  }
}

Json summaryJson(const CalibrationSpec& spec, const CalibrationResult& r, const CalibrationMeta& meta) {
  Json j;
  j["program"] = "pilotsim";
  j["version"] = std::string(programVersion());
  j["model_version"] = kModelVersion;
  j["calibration"] = spec.name;
  j["file"] = spec.file;
  j["command"] = meta.command;
  j["database"] = meta.database;
  j["method"] = spec.method == CalibrationMethod::Smc ? "abc-smc" : "abc-rejection";
  j["seed"] = spec.base.params.run.seed;  // the model's: candidates' run seeds are mixed from it
  j["sampler_seed"] = spec.method == CalibrationMethod::Smc ? spec.smc.seed : spec.rejection.seed;
  j["replicates"] = spec.replicates;
  j["stop_reason"] = r.stop_reason;
  // Not the runs stored: candidates simulated past the one that completed a generation depend on the
  // batch size and so on the thread count, and this file is the same for any.
  j["candidates"] = r.candidates;
  for (const auto& g : r.generations)
    j["generations"].push_back({{"generation", g.number},
                                {"tolerance", numberJson(g.tolerance)},
                                {"candidates", g.candidates},
                                {"particles", g.particles.size()},
                                {"acceptance_rate", numberJson(g.acceptance_rate)},
                                {"ess", numberJson(g.ess)}});
  for (std::size_t i = 0; i < r.posterior.size(); ++i) {
    const auto& p = spec.parameters[i];
    const auto& s = r.posterior[i];
    j["posterior"].push_back({{"parameter", p.key},
                              {"prior_low", p.low},
                              {"prior_high", p.high},
                              {"log_scale", p.log_scale},
                              {"prior_reason", p.reason},
                              {"median", numberJson(s.median)},
                              {"lo90", numberJson(s.lo90)},
                              {"hi90", numberJson(s.hi90)},
                              {"mean", numberJson(s.mean)}});
  }
  for (const auto& c : r.checks)
    j["predictive"].push_back({{"statistic", c.statistic},
                               {"target", c.target},
                               {"observed", numberJson(c.observed)},
                               {"uncertainty", numberJson(c.uncertainty)},
                               {"median", numberJson(c.median)},
                               {"lo90", numberJson(c.lo90)},
                               {"hi90", numberJson(c.hi90)},
                               {"share_within", numberJson(c.share_within)},
                               {"defined", c.defined}});
  return j;
}

}  // namespace

std::vector<std::string> calibrationFileNames() {
  return {"posterior.csv",  "posterior_summary.csv",    "generations.csv",  "particles.csv",
          "predictive.csv", "predictive_particles.csv", "calibration.json", "calibration.toml"};
}

void writeCalibrationFiles(const OutputDirectory& dir, const CalibrationSpec& spec, const CalibrationResult& r,
                           const CalibrationMeta& meta) {
  const abc::Generation& posterior = r.generations.back();
  {
    CsvWriter csv(dir.file("posterior.csv"));
    particleHeader(csv, spec, {"particle", "weight", "distance"});
    writeParticles(csv, posterior, false);
    csv.close();
  }
  {
    CsvWriter csv(dir.file("posterior_summary.csv"));
    csv.header({"parameter", "prior_low", "prior_high", "log_scale", "median", "lo90", "hi90", "mean"});
    for (std::size_t i = 0; i < r.posterior.size(); ++i) {
      const auto& p = spec.parameters[i];
      const auto& s = r.posterior[i];
      csv.field(p.key).field(p.low).field(p.high).field(p.log_scale).field(s.median).field(s.lo90).field(s.hi90);
      csv.field(s.mean).endRow();
    }
    csv.close();
  }
  {
    CsvWriter csv(dir.file("generations.csv"));
    csv.header({"generation", "tolerance", "candidates", "particles", "acceptance_rate", "ess"});
    for (const auto& g : r.generations)
      csv.field(g.number)
          .field(g.tolerance)
          .field(static_cast<std::uint64_t>(g.candidates))
          .field(static_cast<std::uint64_t>(g.particles.size()))
          .field(g.acceptance_rate)
          .field(g.ess)
          .endRow();
    csv.close();
  }
  {
    CsvWriter csv(dir.file("particles.csv"));
    particleHeader(csv, spec, {"generation", "particle", "weight", "distance"});
    for (const auto& g : r.generations) writeParticles(csv, g, true);
    csv.close();
  }
  {
    CsvWriter csv(dir.file("predictive.csv"));
    csv.header({"statistic", "target", "observed", "uncertainty", "median", "lo90", "hi90", "share_within", "defined"});
    for (const auto& c : r.checks)
      csv.field(c.statistic)
          .field(c.target)
          .field(c.observed)
          .field(c.uncertainty)
          .field(c.median)
          .field(c.lo90)
          .field(c.hi90)
          .field(c.share_within)
          .field(c.defined)
          .endRow();
    csv.close();
  }
  {
    CsvWriter csv(dir.file("predictive_particles.csv"));
    csv.header({"particle", "statistic", "value"});
    const auto kept = calibrationStatistics(spec);
    for (std::size_t i = 0; i < r.predictive.size(); ++i)
      for (std::size_t k = 0; k < kept.size(); ++k)
        csv.field(static_cast<std::uint64_t>(posterior.particles[i].index))
            .field(kept[k])
            .field(r.predictive[i][k])
            .endRow();
    csv.close();
  }
  writeTextFile(dir.file("calibration.json"), summaryJson(spec, r, meta).dump(2) + "\n");
  writeTextFile(dir.file("calibration.toml"), spec.text);
}

}  // namespace pilotsim
