#include "pilotsim/core/Stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace pilotsim {
namespace {

// qt(0.975, df) for df = 1..30, to 9 decimals (R's qt; checked against an independent incomplete-beta
// inversion). Small df is where series approximations are poor, and replicate counts live there.
constexpr std::array<double, 30> kT975 = {
    12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
    2.262157163,  2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
    2.109815578,  2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
    2.059538553,  2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};

// Average ranks (1-based); tied values share the mean of the ranks they span.
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double avg = 0.5 * static_cast<double>(i + j) + 1.0;
    for (std::size_t k = i; k <= j; ++k) r[order[k]] = avg;
    i = j + 1;
  }
  return r;
}

}  // namespace

double tQuantile975(int df) {
  if (df < 1) return kNaN;
  if (df <= 30) return kT975[static_cast<std::size_t>(df - 1)];
  // Cornish-Fisher expansion of t around the normal quantile (Abramowitz & Stegun 26.7.5); with four
  // terms it is within 3e-8 of the exact value for every df > 30.
  constexpr double z = 1.959963984540054;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
  const double g1 = (z3 + z) / 4.0;
  const double g2 = (5 * z5 + 16 * z3 + 3 * z) / 96.0;
  const double g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384.0;
  const double g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160.0;
  const double n = df;
  return z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n);
}

Interval meanInterval(std::span<const double> xs) {
  Interval out;
  double sum = 0.0;
  for (double x : xs)
    if (!std::isnan(x)) sum += x, ++out.n;
  if (out.n == 0) {
    out.mean = out.lo = out.hi = out.sd = kNaN;
    return out;
  }
  out.mean = sum / out.n;
  if (out.n == 1) {
    out.lo = out.hi = out.mean;
    out.sd = 0.0;
    return out;
  }
  // Two passes: the sum of squared deviations stays accurate when the mean is large.
  double ss = 0.0;
  for (double x : xs)
    if (!std::isnan(x)) ss += (x - out.mean) * (x - out.mean);
  out.sd = std::sqrt(ss / (out.n - 1));
  const double half = tQuantile975(out.n - 1) * out.sd / std::sqrt(static_cast<double>(out.n));
  out.lo = out.mean - half;
  out.hi = out.mean + half;
  return out;
}

double spearman(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) return kNaN;
  // Pairs with a NaN on either side carry no rank information and are dropped together.
  std::vector<double> a, b;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) a.push_back(x[i]), b.push_back(y[i]);
  if (a.size() < 3) return kNaN;
  // Pearson correlation of the ranks: with ties, the 1 - 6 sum d^2 / (n (n^2 - 1)) shortcut is wrong.
  const auto ra = ranks(a), rb = ranks(b);
  const double mean = (static_cast<double>(a.size()) + 1.0) / 2.0;  // mean of ranks 1..n, ties too
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    const double da = ra[i] - mean, db = rb[i] - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa == 0.0 || sbb == 0.0) return kNaN;
  return sab / std::sqrt(saa * sbb);
}

double gini(std::span<const double> xs) {
  if (xs.empty()) return 0.0;
  std::vector<double> v(xs.begin(), xs.end());
  std::sort(v.begin(), v.end());
  double total = 0.0, weighted = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    total += v[i];
    weighted += static_cast<double>(i + 1) * v[i];
  }
  if (!(total > 0.0)) return 0.0;
  // G = sum_i (2i - n - 1) x_(i) / (n sum x), the mean absolute difference over twice the mean.
  const double n = static_cast<double>(v.size());
  return (2.0 * weighted) / (n * total) - (n + 1.0) / n;
}

double quantile(std::vector<double> xs, double q) {
  // NaN has no place in an order; dropping it matches meanInterval's treatment of missing values.
  xs.erase(std::remove_if(xs.begin(), xs.end(), [](double x) { return std::isnan(x); }), xs.end());
  if (xs.empty() || std::isnan(q)) return kNaN;
  std::sort(xs.begin(), xs.end());
  q = std::clamp(q, 0.0, 1.0);
  // Hyndman & Fan type 7 (R's and NumPy's default): position (n - 1) q between order statistics.
  const double h = (static_cast<double>(xs.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= xs.size()) return xs.back();
  return xs[lo] + (h - static_cast<double>(lo)) * (xs[lo + 1] - xs[lo]);
}

}  // namespace pilotsim
