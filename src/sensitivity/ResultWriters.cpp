#include "pilotsim/sensitivity/ResultWriters.hpp"

#include "pilotsim/io/CsvWriter.hpp"

#include <fmt/format.h>

#include <cmath>

namespace pilotsim::sensitivity {
namespace {

std::string interval(const Estimate& e) {
  if (std::isnan(e.lo) || std::isnan(e.hi)) return "NA";
  return fmt::format("[{}, {}]", formatIndex(e.lo), formatIndex(e.hi));
}

std::string factorCell(const std::string& name, const FactorLabels& labels) {
  const auto it = labels.find(name);
  if (it == labels.end() || it->second.empty() || it->second == name) return name;
  return fmt::format("{} ({})", it->second, name);
}

std::string ciHeading(double confidence, bool zh) {
  const std::string pct = fmt::format("{:g}%", confidence * 100.0);
  return zh ? pct + " 区间" : pct + " CI";
}

std::string bootstrapNote(const AnalysisOptions& o, std::string_view over, bool zh) {
  if (o.bootstrap == 0) return zh ? "未计算区间（--bootstrap 0）" : "no intervals (--bootstrap 0)";
  return zh ? fmt::format("区间：对{}的百分位自助法，{} 次重抽样，种子 {}", over, o.bootstrap, o.seed)
            : fmt::format("intervals: percentile bootstrap over {}, {} resamples, seed {}", over, o.bootstrap, o.seed);
}

void tablesFor(const OutputAnalysis& a, const SobolResult& r, bool zh, const AnalysisOptions& o,
               const FactorLabels& labels, std::vector<ResultTable>& out) {
  ResultTable t;
  t.title = zh ? fmt::format("输出 {}：Sobol' 敏感性指数（saltelli 设计，{} 个区组）", a.output, r.blocks_used)
               : fmt::format("Output {}: Sobol' indices (saltelli design, {} blocks)", a.output, r.blocks_used);
  t.headings = zh ? std::vector<std::string>{"因子", "S1 一阶", ciHeading(o.confidence, true), "ST 总效应",
                                             ciHeading(o.confidence, true)}
                  : std::vector<std::string>{"Factor", "S1 first order", ciHeading(o.confidence, false),
                                             "ST total order", ciHeading(o.confidence, false)};
  t.right_aligned = {false, true, true, true, true};
  for (const auto& f : r.factors)
    t.rows.push_back({factorCell(f.factor, labels), formatIndex(f.first.value), interval(f.first),
                      formatIndex(f.total.value), interval(f.total)});
  t.note = zh ? fmt::format("估计量：S1 为 Saltelli 等 (2010)，ST 为 Jansen (1999)；{}", bootstrapNote(o, "区组", true))
              : fmt::format("estimators: S1 Saltelli et al. (2010), ST Jansen (1999); {}",
                            bootstrapNote(o, "blocks", false));
  if (r.blocks_excluded > 0)
    t.note += zh ? fmt::format("；{} 个区组因输出缺失或非有限值被排除", r.blocks_excluded)
                 : fmt::format("; {} blocks excluded for missing or non-finite outputs", r.blocks_excluded);
  out.push_back(std::move(t));
  if (r.pairs.empty()) return;
  ResultTable s;
  s.title = zh ? fmt::format("输出 {}：二阶 Sobol' 指数", a.output)
               : fmt::format("Output {}: second-order Sobol' indices", a.output);
  s.headings = zh ? std::vector<std::string>{"因子 1", "因子 2", "S2 二阶", ciHeading(o.confidence, true)}
                  : std::vector<std::string>{"Factor 1", "Factor 2", "S2 second order", ciHeading(o.confidence, false)};
  s.right_aligned = {false, false, true, true};
  for (const auto& p : r.pairs)
    s.rows.push_back({factorCell(p.factor_a, labels), factorCell(p.factor_b, labels), formatIndex(p.second.value),
                      interval(p.second)});
  s.note = zh ? "估计量：Saltelli (2002)" : "estimator: Saltelli (2002)";
  out.push_back(std::move(s));
}

void tablesFor(const OutputAnalysis& a, const MorrisResult& r, bool zh, const AnalysisOptions& o,
               const FactorLabels& labels, std::vector<ResultTable>& out) {
  ResultTable t;
  t.title = zh ? fmt::format("输出 {}：Morris 基本效应（{} 条轨迹）", a.output, r.trajectories)
               : fmt::format("Output {}: Morris elementary effects ({} trajectories)", a.output, r.trajectories);
  t.headings =
      zh ? std::vector<std::string>{"因子",     "μ 均值", "μ* 绝对均值", ciHeading(o.confidence, true) + " (μ*)",
                                    "σ 标准差", "效应数"}
         : std::vector<std::string>{"Factor", "mu",     "mu*", ciHeading(o.confidence, false) + " (mu*)",
                                    "sigma",  "Effects"};
  t.right_aligned = {false, true, true, true, true, true};
  for (const auto& f : r.factors)
    t.rows.push_back({factorCell(f.factor, labels), formatIndex(f.mu), formatIndex(f.mu_star.value),
                      interval(f.mu_star), formatIndex(f.sigma), std::to_string(f.effects)});
  t.note = zh ? fmt::format("估计量：Morris (1991)，μ* 为 Campolongo 等 (2007)；{}", bootstrapNote(o, "轨迹", true))
              : fmt::format("estimators: Morris (1991), mu* Campolongo et al. (2007); {}",
                            bootstrapNote(o, "trajectories", false));
  if (r.effects_excluded > 0)
    t.note +=
        zh ? fmt::format("；{} 个基本效应因输出缺失被排除", r.effects_excluded)
           : fmt::format("; {} elementary effects excluded for missing or non-finite outputs", r.effects_excluded);
  out.push_back(std::move(t));
}

void tablesFor(const OutputAnalysis& a, const MainEffectsResult& r, bool zh, const AnalysisOptions& o,
               const FactorLabels& labels, std::vector<ResultTable>& out) {
  (void)o;
  ResultTable t;
  t.title =
      zh ? fmt::format("输出 {}：主效应（全因子设计，总均值 {}）", a.output, formatIndex(r.grand_mean))
         : fmt::format("Output {}: main effects (full factorial, grand mean {})", a.output, formatIndex(r.grand_mean));
  t.headings = zh ? std::vector<std::string>{"因子", "水平", "运行数", "均值", "95% 区间", "效应"}
                  : std::vector<std::string>{"Factor", "Level", "Runs", "Mean", "95% CI", "Effect"};
  t.right_aligned = {false, true, true, true, true, true};
  for (const auto& f : r.factors)
    for (const auto& l : f.levels)
      t.rows.push_back({factorCell(f.factor, labels), fmt::format("{}", l.level), std::to_string(l.runs),
                        formatIndex(l.mean.value), interval(l.mean), formatIndex(l.effect.value)});
  t.note =
      zh ? "效应 = 水平均值 − 总均值；区间为 t 区间" : "effect = level mean - grand mean; intervals are t-intervals";
  if (r.runs_excluded > 0)
    t.note += zh ? fmt::format("；{} 次运行因输出缺失被排除", r.runs_excluded)
                 : fmt::format("; {} runs excluded for missing or non-finite outputs", r.runs_excluded);
  out.push_back(std::move(t));
}

void tablesFor(const OutputAnalysis& a, const RankCorrelationResult& r, bool zh, const AnalysisOptions& o,
               const FactorLabels& labels, std::vector<ResultTable>& out) {
  ResultTable t;
  // A design from a file has no structure for Sobol' or Morris estimators: rank correlations are
  // its analysis whatever tool drew it.
  const bool file = a.method == DesignMethod::File;
  t.title = zh ? fmt::format("输出 {}：Spearman 秩相关（{}，{} 次运行）", a.output,
                             file ? "外部设计文件，无 Sobol'/Morris 结构" : "拉丁超立方设计", r.runs_used)
               : fmt::format("Output {}: Spearman rank correlations ({}, {} runs)", a.output,
                             file ? "design from a file, which has no Sobol'/Morris structure" : "latin hypercube",
                             r.runs_used);
  t.headings = zh ? std::vector<std::string>{"因子", "ρ 秩相关", ciHeading(o.confidence, true)}
                  : std::vector<std::string>{"Factor", "Spearman rho", ciHeading(o.confidence, false)};
  t.right_aligned = {false, true, true};
  for (const auto& f : r.factors)
    t.rows.push_back({factorCell(f.factor, labels), formatIndex(f.rho.value), interval(f.rho)});
  t.note = bootstrapNote(o, zh ? "运行" : "runs", zh);
  if (r.runs_excluded > 0)
    t.note += zh ? fmt::format("；{} 次运行因输出缺失被排除", r.runs_excluded)
                 : fmt::format("; {} runs excluded for missing or non-finite outputs", r.runs_excluded);
  out.push_back(std::move(t));
}

// CSV rows share one layout; this writes one.
void csvRow(CsvWriter& out, const OutputAnalysis& a, std::string_view statistic, const std::string& factor,
            const std::string& factorB, const double* level, const Estimate& e, std::int64_t n) {
  out.field(a.output).field(methodName(a.method)).field(statistic).field(factor).field(factorB);
  if (level)
    out.field(*level);
  else
    out.missing();
  out.field(e.value).field(e.lo).field(e.hi).field(n).endRow();
}

nlohmann::ordered_json estimateJson(const Estimate& e) {
  const auto num = [](double v) {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
  };
  return {{"estimate", num(e.value)}, {"ci_lo", num(e.lo)}, {"ci_hi", num(e.hi)}};
}

}  // namespace

std::string formatIndex(double v) {
  if (std::isnan(v)) return "NA";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const double a = std::fabs(v);
  if (a != 0.0 && (a >= 1.0e5 || a < 1.0e-4)) return fmt::format("{:.4g}", v);
  return fmt::format("{:.4f}", v);
}

std::vector<ResultTable> resultTables(std::span<const OutputAnalysis> results, bool zh, const AnalysisOptions& options,
                                      const FactorLabels& labels) {
  std::vector<ResultTable> out;
  for (const auto& a : results) std::visit([&](const auto& r) { tablesFor(a, r, zh, options, labels, out); }, a.result);
  return out;
}

void writeResultsCsv(std::span<const OutputAnalysis> results, CsvWriter& out) {
  out.header({"output", "method", "statistic", "factor", "factor_b", "level", "estimate", "ci_lo", "ci_hi", "n"});
  for (const auto& a : results) {
    if (const auto* s = std::get_if<SobolResult>(&a.result)) {
      for (const auto& f : s->factors) csvRow(out, a, "S1", f.factor, "", nullptr, f.first, s->blocks_used);
      for (const auto& f : s->factors) csvRow(out, a, "ST", f.factor, "", nullptr, f.total, s->blocks_used);
      for (const auto& p : s->pairs) csvRow(out, a, "S2", p.factor_a, p.factor_b, nullptr, p.second, s->blocks_used);
    } else if (const auto* m = std::get_if<MorrisResult>(&a.result)) {
      for (const auto& f : m->factors) {
        csvRow(out, a, "mu", f.factor, "", nullptr, {f.mu}, f.effects);
        csvRow(out, a, "mu_star", f.factor, "", nullptr, f.mu_star, f.effects);
        csvRow(out, a, "sigma", f.factor, "", nullptr, {f.sigma}, f.effects);
      }
    } else if (const auto* e = std::get_if<MainEffectsResult>(&a.result)) {
      for (const auto& f : e->factors)
        for (const auto& l : f.levels) {
          csvRow(out, a, "level_mean", f.factor, "", &l.level, l.mean, l.runs);
          csvRow(out, a, "effect", f.factor, "", &l.level, l.effect, l.runs);
        }
    } else if (const auto* c = std::get_if<RankCorrelationResult>(&a.result)) {
      for (const auto& f : c->factors) csvRow(out, a, "spearman", f.factor, "", nullptr, f.rho, c->runs_used);
    }
  }
}

nlohmann::ordered_json resultsJson(std::span<const OutputAnalysis> results, const AnalysisOptions& options) {
  nlohmann::ordered_json root;
  root["bootstrap"] = {{"resamples", options.bootstrap},
                       {"confidence", options.confidence},
                       {"seed", options.seed},
                       {"interval", "percentile"}};
  auto outputs = nlohmann::ordered_json::array();
  for (const auto& a : results) {
    nlohmann::ordered_json j;
    j["output"] = a.output;
    j["method"] = methodName(a.method);
    if (const auto* s = std::get_if<SobolResult>(&a.result)) {
      j["estimators"] = {{"S1", "Saltelli et al. 2010, Table 2 (b)"},
                         {"ST", "Jansen 1999 (Saltelli et al. 2010, Table 2 (f))"},
                         {"S2", "Saltelli 2002, eq. 12"}};
      j["blocks_used"] = s->blocks_used;
      j["blocks_excluded"] = s->blocks_excluded;
      j["mean"] = s->mean;
      j["variance"] = s->variance;
      auto fs = nlohmann::ordered_json::array();
      for (const auto& f : s->factors)
        fs.push_back({{"factor", f.factor}, {"S1", estimateJson(f.first)}, {"ST", estimateJson(f.total)}});
      j["factors"] = fs;
      auto ps = nlohmann::ordered_json::array();
      for (const auto& p : s->pairs)
        ps.push_back({{"factor", p.factor_a}, {"factor_b", p.factor_b}, {"S2", estimateJson(p.second)}});
      j["pairs"] = ps;
    } else if (const auto* m = std::get_if<MorrisResult>(&a.result)) {
      j["estimators"] = {
          {"mu", "Morris 1991"}, {"mu_star", "Campolongo et al. 2007"}, {"sigma", "Morris 1991, divisor r - 1"}};
      j["trajectories"] = m->trajectories;
      j["effects_excluded"] = m->effects_excluded;
      auto fs = nlohmann::ordered_json::array();
      for (const auto& f : m->factors)
        fs.push_back({{"factor", f.factor},
                      {"mu", estimateJson({f.mu})["estimate"]},
                      {"mu_star", estimateJson(f.mu_star)},
                      {"sigma", estimateJson({f.sigma})["estimate"]},
                      {"effects", f.effects}});
      j["factors"] = fs;
    } else if (const auto* e = std::get_if<MainEffectsResult>(&a.result)) {
      j["grand_mean"] = e->grand_mean;
      j["runs_used"] = e->runs_used;
      j["runs_excluded"] = e->runs_excluded;
      auto fs = nlohmann::ordered_json::array();
      for (const auto& f : e->factors) {
        auto levels = nlohmann::ordered_json::array();
        for (const auto& l : f.levels)
          levels.push_back({{"level", l.level},
                            {"runs", l.runs},
                            {"mean", estimateJson(l.mean)},
                            {"effect", estimateJson(l.effect)}});
        fs.push_back({{"factor", f.factor}, {"levels", levels}});
      }
      j["factors"] = fs;
    } else if (const auto* c = std::get_if<RankCorrelationResult>(&a.result)) {
      j["runs_used"] = c->runs_used;
      j["runs_excluded"] = c->runs_excluded;
      auto fs = nlohmann::ordered_json::array();
      for (const auto& f : c->factors) fs.push_back({{"factor", f.factor}, {"spearman", estimateJson(f.rho)}});
      j["factors"] = fs;
    }
    outputs.push_back(std::move(j));
  }
  root["outputs"] = outputs;
  return root;
}

}  // namespace pilotsim::sensitivity
