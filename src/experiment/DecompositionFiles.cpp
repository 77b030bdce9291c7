#include "pilotsim/experiment/DecompositionFiles.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pilotsim {
namespace {

std::string shareText(double share) { return std::isnan(share) ? "-" : fmt::format("{:.0f}%", 100 * share); }

std::string outcomeName(const std::string& key, bool zh) {
  const auto& info = outcomeInfo(key);
  return std::string(zh ? info.zh : info.en);
}

std::string leverName(const std::string& key, bool zh) {
  const ParamSpec* spec = findParam(key);
  return fmt::format("`{}` ({})", key, spec == nullptr ? key : std::string(zh ? spec->zh : spec->en));
}

}  // namespace

std::vector<std::string> decompositionFileNames() {
  return {"decomposition.csv", "decomposition.json", "decomposition.md"};
}

std::string decompositionMarkdown(const DecompositionReport& report, const ClaimsMeta& meta, bool zh) {
  std::string md = fmt::format("<!-- {} {} ({} {}): {} -->\n\n", zh ? "由此命令生成" : "made by", programVersion(),
                               zh ? "模型版本" : "model version", kModelVersion, meta.command);
  md += zh ? "| 命题 | # | 指标 | 差值 | 全部效应 | 杠杆 | 对照 → 处理 | 仅此杠杆 | 除此之外全部 | 单独占比 | "
             "去掉后损失 | "
             "承载效应 |\n"
           : "| claim | # | outcome | difference | full effect | lever | control → treated | lever alone | all but "
             "this lever | share alone | share lost without it | carries it |\n";
  md += "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& d : report.tests) {
    const ClaimTest& t = d.claim->tests[d.test];
    for (std::size_t l = 0; l < d.levers.size(); ++l) {
      const LeverEffect& lever = d.levers[l];
      const bool first = l == 0;
      md += fmt::format("| {} | {} | {} | {} | {} | {} | {} → {} | {} | {} | {} | {} | {} |\n",
                        first ? d.claim->id : "", first ? std::to_string(d.test + 1) : "",
                        first ? outcomeName(t.outcome, zh) : "", first ? "`" + d.treated + " - " + d.control + "`" : "",
                        first ? intervalText(d.full) : "", leverName(lever.key, zh), lever.control, lever.treated,
                        lever.problem.empty() ? intervalText(lever.alone) : "-",
                        lever.problem.empty() ? intervalText(lever.without) : "-", shareText(lever.share_alone),
                        shareText(lever.share_lost), lever.carries ? (zh ? "**是**" : "**yes**") : "");
    }
  }
  md +=
      zh ? "\n仅此杠杆: 对照情景只改这一个杠杆; 除此之外全部: 处理情景把这个杠杆改回对照值。单独达到全部效应一半以上, "
           "或去掉后损失一半以上, 即为承载效应。\n"
         : "\nLever alone: the control scenario with only this lever changed; all but this lever: the treated "
           "scenario with this lever back at the control's value. A lever carries the effect when alone it gives at "
           "least half of it, or when taking it away loses at least half.\n";
  bool problems = false;
  for (const auto& d : report.tests)
    for (const auto& lever : d.levers)
      if (!lever.problem.empty()) {
        if (!problems) md += zh ? "\n无法运行的变体:\n\n" : "\nVariants that could not run:\n\n";
        problems = true;
        md += fmt::format("- {} {} `{}`: {}\n", d.claim->id, d.test + 1, lever.key, lever.problem);
      }
  return md;
}

void writeDecompositionFiles(const OutputDirectory& dir, const DecompositionReport& report, const ClaimsMeta& meta) {
  CsvWriter csv(dir.file("decomposition.csv"));
  csv.header({"claim",    "test",     "outcome", "contrast",   "treated",       "control",       "n",
              "full",     "full_lo",  "full_hi", "lever",      "control_value", "treated_value", "alone",
              "alone_lo", "alone_hi", "without", "without_lo", "without_hi",    "share_alone",   "share_lost",
              "carries",  "problem"});
  Json tests = Json::array();
  for (const auto& d : report.tests) {
    const ClaimTest& t = d.claim->tests[d.test];
    Json levers = Json::array();
    for (const auto& lever : d.levers) {
      csv.field(d.claim->id).field(d.test + 1).field(t.outcome).field(d.treated + " - " + d.control).field(d.treated);
      csv.field(d.control).field(d.full.n).field(d.full.mean).field(d.full.lo).field(d.full.hi).field(lever.key);
      csv.field(lever.control).field(lever.treated).field(lever.alone.mean).field(lever.alone.lo);
      csv.field(lever.alone.hi).field(lever.without.mean).field(lever.without.lo).field(lever.without.hi);
      csv.field(lever.share_alone).field(lever.share_lost).field(lever.carries ? "true" : "false");
      csv.field(lever.problem).endRow();
      levers.push_back({{"lever", lever.key},
                        {"control_value", lever.control},
                        {"treated_value", lever.treated},
                        {"alone", intervalJson(lever.alone)},
                        {"without", intervalJson(lever.without)},
                        {"share_alone", numberJson(lever.share_alone)},
                        {"share_lost", numberJson(lever.share_lost)},
                        {"carries", lever.carries},
                        {"problem", lever.problem}});
    }
    tests.push_back({{"claim", d.claim->id},
                     {"test", d.test + 1},
                     {"outcome", t.outcome},
                     {"difference", d.treated + " - " + d.control},
                     {"treated", d.treated},
                     {"control", d.control},
                     {"full", intervalJson(d.full)},
                     {"levers", std::move(levers)}});
  }
  csv.close();
  Json j = provenanceJson(meta.command, report.seed, report.replicates);
  j["claims_file"] = meta.source;
  j["tests"] = std::move(tests);
  j["scenarios"] = scenariosJson(report.runs);
  writeTextFile(dir.file("decomposition.json"), j.dump(2) + "\n");
  writeTextFile(dir.file("decomposition.md"), decompositionMarkdown(report, meta, false));
}

}  // namespace pilotsim
