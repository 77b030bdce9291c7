// `pilotsim claims [ID ...]`: run the paper's claims (P1-P14, claims/claims.toml) and say for each
// whether the model supports it; `--ablation` shows that switching each mechanism off removes the
// effect it is responsible for.
#include "CampaignRanks.hpp"
#include "CommandSupport.hpp"
#include "Commands.hpp"
#include "RobustnessOutput.hpp"
#include "SummaryTable.hpp"
#include "TextTable.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/distributed/DistributedRuns.hpp"
#include "pilotsim/experiment/ClaimDecomposition.hpp"
#include "pilotsim/experiment/ClaimEvaluation.hpp"
#include "pilotsim/experiment/ClaimRobustness.hpp"
#include "pilotsim/experiment/ClaimsFiles.hpp"
#include "pilotsim/experiment/DecompositionFiles.hpp"
#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/report/HtmlReport.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <memory>

namespace pilotsim::cli {
namespace {

struct ClaimsOptions {
  std::vector<std::string> ids;
  std::string file;
  bool ablation = false;
  bool list = false;
  int replicates = 30;
  std::int64_t seed = Params{}.run.seed;
  int months = 0;
  int threads = 0;
  std::string out;
  std::string lang = "en";
  bool overwrite = false;
  bool quiet = false;
  bool report = false;
  bool choose_replicates = false;
  bool decompose = false;
  int max_replicates = 1000;
  int robustness = 0;
  std::string db;
  std::uint64_t design_seed = 1;
  std::string posterior;
  std::string background;
  CLI::Option* months_opt = nullptr;
};

ClaimBook loadBook(const ClaimsOptions& o) { return o.file.empty() ? builtinClaims() : loadClaimsFile(o.file); }

/// With --months, every scenario of the book runs that many months (a quick look; the claims are
/// judged at the presets' 240).
void applyMonths(ClaimBook& book, const ClaimsOptions& o) {
  if (o.months_opt->count() == 0) return;
  const std::string set = fmt::format("run.months={}", o.months);
  for (auto& c : book.claims)
    for (auto& s : c.scenarios) s.sets.push_back(set);
  for (auto& a : book.ablations) a.scenario.sets.push_back(set);
}

// The replicates actually run: with --choose-replicates the chosen number reproduces the files.
std::string reproducingCommand(const ClaimsOptions& o, int replicates) {
  std::vector<std::string> parts{"pilotsim", "claims"};
  parts.insert(parts.end(), o.ids.begin(), o.ids.end());
  if (!o.file.empty()) parts.insert(parts.end(), {"--file", o.file});
  if (o.ablation) parts.emplace_back("--ablation");
  if (o.decompose) parts.emplace_back("--decompose");
  if (o.robustness > 0)
    parts.insert(parts.end(),
                 {"--robustness", std::to_string(o.robustness), "--design-seed", std::to_string(o.design_seed)});
  if (!o.posterior.empty()) parts.insert(parts.end(), {"--posterior", o.posterior});
  if (!o.background.empty()) parts.insert(parts.end(), {"--background", o.background});
  parts.insert(parts.end(), {"--replicates", std::to_string(replicates), "--seed", std::to_string(o.seed)});
  if (o.months_opt->count() > 0) parts.insert(parts.end(), {"--months", std::to_string(o.months)});
  return commandLine(parts);
}

std::string outcomeName(const std::string& key, bool zh) {
  const auto& info = outcomeInfo(key);
  return std::string(zh ? info.zh : info.en);
}

std::string_view expectLabel(Direction d, bool zh) {
  if (zh) return d == Direction::Higher ? "> 0" : "< 0";
  return d == Direction::Higher ? "> 0" : "< 0";
}

std::string claimsTable(const ClaimsReport& r, bool zh) {
  using Align = TextTable::Align;
  TextTable table(
      zh ? std::vector<std::string>{"命题", "结论", "Holm", "首次设定", "#", "对比", "指标", "期望", "效应 [95% 区间]",
                                    "最小效应", "d", "p (Holm)", "功效", "检验", "Holm"}
         : std::vector<std::string>{"Claim", "Verdict", "Holm", "As first", "#", "Contrast", "Outcome", "Expect",
                                    "Effect [95% interval]", "Minimal", "d", "p (Holm)", "Power", "Test", "Holm"},
      {Align::Left, Align::Left, Align::Left, Align::Left, Align::Right, Align::Left, Align::Left, Align::Left,
       Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Left, Align::Left});
  const auto verdict = [zh](auto v) { return std::string(zh ? toStringZh(v) : toString(v)); };
  int underpowered = 0, tests = 0;
  for (const auto& c : r.claims) {
    for (std::size_t i = 0; i < c.tests.size(); ++i) {
      const auto& t = c.tests[i];
      ++tests;
      if (!(t.power >= 0.8)) ++underpowered;
      const std::string mark = t.test->superseded ? "*" : t.test->revises >= 0 ? "r" : "";
      table.addRow({i == 0 ? c.claim->id : "", i == 0 ? verdict(c.verdict) : "", i == 0 ? verdict(c.verdict_holm) : "",
                    i == 0 ? verdict(c.verdict_first) : "", fmt::format("{}{}", i + 1, mark), contrastText(*t.test),
                    outcomeName(t.test->outcome, zh), std::string(expectLabel(t.test->expect, zh)),
                    formatInterval(t.effect), fmt::format("{:g}", t.test->minimal_effect),
                    std::isnan(t.effect_size) ? "-" : fmt::format("{:.2f}", t.effect_size),
                    fmt::format("{} ({})", pValueText(t.p), pValueText(t.p_holm)),
                    std::isnan(t.power) ? "-" : fmt::format("{:.2f}", t.power), verdict(t.verdict),
                    verdict(t.verdict_holm)});
    }
  }
  std::string out = table.render();
  out += zh ? "  #: * 首次设定、已被修订的检验(仍照常运行与报告); r 修订后的检验。Holm: 对本次运行全部检验做 Holm "
              "校正后的结论。功效: 配对 t 检验在最小效应处的功效。\n"
            : "  #: * a test as first specified that a later test revised (it still runs and is reported); r the "
              "revision. Holm: verdicts with Holm-adjusted p over every test of this run. Power: of the paired "
              "t-test at the minimal effect.\n";
  out += zh ? fmt::format("  {} 项检验中有 {} 项在最小效应处的功效低于 80%。\n", tests, underpowered)
            : fmt::format("  {} of {} tests have less than 80% power at their minimal effect with {} replicates.\n",
                          underpowered, tests, r.replicates);
  for (const auto& c : r.claims)
    out += fmt::format("  {} ({} {}): {}\n", c.claim->id, zh ? "论文" : "paper s.", c.claim->section,
                       zh ? c.claim->statement_zh : c.claim->statement_en);
  return out;
}

std::string ablationTable(const ClaimsReport& r, bool zh) {
  using Align = TextTable::Align;
  TextTable table(zh ? std::vector<std::string>{"机制", "负责的效应", "命题", "机制开启", "机制关闭", "结论"}
                     : std::vector<std::string>{"Mechanism", "Effect it is responsible for", "Claim", "Mechanism on",
                                                "Mechanism off", "Verdict"},
                  {Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left});
  for (const auto& a : r.ablations) {
    const ParamSpec* spec = findParam(a.ablation->mechanism);
    table.addRow({std::string(zh ? spec->zh : spec->en), zh ? a.ablation->effect_zh : a.ablation->effect_en,
                  a.ablation->claim.empty() ? "-" : a.ablation->claim, formatInterval(a.on), formatInterval(a.off),
                  std::string(zh ? toStringZh(a.verdict) : toString(a.verdict))});
  }
  return table.render();
}

int listClaims(const ClaimBook& book, bool zh) {
  for (const auto& c : book.claims)
    fmt::print("{:<4} {} {:<5} {}\n", c.id, zh ? "论文" : "s.", c.section, zh ? c.statement_zh : c.statement_en);
  if (!book.ablations.empty())
    fmt::print("{}\n", zh ? fmt::format("另有 {} 项消融检验 (--ablation)。", book.ablations.size())
                          : fmt::format("and {} ablations (--ablation).", book.ablations.size()));
  return 0;
}

/// The replicates that give every current test 80% power at its minimal effect (the most any needs),
/// at least the run's own and at most `cap`.
int replicatesFor80PercentPower(const ClaimsReport& r, int cap) {
  int needed = r.replicates;
  for (const auto& c : r.claims)
    for (const auto& t : c.tests)
      if (!t.test->superseded && t.test->minimal_effect > 0)
        needed = std::max(needed, t.replicates_80 > 0 ? t.replicates_80 : cap);
  return std::min(needed, cap);
}

std::string decompositionTable(const DecompositionReport& r, bool zh) {
  using Align = TextTable::Align;
  TextTable table(zh ? std::vector<std::string>{"命题", "#", "指标", "全部效应", "杠杆", "仅此杠杆", "除此之外全部",
                                                "单独", "损失", "承载"}
                     : std::vector<std::string>{"Claim", "#", "Outcome", "Full effect", "Lever", "Lever alone",
                                                "All but it", "Alone", "Lost", "Carries"},
                  {Align::Left, Align::Right, Align::Left, Align::Left, Align::Left, Align::Left, Align::Left,
                   Align::Right, Align::Right, Align::Left});
  const auto share = [](double x) { return std::isnan(x) ? std::string("-") : fmt::format("{:.0f}%", 100 * x); };
  for (const auto& d : r.tests)
    for (std::size_t l = 0; l < d.levers.size(); ++l) {
      const auto& lever = d.levers[l];
      table.addRow({l == 0 ? d.claim->id : "", l == 0 ? std::to_string(d.test + 1) : "",
                    l == 0 ? outcomeName(d.claim->tests[d.test].outcome, zh) : "", l == 0 ? formatInterval(d.full) : "",
                    lever.key, lever.problem.empty() ? formatInterval(lever.alone) : "-",
                    lever.problem.empty() ? formatInterval(lever.without) : "-", share(lever.share_alone),
                    share(lever.share_lost), lever.carries ? (zh ? "是" : "yes") : ""});
    }
  return table.render();
}

int decomposeCommand(const ClaimsOptions& o, const ClaimBook& book, bool zh) {
  ClaimSelection selection;
  selection.ids = o.ids;
  InterruptHandler interrupt_handler;
  OutputDirectory dir(o.out.empty() ? "out/decomposition" : o.out, o.overwrite);
  ComparisonOptions options;
  options.replicates = o.replicates;
  options.seed = static_cast<std::uint64_t>(o.seed);
  options.threads = o.threads;
  fmt::print("pilotsim {} | model {} | {} | seed {} | {} replicates per scenario\n", programVersion(), kModelVersion,
             zh ? "杠杆分解" : "decomposition of the claims' levers", o.seed, o.replicates);
  std::fflush(stdout);
  Progress progress(Progress::detect(o.quiet));
  const DecompositionReport report = decomposeClaims(book, selection, options, &progress, &g_interrupted);
  if (g_interrupted) throw Interrupted();
  writeDecompositionFiles(dir, report,
                          {reproducingCommand(o, o.replicates), o.file.empty() ? "claims/claims.toml" : o.file});
  // Written before the commit, so the report appears with the files it shows or not at all.
  if (o.report) writeReport(dir.staging(), dir.file("report.html"), o.lang, dir.target().string());
  dir.commit();
  auto files = decompositionFileNames();
  if (o.report) files.emplace_back("report.html");
  fmt::print("\n{}", decompositionTable(report, zh));
  fmt::print(
      "{}\n{}/: {}\n",
      zh ? "仅此杠杆: 对照情景只改这一个杠杆; 除此之外全部: 处理情景把它改回对照值; 单独给出一半以上效应, 或去掉后"
           "损失一半以上, 即承载效应。"
         : "Lever alone: the control with only this lever changed; all but it: the treated scenario with this "
           "lever back at the control's value.\nA lever carries the effect when alone it gives at least half "
           "of it, or when taking it away loses at least half.",
      dir.target().string(), fmt::join(files, ", "));
  return 0;
}

std::string robustnessTable(const RobustnessResult& r, bool zh) {
  using Align = TextTable::Align;
  TextTable table(zh ? std::vector<std::string>{"命题", "支持", "不确定", "不支持", "支持 (Holm)", "支持 (首次设定)"}
                     : std::vector<std::string>{"Claim", "Supported", "Inconclusive", "Not supported",
                                                "Supported (Holm)", "Supported (as first)"},
                  {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right});
  const auto share = [](const VerdictShare& s) {
    return std::isnan(s.share) ? std::string("-")
                               : fmt::format("{:.0f}% [{:.0f}, {:.0f}]", 100 * s.share, 100 * s.lo, 100 * s.hi);
  };
  const auto at = [](const VerdictShare(&shares)[3], Verdict v) { return shares[static_cast<std::size_t>(v)]; };
  for (const auto& c : r.claims)
    table.addRow({c.claim->id, share(at(c.current, Verdict::Supported)), share(at(c.current, Verdict::Inconclusive)),
                  share(at(c.current, Verdict::NotSupported)), share(at(c.holm, Verdict::Supported)),
                  share(at(c.first, Verdict::Supported))});
  return table.render();
}

int robustnessCommand(const ClaimsOptions& o, bool zh) {
  const MpiSession& mpi = mpiSession();
  InterruptHandler interrupt_handler;
  // Every rank reads the claims (and posterior) and makes the design; rank 0 alone opens the
  // database and the output directory.
  RobustnessSpec spec;
  sensitivity::Design design;
  agreeOnDefinition(mpi, [&] {
    if (!o.file.empty()) spec.claims_file = o.file;
    spec.claims_text = o.file.empty() ? std::string(builtinClaimsText()) : readInputFile(o.file, "claims file");
    spec.ids = o.ids;
    spec.sets = o.robustness;
    spec.replicates = o.replicates;
    spec.seed = static_cast<std::uint64_t>(o.seed);
    spec.months = o.months_opt->count() > 0 ? o.months : 0;
    spec.design_seed = o.design_seed;
    if (!o.posterior.empty()) {
      spec.posterior_file = o.posterior;
      spec.posterior_text = readInputFile(o.posterior, "posterior");
    }
    // Checked before the database is created, so that a bad claim id or posterior leaves no file.
    robustnessClaims(spec);
    design = robustnessDesign(spec);
    return fingerprint({robustnessDefinitionText(spec)});
  });
  const CampaignWork work = robustnessWork(spec, design, o.threads);
  const std::filesystem::path db = std::filesystem::path(o.db.empty() ? "out/robustness.db" : o.db);
  std::unique_ptr<OutputDirectory> dir;
  std::unique_ptr<CampaignStore> store;
  agreeOnOpen(mpi, [&] {
    createDatabaseDirectory(db);
    // Opened first, so that an output directory that may not be written is refused before hours of runs.
    dir = std::make_unique<OutputDirectory>(o.out.empty() ? "out/robustness" : o.out, o.overwrite);
    store = std::make_unique<CampaignStore>(db, CampaignStore::Mode::ReadWrite);
    openRobustness(spec, *store, reproducingCommand(o, o.replicates));  // the same design: the same spec
  });
  if (mpi.rank() != 0) return serveRanks(mpi, work);
  const auto start = std::chrono::steady_clock::now();
  Progress progress(Progress::detect(o.quiet));
  const auto announce = [&](const CampaignProgress& c) {
    const int threads = resolveThreads(o.threads, 1 << 20);
    const std::string drawn =
        spec.posterior_file.empty() ? ""
        : zh                        ? fmt::format(", 已校准的参数取自后验 {}", spec.posterior_file)
             : fmt::format(", the calibrated ones drawn from the posterior {}", spec.posterior_file);
    if (zh) {
      fmt::print(
          "pilotsim {} | 模型版本 {} | 命题稳健性 | {} 组参数 (拉丁超立方, {} 个参数{}) | 每组每个情景 {} 次重复 | "
          "种子 {} | {}\n",
          programVersion(), kModelVersion, c.runs, design.factorCount(), drawn, spec.replicates, spec.seed,
          workersText(mpi, threads, zh));
      if (c.done_before > 0) fmt::print("续跑: 已完成 {} 组, 余 {} 组\n", c.done_before, c.runs - c.done_before);
    } else {
      fmt::print(
          "pilotsim {} | model {} | robustness of the claims | {} parameter sets (Latin hypercube over {} "
          "parameters{}) | {} replicates per scenario and set | seed {} | {}\n",
          programVersion(), kModelVersion, c.runs, design.factorCount(), drawn, spec.replicates, spec.seed,
          workersText(mpi, threads, zh));
      if (c.done_before > 0)
        fmt::print("resuming: {} sets already done, {} to go\n", c.done_before, c.runs - c.done_before);
    }
    fmt::print("{} {}\n", zh ? "数据库" : "database", db.string());
    std::fflush(stdout);
  };
  CampaignProgress counts;
  try {
    const std::vector<RunKey> pending = pendingRuns(*store, counts, announce);
    counts = runHereOrOnRanks(mpi, *store, work, pending, counts, &progress);
  } catch (const Interrupted&) {
    fmt::print(stderr,
               "pilotsim: stopped; {} of {} parameter sets are done and kept in {}; run the same command to "
               "resume\n",
               store->doneCount(), store->runCount(), db.string());
    return kExitInterrupted;
  } catch (const RankLost& e) {
    reportLostRanks(mpi, e.what(), *store, "parameter sets");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const RobustnessResult result = analyzeRobustness(*store);
  const auto files = writeRobustnessOutput(*store, result, *dir, o.report, o.lang);
  fmt::print("\n{}", robustnessTable(result, zh));
  if (zh) {
    fmt::print(
        "判定 {} 组 ({} 组违反参数间规则未判定); 百分比为判定组中的占比及 95% Wilson 区间。本次 {} 组, {:.1f} 秒。\n"
        "输出已写入 {}/: {}\n",
        result.sets_done - result.sets_failed, result.sets_failed, counts.done_now, seconds, dir->target().string(),
        fmt::join(files, ", "));
  } else {
    fmt::print(
        "{} sets judged ({} broke a cross-parameter rule and were not); shares of the judged sets with 95% "
        "Wilson intervals. {} sets in this session, {:.1f} s.\nFiles written to {}/: {}\n",
        result.sets_done - result.sets_failed, result.sets_failed, counts.done_now, seconds, dir->target().string(),
        fmt::join(files, ", "));
  }
  return 0;
}

int claimsCommand(const ClaimsOptions& o) {
  const bool zh = o.lang == "zh";
  ClaimBook book = loadBook(o);
  if (o.list) return listClaims(book, zh);
  if (o.robustness > 0) return robustnessCommand(o, zh);
  if (mpiSession().distributed()) {
    if (mpiSession().rank() != 0) throw QuietExit{kExitUsage};
    throw UsageError(
        "under mpirun only 'pilotsim claims --robustness N' spreads its runs over the ranks; run the claims' table "
        "without mpirun");
  }
  applyMonths(book, o);
  if (o.decompose) return decomposeCommand(o, book, zh);
  ClaimSelection selection;
  selection.ids = o.ids;
  selection.claims = !o.ablation;
  selection.ablations = o.ablation;

  const ClaimBackground background = o.background.empty() ? ClaimBackground{} : presetBackground(o.background);
  InterruptHandler interrupt_handler;
  OutputDirectory dir(o.out.empty() ? (o.ablation ? "out/ablation" : "out/claims") : o.out, o.overwrite);
  ComparisonOptions options;
  options.replicates = o.replicates;
  options.seed = static_cast<std::uint64_t>(o.seed);
  options.threads = o.threads;
  std::string on;
  for (const auto& [key, value] : background) on += fmt::format("{}{}={}", on.empty() ? "" : ", ", key, value);
  if (zh) {
    fmt::print("pilotsim {} | 模型版本 {} | {} | 种子 {} (共同随机数) | 每个情景 {} 次重复{}\n", programVersion(),
               kModelVersion, o.ablation ? "消融检验" : "命题检验", o.seed, o.replicates,
               o.background.empty() ? "" : fmt::format(" | 背景 {}: {}", o.background, on));
  } else {
    fmt::print("pilotsim {} | model {} | {} | seed {} (common random numbers) | {} replicates per scenario{}\n",
               programVersion(), kModelVersion, o.ablation ? "ablations" : "claims", o.seed, o.replicates,
               o.background.empty() ? "" : fmt::format(" | background {}: {}", o.background, on));
  }
  std::fflush(stdout);
  Progress progress(Progress::detect(o.quiet));
  ClaimsReport report = runClaims(book, selection, options, &progress, &g_interrupted, background);
  if (g_interrupted) throw Interrupted();
  if (o.choose_replicates && !o.ablation) {
    // The first run estimates each contrast's spread; the second gives every current test 80% power
    // at its minimal effect, as far as the cap allows.
    const int needed = replicatesFor80PercentPower(report, o.max_replicates);
    const bool again = needed > o.replicates;
    fmt::print("{}\n", zh ? fmt::format("为使每项现行检验在最小效应处达到 80% 功效: {} 次重复{}", needed,
                                        again ? ", 重新运行" : "")
                          : fmt::format("Replicates for 80% power at every current test's minimal effect: {}{}", needed,
                                        again ? "; running again" : ""));
    std::fflush(stdout);
    if (again) {
      options.replicates = needed;
      report = runClaims(book, selection, options, &progress, &g_interrupted, background);
      if (g_interrupted) throw Interrupted();
    }
  }
  const ClaimsMeta meta{reproducingCommand(o, report.replicates), o.file.empty() ? "claims/claims.toml" : o.file};
  writeClaimsFiles(dir, report, meta);
  // Written before the commit, so the report appears with the files it shows or not at all.
  if (o.report) writeReport(dir.staging(), dir.file("report.html"), o.lang, dir.target().string());
  dir.commit();
  auto files = claimsFileNames(report);
  if (o.report) files.emplace_back("report.html");

  fmt::print("\n{}", o.ablation ? ablationTable(report, zh) : claimsTable(report, zh));
  if (o.ablation) {
    fmt::print(
        "{}\n",
        zh ? "机制开启/关闭: 该效应的均值与 95% 区间。消除: 开启时存在, 关闭后区间含 0; 减弱: 关闭后仍在但不到一半;\n"
             "未消除: 关闭后仍超过一半; 无效应: 开启时也不存在。\"-\": 机制关闭时该指标不存在。"
           : "Mechanism on / off: the effect's mean and 95% interval. removed: there when on, its interval covers 0 "
             "when off;\n"
             "reduced: still there off but at most half as large; not removed: more than half; no effect: not there "
             "even when on.\n"
             "\"-\": the outcome does not exist with the mechanism off.");
  }
  if (zh) {
    fmt::print(
        "效应: 对比值在 {} 次重复间的均值与 95% t 区间 (同一随机数下逐次配对); 区间全在期望一侧且估计值达到最小效应为"
        "支持, 在另一侧为相反; 区间不含 0 但估计值小于最小效应为可忽略。\n"
        "输出已写入 {}/: {}\n",
        report.replicates, dir.target().string(), fmt::join(files, ", "));
  } else {
    fmt::print(
        "Effect: mean and 95% t-interval of the contrast over {} paired replicates (common random numbers);\n"
        "supported when the interval lies on the expected side of 0 and the estimate reaches the minimal effect,\n"
        "contradicted when the same holds on the other side, negligible when the interval excludes 0 but the "
        "estimate is smaller.\n"
        "Files written to {}/: {}\n",
        report.replicates, dir.target().string(), fmt::join(files, ", "));
  }
  return 0;
}

}  // namespace

CommandFn addClaimsCommand(CLI::App& app) {
  auto o = std::make_shared<ClaimsOptions>();
  CLI::App* cmd =
      app.add_subcommand("claims", "Test the paper's claims P1-P14 (or one of them) and the mechanisms' ablations");
  cmd->add_option("ids", o->ids, "Claims to run, e.g. P9 (default: all); with --ablation, claims or mechanism keys");
  cmd->add_flag("--ablation", o->ablation,
                "Show that switching each mechanism off removes the effect it is responsible for");
  cmd->add_flag("--list", o->list, "List the claims and exit");
  cmd->add_option("--file", o->file,
                  "A claims file in the format of claims/claims.toml (default: the built-in claims)");
  cmd->add_option("-n,--replicates", o->replicates, "Replicates per scenario")
      ->check(rangeOf("run.replicates"))
      ->capture_default_str();
  cmd->add_flag("--decompose", o->decompose,
                "For every claim test whose scenarios differ in several levers, run each lever alone and all but "
                "each, and show which carry the effect (default out/decomposition)")
      ->excludes("--ablation");
  cmd->add_option("--robustness", o->robustness,
                  "Judge every claim on N parameter sets drawn by Latin hypercube from the plausible ranges, into a "
                  "resumable database (--db); writes the shares of sets by verdict (default out/robustness)")
      ->check(wholeNumberIn(1, 100000))
      ->excludes("--ablation")
      ->excludes("--decompose");
  cmd->add_option("--posterior", o->posterior,
                  "With --robustness: draw the parameters of a calibration's posterior.csv (pilotsim calibrate) "
                  "jointly from its particles instead of from their plausible ranges")
      ->check(nonEmptyPath())
      ->needs("--robustness");
  cmd->add_option("--background", o->background,
                  "Judge the claims with a preset's values in place of the baseline's in every scenario (levers "
                  "a claim compares keep theirs), e.g. calibrated")
      ->excludes("--robustness")
      ->excludes("--decompose");
  cmd->add_option("--db", o->db, "With --robustness: the analysis' database (default out/robustness.db)")
      ->check(nonEmptyPath());
  cmd->add_option("--design-seed", o->design_seed, "With --robustness: seed of the Latin hypercube")
      ->check(wholeNumberIn(0, std::int64_t{1} << 53))
      ->capture_default_str();
  cmd->add_flag("--choose-replicates", o->choose_replicates,
                "Run at --replicates, then again with the replicates that give every current test 80% power at "
                "its minimal effect (at most --max-replicates)");
  cmd->add_option("--max-replicates", o->max_replicates, "The most replicates --choose-replicates may choose")
      ->check(rangeOf("run.replicates"))
      ->capture_default_str();
  cmd->add_option("-s,--seed", o->seed, "Seed shared by all scenarios")
      ->check(rangeOf("run.seed"))
      ->capture_default_str();
  o->months_opt = cmd->add_option("-m,--months", o->months,
                                  "Months simulated after burn-in in every scenario (default: the presets')")
                      ->check(rangeOf("run.months"));
  cmd->add_option("-t,--threads", o->threads, "Worker threads; 0 = one per hardware thread")
      ->check(wholeNumberIn(0, 4096))
      ->capture_default_str();
  cmd->add_option("-o,--out", o->out, "Output directory (default: out/claims, with --ablation out/ablation)")
      ->check(nonEmptyPath());
  addLangOption(*cmd, o->lang);
  cmd->add_flag("--overwrite", o->overwrite, "Replace the output directory if it exists");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress line");
  cmd->add_flag("--report", o->report,
                "Also write report.html, the charts of the claims, decomposition or robustness (opens in the --lang "
                "language)");
  return [o] { return claimsCommand(*o); };
}

}  // namespace pilotsim::cli
