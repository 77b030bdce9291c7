// The report of a `pilotsim claims --robustness N` directory, from robustness.json: how often each
// claim holds over the parameter sets, each test's verdicts and effect over the sets, and which
// parameters drive each effect (experiment/ClaimRobustness.hpp defines them).
#include "pilotsim/report/ReportData.hpp"

#include "report/ChartJson.hpp"
#include "report/ClaimsParts.hpp"

#include "pilotsim/core/Names.hpp"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

using namespace report;

/// The three claim verdicts (experiment/ClaimEvaluation.hpp) in the order of the bars, with the keys
/// robustness.json writes them under.
struct VerdictName {
  const char *key, *zh, *en;
};
constexpr VerdictName kClaimVerdicts[] = {{"supported", "支持", "supported"},
                                          {"inconclusive", "不确定", "inconclusive"},
                                          {"not supported", "不支持", "not supported"}};
constexpr VerdictName kTestVerdicts[] = {{"supported", "支持", "supported"},
                                         {"negligible", "可忽略", "negligible"},
                                         {"inconclusive", "不确定", "inconclusive"},
                                         {"contradicted", "相反", "contradicted"}};
/// The readings of a claim's verdict: its current tests raw, Holm-adjusted, its tests as first specified.
constexpr VerdictName kReadings[] = {{"current", "现行检验", "current tests"},
                                     {"holm", "Holm 校正", "Holm-adjusted"},
                                     {"first", "首次设定", "as first specified"}};

/// "47% [41, 53]": a share of the judged sets with its Wilson interval.
std::string shareText(const JsonAt& v) {
  const double share = v["share"].number(), lo = v["lo"].number(), hi = v["hi"].number();
  if (!std::isfinite(share)) return "-";
  if (!std::isfinite(lo) || !std::isfinite(hi)) return percentText(share);
  return fmt::format("{:.0f}% [{:.0f}, {:.0f}]", 100 * share, 100 * lo, 100 * hi);
}

/// A test's status (experiment/ClaimEvaluation.cpp testStatusText writes it in English) in both
/// languages; a form this program does not write is shown as it is.
Json statusText(const std::string& en) {
  constexpr std::string_view kFirst = "as first specified", kBy = "as first specified, superseded by test ",
                             kRevision = "revision of test ";
  if (en == kFirst) return text("首次设定", en);
  if (en == "as first specified, superseded") return text("首次设定,已修订", en);
  if (en.rfind(kBy, 0) == 0) return text(fmt::format("首次设定,已由第 {} 项修订", en.substr(kBy.size())), en);
  if (en.rfind(kRevision, 0) == 0) {
    const std::string rest = en.substr(kRevision.size());  // "2 (2024-05-01)"
    const std::size_t space = rest.find(' ');
    if (space != std::string::npos)
      return text(fmt::format("修订第 {} 项检验 {}", rest.substr(0, space), rest.substr(space + 1)), en);
  }
  return same(en);
}

/// "P12 test 3: promotion accuracy" in both languages.
Json testLabel(const std::string& claim, std::uint64_t test, const Json& outcome) {
  return text(fmt::format("{} 检验{}：{}", claim, test, outcome["zh"].get<std::string>()),
              fmt::format("{} test {}: {}", claim, test, outcome["en"].get<std::string>()));
}

/// What the captions say about the sets.
struct Sets {
  std::uint64_t sets, done, failed, replicates, seed, parameters;
  std::uint64_t judged() const { return done >= failed ? done - failed : 0; }
};

Json setsText(const Sets& s) {
  const std::string pending_zh = s.done < s.sets ? fmt::format("，{} 组尚未运行", s.sets - s.done) : "";
  const std::string pending_en = s.done < s.sets ? fmt::format("; {} not run yet", s.sets - s.done) : "";
  return text(fmt::format("判定 {} 组，{} 组违反参数间规则未判定{}；每组每个情景 {} 次重复。", s.judged(), s.failed,
                          pending_zh, s.replicates),
              fmt::format("{} sets judged, {} broke a cross-parameter rule and were not{}; {} replicates per scenario "
                          "and set.",
                          s.judged(), s.failed, pending_en, s.replicates));
}

Json robustnessMap(const JsonAt& claims, const Sets& sets, const std::string& command) {
  const Json about = setsText(sets);
  Json c = chart(
      "robustness-map", "bars", text("命题在参数空间中的稳健性", "How robust each claim is over the parameters"),
      caption(fmt::format("从每个被抽样参数（共 {} 个）的合理范围中以拉丁超立方抽取 {} 组参数，每组参数下运行并判定"
                          "每个命题；柱高为判定组中命题得到支持、不确定、不支持（有检验相反）的比例，误差线为 95% "
                          "Wilson 区间。{}可选现行检验、Holm 校正后的检验，或首次设定的检验。取自 robustness.json。",
                          sets.parameters, sets.sets, about["zh"].get<std::string>()),
              fmt::format("{} parameter sets drawn by Latin hypercube from the plausible range of every sampled "
                          "parameter ({} of them), each set run with every claim: the bars are the shares of the "
                          "judged sets in which the claim is supported, inconclusive or not supported (a test "
                          "contradicted), the whiskers 95% Wilson intervals. {} Shown for the current tests, for "
                          "them Holm-adjusted, or for the tests as first specified. From robustness.json.",
                          sets.sets, sets.parameters, about["en"].get<std::string>()),
              command));
  for (const auto& reading : kReadings) {
    Json categories = Json::array();
    Json series = Json::array();
    for (const auto& v : kClaimVerdicts)
      series.push_back({{"name", text(v.zh, v.en)},
                        {"verdict", v.key},
                        {"value", Json::array()},
                        {"lo", Json::array()},
                        {"hi", Json::array()}});
    for (std::size_t i = 0; i < claims.size(); ++i) {
      const JsonAt claim = claims[i];
      categories.push_back(same(claim["id"].string()));
      const JsonAt shares = claim["verdicts"][reading.key];
      for (std::size_t k = 0; k < std::size(kClaimVerdicts); ++k) {
        const JsonAt v = shares[kClaimVerdicts[k].key];
        series[k]["value"].push_back(numberJson(v["share"].number()));
        series[k]["lo"].push_back(numberJson(v["lo"].number()));
        series[k]["hi"].push_back(numberJson(v["hi"].number()));
      }
    }
    c["variants"].push_back({{"label", text(reading.zh, reading.en)},
                             {"x_name", text("命题", "claim")},
                             {"y_name", text("判定组中的比例", "share of the judged sets")},
                             {"categories", std::move(categories)},
                             {"series", std::move(series)}});
  }
  return c;
}

/// "promotion drive (ρ = 0.61)" for the first three drivers, "-" when there are none.
std::string driversText(const JsonAt& drivers, const char* lang) {
  std::string out;
  for (std::size_t i = 0; i < drivers.size() && i < 3; ++i) {
    const JsonAt d = drivers[i];
    const double rho = d["rho"].number();
    out += fmt::format("{}{} (ρ = {})", i ? "; " : "", d[lang].string(),
                       std::isfinite(rho) ? fmt::format("{:.2f}", rho) : std::string("-"));
  }
  return out.empty() ? "-" : out;
}

/// The level of |rho| that chance alone reaches (robustness.json's chance_rho), for the captions;
/// empty when the file does not give it.
Json chanceText(double chance_rho) {
  if (!std::isfinite(chance_rho)) return text("", "");
  // With few sets the 5% level of the largest of many |rho| is beyond 1: no driver can be told from chance.
  if (chance_rho >= 1)
    return text("判定组太少：即使 |ρ| = 1 也可能只是偶然（对所有参数作 Bonferroni 校正）。",
                " So few sets were judged that even |ρ| = 1 may be chance (Bonferroni over the parameters).");
  return text(
      fmt::format("若参数与效应无关，最大的 |ρ| 超过 {:.2f} 的概率为 5%（Bonferroni），低于此值的驱动可能只是偶然。",
                  chance_rho),
      fmt::format(" Were no parameter related to the effect, the largest |ρ| would exceed {:.2f} with "
                  "probability 5% (Bonferroni): a driver below that may be chance.",
                  chance_rho));
}

Json robustnessTable(const JsonAt& claims, const Sets& sets, double chance_rho, const std::string& command) {
  const Json about = setsText(sets);
  const Json chance = chanceText(chance_rho);
  Json table = report::table(
      "robustness-table", text("各项检验在参数空间中的结论", "Each test over the parameter sets"),
      caption(
          fmt::format("每个命题的每项检验：期望方向与最小效应；效应（对比减参照值）在判定组间的中位数及 5%、95% "
                      "分位数；判定组中检验得到支持、可忽略（不为 0 但小于最小效应）、不确定、相反的比例及 95% Wilson "
                      "区间；与效应秩相关（Spearman ρ）最强的三个参数。{}{}取自 robustness.json。",
                      about["zh"].get<std::string>(), chance["zh"].get<std::string>()),
          fmt::format("Every test of every claim: the expected direction and the minimal effect; the effect "
                      "(contrast minus reference) over the judged sets, median [5%, 95% quantiles]; the shares of "
                      "the judged sets in which the test is supported, negligible (not 0 but smaller than the minimal "
                      "effect), inconclusive or contradicted, with 95% Wilson intervals; the three parameters most "
                      "rank-correlated with the effect (Spearman ρ). {}{} From robustness.json.",
                      about["en"].get<std::string>(), chance["en"].get<std::string>()),
          command),
      Json::array({text("命题", "Claim"), text("检验", "Test"), text("状态", "Status"), text("指标", "Outcome"),
                   text("期望（最小效应）", "Expect (minimal effect)"),
                   text("效应中位数 [5%, 95%]", "Effect median [5%, 95%]"), text("支持", "Supported"),
                   text("可忽略", "Negligible"), text("不确定", "Inconclusive"), text("相反", "Contradicted"),
                   text("主要驱动参数", "Main drivers")}));
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const JsonAt claim = claims[i];
    const std::string id = claim["id"].string();
    const JsonAt tests = claim["tests"];
    for (std::size_t t = 0; t < tests.size(); ++t) {
      const JsonAt test = tests[t];
      const std::string expect = test["expect"].string();
      if (expect != "higher" && expect != "lower")
        test.fail(test["expect"].path(), fmt::format("expected 'higher' or 'lower', got '{}'", shortened(expect)));
      const JsonAt effect = test["effect"];
      Json row =
          Json::array({same(t == 0 ? id : ""), same(std::to_string(test["test"].count())),
                       statusText(test["status"].string()), outcomeText(test["outcome"].string()),
                       same(fmt::format("{} ({})", expect == "higher" ? "> 0" : "< 0",
                                        shortNumber(test["minimal_effect"].number()))),
                       same(intervalText(effect["median"].number(), effect["q05"].number(), effect["q95"].number()))});
      const JsonAt verdicts = test["verdicts"];
      for (const auto& v : kTestVerdicts) row.push_back(same(shareText(verdicts[v.key])));
      const JsonAt drivers = test["drivers"];
      row.push_back(text(driversText(drivers, "zh"), driversText(drivers, "en")));
      table["rows"].push_back(std::move(row));
    }
  }
  return table;
}

Json robustnessDrivers(const JsonAt& claims, double chance_rho, const std::string& command) {
  const Json chance = chanceText(chance_rho);
  Json c = chart("robustness-drivers", "bars", text("驱动各项检验效应的参数", "The parameters that drive each effect"),
                 Json());
  int without = 0;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const JsonAt claim = claims[i];
    const std::string id = claim["id"].string();
    const JsonAt tests = claim["tests"];
    for (std::size_t t = 0; t < tests.size(); ++t) {
      const JsonAt test = tests[t];
      const JsonAt drivers = test["drivers"];
      Json categories = Json::array();
      std::vector<double> rho, lo, hi;
      for (std::size_t d = 0; d < drivers.size() && d < 5; ++d) {
        const JsonAt driver = drivers[d];
        categories.push_back(text(driver["zh"].string(), driver["en"].string()));
        rho.push_back(driver["rho"].number());
        lo.push_back(driver["lo"].number());
        hi.push_back(driver["hi"].number());
      }
      // A test without drivers (fewer than 4 judged sets, an effect that never varied) gets no empty variant.
      if (categories.empty()) {
        ++without;
        continue;
      }
      c["variants"].push_back({{"label", testLabel(id, test["test"].count(), outcomeText(test["outcome"].string()))},
                               {"x_name", text("参数", "parameter")},
                               {"y_name", text("Spearman ρ", "Spearman ρ")},
                               {"categories", std::move(categories)},
                               {"series", Json::array({{{"name", text("Spearman ρ", "Spearman ρ")},
                                                        {"value", numbers(rho)},
                                                        {"lo", numbers(lo)},
                                                        {"hi", numbers(hi)}}})}});
    }
  }
  const std::string without_zh =
      without > 0 ? fmt::format("{} 项没有驱动参数的检验（判定组少于 4 组或效应不变）未列出。", without) : "";
  const std::string without_en =
      without > 0 ? fmt::format(
                        " {} tests without drivers (fewer than 4 judged sets, or an effect that never varied) are not "
                        "listed.",
                        without)
                  : "";
  c["caption"] = caption(
      fmt::format("每项检验的效应与各参数在判定组间的 Spearman 秩相关，取绝对值最大的五个，误差线为 95% Fisher-z "
                  "区间。正值表示参数越大效应越大。{}{}取自 robustness.json。",
                  chance["zh"].get<std::string>(), without_zh),
      fmt::format("Spearman's rank correlation of each test's effect with each sampled parameter over the judged "
                  "sets, the five largest in absolute value, with 95% Fisher-z intervals as whiskers; a positive ρ "
                  "means the effect grows with the parameter.{}{} From robustness.json.",
                  chance["en"].get<std::string>(), without_en),
      command);
  return c;
}

}  // namespace

Json robustnessReportData(const fs::path& dir, const std::string& display) {
  const std::string shown = (fs::path(display) / "robustness.json").string();
  const Json doc = readJsonFile(dir / "robustness.json", shown);
  const JsonAt root(doc, shown);
  const std::string command = root.has("command") ? root["command"].string() : std::string();
  const Sets sets{root["sets"].count(),       root["sets_done"].count(), root["sets_failed"].count(),
                  root["replicates"].count(), root["seed"].count(),      root["parameters"].size()};
  if (sets.done > sets.sets) root.fail("sets_done", fmt::format("{} sets done of {}", sets.done, sets.sets));
  if (sets.failed > sets.done)
    root.fail("sets_failed", fmt::format("{} sets failed of {} done", sets.failed, sets.done));
  // Not in every version of the file: without it the captions leave the chance level out.
  const double chance_rho = root.has("chance_rho") ? root["chance_rho"].number() : std::nan("");
  const JsonAt claims = root["claims"];
  std::size_t tests = 0;
  for (std::size_t i = 0; i < claims.size(); ++i) tests += claims[i]["tests"].size();

  Json out;
  out["kind"] = "robustness";
  out["title"] = text("命题的稳健性", "Robustness of the claims");
  out["source"] = display;
  out["command"] = command;
  out["summary"] = text(
      fmt::format(
          "{} 个命题、{} 项检验，在 {} 组参数（{} 个参数的拉丁超立方）上判定：判定 {} 组；每组每个情景 {} 次重复，"
          "种子 {}。",
          claims.size(), tests, sets.sets, sets.parameters, sets.judged(), sets.replicates, sets.seed),
      fmt::format("{} claims, {} tests, judged on {} parameter sets (a Latin hypercube over {} parameters): {} sets "
                  "judged; {} replicates per scenario and set, seed {}.",
                  claims.size(), tests, sets.sets, sets.parameters, sets.judged(), sets.replicates, sets.seed));
  out["notes"] = Json::array();
  out["charts"] = Json::array();
  if (sets.done < sets.sets)
    out["notes"].push_back(text(
        fmt::format("分析尚未完成：{} 组参数中已完成 {} 组。以同一命令续跑，完成后再看结论。", sets.sets, sets.done),
        fmt::format("The analysis is unfinished: {} of {} parameter sets are done. Run the same command to resume "
                    "it; the shares may change until it ends.",
                    sets.done, sets.sets)));
  if (claims.size() == 0) {
    out["notes"].push_back(text("文件中没有命题。", "The file has no claims."));
    return out;
  }
  out["charts"].push_back(robustnessMap(claims, sets, command));
  out["charts"].push_back(robustnessTable(claims, sets, chance_rho, command));
  Json drivers = robustnessDrivers(claims, chance_rho, command);
  if (drivers["variants"].empty())
    out["notes"].push_back(text("没有可画的驱动参数：判定组少于 4 组，或没有检验的效应在判定组间有变化。",
                                "No drivers to draw: fewer than 4 sets were judged, or no test's effect varied over "
                                "them."));
  else
    out["charts"].push_back(std::move(drivers));
  return out;
}

}  // namespace pilotsim
