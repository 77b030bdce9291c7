#include "pilotsim/sensitivity/Design.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/sensitivity/SobolSequence.hpp"
#include "sensitivity/DesignGenerators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

namespace pilotsim::sensitivity {

int Design::factorIndex(std::string_view name) const {
  for (std::size_t i = 0; i < factors.size(); ++i)
    if (factors[i] == name) return static_cast<int>(i);
  return -1;
}

Design generateDesign(const SamplingSpec& spec) {
  const DesignMethod m = spec.design.method;
  if (spec.factors.empty()) throw InputError("", 0, "factors", "no factor given");
  if (m == DesignMethod::Saltelli && 2 * spec.factors.size() > static_cast<std::size_t>(SobolSequence::kMaxDimensions))
    throw InputError("", 0, "factors",
                     fmt::format("saltelli supports at most {} factors", SobolSequence::kMaxDimensions / 2));
  if (m == DesignMethod::Morris || m == DesignMethod::Factorial)
    for (const auto& f : spec.factors)
      if (!f.bounded())
        throw InputError("", 0, "factors." + f.name, fmt::format("method \"{}\" needs bounded factors", methodName(m)));
  if (m == DesignMethod::File)
    throw InputError("", 0, "design.method",
                     "a design from a file is read (experiment/CampaignDesignFile.hpp), not generated");
  Design design;
  design.method = m;
  for (const auto& f : spec.factors) {
    design.factors.push_back(f.name);
    design.types.push_back(f.valueType());
  }
  switch (m) {
    case DesignMethod::Factorial:
      detail::generateFactorial(spec, design);
      break;
    case DesignMethod::LatinHypercube:
      detail::generateLatinHypercube(spec, design);
      break;
    case DesignMethod::Saltelli:
      detail::generateSaltelli(spec, design);
      break;
    case DesignMethod::Morris:
      detail::generateMorris(spec, design);
      break;
    case DesignMethod::File:
      break;
  }
  return design;
}

bool sameDesign(const Design& a, const Design& b) {
  if (a.method != b.method || a.factors != b.factors || a.types != b.types || a.values != b.values ||
      a.runs.size() != b.runs.size())
    return false;
  for (std::size_t i = 0; i < a.runs.size(); ++i) {
    const DesignRun& x = a.runs[i];
    const DesignRun& y = b.runs[i];
    if (x.run != y.run || x.block != y.block || x.matrix != y.matrix || x.factor != y.factor ||
        x.trajectory != y.trajectory || x.step != y.step ||
        !(x.delta == y.delta || (x.delta != x.delta && y.delta != y.delta)))
      return false;
  }
  return true;
}

void checkDesignStructure(const Design& d, const std::string& source) {
  const std::size_t k = d.factorCount();
  const auto fail = [&](const DesignRun& r, const std::string& what) {
    throw InputError(source, 0, "", fmt::format("run {}: {}", r.run, what));
  };
  if (k == 0) throw InputError(source, 0, "", "the design has no factor column");
  if (d.runs.empty()) throw InputError(source, 0, "", "the design has no run");
  if (d.values.size() != d.runs.size() * k) throw InputError(source, 0, "", "values do not match runs x factors");
  std::unordered_set<std::int64_t> seen;
  for (const auto& r : d.runs)
    if (!seen.insert(r.run).second) fail(r, "run number appears twice");

  if (d.method == DesignMethod::Saltelli) {
    // Per block: counts of A, B, AB_i, BA_i.
    struct Counts {
      int a = 0, b = 0;
      std::vector<int> ab, ba;
    };
    std::map<std::int64_t, Counts> blocks;
    for (const auto& r : d.runs) {
      Counts& c = blocks[r.block];
      c.ab.resize(k);
      c.ba.resize(k);
      switch (r.matrix) {
        case SaltelliMatrix::A:
          ++c.a;
          break;
        case SaltelliMatrix::B:
          ++c.b;
          break;
        case SaltelliMatrix::AB:
        case SaltelliMatrix::BA:
          if (r.factor < 0 || static_cast<std::size_t>(r.factor) >= k) fail(r, "matrix names an unknown factor");
          ++(r.matrix == SaltelliMatrix::AB ? c.ab : c.ba)[static_cast<std::size_t>(r.factor)];
          break;
        case SaltelliMatrix::None:
          fail(r, "a saltelli run needs a matrix (A, B, AB:<factor> or BA:<factor>)");
      }
    }
    int secondOrder = -1;
    for (const auto& [block, c] : blocks) {
      // Captured by copy: clang 14 cannot capture a structured binding by reference (C++20 allows it).
      const auto wrong = [&, block = block](const std::string& what) {
        throw InputError(source, 0, "", fmt::format("saltelli block {}: {}", block, what));
      };
      if (c.a != 1 || c.b != 1) wrong(fmt::format("expected one A and one B run, found {} and {}", c.a, c.b));
      const bool hasBa = std::any_of(c.ba.begin(), c.ba.end(), [](int n) { return n > 0; });
      for (std::size_t i = 0; i < k; ++i) {
        if (c.ab[i] != 1) wrong(fmt::format("expected one AB:{} run, found {}", d.factors[i], c.ab[i]));
        if (hasBa && c.ba[i] != 1) wrong(fmt::format("expected one BA:{} run, found {}", d.factors[i], c.ba[i]));
      }
      if (secondOrder >= 0 && secondOrder != static_cast<int>(hasBa)) wrong("some blocks have BA runs and others not");
      secondOrder = hasBa;
    }
  } else if (d.method == DesignMethod::Morris) {
    std::map<int, std::vector<const DesignRun*>> trajectories;
    for (const auto& r : d.runs) trajectories[r.trajectory].push_back(&r);
    for (auto& [t, runs] : trajectories) {
      const auto wrong = [&, t = t](const std::string& what) {
        throw InputError(source, 0, "", fmt::format("morris trajectory {}: {}", t, what));
      };
      if (runs.size() != k + 1) wrong(fmt::format("expected {} runs (steps 0 to {}), found {}", k + 1, k, runs.size()));
      std::sort(runs.begin(), runs.end(), [](auto* a, auto* b) { return a->step < b->step; });
      std::vector<int> moved(k, 0);
      for (std::size_t s = 0; s <= k; ++s) {
        const DesignRun& r = *runs[s];
        if (r.step != static_cast<int>(s)) wrong(fmt::format("expected steps 0 to {}, found step {}", k, r.step));
        if (s == 0) continue;
        if (r.factor < 0 || static_cast<std::size_t>(r.factor) >= k) fail(r, "moved names an unknown factor");
        if (!(std::isfinite(r.delta) && r.delta != 0.0)) fail(r, "delta must be a non-zero number");
        ++moved[static_cast<std::size_t>(r.factor)];
      }
      for (std::size_t i = 0; i < k; ++i)
        if (moved[i] != 1)
          wrong(fmt::format("factor {} is moved {} times; each must move once", d.factors[i], moved[i]));
    }
  }
}

}  // namespace pilotsim::sensitivity
