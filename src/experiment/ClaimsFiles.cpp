#include "pilotsim/experiment/ClaimsFiles.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pilotsim {
namespace {

/// A switch's name as the parameter table gives it, e.g. "packaging" / "形式包装".
std::string mechanismName(const std::string& key, bool zh) {
  const ParamSpec* spec = findParam(key);
  return spec == nullptr ? key : std::string(zh ? spec->zh : spec->en);
}

}  // namespace

std::string intervalText(const Interval& iv) {
  if (iv.n == 0 || std::isnan(iv.mean)) return "-";
  return fmt::format("{:.3g} [{:.3g}, {:.3g}]", iv.mean, iv.lo, iv.hi);
}

std::string pValueText(double p) {
  if (std::isnan(p)) return "-";
  return p < 0.001 ? "<0.001" : fmt::format("{:.3f}", p);
}

Json scenariosJson(const std::vector<ScenarioRun>& runs) {
  Json out = Json::array();
  for (const auto& r : runs) out.push_back({{"label", r.label}, {"scenario_toml", toToml(r.scenario)}});
  return out;
}

std::vector<std::string> claimsFileNames(const ClaimsReport& report) {
  std::vector<std::string> names;
  if (!report.claims.empty()) names.insert(names.end(), {"claims.csv", "claim_levels.csv"});
  if (!report.ablations.empty()) names.emplace_back("ablation.csv");
  names.insert(names.end(), {"claims.json", "claims.md"});
  return names;
}

std::string claimsMarkdown(const ClaimsReport& report, const ClaimsMeta& meta, bool zh) {
  std::string md;
  md += fmt::format("<!-- {} {} ({} {}): {} -->\n\n", zh ? "由此命令生成" : "made by", programVersion(),
                    zh ? "模型版本" : "model version", kModelVersion, meta.command);
  if (!report.claims.empty()) {
    md +=
        zh ? "| 命题 | 论文 | # | 检验 | 指标 | 期望 | 效应 [95% 区间] | 最小效应 | d | p | Holm p | 功效 | 80% "
             "所需重复 | "
             "检验结论 | Holm 结论 | 命题结论 | Holm | 首次设定 |\n"
           : "| claim | paper | # | test | outcome | expected | effect [95% interval] | minimal effect | d | p | "
             "Holm p | power | replicates for 80% | test | test (Holm) | claim | claim (Holm) | as first specified |\n";
    md += "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    const auto verdict = [zh](auto v) { return std::string(zh ? toStringZh(v) : toString(v)); };
    for (const auto& c : report.claims) {
      for (std::size_t i = 0; i < c.tests.size(); ++i) {
        const auto& t = c.tests[i];
        const auto& info = outcomeInfo(t.test->outcome);
        const std::string mark = t.test->superseded ? "\\*" : t.test->revises >= 0 ? "r" : "";
        md += fmt::format(
            "| {} | {} | {}{} | `{}` | {} | {} | {} | {:g} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            i == 0 ? c.claim->id : "", i == 0 ? "s." + c.claim->section : "", i + 1, mark, contrastText(*t.test),
            zh ? info.zh : info.en, toString(t.test->expect), intervalText(t.effect), t.test->minimal_effect,
            std::isnan(t.effect_size) ? "-" : fmt::format("{:.2f}", t.effect_size), pValueText(t.p),
            pValueText(t.p_holm), std::isnan(t.power) ? "-" : fmt::format("{:.2f}", t.power),
            t.replicates_80 > 0 ? std::to_string(t.replicates_80) : "-", verdict(t.verdict), verdict(t.verdict_holm),
            i == 0 ? fmt::format("**{}**", verdict(c.verdict)) : "", i == 0 ? verdict(c.verdict_holm) : "",
            i == 0 ? verdict(c.verdict_first) : "");
      }
    }
    md += zh ? "\n\\* 首次设定、后被修订的检验(仍照常运行与报告,不计入命题结论,计入“首次设定”一栏);r 修订后的检验。\n"
             : "\n\\* a test as first specified that a later test revised: it still runs and is reported, and counts "
               "in the claim's verdict as first specified, not in its current verdict; r a revision.\n";
    bool any = false;
    for (const auto& c : report.claims)
      for (std::size_t i = 0; i < c.tests.size(); ++i) {
        const ClaimTest& t = *c.tests[i].test;
        if (t.revises < 0) continue;
        if (!any) md += zh ? "\n修订:\n\n" : "\nRevisions:\n\n";
        any = true;
        md += fmt::format("- {} {} {}, {}: {}\n", c.claim->id, zh ? "检验" : "test", i + 1,
                          testStatusText(*c.claim, i, zh), t.revision_reason);
      }
    md += "\n";
  }
  if (!report.ablations.empty()) {
    md += zh ? "| 机制 | 负责的效应 | 命题 | 指标 | 机制开启 | 机制关闭 | 结论 |\n"
             : "| mechanism | effect it is responsible for | claim | outcome | mechanism on | mechanism off | verdict "
               "|\n";
    md += "|---|---|---|---|---|---|---|\n";
    for (const auto& a : report.ablations) {
      const auto& s = *a.ablation;
      const auto& info = outcomeInfo(s.outcome);
      md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", mechanismName(s.mechanism, zh),
                        zh ? s.effect_zh : s.effect_en, s.claim.empty() ? "-" : s.claim, zh ? info.zh : info.en,
                        intervalText(a.on), intervalText(a.off), zh ? toStringZh(a.verdict) : toString(a.verdict));
    }
  }
  return md;
}

void writeClaimsFiles(const OutputDirectory& dir, const ClaimsReport& report, const ClaimsMeta& meta) {
  if (!report.claims.empty()) {
    CsvWriter csv(dir.file("claims.csv"));
    csv.header({"claim",
                "section",
                "design",
                "test",
                "outcome",
                "contrast",
                "reference",
                "expect",
                "n",
                "effect",
                "effect_lo",
                "effect_hi",
                "effect_size",
                "test_verdict",
                "claim_verdict",
                "minimal_effect",
                "p",
                "p_holm",
                "test_verdict_holm",
                "power",
                "replicates_80",
                "status",
                "revises",
                "revised_on",
                "superseded",
                "claim_verdict_holm",
                "claim_verdict_first"});
    for (const auto& c : report.claims) {
      for (std::size_t i = 0; i < c.tests.size(); ++i) {
        const auto& t = c.tests[i];
        csv.field(c.claim->id).field(c.claim->section).field(c.claim->design).field(i + 1).field(t.test->outcome);
        csv.field(contrastText(*t.test)).field(t.test->reference).field(toString(t.test->expect)).field(t.effect.n);
        csv.field(t.effect.mean).field(t.effect.lo).field(t.effect.hi).field(t.effect_size);
        csv.field(toString(t.verdict)).field(toString(c.verdict)).field(t.test->minimal_effect).field(t.p);
        csv.field(t.p_holm).field(toString(t.verdict_holm)).field(t.power).field(t.replicates_80);
        csv.field(testStatusText(*c.claim, i)).field(t.test->revises >= 0 ? t.test->revises + 1 : 0);
        csv.field(t.test->revised_on).field(t.test->superseded ? "true" : "false").field(toString(c.verdict_holm));
        csv.field(toString(c.verdict_first)).endRow();
      }
    }
    csv.close();
    CsvWriter levels(dir.file("claim_levels.csv"));
    levels.header({"claim", "scenario", "outcome", "n", "mean", "lo", "hi", "sd"});
    for (const auto& c : report.claims) {
      for (std::size_t s = 0; s < c.claim->scenarios.size(); ++s) {
        for (std::size_t i = 0; i < c.tests.size(); ++i) {
          const Interval& iv = c.levels[s][i];
          levels.field(c.claim->id).field(c.claim->scenarios[s].name).field(c.tests[i].test->outcome).field(iv.n);
          levels.field(iv.mean).field(iv.lo).field(iv.hi).field(iv.sd).endRow();
        }
      }
    }
    levels.close();
  }
  if (!report.ablations.empty()) {
    CsvWriter csv(dir.file("ablation.csv"));
    csv.header({"mechanism", "claim", "outcome", "on", "on_lo", "on_hi", "off", "off_lo", "off_hi", "difference",
                "difference_lo", "difference_hi", "verdict"});
    for (const auto& a : report.ablations) {
      csv.field(a.ablation->mechanism).field(a.ablation->claim).field(a.ablation->outcome);
      csv.field(a.on.mean).field(a.on.lo).field(a.on.hi).field(a.off.mean).field(a.off.lo).field(a.off.hi);
      csv.field(a.difference.mean).field(a.difference.lo).field(a.difference.hi).field(toString(a.verdict)).endRow();
    }
    csv.close();
  }

  Json j = provenanceJson(meta.command, report.seed, report.replicates);
  j["claims_file"] = meta.source;
  Json claims = Json::array();
  for (const auto& c : report.claims) {
    Json cj;
    cj["id"] = c.claim->id;
    cj["statement_en"] = c.claim->statement_en;
    cj["statement_zh"] = c.claim->statement_zh;
    cj["section"] = c.claim->section;
    cj["design"] = c.claim->design;
    cj["verdict"] = std::string(toString(c.verdict));
    cj["verdict_holm"] = std::string(toString(c.verdict_holm));
    cj["verdict_first"] = std::string(toString(c.verdict_first));
    Json tests = Json::array();
    for (std::size_t i = 0; i < c.tests.size(); ++i) {
      const auto& t = c.tests[i];
      Json tj = {{"outcome", t.test->outcome},
                 {"contrast", contrastText(*t.test)},
                 {"expect", std::string(toString(t.test->expect))},
                 {"effect", intervalJson(t.effect)},
                 {"effect_size", numberJson(t.effect_size)},
                 {"verdict", std::string(toString(t.verdict))},
                 {"minimal_effect", t.test->minimal_effect},
                 {"p", numberJson(t.p)},
                 {"p_holm", numberJson(t.p_holm)},
                 {"verdict_holm", std::string(toString(t.verdict_holm))},
                 {"power", numberJson(t.power)},
                 {"replicates_80", t.replicates_80},
                 {"status", testStatusText(*c.claim, i)},
                 {"superseded", t.test->superseded}};
      if (t.test->revises >= 0) {
        tj["revises"] = t.test->revises + 1;
        tj["revised_on"] = t.test->revised_on;
        tj["reason"] = t.test->revision_reason;
      }
      tests.push_back(std::move(tj));
    }
    cj["tests"] = std::move(tests);
    claims.push_back(std::move(cj));
  }
  j["claims"] = std::move(claims);
  Json ablations = Json::array();
  for (const auto& a : report.ablations) {
    ablations.push_back({{"mechanism", a.ablation->mechanism},
                         {"claim", a.ablation->claim},
                         {"outcome", a.ablation->outcome},
                         {"effect_en", a.ablation->effect_en},
                         {"effect_zh", a.ablation->effect_zh},
                         {"on", intervalJson(a.on)},
                         {"off", intervalJson(a.off)},
                         {"difference", intervalJson(a.difference)},
                         {"verdict", std::string(toString(a.verdict))}});
  }
  j["ablations"] = std::move(ablations);
  j["scenarios"] = scenariosJson(report.runs);
  writeTextFile(dir.file("claims.json"), j.dump(2) + "\n");
  writeTextFile(dir.file("claims.md"), claimsMarkdown(report, meta, false));
}

}  // namespace pilotsim
