// The report of a campaign database: the sensitivity analysis of `pilotsim analyze DB` (the same
// outputs, analysers and default bootstrap), drawn as bars with intervals, one outcome at a time;
// for a Morris design also the mu*-sigma plane of Morris (1991) and Campolongo et al. (2007), where
// the factors' kinds of influence are read off at a glance.
#include "pilotsim/report/ReportData.hpp"

#include "report/ChartJson.hpp"

#include "pilotsim/experiment/CampaignOutputs.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/experiment/ClaimRobustness.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/sensitivity/Analysis.hpp"
#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

using namespace report;
using namespace sensitivity;

Json factorName(const std::string& key) {
  const ParamSpec* spec = findParam(key);
  return spec ? text(spec->zh, spec->en) : same(key);
}

Json estimateSeries(Json name, const std::vector<Estimate>& es) {
  std::vector<double> v, lo, hi;
  for (const auto& e : es) {
    v.push_back(e.value);
    lo.push_back(e.lo);
    hi.push_back(e.hi);
  }
  return Json{{"name", std::move(name)}, {"value", numbers(v)}, {"lo", numbers(lo)}, {"hi", numbers(hi)}};
}

/// Bars of one output's analysis: categories and series by method.
Json analysisVariant(const OutputAnalysis& a) {
  Json categories = Json::array(), series = Json::array();
  Json y_name;
  if (const auto* s = std::get_if<SobolResult>(&a.result)) {
    std::vector<Estimate> first, total;
    for (const auto& f : s->factors) {
      categories.push_back(factorName(f.factor));
      first.push_back(f.first);
      total.push_back(f.total);
    }
    series.push_back(estimateSeries(text("S1 一阶指数", "S1 first order"), first));
    series.push_back(estimateSeries(text("ST 总效应指数", "ST total order"), total));
    y_name = text("Sobol' 指数", "Sobol' index");
  } else if (const auto* m = std::get_if<MorrisResult>(&a.result)) {
    std::vector<Estimate> mu_star, sigma;
    for (const auto& f : m->factors) {
      categories.push_back(factorName(f.factor));
      mu_star.push_back(f.mu_star);
      sigma.push_back(Estimate{f.sigma});
    }
    series.push_back(estimateSeries(text("μ* 绝对均值", "mu* (mean |EE|)"), mu_star));
    series.push_back(estimateSeries(text("σ 标准差", "sigma"), sigma));
    y_name = text("基本效应（每单位归一化因子）", "elementary effect (per unit of the normalised factor)");
  } else if (const auto* e = std::get_if<MainEffectsResult>(&a.result)) {
    std::vector<Estimate> effects;
    for (const auto& f : e->factors) {
      const Json name = factorName(f.factor);
      for (const auto& l : f.levels) {
        categories.push_back(text(fmt::format("{} = {:g}", name["zh"].get<std::string>(), l.level),
                                  fmt::format("{} = {:g}", name["en"].get<std::string>(), l.level)));
        effects.push_back(l.effect);
      }
    }
    series.push_back(
        estimateSeries(text("主效应（水平均值 − 总均值）", "main effect (level mean - grand mean)"), effects));
    y_name = text("主效应", "main effect");
  } else if (const auto* r = std::get_if<RankCorrelationResult>(&a.result)) {
    std::vector<Estimate> rho;
    for (const auto& f : r->factors) {
      categories.push_back(factorName(f.factor));
      rho.push_back(f.rho);
    }
    series.push_back(estimateSeries(text("Spearman ρ", "Spearman rho"), rho));
    y_name = text("秩相关", "rank correlation");
  }
  const int k = findOutcome(a.output);
  const Json label =
      k >= 0 ? text(outcomeTable()[static_cast<std::size_t>(k)].zh, outcomeTable()[static_cast<std::size_t>(k)].en)
             : same(a.output);
  return Json{{"label", label},
              {"x_name", text("因子", "factor")},
              {"y_name", std::move(y_name)},
              {"categories", std::move(categories)},
              {"series", std::move(series)}};
}

/// The Morris plane of one output: a point per factor at (mu*, sigma), labelled with its name. A
/// `scatter` variant is {"label", "x_name", "y_name", "series": [{"name", "x", "y", "x_lo", "x_hi",
/// "mu", "labels"}]} (web/report/report.js draws it); x_lo and x_hi are mu*'s interval, mu the signed
/// mean for the tooltip (|mu| well below mu* means effects of both signs).
Json morrisScatterVariant(const OutputAnalysis& a, const MorrisResult& m) {
  Json labels = Json::array();
  std::vector<double> x, lo, hi, y, mu;
  for (const auto& f : m.factors) {
    labels.push_back(factorName(f.factor));
    x.push_back(f.mu_star.value);
    lo.push_back(f.mu_star.lo);
    hi.push_back(f.mu_star.hi);
    y.push_back(f.sigma);
    mu.push_back(f.mu);
  }
  const int k = findOutcome(a.output);
  const Json label =
      k >= 0 ? text(outcomeTable()[static_cast<std::size_t>(k)].zh, outcomeTable()[static_cast<std::size_t>(k)].en)
             : same(a.output);
  Json series = Json{{"name", text("因子", "factors")},
                     {"x", numbers(x)},
                     {"y", numbers(y)},
                     {"x_lo", numbers(lo)},
                     {"x_hi", numbers(hi)},
                     {"mu", numbers(mu)},
                     {"labels", std::move(labels)}};
  return Json{{"label", label},
              {"x_name", text("μ*（基本效应绝对值的均值）", "mu* (mean absolute elementary effect)")},
              {"y_name", text("σ（基本效应的标准差）", "sigma (standard deviation of the elementary effects)")},
              {"series", Json::array({std::move(series)})}};
}

Json morrisScatterCaption(int replicates) {
  return text(
      fmt::format("每个因子一个点：横轴为 μ*（基本效应绝对值的均值，Campolongo 等 2007），纵轴为 σ（基本效应的标准差，"
                  "Morris 1991）。越靠右，影响越大；σ 越高，效应越随其他因子的取值而变，即非线性或与其他因子交互；"
                  "靠近原点的因子可以忽略。μ* 的区间见悬停提示。每个设计点的输出为其 {} 次重复的均值。",
                  replicates),
      fmt::format("One point per factor: x is mu* (the mean absolute elementary effect, Campolongo et al. 2007), y is "
                  "sigma (the standard deviation of the elementary effects, Morris 1991). The further right, the more "
                  "influential; the higher, the more the effect changes with where the other factors are, that is "
                  "non-linear or interacting with other factors; factors near the origin can be neglected. Hover for "
                  "mu*'s interval. Each design point's output is the mean of its {} replicates.",
                  replicates));
}

Json methodCaption(DesignMethod method, const AnalysisOptions& o, int replicates) {
  const std::string boot_zh =
      fmt::format("区间为 {:g}% 百分位自助法（{} 次重抽样，种子 {}）", o.confidence * 100, o.bootstrap, o.seed);
  const std::string boot_en = fmt::format("intervals are {:g}% percentile bootstrap intervals ({} resamples, seed {})",
                                          o.confidence * 100, o.bootstrap, o.seed);
  const std::string per_zh = fmt::format("每个设计点的输出为其 {} 次重复的均值。", replicates);
  const std::string per_en = fmt::format("Each design point's output is the mean of its {} replicates.", replicates);
  switch (method) {
    case DesignMethod::Saltelli:
      return text(
          fmt::format("所选输出的 Sobol' 一阶指数 S1（Saltelli 等 2010）与总效应指数 ST（Jansen 1999），误差线为{}。S1 "
                      "为该因子单独解释的方差比例，"
                      "ST 含其全部交互作用。{}",
                      boot_zh, per_zh),
          fmt::format("The selected output's Sobol' first-order indices S1 (Saltelli et al. 2010) and total-order "
                      "indices ST (Jansen 1999); whiskers: {}. S1 is the share of variance the factor explains alone, "
                      "ST includes all its interactions. {}",
                      boot_en, per_en));
    case DesignMethod::Morris:
      return text(
          fmt::format("所选输出的 Morris 基本效应：μ*（绝对均值，Campolongo 等 2007，误差线为{}）衡量影响大小，σ "
                      "衡量非线性或交互作用。{}",
                      boot_zh, per_zh),
          fmt::format("The selected output's Morris elementary effects: mu* (mean absolute effect, Campolongo et al. "
                      "2007; whiskers: {}) measures influence, sigma non-linearity or interaction. {}",
                      boot_en, per_en));
    case DesignMethod::Factorial:
      return text(
          fmt::format("所选输出的主效应：每个因子每个水平上的均值减去总均值，误差线为 95% t 区间。{}", per_zh),
          fmt::format("The selected output's main effects: the mean at each level of each factor minus the grand "
                      "mean; whiskers: 95% t-intervals. {}",
                      per_en));
    case DesignMethod::LatinHypercube:
    case DesignMethod::File:
      return text(
          fmt::format("所选输出与每个因子的 Spearman 秩相关（单调影响的初筛），误差线为{}。{}", boot_zh, per_zh),
          fmt::format("The selected output's Spearman rank correlation with each factor (a first screen of monotone "
                      "influence); whiskers: {}. {}",
                      boot_en, per_en));
  }
  return same("");
}

}  // namespace

Json campaignReportData(const fs::path& db, const std::string& display) {
  const CampaignStore store(db, CampaignStore::Mode::ReadOnly);
  if (!store.defined()) throw InputError(display, 0, "", "the campaign database holds no campaign yet");
  const CampaignDefinition def = store.definition();
  if (isRobustnessDefinition(def.campaign_text))
    throw InputError(display, 0, "",
                     fmt::format("this database holds a robustness analysis of the claims, not a campaign: write "
                                 "its files with 'pilotsim export {} -o DIR', then 'pilotsim report DIR'",
                                 display));
  const Design design = store.design();
  const OutputTable outputs = campaignOutputs(store, design);
  const AnalysisOptions options;  // as `pilotsim analyze` by default

  Json out;
  out["kind"] = "campaign";
  const std::string name = fs::path(display).stem().string();
  out["title"] = text(fmt::format("实验报告：{}", name), fmt::format("Campaign report: {}", name));
  out["source"] = display;
  out["command"] = def.command;
  out["summary"] =
      text(fmt::format("设计 {}，{} 个设计点，每点 {} 次重复，{} 个因子，{} 个输出。", methodName(design.method),
                       design.runCount(), def.replicates, design.factorCount(), outputs.names.size()),
           fmt::format("Design {}, {} points, {} replicates each, {} factors, {} outputs.", methodName(design.method),
                       design.runCount(), def.replicates, design.factorCount(), outputs.names.size()));
  out["notes"] = Json::array();
  out["charts"] = Json::array();

  const Json explain = methodCaption(design.method, options, def.replicates);
  Json c = chart("sensitivity", "bars", text("敏感性分析", "Sensitivity analysis"),
                 caption(explain["zh"].get<std::string>(), explain["en"].get<std::string>(), def.command));
  const Json plane_text = morrisScatterCaption(def.replicates);
  Json plane = chart("morris-plane", "scatter", text("Morris μ*–σ 图", "Morris mu*-sigma plane"),
                     caption(plane_text["zh"].get<std::string>(), plane_text["en"].get<std::string>(), def.command));
  for (std::size_t k = 0; k < outputs.names.size(); ++k) {
    // An output the analysers cannot take (it never varies, too few usable runs) is named in a note
    // and the others are still drawn.
    try {
      const OutputAnalysis a = analyzeOutput(design, outputs.names[k], outputs.columns[k], options);
      c["variants"].push_back(analysisVariant(a));
      if (const auto* m = std::get_if<MorrisResult>(&a.result))
        plane["variants"].push_back(morrisScatterVariant(a, *m));
    } catch (const InputError& e) {
      out["notes"].push_back(text(fmt::format("输出 {} 未能分析：{}", outputs.names[k], e.what()),
                                  fmt::format("Output {} could not be analysed: {}", outputs.names[k], e.what())));
    }
  }
  if (!c["variants"].empty()) out["charts"].push_back(std::move(c));
  // Only a Morris design has the plane; its variants follow the bars' outputs one for one.
  if (!plane["variants"].empty()) out["charts"].push_back(std::move(plane));
  return out;
}

}  // namespace pilotsim
