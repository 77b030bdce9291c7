// ABC-SMC by population Monte Carlo (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate
// Bayesian computation", Biometrika 96(4) 983-990), with an adaptive tolerance schedule.
//
// Generation 0 samples the prior (accepting every candidate with a finite distance, or those within
// initial_tolerance). Generation t >= 1 proposes a candidate by drawing a particle theta_j of
// generation t-1 with probability w_j and perturbing it with a normal kernel K of covariance twice the
// weighted covariance of generation t-1 (Beaumont et al., section 3), on the log scale for log_scale
// parameters; a perturbed point outside the priors' support is drawn again, parent included, so that
// the proposal is the mixture sum_j w_j K(. | theta_j) restricted to the support. An accepted
// candidate (distance <= epsilon_t) gets the importance weight
//     w_i  proportional to  prior(theta_i) / sum_j w_j K(theta_i | theta_j).
// The tolerance epsilon_{t+1} is the `quantile` weighted quantile of generation t's accepted distances:
// Del Moral, Doucet & Jasra's (2012, Stat. Comput. 22) adaptive schedule in the simple form of
// Drovandi & Pettitt (2011, Biometrics 67) and pyABC's median epsilon.
//
// Determinism: candidate j of generation t draws only from RandomStream(seed, t, j, 0, AbcProposal)
// and generation t-1, and generation t is the first N accepted candidates by index, so the history is
// a function of the settings and the simulations' results alone, whatever the order of evaluation.
#include "calibration/AbcBatch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace pilotsim::abc {

namespace {

constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

/// Perturbed draws of one candidate before giving up: only a kernel far wider than the priors (in many
/// dimensions) puts so little of its mass inside the support, and then an error beats a hang.
constexpr int kMaxProposalDraws = 100000;

/// A population whose particles share a value in some parameter (all weight on one particle, fewer
/// particles than parameters) has a singular covariance. Adding this fraction of each prior's squared
/// width to the diagonal (a kernel sd of 1e-5 of the width) keeps the factorisation defined and leaves
/// any other kernel unchanged for practical purposes.
constexpr double kKernelRidge = 1e-10;

/// The lower-triangular L with L L^T = a (d x d, row-major), or the first pivot index that is not
/// positive (returned as `failed`).
std::vector<double> cholesky(const std::vector<double>& a, std::size_t d, std::size_t& failed) {
  std::vector<double> l(d * d, 0.0);
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double s = a[i * d + j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i * d + k] * l[j * d + k];
      if (i == j) {
        if (!(s > 0.0) || !std::isfinite(s)) {
          failed = i;
          return {};
        }
        l[i * d + i] = std::sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  return l;
}

/// x^T (L L^T)^{-1} x, solving L y = x by forward substitution in place (x becomes y).
double mahalanobis2(const std::vector<double>& l, std::span<double> x) {
  const std::size_t d = x.size();
  double sum = 0.0;
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t k = 0; k < i; ++k) x[i] -= l[i * d + k] * x[k];
    x[i] /= l[i * d + i];
    sum += x[i] * x[i];
  }
  return sum;
}

/// log sum_j exp(terms_j), without overflow or underflow of the largest term.
double logSumExp(std::span<const double> terms) {
  const double top = *std::max_element(terms.begin(), terms.end());
  if (!std::isfinite(top)) return top;
  double sum = 0.0;
  for (double t : terms) sum += std::exp(t - top);
  return top + std::log(sum);
}

}  // namespace

const char* stopRuleName(StopRule rule) {
  switch (rule) {
    case StopRule::Running:
      return "running";
    case StopRule::MaxGenerations:
      return "max_generations";
    case StopRule::MinTolerance:
      return "min_tolerance";
    case StopRule::MinAcceptance:
      return "min_acceptance";
    case StopRule::MinToleranceStep:
      return "min_tolerance_step";
    case StopRule::MaxSimulations:
      return "max_simulations";
  }
  return "?";
}

double weightedQuantile(std::span<const double> values, std::span<const double> weights, double q) {
  if (values.empty() || values.size() != weights.size())
    throw std::invalid_argument(fmt::format("weightedQuantile: {} values and {} weights; need as many, at least one",
                                            values.size(), weights.size()));
  if (!(q >= 0.0 && q <= 1.0))
    throw std::invalid_argument(fmt::format("weightedQuantile: q = {} must be in [0, 1]", q));
  double total = 0.0;
  for (double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument(fmt::format("weightedQuantile: weight {} must be finite and >= 0", w));
    total += w;
  }
  if (!(total > 0.0)) throw std::invalid_argument("weightedQuantile: the weights are all zero");
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  double cumulative = 0.0, previous_p = 0.0, previous_value = 0.0;
  bool first = true;
  for (std::size_t i : order) {
    if (weights[i] == 0.0) continue;  // not part of the distribution
    const double p = (cumulative + 0.5 * weights[i]) / total;
    if (q <= p) {
      if (first) return values[i];
      return previous_value + (values[i] - previous_value) * (q - previous_p) / (p - previous_p);
    }
    cumulative += weights[i];
    previous_p = p;
    previous_value = values[i];
    first = false;
  }
  return previous_value;
}

double effectiveSampleSize(std::span<const double> weights) {
  double sum = 0.0, sum2 = 0.0;
  for (double w : weights) {
    sum += w;
    sum2 += w * w;
  }
  return sum2 > 0.0 ? sum * sum / sum2 : 0.0;
}

std::vector<Summary> posteriorSummary(const Generation& generation, const std::vector<Prior>& priors) {
  if (generation.particles.empty())
    throw std::invalid_argument(fmt::format("posteriorSummary: generation {} has no particles", generation.number));
  std::vector<double> weights;
  for (const Particle& p : generation.particles) {
    if (p.theta.size() != priors.size())
      throw std::invalid_argument(fmt::format("posteriorSummary: particles have {} parameters but {} priors are given",
                                              p.theta.size(), priors.size()));
    weights.push_back(p.weight);
  }
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<Summary> out;
  std::vector<double> values(weights.size());
  for (std::size_t k = 0; k < priors.size(); ++k) {
    double mean = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      values[i] = generation.particles[i].theta[k];
      mean += weights[i] * values[i];
    }
    out.push_back({priors[k].name, weightedQuantile(values, weights, 0.5), weightedQuantile(values, weights, 0.05),
                   weightedQuantile(values, weights, 0.95), mean / total});
  }
  return out;
}

AbcSmc::AbcSmc(std::vector<Prior> priors, std::vector<double> observed, std::vector<double> scales,
               SmcSettings settings)
    : problem_(std::move(priors), std::move(observed), std::move(scales)), settings_(settings) {
  const SmcSettings& s = settings_;
  if (s.particles < 2)
    throw std::invalid_argument(fmt::format("particles = {}: ABC-SMC needs at least 2", s.particles));
  if (!(s.quantile > 0.0 && s.quantile < 1.0))
    throw std::invalid_argument(fmt::format("quantile = {}: must be in (0, 1)", s.quantile));
  if (s.max_generations < 1)
    throw std::invalid_argument(fmt::format("max_generations = {}: must be at least 1", s.max_generations));
  if (!(s.min_tolerance >= 0.0) || !std::isfinite(s.min_tolerance))
    throw std::invalid_argument(fmt::format("min_tolerance = {}: must be finite and >= 0", s.min_tolerance));
  if (!(s.min_acceptance >= 0.0 && s.min_acceptance <= 1.0))
    throw std::invalid_argument(fmt::format("min_acceptance = {}: must be in [0, 1]", s.min_acceptance));
  if (!(s.min_tolerance_step >= 0.0 && s.min_tolerance_step < 1.0))
    throw std::invalid_argument(fmt::format("min_tolerance_step = {}: must be in [0, 1)", s.min_tolerance_step));
  if (!(s.initial_tolerance > 0.0))
    throw std::invalid_argument(fmt::format(
        "initial_tolerance = {}: must be positive (infinite to accept all of generation 0)", s.initial_tolerance));
  startGeneration(0, s.initial_tolerance);
}

void AbcSmc::startGeneration(int number, double tolerance) {
  generation_ = number;
  tolerance_ = tolerance;
  prefix_ = 0;
  pending_.clear();
  accepted_.clear();
  limit_ = kNoLimit;
  limit_rule_ = StopRule::Running;
  if (settings_.min_acceptance > 0.0) {
    // N accepted among more than N / min_acceptance candidates is an acceptance rate below min_acceptance.
    const double most = std::floor(static_cast<double>(settings_.particles) / settings_.min_acceptance);
    limit_ = most < 0x1p63 ? static_cast<std::size_t>(most) : kNoLimit;
    limit_rule_ = StopRule::MinAcceptance;
  }
  if (settings_.max_simulations > 0) {
    const std::uint64_t left = settings_.max_simulations - closed_simulations_;  // > 0, or advance() stopped
    if (left <= limit_) {
      limit_ = static_cast<std::size_t>(left);
      limit_rule_ = StopRule::MaxSimulations;
    }
  }
}

void AbcSmc::stop(StopRule rule, std::string reason) {
  stop_ = rule;
  stop_reason_ = std::move(reason);
}

std::vector<double> AbcSmc::proposal(std::size_t j) const {
  if (j >= detail::kMaxCandidates)
    throw std::out_of_range(fmt::format("candidate {}: indexes must be below {}", j, detail::kMaxCandidates));
  const auto t = static_cast<std::uint32_t>(generation_);
  if (generation_ == 0) return problem_.drawFromPrior(settings_.seed, t, j);
  const std::size_t d = problem_.dimension();
  RandomStream rng = detail::candidateStream(settings_.seed, t, j);
  std::vector<double> z(d), e(d);
  for (int draw = 0; draw < kMaxProposalDraws; ++draw) {
    const double u = rng.uniform() * cumulative_weights_.back();
    const auto parent = std::min<std::size_t>(
        static_cast<std::size_t>(std::upper_bound(cumulative_weights_.begin(), cumulative_weights_.end(), u) -
                                 cumulative_weights_.begin()),
        cumulative_weights_.size() - 1);
    for (double& x : e) x = rng.normal();
    bool inside = true;
    for (std::size_t r = 0; r < d; ++r) {
      double x = parents_[parent * d + r];
      for (std::size_t c = 0; c <= r; ++c) x += kernel_cholesky_[r * d + c] * e[c];
      z[r] = x;
      inside = inside && x >= problem_.low[r] && x <= problem_.high[r];
    }
    if (inside) return z;
  }
  throw std::runtime_error(
      fmt::format("ABC-SMC candidate {} of generation {}: {} perturbed draws all fell outside the priors' support", j,
                  generation_, kMaxProposalDraws));
}

std::vector<double> AbcSmc::candidate(std::size_t j) const { return problem_.natural(proposal(j)); }

bool AbcSmc::tell(int generation, std::size_t j, std::span<const double> statistics) {
  if (generation > generation_)
    throw std::invalid_argument(fmt::format("candidate {} of generation {} told while generation {} is being filled", j,
                                            generation, generation_));
  if (generation < generation_ || finished()) return false;
  if (j >= detail::kMaxCandidates)
    throw std::invalid_argument(fmt::format("candidate {}: indexes must be below {}", j, detail::kMaxCandidates));
  if (isTold(j))
    throw std::invalid_argument(fmt::format("candidate {} of generation {} was told twice", j, generation));
  pending_.emplace(j, problem_.distance(statistics, generation, j));
  const std::size_t n = settings_.particles;
  for (auto it = pending_.begin(); it != pending_.end() && it->first == prefix_; it = pending_.erase(it), ++prefix_)
    if (accepted_.size() < n && std::isfinite(it->second) && it->second <= tolerance_)
      accepted_.emplace_back(it->first, it->second);
  if (accepted_.size() < n && prefix_ >= limit_) {
    if (limit_rule_ == StopRule::MaxSimulations)
      stop(limit_rule_, fmt::format("max_simulations: {} simulations counted while generation {} had {} of its {} "
                                    "particles",
                                    simulations(), generation_, accepted_.size(), n));
    else
      stop(limit_rule_, fmt::format("min_acceptance: generation {} accepted {} of its first {} candidates at tolerance "
                                    "{}, so its acceptance rate would be below {}",
                                    generation_, accepted_.size(), prefix_, tolerance_, settings_.min_acceptance));
  }
  return true;
}

void AbcSmc::advance() {
  if (finished()) throw std::logic_error("ABC-SMC: advance() after the run finished (" + stop_reason_ + ")");
  const std::size_t n = settings_.particles, d = problem_.dimension();
  if (accepted_.size() < n)
    throw std::logic_error(
        fmt::format("ABC-SMC: generation {} is not complete: {} of {} particles among the first {} "
                    "candidates",
                    generation_, accepted_.size(), n, prefix_));
  std::vector<double> z(n * d);
  for (std::size_t i = 0; i < n; ++i) std::ranges::copy(proposal(accepted_[i].first), z.begin() + i * d);
  std::vector<double> log_w(n, 0.0);  // generation 0 samples the prior: equal weights
  if (generation_ > 0) {
    // Every candidate lies in the support, where the uniform priors' density on the sampling scale (the
    // kernel's scale) is this constant. The kernel's normalising constant is the same for every pair, so
    // it cancels when the weights are normalised; logs keep distant pairs from underflowing.
    double log_prior = 0.0;
    for (std::size_t k = 0; k < d; ++k) log_prior -= std::log(problem_.high[k] - problem_.low[k]);
    std::vector<double> terms(n), diff(d);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        for (std::size_t k = 0; k < d; ++k) diff[k] = z[i * d + k] - parents_[j * d + k];
        terms[j] = parent_log_weights_[j] - 0.5 * mahalanobis2(kernel_cholesky_, diff);
      }
      log_w[i] = log_prior - logSumExp(terms);
    }
  }
  const double top = *std::max_element(log_w.begin(), log_w.end());
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = std::exp(log_w[i] - top);
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  for (double& x : w) x /= total;

  Generation g;
  g.number = generation_;
  g.tolerance = tolerance_;
  g.candidates = accepted_.back().first + 1;
  g.acceptance_rate = static_cast<double>(n) / static_cast<double>(g.candidates);
  g.ess = effectiveSampleSize(w);
  std::vector<double> distances(n);
  for (std::size_t i = 0; i < n; ++i) {
    distances[i] = accepted_[i].second;
    g.particles.push_back({problem_.natural(std::span(z).subspan(i * d, d)), distances[i], w[i], accepted_[i].first});
  }
  const std::uint64_t simulations = closed_simulations_ + g.candidates;

  // The stop rules, then the next generation's tolerance and kernel; nothing is changed before the
  // kernel is known to factorise.
  StopRule rule = StopRule::Running;
  std::string reason;
  double next = 0.0;
  if (g.tolerance <= settings_.min_tolerance) {
    rule = StopRule::MinTolerance;
    reason = fmt::format("min_tolerance: generation {} reached tolerance {} <= {}", g.number, g.tolerance,
                         settings_.min_tolerance);
  } else if (static_cast<int>(history_.size()) + 1 >= settings_.max_generations) {
    rule = StopRule::MaxGenerations;
    reason = fmt::format("max_generations: {} generations closed", settings_.max_generations);
  } else if (settings_.max_simulations > 0 && simulations >= settings_.max_simulations) {
    rule = StopRule::MaxSimulations;
    reason = fmt::format("max_simulations: {} simulations counted after generation {} (limit {})", simulations,
                         g.number, settings_.max_simulations);
  } else {
    next = std::max(weightedQuantile(distances, w, settings_.quantile), settings_.min_tolerance);
    if (std::isfinite(g.tolerance) && g.tolerance - next < settings_.min_tolerance_step * g.tolerance) {
      rule = StopRule::MinToleranceStep;
      reason = fmt::format(
          "min_tolerance_step: the next tolerance {} would be less than {} below generation {}'s {} "
          "(relative)",
          next, settings_.min_tolerance_step, g.number, g.tolerance);
    }
  }
  std::vector<double> kernel;
  if (rule == StopRule::Running) {
    // Twice the weighted covariance (Beaumont et al. 2009), on the sampling scale.
    std::vector<double> mean(d, 0.0), cov(d * d, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < d; ++k) mean[k] += w[i] * z[i * d + k];
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c <= r; ++c)
          cov[r * d + c] += 2.0 * w[i] * (z[i * d + r] - mean[r]) * (z[i * d + c] - mean[c]);
    for (std::size_t r = 0; r < d; ++r) {
      for (std::size_t c = 0; c < r; ++c) cov[c * d + r] = cov[r * d + c];
      const double width = problem_.high[r] - problem_.low[r];
      cov[r * d + r] += kKernelRidge * width * width;
    }
    std::size_t failed = 0;
    kernel = cholesky(cov, d, failed);
    if (kernel.empty())
      throw std::runtime_error(fmt::format(
          "ABC-SMC generation {}: the perturbation kernel's covariance is not positive definite at parameter '{}' "
          "(variance {}); the particles' values are not finite or are exactly collinear",
          g.number + 1, problem_.priors[failed].name, cov[failed * d + failed]));
  }

  history_.push_back(std::move(g));
  closed_simulations_ = simulations;
  if (rule != StopRule::Running) {
    stop(rule, std::move(reason));
    return;
  }
  parents_ = std::move(z);
  parent_log_weights_.resize(n);
  cumulative_weights_.resize(n);
  double cumulative = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    parent_log_weights_[i] = std::log(w[i]);
    cumulative += w[i];
    cumulative_weights_[i] = cumulative;
  }
  kernel_cholesky_ = std::move(kernel);
  startGeneration(generation_ + 1, next);
}

const std::vector<Generation>& runAbcSmc(AbcSmc& smc, const Simulator& simulate, const DriverOptions& options) {
  const std::size_t batch = options.batch > 0 ? options.batch : smc.settings().particles;
  const auto told = [&](std::size_t j) { return smc.isTold(j); };
  const auto candidate = [&](std::size_t j) { return smc.candidate(j); };
  while (!smc.finished()) {
    if (smc.generationComplete()) {
      smc.advance();
      continue;
    }
    const int t = smc.generation();
    const auto indexes = detail::untoldCandidates(smc.nextUntold(), smc.candidateLimit(), batch, told);
    const auto results = detail::simulateCandidates(indexes, t, candidate, simulate, options.threads);
    for (std::size_t k = 0; k < indexes.size(); ++k) smc.tell(t, indexes[k], results[k]);
  }
  return smc.history();
}

}  // namespace pilotsim::abc
