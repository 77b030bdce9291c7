// The compiled half of the Python module (`pilotsim._pilotsim`; pilotsim/__init__.py is the other
// half). A front end like the command line (apps/pilotsim): it resolves scenarios with the same
// loader, overrides and checks, runs them through the experiment layer and hands back the tables the
// command line writes, column by column. The model runs with the GIL released.
#include "Tables.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/CampaignOutputs.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/experiment/Comparison.hpp"
#include "pilotsim/experiment/ComparisonFiles.hpp"
#include "pilotsim/experiment/RunTables.hpp"
#include "pilotsim/experiment/RunWriter.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/experiment/Summary.hpp"
#include "pilotsim/io/ColumnTable.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/sensitivity/Analysis.hpp"
#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/DesignCsv.hpp"
#include "pilotsim/sensitivity/OutputTable.hpp"
#include "pilotsim/sensitivity/ResultWriters.hpp"
#include "pilotsim/sensitivity/SamplingSpec.hpp"
#include "pilotsim/sensitivity/TestFunctions.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <Python.h>
#include <fmt/format.h>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace py = pybind11;
using namespace pybind11::literals;

namespace pilotsim::python {
namespace {

// pilotsim.InputError (a ValueError): created at import, raised with file, line and key attributes.
PyObject* g_input_error = nullptr;

void raiseInputError(const InputError& e) {
  py::object type = py::reinterpret_borrow<py::object>(g_input_error);
  py::object error = type(e.what());
  error.attr("file") = e.file();
  error.attr("line") = e.line();
  error.attr("key") = e.key();
  PyErr_SetObject(g_input_error, error.ptr());
}

// Rules across keys are checked after the last override, as the command line does (RunCommand).
void checkWhole(const Scenario& scenario) {
  const auto problems = validateParams(scenario.params);
  if (problems.empty()) return;
  std::string joined;
  for (const auto& p : problems) joined += (joined.empty() ? "" : "; ") + p;
  throw InputError("--set", 0, "", joined);
}

py::object typedValue(const ParamSpec& spec, Params& params) {
  return std::visit([](auto* field) { return py::cast(*field); }, spec.ref(params));
}

std::string runScenarioToml(const Scenario& scenario, RecordsMode records) {
  return RunWriter::scenarioFileText(scenario, RunWriterOptions{records, ""});
}

py::dict runTables(Scenario scenario, std::optional<int> replicates, std::optional<std::int64_t> seed, int threads,
                   bool records) {
  // Through applyOverride like the command line's flags: validated like any key, and recorded in
  // the scenario's source line.
  if (replicates) applyOverride(scenario, "run.replicates=" + std::to_string(*replicates));
  if (seed) applyOverride(scenario, "run.seed=" + std::to_string(*seed));
  checkWhole(scenario);
  const RecordsMode mode = records ? RecordsMode::All : RecordsMode::None;
  RunTables tables(scenario, mode);
  // Ctrl-C in Python is seen between replicates: the sink (on this thread, in replicate order)
  // takes the GIL to ask, and the workers stop at their next month.
  std::atomic<bool> stop{false};
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    const int n = scenario.params.run.replicates;
    try {
      runReplicates(
          scenario.params, n, resolveThreads(threads, n),
          [&](RunResult&& r) {
            tables.add(r);
            py::gil_scoped_acquire gil;
            if (PyErr_CheckSignals() != 0) {
              PyErr_Clear();
              stop = true;
            }
          },
          nullptr, &stop);
    } catch (const Interrupted&) {
      interrupted = true;
    }
  }
  if (interrupted) {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw py::error_already_set();
  }
  py::dict out;
  out["summary_json"] = summaryJson(tables.summary(), scenario);
  out["tables"] = toColumns(tables.take());
  out["scenario_toml"] = runScenarioToml(scenario, mode);
  out["seed"] = scenario.params.run.seed;
  out["replicates"] = scenario.params.run.replicates;
  out["program_version"] = std::string(programVersion());
  out["model_version"] = kModelVersion;
  return out;
}

py::dict measureRow(const MonthlyRow& row) {
  py::dict out;
  out["month"] = row.month;
  for (const MeasureInfo& m : measureTable())
    out[py::str(m.key.data(), m.key.size())] = row.values[static_cast<int>(m.id)];
  return out;
}

// One replicate stepped month by month from Python (a notebook); the model's own Simulation, as the
// experiment layer's Ensemble steps it, one replicate at a time.
class PySimulation {
 public:
  PySimulation(const Scenario& scenario, std::uint32_t replicate)
      : scenario_(scenario), replicate_(replicate), sim_(scenario_.params, replicate) {}

  void step(int months) {
    if (months < 0) throw py::value_error("months must be 0 or more");
    py::gil_scoped_release release;
    for (int i = 0; i < months && !sim_.finished(); ++i) sim_.step();
  }
  void skipBurnIn() {
    py::gil_scoped_release release;
    while (!sim_.finished() && sim_.month() < 0) sim_.step();
  }
  py::object measures() const {
    const auto& rows = sim_.monthly();
    if (rows.empty()) return py::none();
    return measureRow(rows.back());
  }
  py::dict monthly() const {
    ColumnTableBuilder b("monthly");
    std::vector<std::string_view> header{"replicate", "month", "year"};
    for (const MeasureInfo& m : measureTable()) header.push_back(m.key);
    b.header(header);
    for (const MonthlyRow& row : sim_.monthly()) {
      b.field(replicate_).field(row.month).field(row.month / 12 + 1);
      for (double v : row.values) b.field(v);
      b.endRow();
    }
    return toColumns(b.take());
  }
  py::dict snapshot() const {
    const Snapshot s = sim_.snapshot();
    ColumnTableBuilder units("units");
    units.header({"unit", "superior", "superior_name", "pilots", "pseudo_share", "satisfaction", "effectiveness",
                  "base", "budget", "impression", "ambition", "designated", "live_pilots"});
    for (std::size_t u = 0; u < s.unitCount(); ++u) {
      units.field(u).field(s.unit_superior[u]).field(s.superior_name[s.unit_superior[u]]).field(s.pilots[u]);
      units.field(s.pseudo_share[u]).field(s.satisfaction[u]).field(s.effectiveness[u]).field(s.base[u]);
      units.field(s.budget[u]).field(s.impression[u]).field(s.ambition[u]).field(s.designated[u]);
      units.field(s.pilot_begin[u + 1] - s.pilot_begin[u]).endRow();
    }
    ColumnTableBuilder pilots("pilots");
    pilots.header({"unit", "id", "domain", "origin", "status", "pseudo", "start", "built", "realised", "reported",
                   "substance", "packaging", "quality", "fit"});
    for (std::size_t u = 0; u < s.unitCount(); ++u) {
      for (std::uint32_t i = s.pilot_begin[u]; i < s.pilot_begin[u + 1]; ++i) {
        const PilotView& p = s.pilot_list[i];
        pilots.field(u).field(p.id).field(domainTable()[p.domain].key).field(toString(p.origin));
        pilots.field(toString(p.status)).field(p.pseudo).field(p.start).field(p.built).field(p.realised);
        pilots.field(p.reported).field(p.substance).field(p.packaging).field(p.quality).field(p.fit).endRow();
      }
    }
    py::dict out;
    out["month"] = s.month;
    out["units"] = toColumns(units.take());
    out["pilots"] = toColumns(pilots.take());
    return out;
  }
  // The records of the whole replicate, as pilotsim.run gives them; the Simulation is spent after.
  py::dict result() {
    if (!sim_.finished()) throw py::value_error("the simulation has not finished: step() to the last month first");
    if (spent_) throw py::value_error("result() was already taken");
    spent_ = true;
    RunTables tables(scenario_, RecordsMode::All, replicate_);
    tables.add(sim_.takeResult());
    return toColumns(tables.take());
  }

  int month() const { return sim_.month(); }
  int totalMonths() const { return sim_.totalMonths(); }
  bool finished() const { return sim_.finished(); }
  std::uint32_t replicate() const { return replicate_; }
  std::size_t unitCount() const { return sim_.unitCount(); }

 private:
  Scenario scenario_;
  std::uint32_t replicate_;
  Simulation sim_;
  bool spent_ = false;
};

std::string csvText(const std::function<void(CsvWriter&)>& write) {
  CsvWriter csv;
  write(csv);
  return csv.text();
}

py::dict compare(const std::vector<std::pair<std::string, Scenario>>& scenarios, int replicates,
                 std::optional<std::uint64_t> seed, int threads) {
  if (scenarios.size() < 2) throw py::value_error("compare needs at least two scenarios");
  for (const auto& [label, s] : scenarios) {
    const auto problems = validateParams(s.params);
    if (!problems.empty()) throw InputError(label, 0, "", problems.front());
  }
  if (replicates < 1) throw py::value_error("replicates must be 1 or more");
  ComparisonOptions options;
  options.replicates = replicates;
  options.seed = seed ? *seed : static_cast<std::uint64_t>(scenarios.front().second.params.run.seed);
  options.threads = threads;
  options.monthly_bands = true;
  std::vector<ScenarioRun> runs;
  std::vector<OutcomeComparison> comparisons;
  {
    py::gil_scoped_release release;
    runs = runScenarios(scenarios, options);
    comparisons = compareOutcomes(runs);
  }
  py::dict out;
  out["compare"] = csvText([&](CsvWriter& c) { writeCompareCsv(c, runs, comparisons); });
  out["monthly_bands"] = csvText([&](CsvWriter& c) { writeMonthlyBandsCsv(c, runs); });
  out["replicates"] = csvText([&](CsvWriter& c) { writeReplicatesCsv(c, runs); });
  out["json"] = comparisonJson(runs, comparisons, ComparisonMeta{"", replicates, options.seed});
  out["seed"] = options.seed;
  return out;
}

py::dict sample(const std::string& text, const std::string& file, std::optional<std::uint64_t> seed) {
  sensitivity::SamplingSpec spec = sensitivity::parseSamplingText(text, file);
  if (seed) spec.design.seed = *seed;
  const sensitivity::Design design = sensitivity::generateDesign(spec);
  py::dict out;
  out["csv"] = csvText([&](CsvWriter& c) { sensitivity::writeDesignCsv(design, c); });
  out["method"] = std::string(sensitivity::methodName(design.method));
  out["seed"] = spec.design.seed;
  return out;
}

py::dict analysisResult(const std::vector<sensitivity::OutputAnalysis>& results,
                        const sensitivity::AnalysisOptions& options) {
  py::dict out;
  out["csv"] = csvText([&](CsvWriter& c) { sensitivity::writeResultsCsv(results, c); });
  out["json"] = sensitivity::resultsJson(results, options).dump(2);
  return out;
}

sensitivity::AnalysisOptions analysisOptions(int bootstrap, double confidence, std::uint64_t seed) {
  if (bootstrap < 0) throw py::value_error("bootstrap must be 0 or more");
  if (!(confidence >= 0.5 && confidence <= 0.999)) throw py::value_error("confidence must be in [0.5, 0.999]");
  return sensitivity::AnalysisOptions{bootstrap, confidence, seed};
}

py::dict analyzeCsv(const std::string& design_csv, const std::string& outputs_csv, int bootstrap, double confidence,
                    std::uint64_t seed) {
  const auto options = analysisOptions(bootstrap, confidence, seed);
  const sensitivity::Design design = sensitivity::designFromCsv(parseCsv(design_csv, "design"));
  const sensitivity::OutputTable outputs = sensitivity::outputsFromCsv(parseCsv(outputs_csv, "outputs"), design);
  std::vector<sensitivity::OutputAnalysis> results;
  {
    py::gil_scoped_release release;
    results = sensitivity::analyzeOutputs(design, outputs, options);
  }
  return analysisResult(results, options);
}

py::dict analyzeDatabase(const std::string& db, int bootstrap, double confidence, std::uint64_t seed) {
  const auto options = analysisOptions(bootstrap, confidence, seed);
  const CampaignStore store(db, CampaignStore::Mode::ReadOnly);
  if (!store.defined()) throw InputError(db, 0, "", "the campaign database holds no campaign yet");
  const sensitivity::Design design = store.design();
  const auto outputs = campaignOutputs(store, design);
  std::vector<sensitivity::OutputAnalysis> results;
  {
    py::gil_scoped_release release;
    results = sensitivity::analyzeOutputs(design, outputs, options);
  }
  return analysisResult(results, options);
}

/// `analyze --test-function`: the function's design, its values, the estimates, and the analytic
/// values to hold them against.
py::dict analyzeTestFunction(const std::string& name, const std::string& method, std::int64_t samples, int trajectories,
                             int levels, bool second_order, int bootstrap, double confidence, std::uint64_t seed) {
  const auto options = analysisOptions(bootstrap, confidence, seed);
  sensitivity::TestFunction function{};
  if (!sensitivity::parseTestFunction(name, function))
    throw InputError(
        "", 0, "test_function",
        fmt::format("unknown test function '{}'; test functions are: {}", name, sensitivity::testFunctionNames()));
  sensitivity::DesignSettings settings;
  if (!sensitivity::parseMethodName(method, settings.method))
    throw InputError(
        "", 0, "method",
        fmt::format("unknown method '{}'; methods are factorial, latin-hypercube, saltelli, morris", method));
  settings.samples = samples;
  settings.trajectories = trajectories;
  settings.levels = levels;
  settings.second_order = second_order;
  settings.seed = seed;
  const auto info = sensitivity::testFunctionInfo(function);
  std::vector<sensitivity::OutputAnalysis> results;
  {
    py::gil_scoped_release release;
    const sensitivity::Design design = sensitivity::testFunctionDesign(function, settings);
    results.push_back(
        sensitivity::analyzeOutput(design, info.name, sensitivity::evaluateTestFunction(function, design), options));
  }
  py::dict out = analysisResult(results, options);
  std::vector<std::string> factors;
  for (const auto& f : info.factors) factors.push_back(f.name);
  py::dict analytic;
  analytic["factor"] = factors;
  analytic["S1"] = info.first;
  analytic["ST"] = info.total;
  if (!info.effect.empty()) analytic["mu"] = info.effect;
  out["analytic"] = analytic;
  return out;
}

}  // namespace
}  // namespace pilotsim::python

PYBIND11_MODULE(_pilotsim, m) {
  using namespace pilotsim;
  using namespace pilotsim::python;
  m.doc() = "pilotsim's compiled core; use the pilotsim package (pilotsim/__init__.py)";

  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  g_input_error = input_error.ptr();
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      raiseInputError(e);
    }
  });

  m.attr("program_version") = std::string(programVersion());
  m.attr("model_version") = kModelVersion;

  m.def("preset_names", &presetNames);
  m.def("preset_description", py::overload_cast<std::string_view, bool>(&presetDescription), "name"_a, "zh"_a);
  m.def("params_json", &paramsJson);
  m.def("measures", [] {
    py::list out;
    for (const MeasureInfo& m : measureTable())
      out.append(py::dict("key"_a = m.key, "zh"_a = m.zh, "en"_a = m.en, "unit"_a = m.unit, "unit_zh"_a = m.unit_zh,
                          "meaning"_a = m.meaning, "meaning_zh"_a = m.meaning_zh, "key_measure"_a = m.key_measure));
    return out;
  });

  py::class_<Scenario>(m, "Scenario")
      .def_static("load", [](const std::string& name_or_path) { return resolveScenario(name_or_path); })
      .def_static("from_text",
                  [](const std::string& text, const std::string& source) { return loadScenarioText(text, source); })
      .def("apply_override", [](Scenario& s, const std::string& assignment) { applyOverride(s, assignment); })
      .def("check", [](const Scenario& s) { checkWhole(s); })
      .def("copy", [](const Scenario& s) { return Scenario(s); })
      .def("get",
           [](Scenario& s, const std::string& key) {
             const ParamSpec* spec = findParam(key);
             if (!spec) throw InputError("", 0, key, "unknown parameter; 'pilotsim.params()' lists them");
             return typedValue(*spec, s.params);
           })
      .def("toml", [](const Scenario& s) { return toToml(s); })
      .def_readonly("name", &Scenario::name)
      .def_readonly("base", &Scenario::base)
      .def_readonly("description", &Scenario::description)
      .def_readonly("source", &Scenario::source)
      .def_readonly("warnings", &Scenario::warnings)
      .def("units", [](const Scenario& s) { return buildHierarchy(shapeFor(s.params.structure)).unitCount(); });

  m.def("run", &runTables, "scenario"_a, "replicates"_a = py::none(), "seed"_a = py::none(), "threads"_a = 0,
        "records"_a = true);

  py::class_<PySimulation>(m, "Simulation")
      .def(py::init<const Scenario&, std::uint32_t>(), "scenario"_a, "replicate"_a = 0)
      .def("step", &PySimulation::step, "months"_a = 1)
      .def("skip_burn_in", &PySimulation::skipBurnIn)
      .def("measures", &PySimulation::measures)
      .def("monthly", &PySimulation::monthly)
      .def("snapshot", &PySimulation::snapshot)
      .def("result", &PySimulation::result)
      .def_property_readonly("month", &PySimulation::month)
      .def_property_readonly("total_months", &PySimulation::totalMonths)
      .def_property_readonly("finished", &PySimulation::finished)
      .def_property_readonly("replicate", &PySimulation::replicate)
      .def_property_readonly("unit_count", &PySimulation::unitCount);

  m.def("compare", &compare, "scenarios"_a, "replicates"_a, "seed"_a = py::none(), "threads"_a = 0);
  m.def("sample", &sample, "text"_a, "file"_a, "seed"_a = py::none());
  m.def("analyze_csv", &analyzeCsv, "design"_a, "outputs"_a, "bootstrap"_a, "confidence"_a, "seed"_a);
  m.def("analyze_database", &analyzeDatabase, "db"_a, "bootstrap"_a, "confidence"_a, "seed"_a);
  m.def("analyze_test_function", &analyzeTestFunction, "name"_a, "method"_a, "samples"_a, "trajectories"_a, "levels"_a,
        "second_order"_a, "bootstrap"_a, "confidence"_a, "seed"_a);
}
