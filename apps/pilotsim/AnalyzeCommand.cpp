// `pilotsim analyze`: sensitivity indices of outputs over a design, in three forms.
//   DB                               a campaign database from `pilotsim sweep`
//   --design D.csv --outputs Y.csv   outputs of any program over a design from `pilotsim sample`
//   --test-function NAME             a built-in function with known indices, to check the methods
// The analysis itself is the library's (sensitivity/Analysis.hpp): all three feed the same code.
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "TextTable.hpp"

#include "pilotsim/experiment/CampaignOutputs.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/sensitivity/Analysis.hpp"
#include "pilotsim/sensitivity/DesignCsv.hpp"
#include "pilotsim/sensitivity/OutputTable.hpp"
#include "pilotsim/sensitivity/ResultWriters.hpp"
#include "pilotsim/sensitivity/TestFunctions.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace pilotsim::cli {
namespace {

using namespace pilotsim::sensitivity;

struct AnalyzeOptions {
  std::string db, design, outputs, test_function, method = "saltelli", out, lang = "en";
  std::int64_t samples = 1024;
  int trajectories = 20, levels = 0, bootstrap = 1000;
  double confidence = 0.95;
  std::int64_t seed = 1;
  bool second_order = false, overwrite = false;
  CLI::Option* samples_opt = nullptr;
  CLI::Option* trajectories_opt = nullptr;
  CLI::Option* levels_opt = nullptr;
  CLI::Option* second_order_opt = nullptr;
};

void printTables(const std::vector<ResultTable>& tables) {
  for (const auto& t : tables) {
    std::vector<TextTable::Align> align;
    for (bool right : t.right_aligned) align.push_back(right ? TextTable::Align::Right : TextTable::Align::Left);
    TextTable table(t.headings, align);
    for (const auto& row : t.rows) table.addRow(row);
    fmt::print("{}\n{}", t.title, table.render());
    if (!t.note.empty()) fmt::print("{}\n", t.note);
    fmt::print("\n");
  }
}

// The estimates beside the test function's analytic values, with their differences.
void printAnalytic(const TestFunctionInfo& info, const OutputAnalysis& a, bool zh) {
  std::vector<std::string> head;
  TextTable* table = nullptr;
  std::unique_ptr<TextTable> owned;
  using A = TextTable::Align;
  if (const auto* s = std::get_if<SobolResult>(&a.result)) {
    owned = std::make_unique<TextTable>(
        zh ? std::vector<std::string>{"因子", "S1 估计", "S1 解析值", "差", "ST 估计", "ST 解析值", "差"}
           : std::vector<std::string>{"Factor", "S1 estimate", "S1 analytic", "error", "ST estimate", "ST analytic",
                                      "error"},
        std::vector<A>{A::Left, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right});
    for (std::size_t i = 0; i < s->factors.size(); ++i) {
      const auto& f = s->factors[i];
      owned->addRow({f.factor, formatIndex(f.first.value), formatIndex(info.first[i]),
                     formatIndex(f.first.value - info.first[i]), formatIndex(f.total.value), formatIndex(info.total[i]),
                     formatIndex(f.total.value - info.total[i])});
    }
  } else if (const auto* m = std::get_if<MorrisResult>(&a.result); m && !info.effect.empty()) {
    owned = std::make_unique<TextTable>(zh ? std::vector<std::string>{"因子", "μ 估计", "μ 解析值", "差"}
                                           : std::vector<std::string>{"Factor", "mu estimate", "mu analytic", "error"},
                                        std::vector<A>{A::Left, A::Right, A::Right, A::Right});
    for (std::size_t i = 0; i < m->factors.size(); ++i)
      owned->addRow({m->factors[i].factor, formatIndex(m->factors[i].mu), formatIndex(info.effect[i]),
                     formatIndex(m->factors[i].mu - info.effect[i])});
  }
  table = owned.get();
  if (!table) return;
  fmt::print("{}\n{}\n",
             zh ? fmt::format("与 {} 的解析值比较", info.zh)
                : fmt::format("Compared with the analytic values of the {}", info.en),
             table->render());
}

/// Model parameters as factors are labelled with their names from the parameter table.
FactorLabels parameterLabels(const Design& design, bool zh) {
  FactorLabels labels;
  for (const auto& f : design.factors)
    if (const ParamSpec* spec = findParam(f)) labels[f] = std::string(zh ? spec->zh : spec->en);
  return labels;
}

int analyzeCommand(const AnalyzeOptions& o) {
  const bool zh = o.lang == "zh";
  const bool fromDb = !o.db.empty();
  const bool fromFiles = !o.design.empty() || !o.outputs.empty();
  if (int(fromDb) + int(fromFiles) + int(!o.test_function.empty()) != 1)
    throw UsageError(
        "give a campaign database, or --design and --outputs, or --test-function; run 'pilotsim analyze --help'");
  if (fromFiles && (o.design.empty() || o.outputs.empty()))
    throw UsageError(o.design.empty() ? "--outputs needs --design (the design CSV from pilotsim sample)"
                                      : "--design needs --outputs (a CSV with run and one column per output)");
  if ((fromFiles || fromDb) &&
      (o.samples_opt->count() || o.trajectories_opt->count() || o.levels_opt->count() || o.second_order_opt->count()))
    throw UsageError(
        "--samples, --trajectories, --levels and --second-order belong to --test-function; "
        "a design CSV carries its own");

  AnalysisOptions options;
  options.bootstrap = o.bootstrap;
  options.confidence = o.confidence;
  options.seed = static_cast<std::uint64_t>(o.seed);

  std::vector<OutputAnalysis> results;
  FactorLabels labels;
  if (fromDb) {
    const CampaignStore store(o.db, CampaignStore::Mode::ReadOnly);
    if (!store.defined()) throw InputError(o.db, 0, "", "the campaign database holds no campaign yet");
    const Design design = store.design();
    results = analyzeOutputs(design, campaignOutputs(store, design), options);
    labels = parameterLabels(design, zh);
    fmt::print("{} {}: {} {}, {} {}, {} {}\n\n", zh ? "实验" : "campaign", o.db, zh ? "设计" : "design",
               methodName(design.method), design.runCount(), zh ? "个设计点" : "points", store.definition().replicates,
               zh ? "次重复 (取均值)" : "replicates each (averaged)");
  } else if (fromFiles) {
    const Design design = readDesignCsv(o.design);
    const OutputTable outputs = readOutputsCsv(o.outputs, design);
    results = analyzeOutputs(design, outputs, options);
  } else {
    TestFunction function{};
    if (!parseTestFunction(o.test_function, function))
      throw UsageError(
          fmt::format("unknown test function '{}'; test functions are: {}", o.test_function, testFunctionNames()));
    const TestFunctionInfo info = testFunctionInfo(function);
    DesignSettings settings;
    if (!parseMethodName(o.method, settings.method))
      throw UsageError(
          fmt::format("unknown method '{}'; methods are factorial, latin-hypercube, saltelli, morris", o.method));
    settings.seed = static_cast<std::uint64_t>(o.seed);
    settings.samples = o.samples;
    settings.second_order = o.second_order;
    settings.trajectories = o.trajectories;
    settings.levels = o.levels;
    if (settings.method == DesignMethod::Morris && settings.levels % 2 != 0)
      throw UsageError(fmt::format("--levels must be even for morris, got {}", settings.levels));
    const Design design = testFunctionDesign(function, settings);
    const std::vector<double> y = evaluateTestFunction(function, design);
    results.push_back(analyzeOutput(design, info.name, y, options));
    fmt::print("{}: {} {}, {} runs\n\n", zh ? info.zh : info.en, zh ? "设计" : "design", methodName(design.method),
               design.runCount());
    printTables(resultTables(results, zh, options, labels));
    printAnalytic(info, results.front(), zh);
  }
  if (fromFiles || fromDb) printTables(resultTables(results, zh, options, labels));

  if (!o.out.empty()) {
    OutputDirectory dir(o.out, o.overwrite);
    CsvWriter csv(dir.file("sensitivity.csv"));
    writeResultsCsv(results, csv);
    csv.close();
    writeTextFile(dir.file("sensitivity.json"), resultsJson(results, options).dump(2) + "\n");
    dir.commit();
    fmt::print("{} {}\n", zh ? "结果已写入" : "results written to", o.out);
  }
  return 0;
}

}  // namespace

CommandFn addAnalyzeCommand(CLI::App& app) {
  auto o = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "Sensitivity indices (Sobol', Morris, main effects) of outputs over a design, or of a test function");
  cmd->add_option("db", o->db,
                  "Campaign database written by 'pilotsim sweep' (outputs: each point's mean over replicates)");
  cmd->add_option("--design", o->design, "Design CSV written by 'pilotsim sample'");
  cmd->add_option("--outputs", o->outputs, "CSV with a run column and one column per output");
  cmd->add_option("--test-function", o->test_function, "Analyse a built-in function instead: " + testFunctionNames());
  cmd->add_option("--method", o->method, "Design for --test-function: factorial, latin-hypercube, saltelli or morris")
      ->check(CLI::IsMember({"factorial", "latin-hypercube", "saltelli", "morris"}))
      ->capture_default_str();
  o->samples_opt = cmd->add_option("--samples", o->samples, "Base samples N (saltelli) or points (latin-hypercube)")
                       ->check(CLI::Range(std::int64_t{2}, std::int64_t{100000000}))
                       ->capture_default_str();
  o->trajectories_opt = cmd->add_option("--trajectories", o->trajectories, "Morris trajectories r")
                            ->check(CLI::Range(2, 1000000))
                            ->capture_default_str();
  o->levels_opt =
      cmd->add_option("--levels", o->levels, "Morris grid levels p (default 4) or factorial levels (default 5)")
          ->check(CLI::Range(2, 1000));
  o->second_order_opt = cmd->add_flag("--second-order", o->second_order, "Saltelli: second-order indices too");
  cmd->add_option("--bootstrap", o->bootstrap, "Bootstrap resamples for the intervals (0 = none)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  cmd->add_option("--confidence", o->confidence, "Coverage of the intervals")
      ->check(CLI::Range(0.5, 0.999))
      ->capture_default_str();
  cmd->add_option("-s,--seed", o->seed, "Seed of the bootstrap (and of the test function's design)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("-o,--out", o->out, "Directory for sensitivity.csv and sensitivity.json")->check(nonEmptyPath());
  cmd->add_flag("--overwrite", o->overwrite, "Replace the output directory if it exists");
  addLangOption(*cmd, o->lang);
  return [o] { return analyzeCommand(*o); };
}

}  // namespace pilotsim::cli
