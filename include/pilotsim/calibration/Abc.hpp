// Approximate Bayesian computation (ABC): fitting a simulation model's parameters to observed summary
// statistics when the likelihood cannot be written down, only simulated.
//
// Two samplers, both for any model (nothing here knows pilotsim's model; a parameter is a name and a
// prior, a simulation is a callback that returns statistics):
// - AbcRejection (Pritchard et al. 1999): candidates from the prior, the closest ones kept.
// - AbcSmc, ABC by population Monte Carlo (Beaumont, Cornuet, Marin & Robert 2009, Biometrika 96(4)
//   983-990): generations of weighted particles under decreasing tolerances, each proposed from the
//   previous generation through a normal kernel of twice its weighted covariance, with the adaptive
//   tolerance of Del Moral, Doucet & Jasra (2012) in the simple form of Drovandi & Pettitt (2011) and
//   pyABC's median epsilon: the next tolerance is a weighted quantile of the accepted distances.
//
// Both are ask/tell state machines whose state is a pure function of the settings and of the results
// told so far, so that simulations can run on any number of threads, in any order, and be stored and
// replayed after a crash: candidate j of generation t draws only from
// RandomStream(seed, t, j, 0, Purpose::AbcProposal) and the previous generation, and a generation's
// population is the first `particles` accepted candidates *by index*, not the first to finish.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pilotsim::abc {

/// A parameter's prior: uniform on [low, high], or, with log_scale, uniform on [log low, log high]
/// (then 0 < low). Parameters are independent a priori.
struct Prior {
  std::string name;
  double low = 0.0;
  double high = 1.0;
  bool log_scale = false;  ///< uniform on the log; the perturbation kernel then acts on the log too
};

/// What stopped a sampler, named as the setting that stopped it.
enum class StopRule {
  Running,           ///< not stopped yet
  MaxGenerations,    ///< max_generations generations are closed
  MinTolerance,      ///< a generation's tolerance reached min_tolerance
  MinAcceptance,     ///< a generation was abandoned: it would accept less than min_acceptance of its candidates
  MinToleranceStep,  ///< the next tolerance would fall by less than min_tolerance_step (relative)
  MaxSimulations,    ///< the candidates counted reached max_simulations (a generation may be abandoned)
};

/// The setting's name of a rule ("max_generations", ...; "running").
const char* stopRuleName(StopRule rule);

struct SmcSettings {
  std::size_t particles = 200;       ///< population size N, at least 2
  double quantile = 0.5;             ///< next tolerance = this weighted quantile of the accepted distances, in (0, 1)
  int max_generations = 10;          ///< at least 1 (generation 0 included)
  double min_tolerance = 0.0;        ///< stop once a generation's tolerance is <= this; tolerances never go below it
  double min_acceptance = 0.02;      ///< stop when a generation would need more than particles / this candidates
  double min_tolerance_step = 0.01;  ///< stop when the next tolerance is less than this fraction below the last
  /// Generation 0 accepts candidates with distance <= this; infinity accepts every candidate with a
  /// finite distance (the population is then a sample of the prior).
  double initial_tolerance = std::numeric_limits<double>::infinity();
  std::uint64_t max_simulations = 0;  ///< stop once this many candidates are counted; 0 = no limit
  std::uint64_t seed = 1;
};

struct RejectionSettings {
  std::size_t candidates = 10000;  ///< draws from the prior, at least 1 and at most 2^32
  double accept_fraction = 0.01;   ///< keep the round(accept_fraction x candidates) closest (at least 1), in (0, 1]
  /// If finite, keep instead every candidate with distance <= tolerance (accept_fraction is then unused).
  double tolerance = std::numeric_limits<double>::infinity();
  std::uint64_t seed = 1;
};

/// An accepted candidate.
struct Particle {
  std::vector<double> theta;  ///< parameter values, in the priors' order, on their natural scale
  double distance = 0.0;      ///< abcDistance of its statistics
  double weight = 0.0;        ///< importance weight; a generation's weights sum to 1
  std::size_t index = 0;      ///< candidate index j within its generation
  friend bool operator==(const Particle&, const Particle&) = default;
};

/// A closed generation (or the result of rejection ABC, as generation 0).
struct Generation {
  int number = 0;
  /// Distances <= tolerance were accepted (infinity for a generation 0 that accepted every finite one;
  /// for rejection ABC by accept_fraction, the largest distance kept).
  double tolerance = std::numeric_limits<double>::infinity();
  std::vector<Particle> particles;  ///< in order of candidate index
  /// Candidates counted, J + 1: up to the one that completed the population (SMC) or all (rejection).
  /// Candidates after J that happened to be simulated are not counted, so the count does not depend on
  /// the batch size or the thread count.
  std::size_t candidates = 0;
  double acceptance_rate = 0.0;  ///< particles / candidates
  double ess = 0.0;              ///< effective sample size of the weights
  friend bool operator==(const Generation&, const Generation&) = default;
};

/// A simulation: the statistics for parameter values theta (natural scale, the priors' order) of
/// candidate `candidate` of generation `generation`, in the observed statistics' order. A NaN statistic
/// (undefined in that run) makes the candidate's distance infinite: it is never accepted. Called from
/// several threads at once by the drivers; seed any randomness from (generation, candidate) to keep
/// the results independent of the thread count.
using Simulator =
    std::function<std::vector<double>(std::span<const double> theta, int generation, std::size_t candidate)>;

/// How the convenience drivers evaluate candidates.
struct DriverOptions {
  int threads = 1;        ///< worker threads; 0 or less = all cores
  std::size_t batch = 0;  ///< candidates simulated before their results are told; 0 = particles (SMC) or 1024
};

/// The ABC distance sqrt(sum_k ((s_k - o_k) / scale_k)^2); +infinity if any statistic is NaN.
/// Throws std::invalid_argument if the three sizes differ.
double abcDistance(std::span<const double> statistics, std::span<const double> observed,
                   std::span<const double> scales);

/// The q-quantile (q in [0, 1]) of values with non-negative weights (not all zero): each value sits at
/// the middle of its step of the weighted empirical distribution function, and quantiles between those
/// points are interpolated linearly (beyond the first or last, the smallest or largest value). With
/// equal weights this is Hazen's quantile, the value at position q n + 1/2 of the sorted sample.
double weightedQuantile(std::span<const double> values, std::span<const double> weights, double q);

/// Kish's effective sample size (sum w)^2 / sum w^2: N for N equal weights, 1 if one weight has all.
double effectiveSampleSize(std::span<const double> weights);

/// A parameter's weighted posterior summary on its natural scale.
struct Summary {
  std::string name;
  double median = 0.0;
  double lo90 = 0.0;  ///< weighted 5% quantile
  double hi90 = 0.0;  ///< weighted 95% quantile
  double mean = 0.0;
};

/// One summary per prior, from a generation's particles and weights. Throws std::invalid_argument if
/// the generation has no particles or its particles have not one value per prior.
std::vector<Summary> posteriorSummary(const Generation& generation, const std::vector<Prior>& priors);

namespace detail {
/// The validated problem shared by both samplers: priors, observed statistics and their scales.
struct Problem {
  std::vector<Prior> priors;
  std::vector<double> observed;
  std::vector<double> scales;
  std::vector<double> low, high;  ///< the priors' bounds on the sampling scale (log for log_scale)

  /// Throws std::invalid_argument naming the prior or statistic at fault.
  Problem(std::vector<Prior> priors, std::vector<double> observed, std::vector<double> scales);
  std::size_t dimension() const { return priors.size(); }
  /// Each parameter uniform on its sampling scale, drawn in the priors' order.
  std::vector<double> drawFromPrior(std::uint64_t seed, std::uint32_t generation, std::size_t candidate) const;
  /// From the sampling scale to the natural one (exp for log_scale, kept within [low, high] against
  /// rounding).
  std::vector<double> natural(std::span<const double> z) const;
  /// abcDistance to the observed statistics; throws std::invalid_argument naming the candidate if the
  /// count of statistics is not the observed one.
  double distance(std::span<const double> statistics, int generation, std::size_t candidate) const;
};
}  // namespace detail

/// ABC-SMC (population Monte Carlo) as an ask/tell state machine.
///
/// Use: while (!finished()) { if (generationComplete()) advance(); else hand out candidates j from
/// nextUntold() (below candidateLimit()), simulate candidate(j), tell(generation(), j, statistics) }.
/// A generation is complete when candidates 0..J are all told and N = particles of them are accepted
/// (distance finite and <= the generation's tolerance); its population is those N. Results may be told
/// in any order; the state, and so every later candidate, depends only on the settings and the results
/// of candidates 0..J of each generation. Not thread-safe: tell from one thread (candidate() is const
/// and may be called from many).
///
/// A generation is abandoned, and the run finished, once candidates 0..candidateLimit()-1 are told
/// without N accepted: it would then have an acceptance rate below min_acceptance, or need more
/// simulations than max_simulations leaves. history() holds the closed generations only.
class AbcSmc {
 public:
  /// Throws std::invalid_argument for invalid priors, statistics, scales or settings, naming them.
  AbcSmc(std::vector<Prior> priors, std::vector<double> observed, std::vector<double> scales, SmcSettings settings);

  /// The generation being filled (0 first).
  int generation() const { return generation_; }
  /// Its tolerance epsilon_t.
  double tolerance() const { return tolerance_; }
  /// Parameters of candidate j of the current generation (natural scale, priors' order): a pure
  /// function of (seed, generation, j) and the previous generation. Throws std::out_of_range if
  /// j >= 2^32.
  std::vector<double> candidate(std::size_t j) const;
  /// Records the statistics of candidate j of `generation`. Returns false, ignoring them, for a
  /// generation already closed or once the run is finished (late results of a parallel caller).
  /// Throws std::invalid_argument for a later generation, a candidate told twice or a count of
  /// statistics that is not the observed one.
  bool tell(int generation, std::size_t j, std::span<const double> statistics);
  /// Whether candidate j of the current generation has been told.
  bool isTold(std::size_t j) const { return j < prefix_ || pending_.contains(j); }
  /// The lowest candidate index of the current generation not yet told.
  std::size_t nextUntold() const { return prefix_; }
  /// Candidates at or after this index are never needed by the current generation (SIZE_MAX if no rule
  /// limits it).
  std::size_t candidateLimit() const { return limit_; }
  /// True when the current generation has its N particles (call advance()).
  bool generationComplete() const { return !finished() && accepted_.size() == settings_.particles; }
  /// Particles of the current generation accepted so far (at most `particles`).
  std::size_t acceptedCount() const { return accepted_.size(); }
  /// Closes the current generation: its weights, effective sample size, then either a stop rule or the
  /// next generation's tolerance and kernel. Throws std::logic_error if the generation is not complete,
  /// std::runtime_error if the kernel's covariance cannot be factorised.
  void advance();
  bool finished() const { return stop_ != StopRule::Running; }
  StopRule stopRule() const { return stop_; }
  /// Which rule stopped the run, with the numbers that triggered it ("" while running).
  const std::string& stopReason() const { return stop_reason_; }
  /// The closed generations, in order.
  const std::vector<Generation>& history() const { return history_; }
  /// Candidates counted so far: each closed generation's `candidates` plus those told in a row from 0 in
  /// the current one. This is the count max_simulations limits.
  std::uint64_t simulations() const { return closed_simulations_ + (currentIsOpen() ? prefix_ : 0); }
  const std::vector<Prior>& priors() const { return problem_.priors; }
  const SmcSettings& settings() const { return settings_; }

 private:
  /// False once advance() has closed the current generation and stopped the run.
  bool currentIsOpen() const { return history_.empty() || history_.back().number != generation_; }
  /// The current generation's candidate j on the sampling scale.
  std::vector<double> proposal(std::size_t j) const;
  /// Starts generation `number` with tolerance `tolerance` (the kernel is set by the caller).
  void startGeneration(int number, double tolerance);
  void stop(StopRule rule, std::string reason);

  detail::Problem problem_;
  SmcSettings settings_;
  int generation_ = 0;
  double tolerance_ = 0.0;
  std::size_t limit_ = 0;
  StopRule limit_rule_ = StopRule::Running;               ///< the rule behind limit_
  std::size_t prefix_ = 0;                                ///< candidates 0..prefix_-1 are told
  std::map<std::size_t, double> pending_;                 ///< distances told beyond the prefix
  std::vector<std::pair<std::size_t, double>> accepted_;  ///< (j, distance) of the first accepted, at most N
  std::uint64_t closed_simulations_ = 0;
  // The proposal of the current generation (t >= 1): generation t-1 on the sampling scale.
  std::vector<double> parents_;  ///< N x d, row-major
  std::vector<double> parent_log_weights_;
  std::vector<double> cumulative_weights_;  ///< for drawing a parent
  std::vector<double> kernel_cholesky_;     ///< d x d lower-triangular L, kernel covariance L L^T
  std::vector<Generation> history_;
  StopRule stop_ = StopRule::Running;
  std::string stop_reason_;
};

/// Runs `smc` to the end: batches of candidates from nextUntold() simulated on options.threads
/// threads, told, and generations advanced. The history is bit-identical for any thread count and
/// batch size, and a state replayed from stored results continues as if never interrupted. Returns
/// smc.history(). Rethrows the first (by candidate index) exception of `simulate` in a batch.
const std::vector<Generation>& runAbcSmc(AbcSmc& smc, const Simulator& simulate, const DriverOptions& options = {});

/// Rejection ABC as an ask/tell state machine: candidate j is drawn from the prior with
/// RandomStream(seed, 0, j, 0, Purpose::AbcProposal) (the draws of ABC-SMC's generation 0), and once
/// all candidates are told, result() keeps the closest.
class AbcRejection {
 public:
  /// Throws std::invalid_argument for invalid priors, statistics, scales or settings, naming them.
  AbcRejection(std::vector<Prior> priors, std::vector<double> observed, std::vector<double> scales,
               RejectionSettings settings);

  /// Parameters of candidate j (natural scale); throws std::out_of_range if j >= candidates.
  std::vector<double> candidate(std::size_t j) const;
  /// Records candidate j's statistics. Throws std::invalid_argument for an index out of range, told
  /// twice, or a count of statistics that is not the observed one.
  void tell(std::size_t j, std::span<const double> statistics);
  bool isTold(std::size_t j) const { return j < told_.size() && told_[j] != 0; }
  /// The lowest candidate index not yet told (candidates when all are).
  std::size_t nextUntold() const { return prefix_; }
  bool complete() const { return prefix_ == settings_.candidates; }
  /// The kept candidates, in index order, with equal weights; as generation 0. Candidates with an
  /// infinite distance are never kept (so fewer may be kept). Ties at the cut are kept by lower index.
  /// Throws std::logic_error if not complete.
  Generation result() const;
  const std::vector<Prior>& priors() const { return problem_.priors; }
  const RejectionSettings& settings() const { return settings_; }

 private:
  detail::Problem problem_;
  RejectionSettings settings_;
  std::vector<double> distances_;
  std::vector<std::uint8_t> told_;
  std::size_t prefix_ = 0;
};

/// Simulates every candidate of `rejection` not yet told, in batches on options.threads threads, and
/// returns result(). Bit-identical for any thread count and batch size.
Generation runAbcRejection(AbcRejection& rejection, const Simulator& simulate, const DriverOptions& options = {});

}  // namespace pilotsim::abc
