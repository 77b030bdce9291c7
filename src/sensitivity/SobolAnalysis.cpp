#include "pilotsim/sensitivity/SobolAnalysis.hpp"

#include "pilotsim/core/InputError.hpp"
#include "sensitivity/Bootstrap.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace pilotsim::sensitivity {
namespace {

// The outputs of the usable blocks, gathered by matrix: ab[i][j] = f(A_B^i) of block j.
struct Blocks {
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab, ba;
};

struct Indices {
  std::vector<double> first, total, second;  // second: pairs (i < l) in row order
};

// The estimators over the blocks listed in `use` (a bootstrap resample, or all blocks).
Indices estimate(const Blocks& blk, const std::vector<std::uint32_t>& use, bool secondOrder) {
  const std::size_t k = blk.ab.size();
  const auto n = static_cast<double>(use.size());
  double sum = 0.0;
  for (auto j : use) sum += blk.a[j] + blk.b[j];
  const double mean = sum / (2.0 * n);
  double ss = 0.0;
  for (auto j : use) ss += (blk.a[j] - mean) * (blk.a[j] - mean) + (blk.b[j] - mean) * (blk.b[j] - mean);
  const double v = ss / (2.0 * n);
  Indices out;
  out.first.resize(k);
  out.total.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    double s1 = 0.0, st = 0.0;
    for (auto j : use) {
      const double d = blk.ab[i][j] - blk.a[j];
      s1 += blk.b[j] * d;  // Saltelli et al. 2010, Table 2 (b)
      st += d * d;         // Jansen 1999
    }
    out.first[i] = s1 / n / v;
    out.total[i] = st / (2.0 * n) / v;
  }
  if (secondOrder) {
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t l = i + 1; l < k; ++l) {
        double s2 = 0.0;
        for (auto j : use) s2 += blk.ba[i][j] * blk.ab[l][j] - blk.a[j] * blk.b[j];  // Saltelli 2002, eq. 12
        out.second.push_back(s2 / n / v - out.first[i] - out.first[l]);
      }
  }
  return out;
}

}  // namespace

SobolResult analyzeSobol(const Design& d, std::span<const double> y, const AnalysisOptions& options) {
  if (d.method != DesignMethod::Saltelli)
    throw InputError("", 0, "", fmt::format("Sobol' indices need a saltelli design, not {}", methodName(d.method)));
  if (y.size() != d.runCount())
    throw InputError("", 0, "", fmt::format("{} outputs for a design of {} runs", y.size(), d.runCount()));
  const std::size_t k = d.factorCount();

  // Run positions per block, in block order.
  struct Positions {
    std::size_t a = 0, b = 0;
    std::vector<std::size_t> ab, ba;
  };
  std::map<std::int64_t, Positions> byBlock;
  bool secondOrder = false;
  for (std::size_t r = 0; r < d.runCount(); ++r) {
    const DesignRun& run = d.runs[r];
    Positions& p = byBlock[run.block];
    p.ab.resize(k);
    p.ba.resize(k);
    switch (run.matrix) {
      case SaltelliMatrix::A:
        p.a = r;
        break;
      case SaltelliMatrix::B:
        p.b = r;
        break;
      case SaltelliMatrix::AB:
        p.ab[static_cast<std::size_t>(run.factor)] = r;
        break;
      case SaltelliMatrix::BA:
        p.ba[static_cast<std::size_t>(run.factor)] = r;
        secondOrder = true;
        break;
      case SaltelliMatrix::None:
        break;
    }
  }

  SobolResult result;
  Blocks blk;
  blk.ab.resize(k);
  blk.ba.resize(k);
  for (const auto& [block, p] : byBlock) {
    bool ok = std::isfinite(y[p.a]) && std::isfinite(y[p.b]);
    for (std::size_t i = 0; i < k && ok; ++i)
      ok = std::isfinite(y[p.ab[i]]) && (!secondOrder || std::isfinite(y[p.ba[i]]));
    if (!ok) {
      ++result.blocks_excluded;
      continue;
    }
    blk.a.push_back(y[p.a]);
    blk.b.push_back(y[p.b]);
    for (std::size_t i = 0; i < k; ++i) {
      blk.ab[i].push_back(y[p.ab[i]]);
      if (secondOrder) blk.ba[i].push_back(y[p.ba[i]]);
    }
  }
  const std::size_t n = blk.a.size();
  result.blocks_used = static_cast<std::int64_t>(n);
  if (n < 2)
    throw InputError("", 0, "",
                     fmt::format("only {} of {} saltelli blocks have finite outputs in all their runs; "
                                 "at least 2 are needed",
                                 n, byBlock.size()));
  // Centre the outputs (as SALib does): no expectation changes, but a large mean would add noise to
  // the first-order products f(B) (f(A_B^i) - f(A)).
  double mean = 0.0;
  for (std::size_t j = 0; j < n; ++j) mean += blk.a[j] + blk.b[j];
  mean /= 2.0 * static_cast<double>(n);
  const auto centre = [&](std::vector<double>& v) {
    for (auto& x : v) x -= mean;
  };
  centre(blk.a);
  centre(blk.b);
  for (auto& v : blk.ab) centre(v);
  for (auto& v : blk.ba) centre(v);
  result.mean = mean;

  std::vector<std::uint32_t> all(n);
  for (std::size_t j = 0; j < n; ++j) all[j] = static_cast<std::uint32_t>(j);
  double ss = 0.0;
  for (std::size_t j = 0; j < n; ++j) ss += blk.a[j] * blk.a[j] + blk.b[j] * blk.b[j];
  result.variance = ss / (2.0 * static_cast<double>(n));
  if (!(result.variance > 0.0))
    throw InputError("", 0, "",
                     "the output does not vary over the A and B runs (variance 0): Sobol' indices are undefined");

  const Indices point = estimate(blk, all, secondOrder);
  std::vector<std::vector<double>> bootFirst(k), bootTotal(k), bootSecond(point.second.size());
  std::vector<std::uint32_t> use;
  for (int b = 0; b < options.bootstrap; ++b) {
    detail::resample(options.seed, static_cast<std::uint32_t>(b), n, use);
    const Indices s = estimate(blk, use, secondOrder);
    for (std::size_t i = 0; i < k; ++i) {
      bootFirst[i].push_back(s.first[i]);
      bootTotal[i].push_back(s.total[i]);
    }
    for (std::size_t p = 0; p < s.second.size(); ++p) bootSecond[p].push_back(s.second[p]);
  }
  for (std::size_t i = 0; i < k; ++i) {
    SobolFactorIndices f;
    f.factor = d.factors[i];
    f.first.value = point.first[i];
    f.total.value = point.total[i];
    if (options.bootstrap > 0) {
      detail::percentileInterval(std::move(bootFirst[i]), options.confidence, f.first);
      detail::percentileInterval(std::move(bootTotal[i]), options.confidence, f.total);
    }
    result.factors.push_back(std::move(f));
  }
  std::size_t pair = 0;
  for (std::size_t i = 0; i < k && secondOrder; ++i)
    for (std::size_t l = i + 1; l < k; ++l, ++pair) {
      SobolPairIndex s;
      s.factor_a = d.factors[i];
      s.factor_b = d.factors[l];
      s.second.value = point.second[pair];
      if (options.bootstrap > 0) detail::percentileInterval(std::move(bootSecond[pair]), options.confidence, s.second);
      result.pairs.push_back(std::move(s));
    }
  return result;
}

}  // namespace pilotsim::sensitivity
