#include "pilotsim/core/Inference.hpp"

#include "pilotsim/core/Stats.hpp"

#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace pilotsim {
namespace {}  // namespace

double tTestPValue(const Interval& effect) {
  if (effect.n < 2 || std::isnan(effect.mean) || std::isnan(effect.sd)) return kNaN;
  if (effect.sd == 0) return effect.mean == 0 ? 1.0 : 0.0;
  const double t = std::fabs(effect.mean) / (effect.sd / std::sqrt(static_cast<double>(effect.n)));
  const boost::math::students_t dist(effect.n - 1);
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(dist, t)));
}

std::vector<double> holmAdjust(std::span<const double> p) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) order.push_back(i);
  // Ties keep their given order, so the result does not depend on the sort's implementation.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> out(p.size(), kNaN);
  const double m = static_cast<double>(order.size());
  double running = 0;
  for (std::size_t j = 0; j < order.size(); ++j) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(j)) * p[order[j]]));
    out[order[j]] = running;
  }
  return out;
}

double tTestPower(double effect, double sd, int n, double alpha) {
  if (n < 2 || !(sd > 0) || std::isnan(effect)) return kNaN;
  const double df = n - 1;
  const double crit = boost::math::quantile(boost::math::students_t(df), 1.0 - alpha / 2.0);
  // Beyond |ncp| = 1000 the power is 1 to double precision for every df (even at df = 1 a miss needs a
  // |t| below ncp / 12.7, i.e. a normal deviate beyond 78), and Boost's series fail on a huge ncp (an
  // integer overflow at ncp ~ 1e5): a contrast almost without spread must not stop a run.
  const double ncp = std::clamp(effect / (sd / std::sqrt(static_cast<double>(n))), -1000.0, 1000.0);
  if (ncp == 0) return alpha;
  const boost::math::non_central_t dist(df, ncp);
  return boost::math::cdf(boost::math::complement(dist, crit)) + boost::math::cdf(dist, -crit);
}

int replicatesForPower(double effect, double sd, double power, double alpha, int max_n) {
  if (!(sd > 0) || std::isnan(effect) || effect == 0) return 0;
  // Power rises with n: bisect on [2, max_n].
  if (tTestPower(effect, sd, max_n, alpha) < power) return 0;
  int lo = 2, hi = max_n;
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (tTestPower(effect, sd, mid, alpha) >= power)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

std::pair<double, double> wilsonInterval(int count, int n) {
  if (n <= 0) return {std::nan(""), std::nan("")};
  constexpr double z = 1.959963984540054;  // the standard normal's 97.5% quantile
  const double p = static_cast<double>(count) / n, z2n = z * z / n;
  const double centre = (p + z2n / 2) / (1 + z2n);
  const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4 * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace pilotsim
