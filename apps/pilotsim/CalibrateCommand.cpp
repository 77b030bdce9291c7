// `pilotsim calibrate FILE`: fit a calibration file's parameters to its targets by ABC
// (experiment/Calibration.hpp) into a resumable SQLite database, then write the posterior, the
// generations and the posterior predictive checks (io/CalibrationFiles.hpp).
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "TextTable.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/Calibration.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/io/CalibrationFiles.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <memory>

namespace pilotsim::cli {
namespace {

struct CalibrateOptions {
  std::string file;
  std::string db;
  std::string out;
  std::vector<std::string> check;
  int threads = 0;
  bool overwrite = false;
  std::string lang = "en";
  bool quiet = false;
};

std::string number(double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : "-"; }

void printResult(const CalibrationSpec& spec, const CalibrationResult& r, bool zh) {
  TextTable generations(zh ? std::vector<std::string>{"代", "容差", "候选", "接受率", "有效样本量"}
                           : std::vector<std::string>{"Generation", "Tolerance", "Candidates", "Acceptance", "ESS"});
  for (const auto& g : r.generations)
    generations.addRow({std::to_string(g.number), number(g.tolerance), std::to_string(g.candidates),
                        fmt::format("{:.3f}", g.acceptance_rate), fmt::format("{:.0f}", g.ess)});
  fmt::print("\n{}", generations.render());
  fmt::print("{}: {}\n\n", zh ? "停止原因" : "Stopped", r.stop_reason);

  TextTable posterior(zh ? std::vector<std::string>{"参数", "先验", "后验中位数", "90% 区间"}
                         : std::vector<std::string>{"Parameter", "Prior", "Posterior median", "90% interval"});
  for (std::size_t i = 0; i < r.posterior.size(); ++i) {
    const auto& p = spec.parameters[i];
    const auto& s = r.posterior[i];
    posterior.addRow({p.key, fmt::format("{}[{}, {}]", p.log_scale ? "log-uniform " : "", p.low, p.high),
                      number(s.median), fmt::format("[{}, {}]", number(s.lo90), number(s.hi90))});
  }
  fmt::print("{}\n", posterior.render());

  TextTable checks(zh ? std::vector<std::string>{"统计量", "观测值", "后验预测中位数", "90% 区间", "一个不确定度内"}
                      : std::vector<std::string>{"Statistic", "Observed", "Predictive median", "90% interval",
                                                 "Within one uncertainty"});
  for (const auto& c : r.checks)
    checks.addRow({c.statistic + (c.target ? "" : zh ? " (未拟合)" : " (not fitted)"),
                   c.target ? fmt::format("{} ± {}", number(c.observed), number(c.uncertainty)) : "-",
                   number(c.median), fmt::format("[{}, {}]", number(c.lo90), number(c.hi90)),
                   c.target ? fmt::format("{:.0f}%", 100 * c.share_within) : "-"});
  fmt::print("{}", checks.render());
}

int calibrateCommand(const CalibrateOptions& o) {
  const bool zh = o.lang == "zh";
  const CalibrationSpec spec = loadCalibrationFile(o.file);
  const std::filesystem::path db = o.db.empty() ? "out/" + spec.name + ".db" : o.db;
  std::error_code ec;
  if (db.has_parent_path()) std::filesystem::create_directories(db.parent_path(), ec);
  if (ec)
    throw OutputError(fmt::format("{}: cannot create the directory: {}", db.parent_path().string(), ec.message()));
  // Checked before any run: a typo in --out or a read-only disk shows at once.
  OutputDirectory dir(o.out.empty() ? "out/" + spec.name : o.out, o.overwrite);

  InterruptHandler interrupt_handler;
  CampaignStore store(db, CampaignStore::Mode::ReadWrite);
  std::vector<std::string> parts = {"pilotsim", "calibrate", o.file, "--db", db.string()};
  const std::string command = commandLine(parts);
  openCalibration(spec, store, command);
  const auto resumed = store.doneCount();
  fmt::print("pilotsim {} | {} {} | {} | {} {} | {} {} | {} {}\n", programVersion(), zh ? "校准" : "calibration",
             spec.name, spec.method == CalibrationMethod::Smc ? "ABC-SMC" : zh ? "拒绝 ABC" : "rejection ABC",
             spec.parameters.size(), zh ? "个参数" : "parameters", spec.targets.size(), zh ? "个目标" : "targets",
             spec.replicates, zh ? "次重复/候选" : "replicates per candidate");
  fmt::print("{} {}{}\n", zh ? "数据库" : "database", db.string(),
             resumed > 0 ? fmt::format(fmt::runtime(zh ? " (续跑: 已有 {} 次运行)" : " (resuming: {} runs stored)"), resumed) : "");
  std::fflush(stdout);

  const auto start = std::chrono::steady_clock::now();
  Progress progress(Progress::detect(o.quiet));
  progress.countRuns();
  const auto on_generation = [&](const abc::Generation& g) {
    progress.finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print(stderr,
               fmt::runtime(zh ? "第 {} 代: 容差 {}, {} 个候选, 接受率 {:.3f}, 有效样本量 {:.0f} ({:.0f} 秒)\n"
                               : "generation {}: tolerance {}, {} candidates, acceptance {:.3f}, ESS {:.0f} ({:.0f} s)\n"),
               g.number, number(g.tolerance), g.candidates, g.acceptance_rate, g.ess, seconds);
  };
  CalibrationResult result;
  try {
    result = runCalibration(spec, store, o.threads, o.check, &progress, &g_interrupted, on_generation);
  } catch (const Interrupted&) {
    fmt::print(stderr, "pilotsim: stopped; {} runs are kept in {}; run the same command to resume\n",
               store.doneCount(), db.string());
    return kExitInterrupted;
  }
  for (const auto& c : o.check) parts.insert(parts.end(), {"--check", c});
  writeCalibrationFiles(dir, spec, result, {commandLine(parts), db.string()});
  dir.commit();
  printResult(spec, result, zh);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(fmt::runtime(zh ? "\n完成: {} 次运行 (本次 {} 次, {:.1f} 秒)。文件写入 {}/\n"
                             : "\nDone: {} runs ({} in this session, {:.1f} s). Files written to {}/\n"),
             result.runs_stored, result.runs_done_now, seconds, dir.target().string());
  return 0;
}

}  // namespace

CommandFn addCalibrateCommand(CLI::App& app) {
  auto o = std::make_shared<CalibrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "Fit a calibration file's parameters to its targets by ABC (resumable database; run again to resume)");
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
  addLangOption(*cmd, o->lang);
  cmd->add_flag("-q,--quiet", o->quiet, "No progress line");
  return [o] { return calibrateCommand(*o); };
}

}  // namespace pilotsim::cli
