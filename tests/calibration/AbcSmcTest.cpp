// The ABC engine (calibration/Abc.hpp) on small toy models: its errors, the determinism that lets a
// campaign run candidates on any threads and resume from stored results, the support of the priors,
// the importance weights against the formula of Beaumont et al. (2009), the stop rules, and the
// helpers (weighted quantile, effective sample size, distance, rejection). Fast: the whole suite takes
// well under a second.
#include "pilotsim/calibration/Abc.hpp"
#include "pilotsim/core/Rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>

namespace pilotsim::abc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Runs `f`, expecting std::invalid_argument whose message contains `needle`.
template <class F>
void expectInvalid(F&& f, const std::string& needle) {
  try {
    f();
    ADD_FAILURE() << "no exception; expected one mentioning '" << needle << "'";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

/// A toy model: a location `a` and a log-scale `b`, each seen through one statistic with noise of sd 0.3
/// drawn from a stream of its own (another seed than the engine's, so another stream).
const std::vector<Prior> kToyPriors = {{"a", -3.0, 3.0, false}, {"b", 0.1, 10.0, true}};
const std::vector<double> kToyObserved = {0.5, std::log(2.0)};
const std::vector<double> kToyScales = {0.3, 0.3};

RandomStream noiseOf(int generation, std::size_t j) {
  return RandomStream(99, static_cast<std::uint32_t>(generation), static_cast<std::uint32_t>(j), 0,
                      Purpose::AbcProposal);
}

std::vector<double> toyModel(std::span<const double> theta, int generation, std::size_t j) {
  RandomStream noise = noiseOf(generation, j);
  return {theta[0] + 0.3 * noise.normal(), std::log(theta[1]) + 0.3 * noise.normal()};
}

/// One location parameter seen with normal noise of sd `sd`.
Simulator locationModel(double sd) {
  return [sd](std::span<const double> theta, int generation, std::size_t j) {
    return std::vector<double>{theta[0] + sd * noiseOf(generation, j).normal()};
  };
}

SmcSettings toySettings() {
  SmcSettings s;
  s.particles = 100;
  s.max_generations = 5;
  s.seed = 11;
  return s;
}

AbcSmc toySmc() { return AbcSmc(kToyPriors, kToyObserved, kToyScales, toySettings()); }

TEST(AbcErrors, PriorsStatisticsAndSettingsAreChecked) {
  const auto smcWith = [](std::vector<Prior> priors, std::vector<double> observed, std::vector<double> scales,
                          SmcSettings s = {}) { const AbcSmc smc(priors, observed, scales, s); };
  expectInvalid([&] { smcWith({{"x", 2.0, 1.0}}, {0.0}, {1.0}); }, "prior 'x': low (2) must be below high (1)");
  expectInvalid([&] { smcWith({{"x", 1.0, 1.0}}, {0.0}, {1.0}); }, "prior 'x': low (1) must be below high");
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0, true}}, {0.0}, {1.0}); }, "prior 'x': a log_scale prior needs low > 0");
  expectInvalid([&] { smcWith({{"x", -1.0, kInf}}, {0.0}, {1.0}); }, "prior 'x': low and high must be finite");
  expectInvalid([&] { smcWith({}, {0.0}, {1.0}); }, "at least one parameter");
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0, 1.0}, {1.0}); }, "2 observed statistics but 1 scales");
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0, 1.0}, {1.0, 0.0}); }, "scale of statistic 2 must be positive");
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0}, {-1.0}); }, "scale of statistic 1 must be positive");
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {kNaN}, {1.0}); }, "observed statistic 1 must be finite");
  SmcSettings s;
  s.particles = 1;
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0}, {1.0}, s); }, "particles = 1: ABC-SMC needs at least 2");
  for (double q : {0.0, 1.0, 1.5, kNaN}) {
    s = {};
    s.quantile = q;
    expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0}, {1.0}, s); }, "quantile = ");
  }
  s = {};
  s.max_generations = 0;
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0}, {1.0}, s); }, "max_generations = 0");
  s = {};
  s.min_acceptance = 1.5;
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0}, {1.0}, s); }, "min_acceptance = 1.5");
  s = {};
  s.initial_tolerance = 0.0;
  expectInvalid([&] { smcWith({{"x", 0.0, 1.0}}, {0.0}, {1.0}, s); }, "initial_tolerance = 0");

  RejectionSettings r;
  r.candidates = 0;
  const auto rejectionWith = [](RejectionSettings settings) {
    const AbcRejection rejection(kToyPriors, kToyObserved, kToyScales, settings);
  };
  expectInvalid([&] { rejectionWith(r); }, "candidates = 0");
  r = {};
  r.accept_fraction = 0.0;
  expectInvalid([&] { rejectionWith(r); }, "accept_fraction = 0");
  r = {};
  r.tolerance = -1.0;
  expectInvalid([&] { rejectionWith(r); }, "tolerance = -1");
}

TEST(AbcErrors, TellingTwiceOrTheWrongCountIsRefused) {
  AbcSmc smc = toySmc();
  const std::vector<double> stats = {0.0, 0.0};
  EXPECT_TRUE(smc.tell(0, 3, stats));
  expectInvalid([&] { smc.tell(0, 3, stats); }, "candidate 3 of generation 0 was told twice");
  EXPECT_TRUE(smc.tell(0, 0, stats));
  expectInvalid([&] { smc.tell(0, 0, stats); }, "candidate 0 of generation 0 was told twice");  // now in the prefix
  expectInvalid([&] { smc.tell(0, 5, std::vector<double>{1.0}); }, "candidate 5 of generation 0: 1 statistics told");
  expectInvalid([&] { smc.tell(1, 5, stats); }, "told while generation 0 is being filled");
  EXPECT_THROW(smc.advance(), std::logic_error);  // 2 of 100 particles

  AbcRejection rejection(kToyPriors, kToyObserved, kToyScales, {});
  rejection.tell(7, stats);
  expectInvalid([&] { rejection.tell(7, stats); }, "candidate 7 of generation 0 was told twice");
  expectInvalid([&] { rejection.tell(8, std::vector<double>{1.0, 2.0, 3.0}); }, "3 statistics told");
  expectInvalid([&] { rejection.tell(10000, stats); }, "rejection ABC has 10000 candidates");
  EXPECT_THROW(rejection.candidate(10000), std::out_of_range);
  EXPECT_THROW(rejection.result(), std::logic_error);
}

TEST(AbcDistance, ScaledEuclideanAndInfiniteForNaN) {
  const std::vector<double> observed = {1.0, 2.0}, scales = {0.5, 2.0};
  EXPECT_DOUBLE_EQ(abcDistance(std::vector<double>{2.0, 8.0}, observed, scales), std::sqrt(4.0 + 9.0));
  EXPECT_EQ(abcDistance(observed, observed, scales), 0.0);
  EXPECT_EQ(abcDistance(std::vector<double>{kNaN, 2.0}, observed, scales), kInf);
  expectInvalid([&] { abcDistance(std::vector<double>{1.0}, observed, scales); }, "1 statistics, 2 observed");
}

// Each value sits at the middle of its weight's step: 1, 2, 3, 4 with weights .1 .2 .3 .4 sit at .05, .2,
// .45, .8; the median is 3 + (.5 - .45) / (.8 - .45) = 3.142857...; below .05 and above .8 the extremes.
TEST(WeightedQuantile, HandComputedExample) {
  const std::vector<double> values = {4.0, 2.0, 3.0, 1.0}, weights = {0.4, 0.2, 0.3, 0.1};
  EXPECT_NEAR(weightedQuantile(values, weights, 0.5), 3.0 + 0.05 / 0.35, 1e-15);
  EXPECT_NEAR(weightedQuantile(values, weights, 0.2), 2.0, 1e-15);
  EXPECT_NEAR(weightedQuantile(values, weights, 0.1), 1.0 + 0.05 / 0.15, 1e-15);
  EXPECT_EQ(weightedQuantile(values, weights, 0.0), 1.0);
  EXPECT_EQ(weightedQuantile(values, weights, 0.05), 1.0);
  EXPECT_EQ(weightedQuantile(values, weights, 0.95), 4.0);
  // Unnormalised weights give the same; equal weights give Hazen's quantile (1/6, 1/2, 5/6 here).
  EXPECT_NEAR(weightedQuantile(values, std::vector<double>{4, 2, 3, 1}, 0.5), 3.0 + 0.05 / 0.35, 1e-15);
  EXPECT_NEAR(weightedQuantile(std::vector<double>{3, 1, 2}, std::vector<double>{1, 1, 1}, 0.25), 1.25, 1e-15);
  // A value of weight zero is not part of the distribution.
  EXPECT_NEAR(weightedQuantile(std::vector<double>{1, 100, 2}, std::vector<double>{1, 0, 1}, 0.5), 1.5, 1e-15);
  expectInvalid([&] { weightedQuantile(values, weights, 1.5); }, "q = 1.5");
  expectInvalid([&] { weightedQuantile(values, std::vector<double>{0, 0, 0, 0}, 0.5); }, "all zero");
  expectInvalid([&] { weightedQuantile(values, std::vector<double>{1, 1}, 0.5); }, "4 values and 2 weights");
}

TEST(PosteriorSummary, WeightedQuantilesAndMean) {
  Generation g;
  const double w[] = {0.1, 0.2, 0.3, 0.4};
  for (std::size_t i = 0; i < 4; ++i)
    g.particles.push_back({{static_cast<double>(i + 1), 10.0 * static_cast<double>(i + 1)}, 0.0, w[i], i});
  const auto s = posteriorSummary(g, {{"x", 0, 5}, {"y", 0, 50}});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].name, "x");
  EXPECT_NEAR(s[0].median, 3.0 + 0.05 / 0.35, 1e-15);
  EXPECT_NEAR(s[0].mean, 3.0, 1e-15);  // .1 + .4 + .9 + 1.6
  EXPECT_EQ(s[0].lo90, 1.0);
  EXPECT_EQ(s[0].hi90, 4.0);
  EXPECT_NEAR(s[1].median, 10.0 * (3.0 + 0.05 / 0.35), 1e-13);
  expectInvalid([&] { posteriorSummary(g, {{"x", 0, 5}}); }, "2 parameters but 1 priors");
  expectInvalid([&] { posteriorSummary(Generation{}, {{"x", 0, 5}}); }, "no particles");
}

TEST(EffectiveSampleSize, KishFormula) {
  EXPECT_EQ(effectiveSampleSize(std::vector<double>(4, 0.25)), 4.0);
  EXPECT_EQ(effectiveSampleSize(std::vector<double>(7, 3.0)), 7.0);
  EXPECT_NEAR(effectiveSampleSize(std::vector<double>{1, 1, 2}), 16.0 / 6.0, 1e-15);
  EXPECT_EQ(effectiveSampleSize(std::vector<double>{0, 5, 0}), 1.0);
}

TEST(AbcSmc, CandidatesArePureFunctionsOfTheState) {
  const AbcSmc a = toySmc(), b = toySmc();
  for (std::size_t j : {0u, 1u, 57u, 4000000000u}) EXPECT_EQ(a.candidate(j), b.candidate(j));
  EXPECT_NE(a.candidate(0), a.candidate(1));
  SmcSettings other = toySettings();
  other.seed = 12;
  EXPECT_NE(AbcSmc(kToyPriors, kToyObserved, kToyScales, other).candidate(0), a.candidate(0));
  EXPECT_THROW(a.candidate(std::size_t{1} << 32), std::out_of_range);
}

TEST(AbcSmc, HistoryIsTheSameForAnyThreadsAndBatchSize) {
  AbcSmc reference = toySmc();
  const auto& expected = runAbcSmc(reference, toyModel);
  ASSERT_EQ(expected.size(), 5u) << reference.stopReason();  // the kernel is used in four generations
  EXPECT_EQ(reference.stopRule(), StopRule::MaxGenerations);
  for (const DriverOptions options :
       {DriverOptions{2, 0}, DriverOptions{2, 7}, DriverOptions{1, 1}, DriverOptions{2, 1000}}) {
    AbcSmc smc = toySmc();
    EXPECT_EQ(runAbcSmc(smc, toyModel, options), expected) << options.threads << " threads, batch " << options.batch;
    EXPECT_EQ(smc.stopReason(), reference.stopReason());
    EXPECT_EQ(smc.simulations(), reference.simulations());
  }
}

/// Every (generation, candidate, statistics) a run simulated, as a campaign store would hold them.
struct Recorder {
  std::mutex mutex;
  std::map<std::pair<int, std::size_t>, std::vector<double>> results;
  std::vector<double> operator()(std::span<const double> theta, int generation, std::size_t j) {
    auto s = toyModel(theta, generation, j);
    const std::lock_guard lock(mutex);
    results[{generation, j}] = s;
    return s;
  }
};

// A resumed run re-creates the engine and replays the stored results, in any order and with candidates
// beyond those a generation needed; it must end exactly where an uninterrupted run ends.
TEST(AbcSmc, ReplayingStoredResultsInAnyOrderReproducesTheHistory) {
  Recorder recorder;
  AbcSmc original = toySmc();
  runAbcSmc(original, std::ref(recorder), {2, 37});  // batches of 37 overrun each generation's J

  AbcSmc replayed = toySmc();
  for (int t = 0; !replayed.finished(); ++t) {
    ASSERT_EQ(replayed.generation(), t);
    std::vector<std::size_t> told;
    for (const auto& [key, stats] : recorder.results)
      if (key.first == t) told.push_back(key.second);
    std::reverse(told.begin(), told.end());  // the worst order: nothing joins the prefix before the end
    for (std::size_t j : told) replayed.tell(t, j, recorder.results.at({t, j}));
    ASSERT_TRUE(replayed.generationComplete() || replayed.finished()) << "generation " << t;
    if (replayed.finished()) break;
    replayed.advance();
    EXPECT_FALSE(replayed.tell(t, 1000000, std::vector<double>{0.0, 0.0}));  // closed generation: ignored
  }
  EXPECT_EQ(replayed.history(), original.history());
  EXPECT_EQ(replayed.stopReason(), original.stopReason());
}

TEST(AbcSmc, ResumingInTheMiddleOfAGenerationContinuesTheSameRun) {
  Recorder recorder;
  AbcSmc original = toySmc();
  runAbcSmc(original, std::ref(recorder));
  // Stored so far: generations 0 and 1 complete, and every other candidate of generation 2 up to 150.
  AbcSmc resumed = toySmc();
  for (int t = 0; t < 2; ++t) {
    for (const auto& [key, stats] : recorder.results)
      if (key.first == t) resumed.tell(t, key.second, stats);
    resumed.advance();
  }
  for (std::size_t j = 0; j < 150; j += 2)
    if (recorder.results.contains({2, j})) resumed.tell(2, j, recorder.results.at({2, j}));
  EXPECT_EQ(resumed.nextUntold(), 1u);
  EXPECT_TRUE(resumed.isTold(2));
  EXPECT_FALSE(resumed.isTold(3));
  EXPECT_EQ(runAbcSmc(resumed, toyModel, {2, 16}), original.history());
}

TEST(AbcSmc, WeightsAreNormalisedAndUnequalAfterGenerationZero) {
  AbcSmc smc = toySmc();
  for (const Generation& g : runAbcSmc(smc, toyModel)) {
    double sum = 0.0, lo = kInf, hi = 0.0;
    for (const Particle& p : g.particles) {
      sum += p.weight;
      lo = std::min(lo, p.weight);
      hi = std::max(hi, p.weight);
    }
    EXPECT_NEAR(sum, 1.0, 1e-12) << "generation " << g.number;  // 100 terms: rounding only
    ASSERT_EQ(g.particles.size(), 100u);
    if (g.number == 0) {
      EXPECT_EQ(lo, hi);
      EXPECT_NEAR(g.ess, 100.0, 1e-9);  // equal weights; 1e-9 allows the rounding of 1/100 summed
      EXPECT_EQ(g.tolerance, kInf);
    } else {
      EXPECT_GT(hi / lo, 1.05) << "generation " << g.number;  // importance weights, not a copy of 1/N
      EXPECT_LT(g.ess, 100.0);
      EXPECT_LT(g.tolerance, smc.history()[static_cast<std::size_t>(g.number) - 1].tolerance);
    }
    EXPECT_NEAR(g.acceptance_rate, 100.0 / static_cast<double>(g.candidates), 1e-15);
    for (std::size_t i = 1; i < g.particles.size(); ++i) EXPECT_LT(g.particles[i - 1].index, g.particles[i].index);
    EXPECT_EQ(g.particles.back().index + 1, g.candidates);  // the population ends at candidate J
  }
}

// One parameter: generation 1's weights recomputed from generation 0 by the formula of Beaumont et al.
// (2009): w_i proportional to 1 / sum_j w_j N(x_i; x_j, 2 var_w), the prior being flat. The kernel's
// variance includes the engine's ridge of 1e-10 of the prior's squared width; 1e-9 relative allows the
// order of the floating-point sums.
TEST(AbcSmc, WeightsFollowThePopulationMonteCarloFormula) {
  const std::vector<Prior> priors = {{"a", -3.0, 3.0}};
  SmcSettings s;
  s.particles = 50;
  s.max_generations = 2;
  AbcSmc smc(priors, {0.5}, {0.3}, s);
  const auto& h = runAbcSmc(smc, locationModel(0.3));
  ASSERT_EQ(h.size(), 2u);
  double mean = 0.0, var = 0.0;
  for (const Particle& p : h[0].particles) mean += p.weight * p.theta[0];
  for (const Particle& p : h[0].particles) var += p.weight * (p.theta[0] - mean) * (p.theta[0] - mean);
  const double kernel_var = 2.0 * var + 1e-10 * 36.0;
  std::vector<double> expected;
  for (const Particle& p : h[1].particles) {
    double mixture = 0.0;
    for (const Particle& q : h[0].particles)
      mixture += q.weight * std::exp(-0.5 * (p.theta[0] - q.theta[0]) * (p.theta[0] - q.theta[0]) / kernel_var);
    expected.push_back(1.0 / mixture);
  }
  const double total = std::accumulate(expected.begin(), expected.end(), 0.0);
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(h[1].particles[i].weight, expected[i] / total, 1e-9 * expected[i] / total) << i;
}

// Observed statistics at the corner of the support (a = 0, b = 0.01) pile the particles against it, so
// nearly half of each symmetric perturbation of a parent there falls outside; such a point must be drawn
// again, never simulated.
TEST(AbcSmc, CandidatesOutsideTheSupportAreNeverSimulated) {
  const std::vector<Prior> priors = {{"a", 0.0, 1.0}, {"b", 0.01, 100.0, true}};
  SmcSettings s;
  s.particles = 100;
  s.max_generations = 12;
  AbcSmc smc(priors, {0.0, std::log10(0.01)}, {0.05, 0.2}, s);
  std::atomic<int> outside{0};
  std::atomic<int> near_corner{0}, on_edge{0};
  const auto& h = runAbcSmc(smc,
                            [&](std::span<const double> theta, int, std::size_t) {
                              if (theta[0] < 0.0 || theta[0] > 1.0 || theta[1] < 0.01 || theta[1] > 100.0) ++outside;
                              if (theta[0] == 0.0 || theta[1] == 0.01)
                                ++on_edge;  // what clamping instead of drawing again gives
                              if (theta[0] < 0.01) ++near_corner;
                              return std::vector<double>{theta[0], std::log10(theta[1])};
                            },
                            {2, 0});
  EXPECT_EQ(outside.load(), 0);
  EXPECT_EQ(on_edge.load(), 0);
  EXPECT_GT(near_corner.load(), 50);  // the particles did reach the boundary, where draws fall outside
  ASSERT_GE(h.size(), 4u);
  for (const Particle& p : h.back().particles) {
    EXPECT_GE(p.theta[0], 0.0);
    EXPECT_GE(p.theta[1], 0.01);
  }
}

TEST(AbcSmc, NaNStatisticsAreNeverAccepted) {
  AbcSmc smc = toySmc();
  const auto& h = runAbcSmc(smc, [](std::span<const double> theta, int t, std::size_t j) {
    auto s = toyModel(theta, t, j);
    if (j % 3 == 0) s[1] = kNaN;
    return s;
  });
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0].candidates, 150u);  // every third candidate undefined: 100 particles need 0..149
  for (const Generation& g : h)
    for (const Particle& p : g.particles) EXPECT_NE(p.index % 3, 0u);
}

SmcSettings untilAStopRule() {
  SmcSettings s = toySettings();
  s.max_generations = 50;
  return s;
}

std::uint64_t closedCandidates(const std::vector<Generation>& history) {
  std::uint64_t n = 0;
  for (const Generation& g : history) n += g.candidates;
  return n;
}

// The noise (sd 1) is far above the scale (0.05): the tolerance soon cannot be met, and the generation
// that would accept fewer than 2% is abandoned after 100 / 0.02 candidates.
TEST(AbcSmcStop, MinAcceptanceAbandonsAGenerationThatCannotReachIt) {
  AbcSmc smc({{"a", -3.0, 3.0}}, {0.5}, {0.05}, untilAStopRule());
  const auto& h = runAbcSmc(smc, locationModel(1.0));
  EXPECT_EQ(smc.stopRule(), StopRule::MinAcceptance) << smc.stopReason();
  EXPECT_EQ(smc.stopReason().rfind("min_acceptance: generation " + std::to_string(h.size()), 0), 0u)
      << smc.stopReason();
  for (const Generation& g : h) EXPECT_GE(g.acceptance_rate, 0.02);
  EXPECT_EQ(smc.simulations() - closedCandidates(h), 5000u);
}

TEST(AbcSmcStop, MaxSimulations) {
  SmcSettings s = untilAStopRule();
  s.max_simulations = 700;
  AbcSmc smc(kToyPriors, kToyObserved, kToyScales, s);
  runAbcSmc(smc, toyModel, {1, 64});
  EXPECT_EQ(smc.stopRule(), StopRule::MaxSimulations) << smc.stopReason();
  EXPECT_LE(smc.simulations(), 700u);
  EXPECT_GE(smc.history().size(), 2u);
}

TEST(AbcSmcStop, MinToleranceIsAFloorAndAStop) {
  SmcSettings s = untilAStopRule();
  s.min_tolerance = 1.0;
  AbcSmc smc(kToyPriors, kToyObserved, kToyScales, s);
  const auto& h = runAbcSmc(smc, toyModel);
  EXPECT_EQ(smc.stopRule(), StopRule::MinTolerance) << smc.stopReason();
  ASSERT_GE(h.size(), 3u);
  EXPECT_EQ(h.back().tolerance, 1.0);
  EXPECT_GT(h[h.size() - 2].tolerance, 1.0);
}

// A statistic with three values (distances 0 or 1): generation 0 gives tolerance 1 (the median), and
// generation 1, accepting every candidate, gives 1 again.
TEST(AbcSmcStop, MinToleranceStep) {
  AbcSmc smc({{"a", -3.0, 3.0}}, {0.0}, {1.0}, untilAStopRule());
  const auto& h = runAbcSmc(smc, [](std::span<const double> theta, int, std::size_t) {
    return std::vector<double>{std::clamp(std::round(theta[0]), -1.0, 1.0)};
  });
  EXPECT_EQ(smc.stopRule(), StopRule::MinToleranceStep) << smc.stopReason();
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].tolerance, 1.0);
}

TEST(AbcSmcStop, AFinishedRunRefusesAdvanceAndIgnoresLateResults) {
  AbcSmc smc = toySmc();
  runAbcSmc(smc, toyModel);
  EXPECT_STREQ(stopRuleName(smc.stopRule()), "max_generations");
  EXPECT_EQ(smc.stopReason(), "max_generations: 5 generations closed");
  const std::uint64_t simulations = smc.simulations();
  EXPECT_EQ(simulations, closedCandidates(smc.history()));
  EXPECT_THROW(smc.advance(), std::logic_error);
  EXPECT_FALSE(smc.tell(smc.generation(), 100000, std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(smc.simulations(), simulations);
}

TEST(AbcRejection, KeepsTheClosestFraction) {
  const std::vector<Prior> priors = {{"a", 0.0, 1.0}};
  RejectionSettings s;
  s.candidates = 1000;
  s.accept_fraction = 0.05;
  const Simulator identity = [](std::span<const double> theta, int, std::size_t j) {
    return std::vector<double>{j % 10 == 0 ? kNaN : theta[0]};
  };
  AbcRejection rejection(priors, {0.3}, {0.1}, s);
  const Generation g = runAbcRejection(rejection, identity);
  ASSERT_EQ(g.particles.size(), 50u);
  std::vector<char> kept(1000, 0);
  for (const Particle& p : g.particles) {
    kept[p.index] = 1;
    EXPECT_EQ(p.weight, 1.0 / 50.0);
    EXPECT_NE(p.index % 10, 0u);
    EXPECT_DOUBLE_EQ(p.distance, std::abs(p.theta[0] - 0.3) / 0.1);
    EXPECT_LE(p.distance, g.tolerance);
  }
  for (std::size_t j = 0; j < 1000; ++j) {
    if (kept[j] || j % 10 == 0) continue;
    EXPECT_GT(std::abs(rejection.candidate(j)[0] - 0.3) / 0.1, g.tolerance) << j;
  }
  EXPECT_EQ(g.ess, 50.0);
  EXPECT_EQ(g.acceptance_rate, 0.05);
  AbcRejection other(priors, {0.3}, {0.1}, s);
  EXPECT_EQ(runAbcRejection(other, identity, {2, 33}), g);

  s.tolerance = 0.5;  // |a - 0.3| <= 0.05: about 10% of the candidates
  AbcRejection within(priors, {0.3}, {0.1}, s);
  const Generation w = runAbcRejection(within, identity);
  std::size_t expected = 0;
  for (std::size_t j = 0; j < 1000; ++j)
    if (j % 10 != 0 && std::abs(within.candidate(j)[0] - 0.3) / 0.1 <= 0.5) ++expected;
  EXPECT_EQ(w.particles.size(), expected);
  EXPECT_GT(expected, 50u);
  EXPECT_EQ(w.tolerance, 0.5);
}

// Rejection ABC's candidates are ABC-SMC's generation 0: the same draws from the prior.
TEST(AbcRejection, CandidatesAreSmcGenerationZero) {
  RejectionSettings r;
  r.seed = toySettings().seed;
  const AbcRejection rejection(kToyPriors, kToyObserved, kToyScales, r);
  const AbcSmc smc = toySmc();
  for (std::size_t j = 0; j < 20; ++j) {
    EXPECT_EQ(rejection.candidate(j), smc.candidate(j));
    const auto theta = rejection.candidate(j);
    EXPECT_GE(theta[1], 0.1);
    EXPECT_LE(theta[1], 10.0);
  }
}

}  // namespace
}  // namespace pilotsim::abc
