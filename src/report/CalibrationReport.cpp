// The report of a `pilotsim calibrate` directory (docs/calibration.md describes its files): each
// fitted parameter's posterior against its prior, the most correlated pairs of parameters, the
// posterior predictive check, and the sampler's tolerance and acceptance by generation.
//
// The numbers are computed here and the page only draws them. Besides the types of ChartJson.hpp,
// these charts use small multiples, one panel per parameter, pair, statistic or quantity; every
// variant is {"label", "panels": [...]} with the names its series and tooltips need, and a panel
// is, by the chart's type:
//   histograms  (variant: "y_name", "names": {"posterior", "prior", "median", "interval", "weight"})
//               {"title", "x_name", "log", "prior_low", "prior_high", "prior_density", "median", "lo90",
//                "hi90", "bins": {"lo", "hi", "weight", "density"}}
//   scatters    (variant: "weight_name")
//               {"title", "x_name", "y_name", "x_log", "y_log", "x_prior", "y_prior", "rho", "x", "y",
//                "weight"}: the priors' bounds [low, high] span the axes, and a weight is relative to the
//                heaviest particle's, for the points' size
//   checks      (variant: "observed_name" and "predictive_name", its two rows, and "defined_name")
//               {"title", "target", "observed", "uncertainty", "median", "lo90", "hi90", "share_within",
//                "defined"}
//   panel-lines {"title", "x_name", "y_name", "x", "y"}
#include "pilotsim/report/ReportData.hpp"

#include "report/ChartJson.hpp"
#include "report/ClaimsParts.hpp"

#include "pilotsim/calibration/Abc.hpp"
#include "pilotsim/core/Names.hpp"
#include "pilotsim/experiment/Statistics.hpp"
#include "pilotsim/io/CsvReader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

using namespace report;

/// A fitted parameter as posterior_summary.csv gives it.
struct Fitted {
  std::string key;
  double low, high;
  bool log_scale;
  double median, lo90, hi90;

  /// The scale its prior is uniform on (and its sampler's kernel works on): ln x for a log-uniform prior.
  double scaled(double x) const { return log_scale ? std::log(x) : x; }
  double unscaled(double s) const { return log_scale ? std::exp(s) : s; }
};

/// A cell that must be 0 or 1 (CsvWriter writes booleans so).
bool flag(const CsvTable& t, std::size_t row, std::size_t col) {
  const long long v = t.integer(row, col);
  if (v != 0 && v != 1)
    throw InputError(t.source, t.lines[row], t.header[col], fmt::format("expected 0 or 1, got {}", v));
  return v == 1;
}

[[noreturn]] void badCell(const CsvTable& t, std::size_t row, std::size_t col, std::string_view what) {
  throw InputError(t.source, t.lines[row], t.header[col], std::string(what));
}

std::vector<Fitted> readFitted(const CsvTable& t) {
  const auto parameter = requireColumn(t, "parameter"), low = requireColumn(t, "prior_low"),
             high = requireColumn(t, "prior_high"), log_scale = requireColumn(t, "log_scale"),
             median = requireColumn(t, "median"), lo90 = requireColumn(t, "lo90"), hi90 = requireColumn(t, "hi90");
  if (t.rows.empty()) throw InputError(t.source, 1, "", "no parameters: expected one row per fitted parameter");
  std::vector<Fitted> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    Fitted f{t.rows[r][parameter], t.number(r, low),  t.number(r, high), flag(t, r, log_scale),
             t.number(r, median),  t.number(r, lo90), t.number(r, hi90)};
    if (!std::isfinite(f.low) || !std::isfinite(f.high) || !(f.low < f.high))
      badCell(t, r, high, fmt::format("expected prior_low < prior_high, got [{}, {}]", f.low, f.high));
    if (f.log_scale && !(f.low > 0)) badCell(t, r, low, "a log-uniform prior needs prior_low > 0");
    out.push_back(std::move(f));
  }
  return out;
}

/// The final population: normalised weights, and per parameter the particles' values.
struct Population {
  std::vector<double> weight;
  std::vector<std::vector<double>> values;  ///< [parameter][particle], natural scale
};

Population readPopulation(const CsvTable& t, const std::vector<Fitted>& fitted) {
  const auto weight = requireColumn(t, "weight");
  std::vector<std::size_t> columns;
  for (const auto& f : fitted) columns.push_back(requireColumn(t, f.key));
  if (t.rows.empty()) throw InputError(t.source, 1, "", "no particles: expected one row per particle");
  Population p;
  p.values.resize(fitted.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double w = t.number(r, weight);
    if (!std::isfinite(w) || w < 0) badCell(t, r, weight, "expected a weight >= 0");
    p.weight.push_back(w);
    for (std::size_t i = 0; i < fitted.size(); ++i) {
      const double x = t.number(r, columns[i]);
      if (!std::isfinite(x) || (fitted[i].log_scale && !(x > 0)))
        badCell(t, r, columns[i],
                fitted[i].log_scale ? "expected a number > 0 (log-uniform prior)" : "expected a number");
      p.values[i].push_back(x);
    }
  }
  const double total = std::accumulate(p.weight.begin(), p.weight.end(), 0.0);
  if (!(total > 0)) throw InputError(t.source, 1, "weight", "the weights sum to 0");
  for (double& w : p.weight) w /= total;
  return p;
}

/// Bins on the prior's scale, edges given back on the natural scale.
struct Histogram {
  std::vector<double> lo, hi, weight, density;
};

/// The weighted histogram of `values` (natural scale) on `f`'s scale: equal bins over the particles'
/// range, as many as the Rice rule 2 n^(1/3) gives for Kish's effective sample size n (so that a
/// population whose weight sits on a few particles gets few bins), at least 5. A bin's density is its
/// weight over its width on that scale, comparable with the prior's density there.
Histogram weightedHistogram(const Fitted& f, const std::vector<double>& values, const std::vector<double>& weight) {
  std::vector<double> s(values.size());
  std::transform(values.begin(), values.end(), s.begin(), [&](double x) { return f.scaled(x); });
  const auto [min_it, max_it] = std::minmax_element(s.begin(), s.end());
  double from = *min_it, to = *max_it;
  const int bins = std::max(5, static_cast<int>(std::ceil(2 * std::cbrt(abc::effectiveSampleSize(weight)))));
  // Every particle on one value: the bins span a hundredth of the prior's range around it.
  if (!(to > from)) {
    const double half = (f.scaled(f.high) - f.scaled(f.low)) / 200;
    from -= half;
    to += half;
  }
  const double width = (to - from) / bins;
  Histogram h;
  h.weight.assign(static_cast<std::size_t>(bins), 0.0);
  for (std::size_t k = 0; k < s.size(); ++k) {
    const int b = std::min(bins - 1, static_cast<int>((s[k] - from) / width));  // the last bin holds the maximum
    h.weight[static_cast<std::size_t>(b)] += weight[k];
  }
  for (int b = 0; b < bins; ++b) {
    h.lo.push_back(f.unscaled(from + b * width));
    h.hi.push_back(f.unscaled(b + 1 == bins ? to : from + (b + 1) * width));
    h.density.push_back(h.weight[static_cast<std::size_t>(b)] / width);
  }
  return h;
}

/// Pearson's correlation of x and y under the (normalised) weights; NaN when either does not vary.
double weightedCorrelation(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& w) {
  double mx = 0, my = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    mx += w[k] * x[k];
    my += w[k] * y[k];
  }
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    sxy += w[k] * (x[k] - mx) * (y[k] - my);
    sxx += w[k] * (x[k] - mx) * (x[k] - mx);
    syy += w[k] * (y[k] - my) * (y[k] - my);
  }
  if (!(sxx > 0) || !(syy > 0)) return std::nan("");
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

/// Whether a prior is log-uniform: the captions then say how those parameters are drawn.
bool anyLogScale(const std::vector<Fitted>& fitted) {
  return std::any_of(fitted.begin(), fitted.end(), [](const Fitted& f) { return f.log_scale; });
}

/// "promotion share (drivers.promotion_share)" in both languages.
Json parameterTitle(const std::string& key) {
  const Json name = paramText(key);
  if (name["en"] == key) return same(key);
  return text(fmt::format("{}（{}）", name["zh"].get<std::string>(), key),
              fmt::format("{} ({})", name["en"].get<std::string>(), key));
}

/// The parameter's unit as an axis name, ", log axis" added for a log-uniform prior.
Json parameterAxis(const Fitted& f) {
  const ParamSpec* spec = findParam(f.key);
  const bool unit = spec != nullptr && spec->unit != "-" && !spec->unit.empty();
  const std::string zh = unit ? std::string(spec->unit_zh) : "", en = unit ? std::string(spec->unit) : "";
  if (!f.log_scale) return text(zh, en);
  return text(zh.empty() ? "对数轴" : zh + "，对数轴", en.empty() ? "log axis" : en + ", log axis");
}

Json marginals(const std::vector<Fitted>& fitted, const Population& p, const std::string& command) {
  const bool any_log = anyLogScale(fitted);
  Json c = chart(
      "calibration-marginals", "histograms", text("各参数的后验与先验", "Each parameter's posterior against its prior"),
      caption(
          fmt::format(
              "每个拟合参数一格：最后一代粒子的加权直方图（柱；权重取自 posterior.csv，区间覆盖粒子的取值"
              "范围，柱数按 Rice 规则 2n^(1/3) 由有效样本量 n 定），对照先验密度（虚线：在 prior_low 与 "
              "prior_high 之间均匀，取自 posterior_summary.csv）。竖线为后验的加权中位数，阴影为其 90% "
              "区间。柱高为密度（柱的权重除以柱宽），与先验同一尺度：后验远高于先验之处，数据为该参数提供"
              "了信息；与先验一样平坦，则数据没有约束它。{}",
              any_log ? "先验为对数均匀的参数画在对数轴上，密度为每单位 ln x 的密度，其先验在此轴上是平坦的。" : ""),
          fmt::format("One panel per fitted parameter: the weighted histogram of the final population's particles "
                      "(bars; weights from posterior.csv, bins over the particles' range, as many as the Rice rule "
                      "2n^(1/3) gives for the effective sample size n) against the prior's density (dashed: "
                      "uniform between prior_low and prior_high, from posterior_summary.csv). The vertical line is "
                      "the posterior's weighted median, the shaded band its 90% interval. A bar's height is a "
                      "density, its weight over its width, on the prior's scale: where the posterior stands far "
                      "above the prior the data have informed the parameter; as flat as the prior, they have "
                      "not.{}",
                      any_log ? " Parameters with a log-uniform prior are drawn on a log axis, with the density "
                                "per unit of ln x, on which their prior is flat."
                              : ""),
          command));
  Json panels = Json::array();
  for (std::size_t i = 0; i < fitted.size(); ++i) {
    const Fitted& f = fitted[i];
    const Histogram h = weightedHistogram(f, p.values[i], p.weight);
    panels.push_back({{"title", parameterTitle(f.key)},
                      {"x_name", parameterAxis(f)},
                      {"log", f.log_scale},
                      {"prior_low", f.low},
                      {"prior_high", f.high},
                      {"prior_density", 1 / (f.scaled(f.high) - f.scaled(f.low))},
                      {"median", numberJson(f.median)},
                      {"lo90", numberJson(f.lo90)},
                      {"hi90", numberJson(f.hi90)},
                      {"bins",
                       {{"lo", numbers(h.lo)},
                        {"hi", numbers(h.hi)},
                        {"weight", numbers(h.weight)},
                        {"density", numbers(h.density)}}}});
  }
  c["variants"].push_back({{"label", text("后验与先验", "posterior and prior")},
                           {"y_name", text("密度", "density")},
                           {"names",
                            {{"posterior", text("后验（加权直方图）", "posterior (weighted histogram)")},
                             {"prior", text("先验", "prior")},
                             {"median", text("后验中位数", "posterior median")},
                             {"interval", text("90% 区间", "90% interval")},
                             {"weight", text("权重", "weight")}}},
                           {"panels", std::move(panels)}});
  return c;
}

/// The scatter plots of the (at most three) pairs most correlated under the posterior weights, on the
/// priors' scales; empty variants when no pair has a defined correlation.
Json pairs(const std::vector<Fitted>& fitted, const Population& p, const std::string& command) {
  struct Pair {
    std::size_t a, b;
    double rho;
  };
  std::vector<Pair> all;
  std::vector<std::vector<double>> scaled(fitted.size());
  for (std::size_t i = 0; i < fitted.size(); ++i)
    for (const double x : p.values[i]) scaled[i].push_back(fitted[i].scaled(x));
  for (std::size_t a = 0; a < fitted.size(); ++a)
    for (std::size_t b = a + 1; b < fitted.size(); ++b) {
      const double rho = weightedCorrelation(scaled[a], scaled[b], p.weight);
      if (std::isfinite(rho)) all.push_back({a, b, rho});
    }
  // The strongest first; among equals, the order of the parameters (stable).
  std::stable_sort(all.begin(), all.end(),
                   [](const Pair& x, const Pair& y) { return std::abs(x.rho) > std::abs(y.rho); });
  if (all.size() > 3) all.resize(3);
  const bool any_log = anyLogScale(fitted);
  Json c = chart(
      "calibration-pairs", "scatters", text("相关最强的参数对", "The most correlated pairs of parameters"),
      caption(
          fmt::format("后验权重下相关最强（加权 Pearson ρ 的绝对值最大）的至多三对参数：最后一代每个粒子一个点，"
                      "点越大权重越大。强相关表示数据约束的是两者的某种组合而不是各自的值：同样好的取值沿一条脊分布。"
                      "{}取自 posterior.csv。",
                      any_log ? "先验为对数均匀的参数取对数计算 ρ 并画在对数轴上。" : ""),
          fmt::format(
              "The (at most three) pairs of parameters most correlated under the posterior weights "
              "(largest |weighted Pearson ρ|): one point per particle of the final population, larger for "
              "a larger weight. A strong correlation means the data pin down a combination of the two "
              "rather than each: equally good values lie along a ridge.{} From posterior.csv.",
              any_log ? " Parameters with a log-uniform prior enter ρ as their log and are drawn on log axes." : ""),
          command));
  if (all.empty()) return c;
  const double heaviest = *std::max_element(p.weight.begin(), p.weight.end());
  std::vector<double> relative(p.weight.size());
  std::transform(p.weight.begin(), p.weight.end(), relative.begin(), [&](double w) { return w / heaviest; });
  Json panels = Json::array();
  for (const Pair& pr : all) {
    const Fitted &a = fitted[pr.a], &b = fitted[pr.b];
    // ρ first: a long pair of keys is cut short at the panel's width, ρ is not.
    const std::string title = fmt::format("ρ = {:.2f}: {} × {}", pr.rho, a.key, b.key);
    panels.push_back({{"title", same(title)},
                      {"x_name", same(a.key)},
                      {"y_name", same(b.key)},
                      {"x_log", a.log_scale},
                      {"y_log", b.log_scale},
                      {"x_prior", Json::array({a.low, a.high})},
                      {"y_prior", Json::array({b.low, b.high})},
                      {"rho", pr.rho},
                      {"x", numbers(p.values[pr.a])},
                      {"y", numbers(p.values[pr.b])},
                      {"weight", numbers(relative)}});
  }
  c["variants"].push_back({{"label", text("参数对", "pairs")},
                           {"weight_name", text("相对权重", "relative weight")},
                           {"panels", std::move(panels)}});
  return c;
}

/// "Promotion rate (promotion_rate), per leader-year"; a statistic this program does not know is
/// shown as written.
Json statisticTitle(const std::string& written, bool target) {
  std::string zh = written, en = written;
  try {
    const StatisticInfo& info = parseStatistic(written).info();
    zh = fmt::format("{}（{}），{}", info.zh, written, info.unit_zh);
    en = fmt::format("{} ({}), {}", info.en, written, info.unit);
  } catch (const InputError&) {
    // Not a statistic of this program version: the title is the text as written.
  }
  if (!target) return text(zh + "（未拟合，仅检验）", en + " (not fitted, checked only)");
  return text(zh, en);
}

Json checks(const CsvTable& t, const std::string& command) {
  const auto statistic = requireColumn(t, "statistic"), target = requireColumn(t, "target"),
             observed = requireColumn(t, "observed"), uncertainty = requireColumn(t, "uncertainty"),
             median = requireColumn(t, "median"), lo90 = requireColumn(t, "lo90"), hi90 = requireColumn(t, "hi90"),
             share_within = requireColumn(t, "share_within"), defined = requireColumn(t, "defined");
  Json c = chart(
      "calibration-checks", "checks", text("后验预测检验", "Posterior predictive check"),
      caption("每个后验粒子以新的随机数再模拟一次；每个统计量一行，各用自己的单位：观测值及其 ± 1 个不确定度（拟合的"
              "目标），对照各粒子预测统计量的加权中位数及 90% 区间（predictive.csv）。标为“未拟合”的统计量只作检验"
              "（--check），没有观测值。拟合的统计量的预测区间若与观测带不相交，说明模型无法与其他目标同时再现它；"
              "标题中的比例为预测值落在观测值一个不确定度内的后验权重。",
              "Every posterior particle simulated again with fresh random numbers; one row per statistic, each in its "
              "own unit: the observed value with ± one uncertainty (the targets fitted) against the weighted median "
              "and 90% interval of the particles' predictive statistics (predictive.csv). Statistics marked 'not "
              "fitted' were only checked (--check) and have no observed value. A fitted statistic whose predictive "
              "interval misses the observed band is one the model cannot reproduce together with the other targets; "
              "the share in a title is the posterior weight whose prediction lies within one uncertainty of the "
              "observed value.",
              command));
  Json panels = Json::array();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool fitted = flag(t, r, target);
    const double o = t.number(r, observed), u = t.number(r, uncertainty), share = t.number(r, share_within);
    if (fitted && !std::isfinite(o)) badCell(t, r, observed, "a target needs an observed value");
    if (fitted && !(std::isfinite(u) && u > 0)) badCell(t, r, uncertainty, "a target needs an uncertainty > 0");
    const long long n = t.integer(r, defined);
    if (n < 0) badCell(t, r, defined, "expected a count >= 0");
    Json title = statisticTitle(t.rows[r][statistic], fitted);
    if (fitted && std::isfinite(share)) {
      title["zh"] = fmt::format("{}；一个不确定度内 {}", title["zh"].get<std::string>(), percentText(share));
      title["en"] = fmt::format("{}; {} within one uncertainty", title["en"].get<std::string>(), percentText(share));
    }
    panels.push_back({{"title", std::move(title)},
                      {"target", fitted},
                      {"observed", numberJson(fitted ? o : std::nan(""))},
                      {"uncertainty", numberJson(fitted ? u : std::nan(""))},
                      {"median", numberJson(t.number(r, median))},
                      {"lo90", numberJson(t.number(r, lo90))},
                      {"hi90", numberJson(t.number(r, hi90))},
                      {"share_within", numberJson(fitted ? share : std::nan(""))},
                      {"defined", n}});
  }
  c["variants"].push_back(
      {{"label", text("预测检验", "predictive check")},
       {"observed_name", text("观测值 ± 1 个不确定度", "observed ± 1 uncertainty")},
       {"predictive_name", text("后验预测中位数与 90% 区间", "posterior predictive median, 90% interval")},
       {"defined_name", text("有值的粒子", "particles with a value")},
       {"panels", std::move(panels)}});
  return c;
}

Json generations(const CsvTable& t, bool smc, const std::string& command) {
  const auto generation = requireColumn(t, "generation"), tolerance = requireColumn(t, "tolerance"),
             acceptance = requireColumn(t, "acceptance_rate");
  if (t.rows.empty()) throw InputError(t.source, 1, "", "no generations: expected one row per generation");
  std::vector<double> g, tol, acc;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    g.push_back(static_cast<double>(t.integer(r, generation)));
    const double e = t.number(r, tolerance), a = t.number(r, acceptance);
    if (std::isnan(e) || e < 0) badCell(t, r, tolerance, "expected a tolerance >= 0 or inf");
    if (!(a >= 0 && a <= 1)) badCell(t, r, acceptance, "expected a rate between 0 and 1");
    tol.push_back(std::isfinite(e) ? e : std::nan(""));  // inf: generation 0 accepted every candidate
    acc.push_back(a);
  }
  // How the tolerance was chosen differs between the two samplers (docs/calibration.md).
  const Json how =
      smc ? text(
                "每一代的容差取上一代被接受距离的分位数，容差越小接受越少。接受全部候选的第 0 代容差为无穷大，不画点。",
                "Each generation's tolerance is a quantile of the previous one's accepted distances; the smaller it "
                "is, the fewer are accepted. A generation 0 that accepted every candidate has an infinite tolerance "
                "and no point.")
          : text("拒绝 ABC 只有一代：保留距离最近的 accept_fraction 的候选，容差为其中最大的距离。",
                 "Rejection ABC has one generation: the closest accept_fraction of the candidates are kept, and the "
                 "tolerance is the largest distance among them.");
  Json c = chart(
      "calibration-generations", "panel-lines", text("各代的容差与接受率", "Tolerance and acceptance by generation"),
      caption(fmt::format("ABC 的每一代（generations.csv）：容差，即候选被接受所允许的最大距离（距离为各目标 (模拟 − "
                          "观测) / 不确定度 的平方和的平方根）；接受率，即被接受的候选占提出的候选的比例。{}",
                          how["zh"].get<std::string>()),
              fmt::format("Each generation of ABC (generations.csv): the tolerance, the largest distance at which a "
                          "candidate is accepted (the distance being the root of the sum over the targets of "
                          "((simulated − observed) / uncertainty)²), and the acceptance rate, the share of the "
                          "proposed candidates accepted. {}",
                          how["en"].get<std::string>()),
              command));
  const Json x_name = text("代", "generation");
  c["variants"].push_back({{"label", text("容差与接受率", "tolerance and acceptance")},
                           {"panels", Json::array({{{"title", text("容差", "tolerance")},
                                                    {"x_name", x_name},
                                                    {"y_name", text("距离", "distance")},
                                                    {"x", numbers(g)},
                                                    {"y", numbers(tol)}},
                                                   {{"title", text("接受率", "acceptance rate")},
                                                    {"x_name", x_name},
                                                    {"y_name", text("接受的比例", "share accepted")},
                                                    {"x", numbers(g)},
                                                    {"y", numbers(acc)}}})}});
  return c;
}

}  // namespace

Json calibrationReportData(const fs::path& dir, const std::string& display) {
  const std::string shown = (fs::path(display) / "calibration.json").string();
  const Json doc = readJsonFile(dir / "calibration.json", shown);
  const JsonAt root(doc, shown);
  const std::string command = root.has("command") ? root["command"].string() : std::string();
  const std::string name = root["calibration"].string(), method = root["method"].string(),
                    stop = root["stop_reason"].string();
  if (method != "abc-smc" && method != "abc-rejection")
    root.fail("method", fmt::format("expected 'abc-smc' or 'abc-rejection', got '{}'", shortened(method)));
  const bool smc = method == "abc-smc";

  const std::vector<Fitted> fitted = readFitted(readCsvFile(dir / "posterior_summary.csv"));
  const Population population = readPopulation(readCsvFile(dir / "posterior.csv"), fitted);
  const Json check_chart = checks(readCsvFile(dir / "predictive.csv"), command);
  const Json generation_chart = generations(readCsvFile(dir / "generations.csv"), smc, command);
  const Json& check_panels = check_chart["variants"][0]["panels"];
  const auto targets = std::count_if(check_panels.begin(), check_panels.end(),
                                     [](const Json& panel) { return panel["target"].get<bool>(); });
  const std::size_t generation_count = generation_chart["variants"][0]["panels"][0]["x"].size();

  Json out;
  out["kind"] = "calibration";
  out["title"] = text(fmt::format("校准：{}", name), fmt::format("Calibration: {}", name));
  out["source"] = display;
  out["command"] = command;
  const std::uint64_t replicates = root["replicates"].count(), seed = root["seed"].count(),
                      candidates = root["candidates"].count();
  // Counts after colons, so that one of anything reads as well as many.
  out["summary"] = text(
      fmt::format("{}。拟合参数：{}；目标：{}；最后一代粒子：{}；代数：{}；候选：{}；每个候选的重复：{}；模型种子 {}。"
                  "停止原因：{}",
                  smc ? "ABC-SMC" : "拒绝 ABC", fitted.size(), targets, population.weight.size(), generation_count,
                  candidates, replicates, seed, stop),
      fmt::format("{}. Parameters fitted: {}; targets: {}; particles in the final population: {}; generations: {}; "
                  "candidates: {}; replicates per candidate: {}; model seed {}. Stopped: {}",
                  smc ? "ABC-SMC" : "Rejection ABC", fitted.size(), targets, population.weight.size(), generation_count,
                  candidates, replicates, seed, stop));
  out["notes"] = Json::array();
  out["charts"] = Json::array();
  out["charts"].push_back(marginals(fitted, population, command));
  Json pair_chart = pairs(fitted, population, command);
  if (pair_chart["variants"].empty())
    out["notes"].push_back(text("没有参数对可画：只拟合了一个参数，或参数在最后一代中没有变化。",
                                "No pairs to draw: one parameter was fitted, or none varied in the final population."));
  else
    out["charts"].push_back(std::move(pair_chart));
  if (check_panels.empty())
    out["notes"].push_back(text("predictive.csv 中没有统计量：没有后验预测检验可画。",
                                "predictive.csv has no statistics: no posterior predictive check to draw."));
  else
    out["charts"].push_back(check_chart);
  out["charts"].push_back(generation_chart);
  return out;
}

}  // namespace pilotsim
