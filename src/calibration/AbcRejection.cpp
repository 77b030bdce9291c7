// Rejection ABC (Pritchard, Seielstad, Perez-Lezaun & Feldman 1999, Mol. Biol. Evol. 16(12)): candidates
// drawn from the prior, simulated, and the closest to the observed statistics kept with equal weights.
// Also what both samplers share: the validated problem (priors, observed statistics, scales), the draw
// from the prior, the distance, and the drivers' evaluation of candidates in batches on threads.
#include "calibration/AbcBatch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace pilotsim::abc {

namespace detail {

namespace {
std::string priorLabel(const Prior& p, std::size_t k) { return p.name.empty() ? fmt::format("#{}", k + 1) : p.name; }
}  // namespace

Problem::Problem(std::vector<Prior> priors_in, std::vector<double> observed_in, std::vector<double> scales_in)
    : priors(std::move(priors_in)), observed(std::move(observed_in)), scales(std::move(scales_in)) {
  if (priors.empty()) throw std::invalid_argument("ABC needs at least one parameter with a prior");
  for (std::size_t k = 0; k < priors.size(); ++k) {
    const Prior& p = priors[k];
    const std::string name = priorLabel(p, k);
    if (!std::isfinite(p.low) || !std::isfinite(p.high))
      throw std::invalid_argument(
          fmt::format("prior '{}': low and high must be finite (got low = {}, high = {})", name, p.low, p.high));
    if (!(p.low < p.high))
      throw std::invalid_argument(fmt::format("prior '{}': low ({}) must be below high ({})", name, p.low, p.high));
    if (p.log_scale && !(p.low > 0.0))
      throw std::invalid_argument(
          fmt::format("prior '{}': a log_scale prior needs low > 0 (got low = {})", name, p.low));
    low.push_back(p.log_scale ? std::log(p.low) : p.low);
    high.push_back(p.log_scale ? std::log(p.high) : p.high);
  }
  if (observed.empty()) throw std::invalid_argument("ABC needs at least one observed statistic");
  if (observed.size() != scales.size())
    throw std::invalid_argument(fmt::format("{} observed statistics but {} scales: give one scale per statistic",
                                            observed.size(), scales.size()));
  for (std::size_t k = 0; k < observed.size(); ++k) {
    if (!std::isfinite(observed[k]))
      throw std::invalid_argument(fmt::format("observed statistic {} must be finite (got {})", k + 1, observed[k]));
    if (!(scales[k] > 0.0) || !std::isfinite(scales[k]))
      throw std::invalid_argument(
          fmt::format("scale of statistic {} must be positive and finite (got {})", k + 1, scales[k]));
  }
}

std::vector<double> Problem::drawFromPrior(std::uint64_t seed, std::uint32_t generation, std::size_t candidate) const {
  RandomStream rng = candidateStream(seed, generation, candidate);
  std::vector<double> z(dimension());
  for (std::size_t k = 0; k < z.size(); ++k) z[k] = low[k] + (high[k] - low[k]) * rng.uniform();
  return z;
}

std::vector<double> Problem::natural(std::span<const double> z) const {
  std::vector<double> theta(z.begin(), z.end());
  for (std::size_t k = 0; k < theta.size(); ++k)
    if (priors[k].log_scale) theta[k] = std::clamp(std::exp(z[k]), priors[k].low, priors[k].high);
  return theta;
}

double Problem::distance(std::span<const double> statistics, int generation, std::size_t candidate) const {
  if (statistics.size() != observed.size())
    throw std::invalid_argument(
        fmt::format("candidate {} of generation {}: {} statistics told, the observed data have {}", candidate,
                    generation, statistics.size(), observed.size()));
  return abcDistance(statistics, observed, scales);
}

std::vector<std::size_t> untoldCandidates(std::size_t first, std::size_t end, std::size_t batch,
                                          const std::function<bool(std::size_t)>& told) {
  std::vector<std::size_t> out;
  for (std::size_t j = first; j < end && out.size() < batch; ++j)
    if (!told(j)) out.push_back(j);
  return out;
}

std::vector<std::vector<double>> simulateCandidates(std::span<const std::size_t> indexes, int generation,
                                                    const std::function<std::vector<double>(std::size_t)>& candidate,
                                                    const Simulator& simulate, int threads) {
  std::vector<std::vector<double>> results(indexes.size());
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::size_t failed_at = indexes.size();
  std::exception_ptr error;
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < indexes.size();) {
      try {
        const std::vector<double> theta = candidate(indexes[k]);
        results[k] = simulate(theta, generation, indexes[k]);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (k < failed_at) {
          failed_at = k;
          error = std::current_exception();
        }
      }
    }
  };
  std::size_t n = threads > 0 ? static_cast<std::size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
  n = std::min(n, indexes.size());
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < n; ++i) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return results;
}

}  // namespace detail

double abcDistance(std::span<const double> statistics, std::span<const double> observed,
                   std::span<const double> scales) {
  if (statistics.size() != observed.size() || scales.size() != observed.size())
    throw std::invalid_argument(fmt::format("abcDistance: {} statistics, {} observed and {} scales; all must be equal",
                                            statistics.size(), observed.size(), scales.size()));
  double sum = 0.0;
  for (std::size_t k = 0; k < statistics.size(); ++k) {
    if (std::isnan(statistics[k])) return std::numeric_limits<double>::infinity();
    const double r = (statistics[k] - observed[k]) / scales[k];
    sum += r * r;
  }
  return std::sqrt(sum);
}

AbcRejection::AbcRejection(std::vector<Prior> priors, std::vector<double> observed, std::vector<double> scales,
                           RejectionSettings settings)
    : problem_(std::move(priors), std::move(observed), std::move(scales)), settings_(settings) {
  if (settings_.candidates < 1 || settings_.candidates > detail::kMaxCandidates)
    throw std::invalid_argument(fmt::format("candidates = {}: rejection ABC needs between 1 and {} candidates",
                                            settings_.candidates, detail::kMaxCandidates));
  if (std::isnan(settings_.tolerance) || settings_.tolerance < 0.0)
    throw std::invalid_argument(fmt::format(
        "tolerance = {}: must be >= 0, or infinite to keep accept_fraction of the candidates", settings_.tolerance));
  if (std::isinf(settings_.tolerance) && !(settings_.accept_fraction > 0.0 && settings_.accept_fraction <= 1.0))
    throw std::invalid_argument(fmt::format("accept_fraction = {}: must be in (0, 1]", settings_.accept_fraction));
  distances_.assign(settings_.candidates, std::numeric_limits<double>::infinity());
  told_.assign(settings_.candidates, 0);
}

std::vector<double> AbcRejection::candidate(std::size_t j) const {
  if (j >= settings_.candidates)
    throw std::out_of_range(fmt::format("candidate {}: rejection ABC has {} candidates", j, settings_.candidates));
  return problem_.natural(problem_.drawFromPrior(settings_.seed, 0, j));
}

void AbcRejection::tell(std::size_t j, std::span<const double> statistics) {
  if (j >= settings_.candidates)
    throw std::invalid_argument(fmt::format("candidate {}: rejection ABC has {} candidates", j, settings_.candidates));
  if (told_[j] != 0) throw std::invalid_argument(fmt::format("candidate {} of generation 0 was told twice", j));
  distances_[j] = problem_.distance(statistics, 0, j);
  told_[j] = 1;
  while (prefix_ < told_.size() && told_[prefix_] != 0) ++prefix_;
}

Generation AbcRejection::result() const {
  if (!complete())
    throw std::logic_error(fmt::format("rejection ABC is not complete: candidate {} has not been told", prefix_));
  std::vector<std::size_t> kept;
  Generation g;
  g.candidates = settings_.candidates;
  if (std::isfinite(settings_.tolerance)) {
    g.tolerance = settings_.tolerance;
    for (std::size_t j = 0; j < distances_.size(); ++j)
      if (distances_[j] <= settings_.tolerance) kept.push_back(j);
  } else {
    for (std::size_t j = 0; j < distances_.size(); ++j)
      if (std::isfinite(distances_[j])) kept.push_back(j);
    const auto wanted = static_cast<std::size_t>(
        std::max(1LL, std::llround(settings_.accept_fraction * static_cast<double>(settings_.candidates))));
    if (kept.size() > wanted) {
      // The closest `wanted`, ties broken by index so that the result is a function of the distances.
      const auto closer = [&](std::size_t a, std::size_t b) {
        return distances_[a] != distances_[b] ? distances_[a] < distances_[b] : a < b;
      };
      std::nth_element(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(wanted - 1), kept.end(), closer);
      g.tolerance = distances_[kept[wanted - 1]];
      kept.resize(wanted);
      std::sort(kept.begin(), kept.end());
    } else if (!kept.empty()) {
      g.tolerance = 0.0;
      for (std::size_t j : kept) g.tolerance = std::max(g.tolerance, distances_[j]);
    }
  }
  const double weight = 1.0 / static_cast<double>(std::max<std::size_t>(kept.size(), 1));
  for (std::size_t j : kept) g.particles.push_back({candidate(j), distances_[j], weight, j});
  g.acceptance_rate = static_cast<double>(kept.size()) / static_cast<double>(settings_.candidates);
  g.ess = static_cast<double>(kept.size());  // Kish's ESS of equal weights, exactly
  return g;
}

Generation runAbcRejection(AbcRejection& rejection, const Simulator& simulate, const DriverOptions& options) {
  const std::size_t batch = options.batch > 0 ? options.batch : 1024;
  const auto told = [&](std::size_t j) { return rejection.isTold(j); };
  const auto candidate = [&](std::size_t j) { return rejection.candidate(j); };
  while (!rejection.complete()) {
    const auto indexes = detail::untoldCandidates(rejection.nextUntold(), rejection.settings().candidates, batch, told);
    const auto results = detail::simulateCandidates(indexes, 0, candidate, simulate, options.threads);
    for (std::size_t k = 0; k < indexes.size(); ++k) rejection.tell(indexes[k], results[k]);
  }
  return rejection.result();
}

}  // namespace pilotsim::abc
