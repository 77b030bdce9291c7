#include "pilotsim/experiment/ClaimRobustness.hpp"

#include "pilotsim/core/Inference.hpp"
#include "pilotsim/core/Stats.hpp"
#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/experiment/Progress.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/TomlSupport.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/sensitivity/RankCorrelationAnalysis.hpp"
#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace pilotsim {
namespace {

constexpr const char* kValueNames[] = {"effect", "lo", "hi", "p", "d"};
static_assert(std::size(kValueNames) == kRobustnessValuesPerTest);

/// Months simulated for one set: every distinct scenario of the claims, times the replicates (the
/// progress line's total; scenarios that coincide on a background are simulated once).
std::int64_t monthsPerSet(const ClaimBook& book, const ClaimBackground& background, int replicates) {
  std::set<std::string> seen;
  std::int64_t months = 0;
  for (const auto& c : book.claims) {
    for (const auto& s : c.scenarios) {
      try {
        Scenario resolved = resolveClaimScenario(s, background);
        Scenario bare;
        bare.params = resolved.params;
        if (seen.insert(toToml(bare)).second) months += resolved.params.run.burn_in + resolved.params.run.months;
      } catch (const InputError&) {
        // A set that breaks a rule is not run; the estimate of its months does not matter.
      }
    }
  }
  return months * replicates;
}

/// The values stored for one judged set, in robustnessColumns order.
std::vector<double> setValues(const ClaimsReport& report) {
  std::vector<double> out;
  for (const auto& c : report.claims)
    for (const auto& t : c.tests)
      for (const double v : {t.effect.mean, t.effect.lo, t.effect.hi, t.p, t.effect_size}) out.push_back(v);
  return out;
}

VerdictShare share(int count, int n) {
  const auto [lo, hi] = wilsonInterval(count, n);
  return {count, n > 0 ? static_cast<double>(count) / n : kNaN, lo, hi};
}

/// The five parameters with the largest |rho| of the test's effect over the judged sets. Fisher-z
/// interval with the variance 1.06 / (n - 3) of Fieller, Hartley and Pearson (1957) for Spearman's rho:
/// a bootstrap over 150 parameters and 40 tests would cost minutes for the same information.
std::vector<RobustnessDriver> drivers(const sensitivity::Design& design, const std::vector<double>& effect) {
  int finite = 0;
  for (double e : effect) finite += std::isfinite(e) ? 1 : 0;
  if (finite < 4) return {};
  sensitivity::AnalysisOptions options;
  options.bootstrap = 0;
  const auto r = sensitivity::analyzeRankCorrelation(design, effect, options);
  std::vector<RobustnessDriver> all;
  const double se = std::sqrt(1.06 / static_cast<double>(r.runs_used - 3));
  for (const auto& f : r.factors) {
    if (!std::isfinite(f.rho.value)) continue;
    const double z = std::atanh(std::clamp(f.rho.value, -0.999999, 0.999999));
    all.push_back(
        {f.factor, f.rho.value, std::tanh(z - 1.959963984540054 * se), std::tanh(z + 1.959963984540054 * se)});
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return std::fabs(a.rho) > std::fabs(b.rho); });
  if (all.size() > 5) all.resize(5);
  return all;
}

std::vector<double> finiteValues(const std::vector<double>& xs) {
  std::vector<double> out;
  for (double x : xs)
    if (std::isfinite(x)) out.push_back(x);
  return out;
}

/// A calibration's posterior: for each particle the values of the parameters it holds, and the
/// running sum of the particles' weights.
struct PosteriorDraws {
  std::vector<std::size_t> columns;         ///< per posterior parameter: its factor's index
  std::vector<std::vector<double>> values;  ///< [particle][posterior parameter]
  std::vector<double> cumulative;           ///< [particle]: sum of the weights up to and including it
};

PosteriorDraws readPosterior(const RobustnessSpec& spec, const std::vector<sensitivity::Factor>& factors) {
  const CsvTable table = parseCsv(spec.posterior_text, spec.posterior_file);
  const int weight = table.column("weight");
  if (weight < 0)
    throw InputError(spec.posterior_file, 1, "weight",
                     "no column 'weight': expected the posterior.csv of 'pilotsim calibrate'");
  PosteriorDraws out;
  std::vector<std::size_t> csv_columns;
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c];
    if (name == "particle" || name == "generation" || name == "weight" || name == "distance") continue;
    const auto f = std::find_if(factors.begin(), factors.end(), [&](const auto& x) { return x.name == name; });
    if (f == factors.end())
      throw InputError(spec.posterior_file, 1, name,
                       "not a parameter that the robustness analysis samples (see 'pilotsim params': parameters "
                       "with a plausible range; levers, switches, run settings and the structure are not sampled)");
    out.columns.push_back(static_cast<std::size_t>(f - factors.begin()));
    csv_columns.push_back(c);
  }
  if (out.columns.empty())
    throw InputError(spec.posterior_file, 1, "", "no parameter columns: nothing to draw from the posterior");
  double total = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const double w = table.number(r, static_cast<std::size_t>(weight));
    if (!std::isfinite(w) || w < 0)
      throw InputError(spec.posterior_file, table.lines[r], "weight",
                       fmt::format("expected a weight of at least 0, got {}", table.rows[r][weight]));
    std::vector<double> values;
    for (const std::size_t c : csv_columns) {
      values.push_back(table.number(r, c));
      if (!std::isfinite(values.back()))
        throw InputError(spec.posterior_file, table.lines[r], table.header[c], "expected a finite value");
    }
    total += w;
    out.values.push_back(std::move(values));
    out.cumulative.push_back(total);
  }
  if (!(total > 0)) throw InputError(spec.posterior_file, 0, "weight", "the particles' weights sum to 0");
  return out;
}

}  // namespace

std::vector<sensitivity::Factor> robustnessFactors() {
  std::vector<sensitivity::Factor> factors;
  for (const ParamSpec& spec : paramRegistry()) {
    if (!spec.sampled()) continue;
    sensitivity::Factor f = sensitivity::uniformFactor(std::string(spec.key), spec.plausible_lo, spec.plausible_hi);
    if (spec.type == ParamType::Integer) f.kind = sensitivity::DistributionKind::Integer;
    f.zh = spec.zh;
    f.en = spec.en;
    factors.push_back(std::move(f));
  }
  return factors;
}

sensitivity::Design robustnessDesign(const RobustnessSpec& spec) {
  sensitivity::SamplingSpec sampling;
  sampling.design.method = sensitivity::DesignMethod::LatinHypercube;
  sampling.design.samples = spec.sets;
  sampling.design.seed = spec.design_seed;
  sampling.factors = robustnessFactors();
  if (spec.posterior_text.empty()) return sensitivity::generateDesign(sampling);

  const PosteriorDraws posterior = readPosterior(spec, sampling.factors);
  sampling.factors.push_back(sensitivity::uniformFactor("posterior draw", 0.0, 1.0));
  const sensitivity::Design drawn = sensitivity::generateDesign(sampling);
  sensitivity::Design design = drawn;
  design.factors.pop_back();
  design.types.pop_back();
  design.values.clear();
  const std::size_t k = design.factorCount();
  for (std::size_t r = 0; r < drawn.runCount(); ++r) {
    const auto row = drawn.row(r);
    const double u = row[k] * posterior.cumulative.back();
    const auto particle =
        static_cast<std::size_t>(std::upper_bound(posterior.cumulative.begin(), posterior.cumulative.end() - 1, u) -
                                 posterior.cumulative.begin());
    std::vector<double> values(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k));
    for (std::size_t p = 0; p < posterior.columns.size(); ++p) {
      const double v = posterior.values[particle][p];
      values[posterior.columns[p]] =
          design.types[posterior.columns[p]] == sensitivity::ValueType::Real ? v : std::round(v);
    }
    design.values.insert(design.values.end(), values.begin(), values.end());
  }
  return design;
}

ClaimBook robustnessClaims(const RobustnessSpec& spec) {
  const ClaimBook all = loadClaims(spec.claims_text, spec.claims_file);
  ClaimBook book;
  for (const auto& id : spec.ids)
    if (all.find(id) == nullptr) {
      std::string ids;
      for (const auto& c : all.claims) ids += (ids.empty() ? "" : ", ") + c.id;
      throw InputError(spec.claims_file, 0, id, fmt::format("no claim \"{}\"; claims are {}", id, ids));
    }
  for (const auto& c : all.claims)
    if (spec.ids.empty() || std::find(spec.ids.begin(), spec.ids.end(), c.id) != spec.ids.end())
      book.claims.push_back(c);
  if (spec.months > 0)
    for (auto& c : book.claims)
      for (auto& s : c.scenarios) s.sets.push_back(fmt::format("run.months={}", spec.months));
  return book;
}

std::string robustnessDefinitionText(const RobustnessSpec& spec) {
  toml::array ids;
  for (const auto& id : spec.ids) ids.push_back(id);
  toml::table t{{"sets", spec.sets},
                {"replicates", spec.replicates},
                {"seed", static_cast<std::int64_t>(spec.seed)},
                {"months", spec.months},
                {"design_seed", static_cast<std::int64_t>(spec.design_seed)},
                {"claims", ids},
                {"claims_file", spec.claims_file},
                // '|' first: TOML drops a newline that follows the opening quotes of a multi-line
                // string, and the text must come back byte for byte.
                {"claims_text", "|" + spec.claims_text}};
  if (!spec.posterior_text.empty()) {
    t.insert("posterior_file", spec.posterior_file);
    t.insert("posterior_text", "|" + spec.posterior_text);
  }
  std::ostringstream out;
  out << kRobustnessMarker << ": the definition of a robustness analysis of the claims\n" << t << "\n";
  return out.str();
}

bool isRobustnessDefinition(std::string_view text) { return text.starts_with(kRobustnessMarker); }

RobustnessSpec parseRobustnessDefinition(std::string_view text, const std::string& source) {
  if (!isRobustnessDefinition(text))
    throw InputError(source, 0, "",
                     "this database holds a campaign of 'pilotsim sweep', not a robustness analysis of the claims "
                     "('pilotsim claims --robustness')");
  const toml::table t = parseTomlText(text, source);
  RobustnessSpec spec;
  const auto integer = [&](const char* key) {
    const auto v = t[key].value<std::int64_t>();
    if (!v) throw InputError(source, 0, key, "missing from the stored definition of the robustness analysis");
    return *v;
  };
  spec.sets = static_cast<int>(integer("sets"));
  spec.replicates = static_cast<int>(integer("replicates"));
  spec.seed = static_cast<std::uint64_t>(integer("seed"));
  spec.months = static_cast<int>(integer("months"));
  spec.design_seed = static_cast<std::uint64_t>(integer("design_seed"));
  if (const auto* ids = t["claims"].as_array())
    for (const auto& id : *ids) spec.ids.push_back(id.value_or(std::string()));
  spec.claims_file = t["claims_file"].value_or(std::string());
  spec.claims_text = t["claims_text"].value_or(std::string());
  if (!spec.claims_text.starts_with('|'))
    throw InputError(source, 0, "claims_text", "not the claims text of a robustness analysis' definition");
  spec.claims_text.erase(0, 1);
  if (const auto posterior = t["posterior_text"].value<std::string>()) {
    if (!posterior->starts_with('|'))
      throw InputError(source, 0, "posterior_text", "not the posterior of a robustness analysis' definition");
    spec.posterior_file = t["posterior_file"].value_or(std::string());
    spec.posterior_text = posterior->substr(1);
  }
  return spec;
}

ClaimBackground robustnessBackground(const sensitivity::Design& design, std::size_t row) {
  ClaimBackground background;
  const auto values = design.row(row);
  for (std::size_t i = 0; i < design.factorCount(); ++i) {
    const std::string value = design.types[i] == sensitivity::ValueType::Real
                                  ? fmt::format("{}", values[i])
                                  : fmt::format("{}", std::llround(values[i]));
    background.emplace_back(design.factors[i], value);
  }
  return background;
}

std::vector<std::string> robustnessColumns(const ClaimBook& claims) {
  std::vector<std::string> columns;
  for (const auto& c : claims.claims)
    for (std::size_t t = 0; t < c.tests.size(); ++t)
      for (const char* v : kValueNames) columns.push_back(fmt::format("{}.t{}.{}", c.id, t + 1, v));
  return columns;
}

sensitivity::Design openRobustness(const RobustnessSpec& spec, CampaignStore& store, const std::string& command) {
  const ClaimBook book = robustnessClaims(spec);  // checks the claims before anything is stored
  const sensitivity::Design design = robustnessDesign(spec);
  const std::string text = robustnessDefinitionText(spec);
  if (!store.defined()) {
    CampaignDefinition d;
    d.campaign_file = spec.claims_file;
    d.campaign_text = text;
    d.base_toml = toToml(loadPreset("baseline"));
    d.program_version = std::string(programVersion());
    d.command = command;
    d.replicates = 1;  // one stored run per parameter set; the set's own replicates are in the text
    d.seed = static_cast<std::int64_t>(spec.seed);
    d.outcomes = robustnessColumns(book);
    store.define(d, design);
    return design;
  }
  const CampaignDefinition stored = store.definition();
  store.checkHoldsDesign();
  if (!isRobustnessDefinition(stored.campaign_text))
    throw InputError(store.path().string(), 0, "",
                     fmt::format("this database holds the campaign {} of 'pilotsim sweep', not a robustness "
                                 "analysis; give another --db",
                                 stored.campaign_file));
  if (stored.campaign_text != text) {
    const RobustnessSpec was = parseRobustnessDefinition(stored.campaign_text, store.path().string());
    throw InputError(
        store.path().string(), 0, "",
        fmt::format("this database holds another robustness analysis (started by: {}; {} sets, {} replicates, seed {}"
                    "{}); its results would not belong to this one. Repeat that command to resume it, or give "
                    "another --db",
                    stored.command, was.sets, was.replicates, was.seed,
                    was.claims_text != spec.claims_text ? ", another claims file" : ""));
  }
  checkSameProgram(store, stored, "analysis");
  return design;
}

CampaignWork robustnessWork(const RobustnessSpec& spec, const sensitivity::Design& design, int threads) {
  CampaignWork work;
  work.items = true;
  work.threads = threads;
  const auto book = std::make_shared<const ClaimBook>(robustnessClaims(spec));
  const auto row_of_point = std::make_shared<const std::map<std::int64_t, std::size_t>>(rowOfPoint(design));
  if (design.runCount() > 0)
    work.months_per_run = monthsPerSet(*book, robustnessBackground(design, 0), spec.replicates);
  ComparisonOptions options;
  options.replicates = spec.replicates;
  options.seed = spec.seed;
  options.threads = threads;
  work.run = [&design, book, row_of_point, options](std::span<const RunKey> keys, const RunSink& sink,
                                                    Progress* progress, const std::atomic<bool>* stop) {
    const std::size_t columns = robustnessColumns(*book).size();
    for (const RunKey& key : keys) {
      const auto row = row_of_point->find(key.point);
      if (row == row_of_point->end())
        throw InputError("", 0, "", fmt::format("set {} is not a point of the design", key.point));
      RunOutput out;
      out.key = key;
      try {
        out.outcomes =
            setValues(runClaims(*book, {}, options, progress, stop, robustnessBackground(design, row->second)));
      } catch (const InputError&) {
        // The set's values break a cross-parameter rule: nothing to judge (the summary counts it failed).
        out.outcomes.assign(columns, kNaN);
      }
      sink(std::move(out));
      if (progress != nullptr) progress->itemDone();
    }
  };
  return work;
}

CampaignProgress runRobustness(const RobustnessSpec& spec, const sensitivity::Design& design, CampaignStore& store,
                               int threads, Progress* progress, const std::atomic<bool>* stop,
                               const std::function<void(const CampaignProgress&)>& on_start) {
  CampaignProgress counts;
  const std::vector<RunKey> pending = pendingRuns(store, counts, on_start);
  return runPending(store, robustnessWork(spec, design, threads), pending, counts, progress, stop);
}

RobustnessResult analyzeRobustness(const CampaignStore& store) {
  const CampaignDefinition def = store.definition();
  RobustnessResult r;
  r.spec = parseRobustnessDefinition(def.campaign_text, store.path().string());
  r.book = robustnessClaims(r.spec);
  r.design = store.design();
  r.columns = robustnessColumns(r.book);
  if (r.columns != def.outcomes)
    throw InputError(store.path().string(), 0, "", "the stored columns do not match the analysis' claims");
  const std::size_t sets = r.design.runCount();
  const auto stored = store.results();  // [row][column][replicate 0]
  const auto row_of_point = rowOfPoint(r.design);
  r.done.assign(sets, false);
  for (const auto& [key, done] : store.runStatus())
    if (done) r.done[row_of_point.at(key.point)] = true;
  r.judged.assign(sets, false);
  r.values.assign(sets, std::vector<double>(r.columns.size(), kNaN));

  for (const auto& c : r.book.claims) {
    RobustnessClaim rc;
    rc.claim = &c;
    for (std::size_t t = 0; t < c.tests.size(); ++t) {
      RobustnessTest rt;
      rt.claim = &c;
      rt.test = t;
      rt.effect.assign(sets, kNaN);
      rt.verdict.assign(sets, TestVerdict::Inconclusive);
      rt.verdict_holm.assign(sets, TestVerdict::Inconclusive);
      rc.tests.push_back(std::move(rt));
    }
    rc.verdict.assign(sets, Verdict::Inconclusive);
    rc.verdict_holm = rc.verdict_first = rc.verdict;
    r.claims.push_back(std::move(rc));
  }

  for (std::size_t row = 0; row < sets; ++row) {
    if (!r.done[row]) continue;
    ++r.sets_done;
    bool any = false;
    for (std::size_t k = 0; k < r.columns.size(); ++k) {
      r.values[row][k] = stored[row][k].empty() ? kNaN : stored[row][k][0];
      any = any || std::isfinite(r.values[row][k]);
    }
    if (!any) {
      ++r.sets_failed;
      continue;
    }
    r.judged[row] = true;
    // The set's claims as `pilotsim claims` judges them: each test from its stored interval and p,
    // Holm over all of the set's tests.
    std::vector<ClaimResult> results;
    std::size_t k = 0;
    for (const auto& c : r.book.claims) {
      ClaimResult cr;
      cr.claim = &c;
      for (const auto& t : c.tests) {
        TestResult tr;
        tr.test = &t;
        tr.effect.mean = r.values[row][k];
        tr.effect.lo = r.values[row][k + 1];
        tr.effect.hi = r.values[row][k + 2];
        tr.effect.n = r.spec.replicates;
        tr.p = r.values[row][k + 3];
        tr.effect_size = r.values[row][k + 4];
        tr.verdict = judgeTest(tr.effect, t.expect, t.minimal_effect);
        cr.tests.push_back(tr);
        k += kRobustnessValuesPerTest;
      }
      results.push_back(std::move(cr));
    }
    judgeClaims(results);
    for (std::size_t ci = 0; ci < results.size(); ++ci) {
      RobustnessClaim& rc = r.claims[ci];
      rc.verdict[row] = results[ci].verdict;
      rc.verdict_holm[row] = results[ci].verdict_holm;
      rc.verdict_first[row] = results[ci].verdict_first;
      for (std::size_t t = 0; t < rc.tests.size(); ++t) {
        rc.tests[t].effect[row] = results[ci].tests[t].effect.mean;
        rc.tests[t].verdict[row] = results[ci].tests[t].verdict;
        rc.tests[t].verdict_holm[row] = results[ci].tests[t].verdict_holm;
      }
    }
  }

  const int n = r.sets_done - r.sets_failed;
  // Under no relation rho is about normal with sd 1 / sqrt(n - 1).
  r.chance_rho = n > 1 ? sensitivity::normalQuantile(1 - 0.025 / static_cast<double>(r.design.factorCount())) /
                             std::sqrt(static_cast<double>(n - 1))
                       : kNaN;
  const auto count = [&](const auto& per_set, auto v) {
    int c = 0;
    for (std::size_t row = 0; row < sets; ++row) c += r.judged[row] && per_set[row] == v ? 1 : 0;
    return c;
  };
  for (auto& rc : r.claims) {
    for (const Verdict v : {Verdict::Supported, Verdict::NotSupported, Verdict::Inconclusive}) {
      const auto i = static_cast<std::size_t>(v);
      rc.current[i] = share(count(rc.verdict, v), n);
      rc.holm[i] = share(count(rc.verdict_holm, v), n);
      rc.first[i] = share(count(rc.verdict_first, v), n);
    }
    for (auto& rt : rc.tests) {
      for (const TestVerdict v :
           {TestVerdict::Supported, TestVerdict::Contradicted, TestVerdict::Negligible, TestVerdict::Inconclusive})
        rt.shares[static_cast<std::size_t>(v)] = share(count(rt.verdict, v), n);
      const auto finite = finiteValues(rt.effect);
      rt.median = finite.empty() ? kNaN : quantile(finite, 0.5);
      rt.q05 = finite.empty() ? kNaN : quantile(finite, 0.05);
      rt.q95 = finite.empty() ? kNaN : quantile(finite, 0.95);
      rt.drivers = drivers(r.design, rt.effect);
    }
  }
  return r;
}

}  // namespace pilotsim
