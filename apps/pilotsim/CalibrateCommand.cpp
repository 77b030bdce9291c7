// `pilotsim calibrate FILE`: fit a calibration file's parameters to its targets by ABC
// (experiment/Calibration.hpp) into a resumable SQLite database, then write the posterior, the
// generations and the posterior predictive checks (experiment/CalibrationFiles.hpp). Under mpirun
// the candidates' runs are spread over the ranks, round by round (docs/cluster.md).
#include "CampaignRanks.hpp"
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "TextTable.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/distributed/DistributedRuns.hpp"
#include "pilotsim/experiment/Calibration.hpp"
#include "pilotsim/experiment/CalibrationFiles.hpp"
#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/report/HtmlReport.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <optional>

#include <unistd.h>

namespace pilotsim::cli {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// "12.3 runs/s": the runs this session simulated (on every rank) over its time since `start`.
std::string runRate(std::int64_t runs, Clock::time_point start, bool zh) {
  return fmt::format(fmt::runtime(zh ? "{:.1f} 次运行/秒" : "{:.1f} runs/s"),
                     static_cast<double>(runs) / std::max(secondsSince(start), 1e-9));
}

struct CalibrateOptions {
  std::string file;
  std::string db;
  std::string out;
  std::vector<std::string> check;
  int threads = 0;
  bool overwrite = false;
  bool report = false;
  std::string lang = "en";
  bool quiet = false;
};

/// The progress of the generation being filled, redrawn in place on a terminal after each batch of
/// candidates: particles accepted, the acceptance rate so far, the time left in the generation at
/// that rate, and the runs per second of this session (over all ranks: rank 0 counts what every
/// rank sent). (In a log, the line per closed generation says enough.)
class GenerationLine {
 public:
  GenerationLine(bool quiet, bool zh, Clock::time_point session_start)
      : on_(!quiet && ::isatty(STDERR_FILENO)), zh_(zh), session_start_(session_start) {}
  void restart() { start_ = Clock::now(); }
  void draw(const CalibrationStatus& s) {
    if (!on_) return;
    const double elapsed = secondsSince(start_);
    const double fraction = s.particles > 0 ? static_cast<double>(s.accepted) / static_cast<double>(s.particles) : 0;
    std::string text =
        s.generation == kPredictiveGeneration
            ? fmt::format(fmt::runtime(zh_ ? "后验预测: {} 个粒子" : "posterior predictive runs: {} particles"),
                          s.particles)
            : fmt::format(fmt::runtime(zh_ ? "第 {} 代: {}" : "generation {}: {}"), s.generation,
                          Progress::formatLine(fraction, static_cast<int>(s.accepted), static_cast<int>(s.particles),
                                               elapsed, zh_ ? "个粒子已接受" : "particles accepted", false));
    if (s.generation != kPredictiveGeneration && s.candidates > 0)
      text += fmt::format(fmt::runtime(zh_ ? " | 接受率 {:.3f}" : " | acceptance {:.3f}"),
                          static_cast<double>(s.accepted) / static_cast<double>(s.candidates));
    if (s.runs > 0) text += " | " + runRate(s.runs, session_start_, zh_);
    fmt::print(stderr, "\r{:<{}}", text, width_);
    width_ = std::max(width_, text.size());
    drawn_ = true;
  }
  void clear() {
    if (!drawn_) return;
    fmt::print(stderr, "\r{:<{}}\r", "", width_);
    drawn_ = false;
  }

 private:
  bool on_, zh_;
  Clock::time_point session_start_;
  bool drawn_ = false;
  std::size_t width_ = 0;
  Clock::time_point start_ = Clock::now();
};

void printResult(const CalibrationSpec& spec, const CalibrationResult& r, bool zh) {
  TextTable generations(zh ? std::vector<std::string>{"代", "容差", "候选", "接受率", "有效样本量"}
                           : std::vector<std::string>{"Generation", "Tolerance", "Candidates", "Acceptance", "ESS"});
  for (const auto& g : r.generations)
    generations.addRow({std::to_string(g.number), shortNumber(g.tolerance), std::to_string(g.candidates),
                        fmt::format("{:.3f}", g.acceptance_rate), fmt::format("{:.0f}", g.ess)});
  fmt::print("\n{}", generations.render());
  fmt::print("{}: {}\n\n", zh ? "停止原因" : "Stopped", r.stop_reason);

  TextTable posterior(zh ? std::vector<std::string>{"参数", "先验", "后验中位数", "90% 区间"}
                         : std::vector<std::string>{"Parameter", "Prior", "Posterior median", "90% interval"});
  for (std::size_t i = 0; i < r.posterior.size(); ++i) {
    const auto& p = spec.parameters[i];
    const auto& s = r.posterior[i];
    posterior.addRow({p.key, fmt::format("{}[{}, {}]", p.log_scale ? "log-uniform " : "", p.low, p.high),
                      shortNumber(s.median), fmt::format("[{}, {}]", shortNumber(s.lo90), shortNumber(s.hi90))});
  }
  fmt::print("{}\n", posterior.render());

  TextTable checks(zh ? std::vector<std::string>{"统计量", "观测值", "后验预测中位数", "90% 区间", "一个不确定度内"}
                      : std::vector<std::string>{"Statistic", "Observed", "Predictive median", "90% interval",
                                                 "Within one uncertainty"});
  for (const auto& c : r.checks)
    checks.addRow({c.statistic + (c.target ? ""
                                  : zh     ? " (未拟合)"
                                           : " (not fitted)"),
                   c.target ? fmt::format("{} ± {}", shortNumber(c.observed), shortNumber(c.uncertainty)) : "-",
                   shortNumber(c.median), fmt::format("[{}, {}]", shortNumber(c.lo90), shortNumber(c.hi90)),
                   c.target ? fmt::format("{:.0f}%", 100 * c.share_within) : "-"});
  fmt::print("{}", checks.render());
}

int calibrateCommand(const CalibrateOptions& o) {
  const bool zh = o.lang == "zh";
  const MpiSession& mpi = mpiSession();
  InterruptHandler interrupt_handler;
  // Every rank reads the calibration file; rank 0 alone opens the database and the output directory.
  CalibrationSpec spec;
  agreeOnDefinition(mpi, [&] {
    spec = loadCalibrationFile(o.file);
    checkCheckedStatistics(spec, o.check);  // a bad --check leaves no database behind
    return fingerprint({spec.text, toToml(spec.base)});
  });
  const std::filesystem::path db = o.db.empty() ? "out/" + spec.name + ".db" : o.db;
  std::vector<std::string> parts = {"pilotsim", "calibrate", o.file, "--db", db.string()};
  std::optional<OutputDirectory> dir;
  std::unique_ptr<CampaignStore> store;
  agreeOnOpen(mpi, [&] {
    createDatabaseDirectory(db);
    // Checked before any run: a typo in --out or a read-only disk shows at once.
    dir.emplace(o.out.empty() ? "out/" + spec.name : o.out, o.overwrite);
    store = std::make_unique<CampaignStore>(db, CampaignStore::Mode::ReadWrite);
    openCalibration(spec, *store, commandLine(parts));
  });
  if (mpi.rank() != 0)
    return serveRankRounds(
        mpi, [&](std::span<const double> round) { return calibrationWork(spec, decodeCandidates(round), o.threads); });

  const auto resumed = store->doneCount();
  fmt::print("pilotsim {} | {} {} | {} | {} {} | {} {} | {} {} | {}\n", programVersion(), zh ? "校准" : "calibration",
             spec.name,
             spec.method == CalibrationMethod::Smc ? "ABC-SMC"
             : zh                                  ? "拒绝 ABC"
                                                   : "rejection ABC",
             spec.parameters.size(), zh ? "个参数" : "parameters", spec.targets.size(), zh ? "个目标" : "targets",
             spec.replicates, zh ? "次重复/候选" : "replicates per candidate",
             workersText(mpi, resolveThreads(o.threads, 1 << 20), zh));
  fmt::print("{} {}{}\n", zh ? "数据库" : "database", db.string(),
             resumed > 0
                 ? fmt::format(fmt::runtime(zh ? " (续跑: 已有 {} 次运行)" : " (resuming: {} runs stored)"), resumed)
                 : "");
  std::fflush(stdout);

  const auto start = Clock::now();
  GenerationLine line(o.quiet, zh, start);
  std::int64_t runs = 0;  // simulated in this session so far
  CalibrationCallbacks callbacks;
  callbacks.generation_closed = [&](const abc::Generation& g) {
    line.clear();
    fmt::print(
        stderr,
        fmt::runtime(zh ? "第 {} 代: 容差 {}, {} 个候选, 接受率 {:.3f}, 有效样本量 {:.0f} ({:.0f} 秒{})\n"
                        : "generation {}: tolerance {}, {} candidates, acceptance {:.3f}, ESS {:.0f} ({:.0f} s{})\n"),
        g.number, shortNumber(g.tolerance), g.candidates, g.acceptance_rate, g.ess, secondsSince(start),
        runs > 0 ? ", " + runRate(runs, start, zh) : "");
    line.restart();
  };
  callbacks.batch_done = [&](const CalibrationStatus& s) {
    runs = s.runs;
    line.draw(s);
  };
  CalibrationResult result;
  try {
    CalibrationRanks ranks(mpi, *store);
    result = runCalibration(spec, *store, o.threads, o.check, &g_interrupted, callbacks, ranks.runner());
    line.clear();
  } catch (const Interrupted&) {
    line.clear();
    fmt::print(stderr, "pilotsim: stopped; {} runs are kept in {}; run the same command to resume\n",
               store->doneCount(), db.string());
    return kExitInterrupted;
  } catch (const RankLost& e) {
    line.clear();
    reportLostRanks(mpi, e.what(), *store, "runs");
  }
  for (const auto& c : o.check) parts.insert(parts.end(), {"--check", c});
  writeCalibrationFiles(*dir, spec, result, {commandLine(parts), db.string()});
  // Written before the commit, so the report appears with the files it shows or not at all.
  if (o.report) writeReport(dir->staging(), dir->file("report.html"), o.lang, dir->target().string());
  dir->commit();
  printResult(spec, result, zh);
  fmt::print(fmt::runtime(zh ? "\n完成: {} 次运行 (本次 {} 次, {:.1f} 秒)。文件写入 {}/\n"
                             : "\nDone: {} runs ({} in this session, {:.1f} s). Files written to {}/\n"),
             result.runs_stored, result.runs_done_now, secondsSince(start), dir->target().string());
  return 0;
}

}  // namespace

CommandFn addCalibrateCommand(CLI::App& app) {
  auto o = std::make_shared<CalibrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit a calibration file's parameters to its targets by ABC (resumable database; run again to resume)");
  cmd->add_option("file", o->file, "Calibration file: model, fitted parameters with priors, targets")->required();
  cmd->add_option("--db", o->db, "Calibration database (default: out/<name>.db)")->check(nonEmptyPath());
  cmd->add_option("-o,--out", o->out, "Output directory for the posterior and checks (default: out/<name>)")
      ->check(nonEmptyPath());
  cmd->add_option("--check", o->check,
                  "Also check this statistic (default arguments) against the posterior predictive; repeatable");
  cmd->add_option("-t,--threads", o->threads, "Worker threads; 0 = one per hardware thread")
      ->check(wholeNumberIn(0, 4096))
      ->capture_default_str();
  cmd->add_flag("--overwrite", o->overwrite, "Replace an existing output directory");
  cmd->add_flag("--report", o->report,
                "Also write report.html, the charts of the calibration (opens in the --lang language)");
  addLangOption(*cmd, o->lang);
  cmd->add_flag("-q,--quiet", o->quiet, "No progress line");
  return [o] { return calibrateCommand(*o); };
}

}  // namespace pilotsim::cli
