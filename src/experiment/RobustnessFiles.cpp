#include "pilotsim/experiment/RobustnessFiles.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/sensitivity/DesignCsv.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pilotsim {
namespace {

constexpr Verdict kVerdicts[] = {Verdict::Supported, Verdict::Inconclusive, Verdict::NotSupported};
constexpr TestVerdict kTestVerdicts[] = {TestVerdict::Supported, TestVerdict::Negligible, TestVerdict::Inconclusive,
                                         TestVerdict::Contradicted};

const VerdictShare& of(const VerdictShare (&shares)[3], Verdict v) { return shares[static_cast<std::size_t>(v)]; }
const VerdictShare& of(const VerdictShare (&shares)[4], TestVerdict v) { return shares[static_cast<std::size_t>(v)]; }

std::string expectText(Direction d) { return d == Direction::Higher ? "higher" : "lower"; }

/// "47% [41, 53]": a share with its Wilson interval, in percent.
std::string shareText(const VerdictShare& s) {
  if (std::isnan(s.share)) return "-";
  return fmt::format("{:.0f}% [{:.0f}, {:.0f}]", 100 * s.share, 100 * s.lo, 100 * s.hi);
}

std::string number(double x) { return std::isfinite(x) ? fmt::format("{:.3g}", x) : "-"; }

Json shareJson(const VerdictShare& s) {
  return {{"count", s.count}, {"share", numberJson(s.share)}, {"lo", numberJson(s.lo)}, {"hi", numberJson(s.hi)}};
}

Json claimVerdictsJson(const VerdictShare (&shares)[3]) {
  Json j = Json::object();
  for (const Verdict v : kVerdicts) j[std::string(toString(v))] = shareJson(of(shares, v));
  return j;
}

int judgedSets(const RobustnessResult& r) { return r.sets_done - r.sets_failed; }

void writeClaimShares(const RobustnessResult& r, const std::filesystem::path& file) {
  CsvWriter csv(file);
  csv.header({"claim", "reading", "verdict", "sets", "count", "share", "share_lo", "share_hi"});
  for (const auto& c : r.claims) {
    const std::pair<const char*, const VerdictShare(&)[3]> readings[] = {
        {"current", c.current}, {"holm", c.holm}, {"first", c.first}};
    for (const auto& [reading, shares] : readings)
      for (const Verdict v : kVerdicts) {
        const VerdictShare& s = of(shares, v);
        csv.field(c.claim->id).field(reading).field(toString(v)).field(judgedSets(r)).field(s.count);
        csv.field(s.share).field(s.lo).field(s.hi).endRow();
      }
  }
  csv.close();
}

void writeTestShares(const RobustnessResult& r, const std::filesystem::path& file) {
  CsvWriter csv(file);
  csv.header({"claim", "test", "status", "outcome", "expect", "minimal_effect", "effect_median", "effect_q05",
              "effect_q95", "verdict", "sets", "count", "share", "share_lo", "share_hi"});
  for (const auto& c : r.claims)
    for (const auto& t : c.tests) {
      const ClaimTest& spec = c.claim->tests[t.test];
      for (const TestVerdict v : kTestVerdicts) {
        const VerdictShare& s = of(t.shares, v);
        csv.field(c.claim->id).field(t.test + 1).field(testStatusText(*c.claim, t.test)).field(spec.outcome);
        csv.field(expectText(spec.expect)).field(spec.minimal_effect).field(t.median).field(t.q05).field(t.q95);
        csv.field(toString(v)).field(judgedSets(r)).field(s.count).field(s.share).field(s.lo).field(s.hi).endRow();
      }
    }
  csv.close();
}

void writeDrivers(const RobustnessResult& r, const std::filesystem::path& file) {
  CsvWriter csv(file);
  csv.header({"claim", "test", "outcome", "rank", "parameter", "rho", "rho_lo", "rho_hi"});
  for (const auto& c : r.claims)
    for (const auto& t : c.tests)
      for (std::size_t i = 0; i < t.drivers.size(); ++i) {
        const auto& d = t.drivers[i];
        csv.field(c.claim->id).field(t.test + 1).field(c.claim->tests[t.test].outcome).field(i + 1);
        csv.field(d.parameter).field(d.rho).field(d.lo).field(d.hi).endRow();
      }
  csv.close();
}

std::string_view setStatus(const RobustnessResult& r, std::size_t row) {
  if (!r.done[row]) return "pending";
  return r.judged[row] ? "done" : "failed";
}

void writeSets(const RobustnessResult& r, const std::filesystem::path& tests_file,
               const std::filesystem::path& claims_file) {
  CsvWriter tests(tests_file), claims(claims_file);
  tests.header({"set", "status", "claim", "test", "outcome", "effect", "effect_lo", "effect_hi", "p", "effect_size",
                "verdict", "verdict_holm"});
  claims.header({"set", "status", "claim", "verdict", "verdict_holm", "verdict_first"});
  for (std::size_t row = 0; row < r.design.runCount(); ++row) {
    const std::int64_t set = r.design.runs[row].run;
    const std::string_view status = setStatus(r, row);
    std::size_t k = 0;
    for (const auto& c : r.claims) {
      claims.field(set).field(status).field(c.claim->id);
      if (r.judged[row])
        claims.field(toString(c.verdict[row]))
            .field(toString(c.verdict_holm[row]))
            .field(toString(c.verdict_first[row]));
      else
        claims.missing().missing().missing();
      claims.endRow();
      for (const auto& t : c.tests) {
        tests.field(set).field(status).field(c.claim->id).field(t.test + 1).field(c.claim->tests[t.test].outcome);
        for (std::size_t v = 0; v < kRobustnessValuesPerTest; ++v) tests.field(r.values[row][k + v]);
        k += kRobustnessValuesPerTest;
        if (r.judged[row])
          tests.field(toString(t.verdict[row])).field(toString(t.verdict_holm[row]));
        else
          tests.missing().missing();
        tests.endRow();
      }
    }
  }
  tests.close();
  claims.close();
}

Json summaryJson(const RobustnessResult& r, const RobustnessMeta& meta) {
  Json j = provenanceJson(meta.command, r.spec.seed, r.spec.replicates);
  j["run_by"] = meta.run_by;
  j["claims_file"] = r.spec.claims_file;
  j["database"] = meta.database;
  j["sets"] = r.design.runCount();
  j["sets_done"] = r.sets_done;
  j["sets_failed"] = r.sets_failed;
  j["months"] = r.spec.months;
  j["design_seed"] = r.spec.design_seed;
  j["chance_rho"] = numberJson(r.chance_rho);
  Json parameters = Json::array();
  for (const auto& f : robustnessFactors())
    parameters.push_back({{"key", f.name}, {"zh", f.zh}, {"en", f.en}, {"min", f.min}, {"max", f.max}});
  j["parameters"] = std::move(parameters);
  Json claims = Json::array();
  for (const auto& c : r.claims) {
    Json tests = Json::array();
    for (const auto& t : c.tests) {
      const ClaimTest& spec = c.claim->tests[t.test];
      Json verdicts = Json::object();
      for (const TestVerdict v : kTestVerdicts) verdicts[std::string(toString(v))] = shareJson(of(t.shares, v));
      Json drivers = Json::array();
      for (const auto& d : t.drivers) {
        const ParamSpec* p = findParam(d.parameter);
        drivers.push_back({{"parameter", d.parameter},
                           {"zh", p ? p->zh : d.parameter},
                           {"en", p ? p->en : d.parameter},
                           {"rho", numberJson(d.rho)},
                           {"lo", numberJson(d.lo)},
                           {"hi", numberJson(d.hi)}});
      }
      tests.push_back(
          {{"test", t.test + 1},
           {"outcome", spec.outcome},
           {"status", testStatusText(*c.claim, t.test)},
           {"superseded", spec.superseded},
           {"expect", expectText(spec.expect)},
           {"minimal_effect", spec.minimal_effect},
           {"effect", {{"median", numberJson(t.median)}, {"q05", numberJson(t.q05)}, {"q95", numberJson(t.q95)}}},
           {"verdicts", std::move(verdicts)},
           {"drivers", std::move(drivers)}});
    }
    claims.push_back({{"id", c.claim->id},
                      {"statement_zh", c.claim->statement_zh},
                      {"statement_en", c.claim->statement_en},
                      {"verdicts",
                       {{"current", claimVerdictsJson(c.current)},
                        {"holm", claimVerdictsJson(c.holm)},
                        {"first", claimVerdictsJson(c.first)}}},
                      {"tests", std::move(tests)}});
  }
  j["claims"] = std::move(claims);
  return j;
}

}  // namespace

std::vector<std::string> robustnessFileNames() {
  return {"robustness.csv",
          "robustness_tests.csv",
          "robustness_drivers.csv",
          "robustness_sets.csv",
          "robustness_claim_sets.csv",
          "design.csv",
          "robustness.json",
          "robustness.md",
          "robustness.toml"};
}

std::string robustnessMarkdown(const RobustnessResult& r, const RobustnessMeta& meta, bool zh) {
  std::string md = fmt::format("<!-- {} {} ({} {}): {} -->\n\n", zh ? "由此命令生成" : "made by", meta.run_by,
                               zh ? "模型版本" : "model version", kModelVersion, meta.command);
  md += zh ? fmt::format(
                 "{} 组参数 (拉丁超立方, 各参数在其合理范围内), 完成 {} 组, 其中 {} 组违反参数间规则未判定; "
                 "每组每个情景 {} 次重复, 种子 {}。百分比为判定组中的占比及 95% Wilson 区间。\n\n",
                 r.design.runCount(), r.sets_done, r.sets_failed, r.spec.replicates, r.spec.seed)
           : fmt::format(
                 "{} parameter sets (Latin hypercube over every sampled parameter's plausible range), {} done, "
                 "{} of them breaking a cross-parameter rule and not judged; {} replicates per scenario and "
                 "set, seed {}. Shares are of the judged sets, with 95% Wilson intervals.\n\n",
                 r.design.runCount(), r.sets_done, r.sets_failed, r.spec.replicates, r.spec.seed);
  md +=
      zh ? "| 命题 | 支持 | 不确定 | 不支持 | 支持 (Holm) | 支持 (首次设定) |\n"
         : "| claim | supported | inconclusive | not supported | supported (Holm) | supported (as first specified) |\n";
  md += "|---|---|---|---|---|---|\n";
  for (const auto& c : r.claims)
    md += fmt::format("| {} | {} | {} | {} | {} | {} |\n", c.claim->id, shareText(of(c.current, Verdict::Supported)),
                      shareText(of(c.current, Verdict::Inconclusive)), shareText(of(c.current, Verdict::NotSupported)),
                      shareText(of(c.holm, Verdict::Supported)), shareText(of(c.first, Verdict::Supported)));
  md += zh ? "\n| 命题 | # | 状态 | 指标 | 效应中位数 [5%, 95%] | 支持 | 可忽略 | 不确定 | 相反 | 主要驱动参数 "
             "(Spearman ρ) |\n"
           : "\n| claim | # | status | outcome | effect median [5%, 95%] | supported | negligible | inconclusive | "
             "contradicted | main drivers (Spearman ρ) |\n";
  md += "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& c : r.claims)
    for (const auto& t : c.tests) {
      const ClaimTest& spec = c.claim->tests[t.test];
      std::string drivers;
      for (std::size_t i = 0; i < t.drivers.size() && i < 3; ++i)
        drivers += fmt::format("{}`{}` {:+.2f}", i ? "; " : "", t.drivers[i].parameter, t.drivers[i].rho);
      const auto& info = outcomeInfo(spec.outcome);
      md += fmt::format("| {} | {} | {} | {} | {} [{}, {}] | {} | {} | {} | {} | {} |\n", c.claim->id, t.test + 1,
                        testStatusText(*c.claim, t.test, zh), zh ? info.zh : info.en, number(t.median), number(t.q05),
                        number(t.q95), shareText(of(t.shares, TestVerdict::Supported)),
                        shareText(of(t.shares, TestVerdict::Negligible)),
                        shareText(of(t.shares, TestVerdict::Inconclusive)),
                        shareText(of(t.shares, TestVerdict::Contradicted)), drivers.empty() ? "-" : drivers);
    }
  md += zh ? fmt::format(
                 "\n驱动参数: 各组参数上检验效应与每个参数的 Spearman 秩相关, 取绝对值最大的三个。"
                 "参数与效应无关时, {} 个参数中最大的 |ρ| 超过 {:.2f} 的概率为 5% (Bonferroni), 小于此值的"
                 "驱动可能只是偶然。\n",
                 r.design.factorCount(), r.chance_rho)
           : fmt::format(
                 "\nDrivers: Spearman's rank correlation of the test's effect with each parameter over the "
                 "sets, the three largest in absolute value. Were no parameter related to the effect, the "
                 "largest |ρ| of the {} would exceed {:.2f} with probability 5% (Bonferroni): a driver below "
                 "that may be chance.\n",
                 r.design.factorCount(), r.chance_rho);
  return md;
}

void writeRobustnessFiles(const OutputDirectory& dir, const RobustnessResult& r, const RobustnessMeta& meta) {
  writeClaimShares(r, dir.file("robustness.csv"));
  writeTestShares(r, dir.file("robustness_tests.csv"));
  writeDrivers(r, dir.file("robustness_drivers.csv"));
  writeSets(r, dir.file("robustness_sets.csv"), dir.file("robustness_claim_sets.csv"));
  {
    CsvWriter csv(dir.file("design.csv"));
    sensitivity::writeDesignCsv(r.design, csv);
    csv.close();
  }
  writeTextFile(dir.file("robustness.json"), summaryJson(r, meta).dump(2) + "\n");
  writeTextFile(dir.file("robustness.md"), robustnessMarkdown(r, meta, false));
  writeTextFile(dir.file("robustness.toml"), robustnessDefinitionText(r.spec));
}

}  // namespace pilotsim
