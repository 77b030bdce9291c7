#include "pilotsim/io/ClaimsFiles.hpp"

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

/// "0.123 [0.1, 0.15]" with about three significant digits.
std::string intervalText(const Interval& iv) {
  if (iv.n == 0 || std::isnan(iv.mean)) return "-";
  return fmt::format("{:.3g} [{:.3g}, {:.3g}]", iv.mean, iv.lo, iv.hi);
}

const OutcomeInfo& outcomeInfo(const std::string& key) {
  return outcomeTable()[static_cast<std::size_t>(findOutcome(key))];
}

}  // namespace

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
    md += zh ? "| 命题 | 论文 | 检验 | 指标 | 期望 | 效应 [95% 区间] | 效应量 | 检验结论 | 命题结论 |\n"
             : "| claim | paper | test | outcome | expected | effect [95% interval] | effect size | test | claim |\n";
    md += "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& c : report.claims) {
      for (std::size_t i = 0; i < c.tests.size(); ++i) {
        const auto& t = c.tests[i];
        const auto& info = outcomeInfo(t.test->outcome);
        md += fmt::format("| {} | {} | `{}` | {} | {} | {} | {} | {} | {} |\n", i == 0 ? c.claim->id : "",
                          i == 0 ? "s." + c.claim->section : "", contrastText(*t.test), zh ? info.zh : info.en,
                          toString(t.test->expect), intervalText(t.effect),
                          std::isnan(t.effect_size) ? "-" : fmt::format("{:.2f}", t.effect_size),
                          zh ? toStringZh(t.verdict) : toString(t.verdict),
                          i == 0 ? fmt::format("**{}**", zh ? toStringZh(c.verdict) : toString(c.verdict)) : "");
      }
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
    csv.header({"claim", "section", "design", "test", "outcome", "contrast", "reference", "expect", "n", "effect",
                "effect_lo", "effect_hi", "effect_size", "test_verdict", "claim_verdict"});
    for (const auto& c : report.claims) {
      for (std::size_t i = 0; i < c.tests.size(); ++i) {
        const auto& t = c.tests[i];
        csv.field(c.claim->id).field(c.claim->section).field(c.claim->design).field(i + 1).field(t.test->outcome);
        csv.field(contrastText(*t.test)).field(t.test->reference).field(toString(t.test->expect)).field(t.effect.n);
        csv.field(t.effect.mean).field(t.effect.lo).field(t.effect.hi).field(t.effect_size);
        csv.field(toString(t.verdict)).field(toString(c.verdict)).endRow();
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
    Json tests = Json::array();
    for (const auto& t : c.tests) {
      tests.push_back({{"outcome", t.test->outcome},
                       {"contrast", contrastText(*t.test)},
                       {"expect", std::string(toString(t.test->expect))},
                       {"effect", intervalJson(t.effect)},
                       {"effect_size", numberJson(t.effect_size)},
                       {"verdict", std::string(toString(t.verdict))}});
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
  Json runs = Json::array();
  for (const auto& r : report.runs) runs.push_back({{"label", r.label}, {"scenario_toml", toToml(r.scenario)}});
  j["scenarios"] = std::move(runs);
  writeTextFile(dir.file("claims.json"), j.dump(2) + "\n");
  writeTextFile(dir.file("claims.md"), claimsMarkdown(report, meta, false));
}

}  // namespace pilotsim
