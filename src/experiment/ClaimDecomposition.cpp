#include "pilotsim/experiment/ClaimDecomposition.hpp"

#include "experiment/ScenarioList.hpp"
#include "pilotsim/core/Contrast.hpp"
#include "pilotsim/experiment/Outcomes.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>

namespace pilotsim {
namespace {

bool isLever(std::string_view key) { return !key.starts_with("run.") && !key.starts_with("structure."); }

/// `to`'s parameter `key` set to its value in `from`.
void copyLever(const ParamSpec& spec, const Params& from, Params& to) {
  Params source = from;  // ref() needs a mutable Params
  std::visit([&](auto* dst) { *dst = *std::get<std::remove_reference_t<decltype(dst)>>(spec.ref(source)); },
             spec.ref(to));
}

/// The treated (positive weight) and control (negative weight) scenario of a two-scenario contrast.
bool treatedAndControl(const ClaimTest& t, std::string& treated, std::string& control) {
  int positive = 0, negative = 0;
  for (const auto& [name, w] : t.weights) {
    if (w > 0) treated = name, ++positive;
    if (w < 0) control = name, ++negative;
  }
  return positive == 1 && negative == 1;
}

/// The planned variants of one test, before anything runs.
struct Plan {
  TestDecomposition result;
  std::size_t treated_run = 0, control_run = 0;     // indices in the runs
  std::vector<std::size_t> alone_run, without_run;  // per lever: index in the runs, or kNotRun
};

constexpr std::size_t kNotRun = static_cast<std::size_t>(-1);

/// A variant of `base` with `lever` set as in `source`; empty problem when its parameters are valid.
Scenario variant(const Scenario& base, const Scenario& source, const ParamSpec& lever, std::string& problem) {
  Scenario s = base;
  copyLever(lever, source.params, s.params);
  const auto problems = validateParams(s.params);
  problem = problems.empty() ? std::string() : problems.front();
  return s;
}

/// The paired difference of the test's outcome between `treated` and `control`.
Interval difference(const ClaimTest& t, const ScenarioRun& treated, const ScenarioRun& control) {
  const auto k = static_cast<std::size_t>(findOutcome(t.outcome));
  const std::vector<double> values[2] = {treated.values[k], control.values[k]};
  const double weights[2] = {1.0, -1.0};
  return pairedContrast(values, weights);
}

}  // namespace

std::vector<std::string> leversBetween(const Scenario& control, const Scenario& treated) {
  std::vector<std::string> keys;
  for (const auto& spec : paramRegistry())
    if (isLever(spec.key) && formatValue(control.params, spec) != formatValue(treated.params, spec))
      keys.emplace_back(spec.key);
  return keys;
}

DecompositionReport decomposeClaims(const ClaimBook& book, const ClaimSelection& selection,
                                    const ComparisonOptions& options, Progress* progress,
                                    const std::atomic<bool>* stop) {
  for (const auto& id : selection.ids)
    if (book.find(id) == nullptr) throw InputError("claims", 0, id, fmt::format("no claim \"{}\" to decompose", id));
  detail::ScenarioList runs;
  std::vector<Plan> plans;
  for (const auto& c : book.claims) {
    if (!selection.ids.empty() && std::find(selection.ids.begin(), selection.ids.end(), c.id) == selection.ids.end())
      continue;
    for (std::size_t i = 0; i < c.tests.size(); ++i) {
      const ClaimTest& t = c.tests[i];
      std::string treated, control;
      if (t.superseded || !treatedAndControl(t, treated, control)) continue;
      const Scenario T = resolveClaimScenario(c.scenario(treated));
      const Scenario C = resolveClaimScenario(c.scenario(control));
      const auto keys = leversBetween(C, T);
      if (keys.size() < 2) continue;
      Plan p;
      p.result.claim = &c;
      p.result.test = i;
      p.result.treated = treated;
      p.result.control = control;
      p.treated_run = runs.add(c.id + "/" + treated, T);
      p.control_run = runs.add(c.id + "/" + control, C);
      for (const auto& key : keys) {
        const ParamSpec& spec = *findParam(key);
        LeverEffect lever;
        lever.key = key;
        lever.control = formatValue(C.params, spec);
        lever.treated = formatValue(T.params, spec);
        std::string problem_alone, problem_without;
        Scenario alone = variant(C, T, spec, problem_alone);
        Scenario without = variant(T, C, spec, problem_without);
        lever.problem = !problem_alone.empty() ? problem_alone : problem_without;
        const std::string label = fmt::format("decompose/{}/{}-vs-{}/{}", c.id, treated, control, key);
        p.alone_run.push_back(problem_alone.empty() ? runs.add(label + "/alone", std::move(alone)) : kNotRun);
        p.without_run.push_back(problem_without.empty() ? runs.add(label + "/without", std::move(without)) : kNotRun);
        p.result.levers.push_back(std::move(lever));
      }
      plans.push_back(std::move(p));
    }
  }

  DecompositionReport report;
  report.replicates = options.replicates;
  report.seed = options.seed;
  report.runs = runScenarios(runs.list(), options, progress, stop);

  const Interval none = meanInterval({});
  for (auto& p : plans) {
    TestDecomposition& d = p.result;
    const ClaimTest& t = d.claim->tests[d.test];
    const ScenarioRun& control = report.runs[p.control_run];
    d.full = difference(t, report.runs[p.treated_run], control);
    for (std::size_t l = 0; l < d.levers.size(); ++l) {
      LeverEffect& lever = d.levers[l];
      lever.alone = p.alone_run[l] == kNotRun ? none : difference(t, report.runs[p.alone_run[l]], control);
      lever.without = p.without_run[l] == kNotRun ? none : difference(t, report.runs[p.without_run[l]], control);
      const double full = d.full.mean;
      lever.share_alone = full == 0 ? std::nan("") : lever.alone.mean / full;
      lever.share_lost = full == 0 ? std::nan("") : (full - lever.without.mean) / full;
      lever.carries = lever.share_alone >= 0.5 || lever.share_lost >= 0.5;
    }
    report.tests.push_back(std::move(d));
  }
  return report;
}

}  // namespace pilotsim
