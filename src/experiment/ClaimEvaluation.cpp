#include "pilotsim/experiment/ClaimEvaluation.hpp"

#include "experiment/ScenarioList.hpp"
#include "pilotsim/core/Inference.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace pilotsim {
namespace {

using detail::ScenarioList;

std::string claimLabel(const ClaimSpec& c, const std::string& scenario) { return c.id + "/" + scenario; }
std::string offLabel(const std::string& mechanism, const std::string& label) {
  return "ablation/" + mechanism + "/" + label;
}

const ClaimTest& testOf(const ClaimSpec& c, const AblationSpec& a) {
  return c.tests.at(static_cast<std::size_t>(a.test));  // loadClaims checked the index
}

/// A test's contrast over the runs named by `label_of(scenario name)`, minus its reference.
struct Effect {
  Interval interval;
  double size;
};
template <class LabelOf>
Effect contrastEffect(const ClaimTest& t, const std::vector<ScenarioRun>& runs, const ScenarioList& list,
                      LabelOf label_of) {
  const int k = findOutcome(t.outcome);
  std::vector<std::vector<double>> values;
  std::vector<double> weights;
  for (const auto& [name, w] : t.weights) {
    values.push_back(runs[list.at(label_of(name))].values[static_cast<std::size_t>(k)]);
    weights.push_back(w);
  }
  Interval iv = pairedContrast(values, weights);
  const double size = standardisedEffect(iv.mean, values, weights);
  iv.mean -= t.reference;
  iv.lo -= t.reference;
  iv.hi -= t.reference;
  return {iv, size};
}

bool selected(const ClaimSelection& sel, std::string_view a, std::string_view b = {}) {
  if (sel.ids.empty()) return true;
  for (const auto& id : sel.ids)
    if (id == a || (!b.empty() && id == b)) return true;
  return false;
}

std::string formatWeight(double w) {
  const double a = std::fabs(w);
  return a == 1.0 ? std::string() : fmt::format("{:g} x ", a);
}

}  // namespace

std::string_view toString(Verdict v) {
  switch (v) {
    case Verdict::Supported:
      return "supported";
    case Verdict::NotSupported:
      return "not supported";
    case Verdict::Inconclusive:
      return "inconclusive";
  }
  return "";
}
std::string_view toString(TestVerdict v) {
  switch (v) {
    case TestVerdict::Supported:
      return "supported";
    case TestVerdict::Contradicted:
      return "contradicted";
    case TestVerdict::Negligible:
      return "negligible";
    case TestVerdict::Inconclusive:
      return "inconclusive";
  }
  return "";
}
std::string_view toString(AblationVerdict v) {
  switch (v) {
    case AblationVerdict::Removed:
      return "removed";
    case AblationVerdict::Reduced:
      return "reduced";
    case AblationVerdict::NotRemoved:
      return "not removed";
    case AblationVerdict::NoEffect:
      return "no effect";
  }
  return "";
}
std::string_view toStringZh(Verdict v) {
  switch (v) {
    case Verdict::Supported:
      return "支持";
    case Verdict::NotSupported:
      return "不支持";
    case Verdict::Inconclusive:
      return "不确定";
  }
  return "";
}
std::string_view toStringZh(TestVerdict v) {
  switch (v) {
    case TestVerdict::Supported:
      return "支持";
    case TestVerdict::Contradicted:
      return "相反";
    case TestVerdict::Negligible:
      return "可忽略";
    case TestVerdict::Inconclusive:
      return "不确定";
  }
  return "";
}
std::string_view toStringZh(AblationVerdict v) {
  switch (v) {
    case AblationVerdict::Removed:
      return "消除";
    case AblationVerdict::Reduced:
      return "减弱";
    case AblationVerdict::NotRemoved:
      return "未消除";
    case AblationVerdict::NoEffect:
      return "无效应";
  }
  return "";
}

namespace {
// An effect known to differ from zero in direction d: supported or contradicted when it reaches the
// minimal effect, negligible when it does not.
TestVerdict judgeDetected(double estimate, Direction d, Direction expect, double minimal_effect) {
  if (std::fabs(estimate) < minimal_effect) return TestVerdict::Negligible;
  return d == expect ? TestVerdict::Supported : TestVerdict::Contradicted;
}
}  // namespace

TestVerdict judgeTest(const Interval& effect, Direction expect, double minimal_effect) {
  const Direction d = directionOf(effect);
  if (d == Direction::Unclear) return TestVerdict::Inconclusive;
  return judgeDetected(effect.mean, d, expect, minimal_effect);
}

TestVerdict judgeTestByP(double estimate, double p, Direction expect, double minimal_effect, double alpha) {
  if (std::isnan(p) || std::isnan(estimate) || !(p < alpha) || estimate == 0) return TestVerdict::Inconclusive;
  return judgeDetected(estimate, estimate > 0 ? Direction::Higher : Direction::Lower, expect, minimal_effect);
}

Verdict judgeClaim(const std::vector<TestVerdict>& tests) {
  bool all = !tests.empty();
  for (const auto v : tests) {
    if (v == TestVerdict::Contradicted) return Verdict::NotSupported;
    all = all && v == TestVerdict::Supported;
  }
  return all ? Verdict::Supported : Verdict::Inconclusive;
}

AblationVerdict judgeAblation(const Interval& on, const Interval& off, Direction expect) {
  if (judgeTest(on, expect) != TestVerdict::Supported) return AblationVerdict::NoEffect;
  if (directionOf(off) != expect) return AblationVerdict::Removed;
  return std::fabs(off.mean) <= 0.5 * std::fabs(on.mean) ? AblationVerdict::Reduced : AblationVerdict::NotRemoved;
}

void judgeClaims(std::vector<ClaimResult>& claims) {
  std::vector<double> p;
  for (const auto& c : claims)
    for (const auto& t : c.tests) p.push_back(t.p);
  const std::vector<double> adjusted = holmAdjust(p);
  std::size_t k = 0;
  for (auto& c : claims) {
    std::vector<TestVerdict> current, holm, first;
    for (auto& t : c.tests) {
      t.p_holm = adjusted[k++];
      t.verdict_holm = judgeTestByP(t.effect.mean, t.p_holm, t.test->expect, t.test->minimal_effect);
      if (!t.test->superseded) current.push_back(t.verdict), holm.push_back(t.verdict_holm);
      if (t.test->revises < 0) first.push_back(t.verdict);
    }
    c.verdict = judgeClaim(current);
    c.verdict_holm = judgeClaim(holm);
    c.verdict_first = judgeClaim(first);
  }
}

std::string testStatusText(const ClaimSpec& claim, std::size_t test, bool zh) {
  const ClaimTest& t = claim.tests.at(test);
  if (t.revises >= 0)
    return zh ? fmt::format("修订第 {} 项检验 ({})", t.revises + 1, t.revised_on)
              : fmt::format("revision of test {} ({})", t.revises + 1, t.revised_on);
  if (!t.superseded) return zh ? "首次设定" : "as first specified";
  for (std::size_t j = test + 1; j < claim.tests.size(); ++j)
    if (claim.tests[j].revises == static_cast<int>(test))
      return zh ? fmt::format("首次设定,已由第 {} 项修订", j + 1)
                : fmt::format("as first specified, superseded by test {}", j + 1);
  return zh ? "首次设定,已修订" : "as first specified, superseded";
}

std::string contrastText(const ClaimTest& t) {
  // Positive terms first, so that "high - low" reads as the effect of going from low to high.
  std::string text;
  for (const bool positive : {true, false}) {
    for (const auto& [name, w] : t.weights) {
      if (w == 0 || (w > 0) != positive) continue;
      if (text.empty())
        text = (w < 0 ? "-" : "") + formatWeight(w) + name;
      else
        text += fmt::format(" {} {}{}", w < 0 ? "-" : "+", formatWeight(w), name);
    }
  }
  if (t.reference != 0) text += fmt::format(" {} {:g}", t.reference < 0 ? "+" : "-", std::fabs(t.reference));
  return text;
}

ClaimsReport runClaims(const ClaimBook& book, const ClaimSelection& selection, const ComparisonOptions& options,
                       Progress* progress, const std::atomic<bool>* stop, const ClaimBackground& background) {
  // Which claims and ablations, checking that every id names one.
  std::vector<const ClaimSpec*> claims;
  std::vector<const AblationSpec*> ablations;
  for (const auto& id : selection.ids) {
    bool known = book.find(id) != nullptr;
    for (const auto& a : book.ablations) known = known || a.mechanism == id;
    if (!known) {
      std::string ids;
      for (const auto& c : book.claims) ids += (ids.empty() ? "" : ", ") + c.id;
      throw InputError("claims", 0, id, fmt::format("no claim or mechanism \"{}\"; claims are {}", id, ids));
    }
  }
  if (selection.claims)
    for (const auto& c : book.claims)
      if (selected(selection, c.id)) claims.push_back(&c);
  if (selection.ablations)
    for (const auto& a : book.ablations)
      if (selected(selection, a.claim, a.mechanism)) ablations.push_back(&a);

  ScenarioList list(background);
  for (const ClaimSpec* c : claims)
    for (const auto& s : c->scenarios) list.add(claimLabel(*c, s.name), s);
  for (const AblationSpec* a : ablations) {
    if (a->claim.empty()) {
      const std::string label = offLabel(a->mechanism, "footprint/" + a->outcome);
      list.add(label + "/on", a->scenario);
      list.add(label + "/off", a->scenario, a->mechanism);
      continue;
    }
    const ClaimSpec& c = *book.find(a->claim);
    for (const auto& [name, w] : testOf(c, *a).weights) {
      const auto& s = c.scenario(name);
      list.add(claimLabel(c, name), s);
      list.add(offLabel(a->mechanism, claimLabel(c, name)), s, a->mechanism);
    }
  }

  ClaimsReport report;
  report.replicates = options.replicates;
  report.seed = options.seed;
  report.runs = runScenarios(list.list(), options, progress, stop);

  for (const ClaimSpec* c : claims) {
    ClaimResult r;
    r.claim = c;
    for (const auto& t : c->tests) {
      const auto e = contrastEffect(t, report.runs, list, [&](const std::string& n) { return claimLabel(*c, n); });
      TestResult tr;
      tr.test = &t;
      tr.effect = e.interval;
      tr.effect_size = e.size;
      tr.verdict = judgeTest(e.interval, t.expect, t.minimal_effect);
      tr.p = tTestPValue(e.interval);
      const double minimal = t.minimal_effect > 0 ? t.minimal_effect : std::nan("");
      tr.power = tTestPower(minimal, e.interval.sd, e.interval.n);
      tr.replicates_80 = replicatesForPower(minimal, e.interval.sd);
      r.tests.push_back(tr);
    }
    for (const auto& s : c->scenarios) {
      std::vector<Interval> row;
      for (const auto& t : c->tests)
        row.push_back(meanInterval(
            report.runs[list.at(claimLabel(*c, s.name))].values[static_cast<std::size_t>(findOutcome(t.outcome))]));
      r.levels.push_back(std::move(row));
    }
    report.claims.push_back(std::move(r));
  }
  judgeClaims(report.claims);

  for (const AblationSpec* a : ablations) {
    AblationResult r;
    r.ablation = a;
    if (a->claim.empty()) {
      const std::string label = offLabel(a->mechanism, "footprint/" + a->outcome);
      const auto k = static_cast<std::size_t>(findOutcome(a->outcome));
      const std::vector<double> pair[2] = {report.runs[list.at(label + "/on")].values[k],
                                           report.runs[list.at(label + "/off")].values[k]};
      const double weights[2] = {1.0, -1.0};
      r.on = meanInterval(pair[0]);
      r.off = meanInterval(pair[1]);
      r.difference = pairedContrast(pair, weights);
      r.verdict = judgeTest(r.difference, a->expect) == TestVerdict::Supported ? AblationVerdict::Removed
                                                                               : AblationVerdict::NoEffect;
    } else {
      const ClaimSpec& c = *book.find(a->claim);
      const ClaimTest& t = testOf(c, *a);
      r.on = contrastEffect(t, report.runs, list, [&](const std::string& n) { return claimLabel(c, n); }).interval;
      r.off = contrastEffect(t, report.runs, list, [&](const std::string& n) {
                return offLabel(a->mechanism, claimLabel(c, n));
              }).interval;
      r.difference = meanInterval({});
      r.verdict = judgeAblation(r.on, r.off, t.expect);
    }
    report.ablations.push_back(r);
  }
  return report;
}

}  // namespace pilotsim
