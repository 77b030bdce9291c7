// ABC-SMC and rejection ABC (calibration/Abc.hpp) against posteriors known in closed form. Sampling-based,
// so in the statistical suite; seeded, so repeatable.
//
// The tolerances are kSe = 5 standard errors of the estimate from a weighted sample of effective size
// ESS: sd / sqrt(ESS) for a mean, sd / sqrt(2 ESS) for a standard deviation, sqrt(p (1 - p) / ESS) / f(x_p)
// for a p-quantile, (1 - r^2) / sqrt(ESS) for a correlation. Kish's ESS understates the error of an
// SMC population somewhat: over 30 seeds of the first case the errors' rms was 1.14 (mean) and 1.27
// (sd) of these standard errors, over 10 seeds of the second at most 1.4. Five of them are so about
// four of the actual spread, which chance exceeds with probability about 6e-5 per check: a failure
// means the sampler or its weights are wrong. Wrong weights (equal ones, say) shrink the posterior sd
// of the first case by about 13%, three times the tolerance.
//
// ABC with tolerance eps > 0 targets the posterior given that the simulated statistics fall within eps
// of the observed ones, not given the observed ones exactly. When the statistics are a parameter plus
// normal noise and the prior is flat, that ABC posterior is the exact one convolved with the uniform
// distribution on the acceptance ball: each scaled coordinate's variance grows by eps^2 / 3 for one
// statistic, eps^2 / 4 for two (a uniform disc), and covariances are unchanged. The expected values
// below include this, with the final generation's eps.
#include "pilotsim/calibration/Abc.hpp"
#include "pilotsim/core/Rng.hpp"

#include <gtest/gtest.h>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace pilotsim::abc {
namespace {

constexpr double kZ95 = 1.6448536269514722;  // standard normal 95% quantile
constexpr double kSe = 5.0;                  // standard errors allowed (see above)

/// The models' noise: another seed than the engine's (1), so streams of their own.
RandomStream noiseOf(int generation, std::size_t j) {
  return RandomStream(2024, static_cast<std::uint32_t>(generation), static_cast<std::uint32_t>(j), 0,
                      Purpose::AbcProposal);
}

struct Moments {
  double mean = 0.0, sd = 0.0;
};

Moments weightedMoments(const Generation& g, std::size_t k) {
  Moments m;
  for (const Particle& p : g.particles) m.mean += p.weight * p.theta[k];
  double var = 0.0;
  for (const Particle& p : g.particles) var += p.weight * (p.theta[k] - m.mean) * (p.theta[k] - m.mean);
  m.sd = std::sqrt(var);
  return m;
}

/// 2,000 particles, and generations until the acceptance rate (min_acceptance 2%) stops the run.
SmcSettings manyParticles() {
  SmcSettings s;
  s.particles = 2000;
  s.max_generations = 30;
  return s;
}

/// Runs `smc` to the end on all cores; its last generation, checked to come after a schedule of some
/// length and to have weights that did not degenerate.
Generation finalGeneration(AbcSmc& smc, const Simulator& simulate) {
  const auto& h = runAbcSmc(smc, simulate, {0, 0});
  if (h.empty()) throw std::runtime_error("no generation closed: " + smc.stopReason());
  EXPECT_GE(h.size(), 5u) << smc.stopReason();
  EXPECT_GT(h.back().ess, 500.0);
  return h.back();
}

/// Parameter k of `g` against a normal posterior N(mean, sd^2): mean, sd, the 90% interval's ends and
/// the weight of the particles inside the analytic 90% interval, each within kSe standard errors.
void expectNormalPosterior(const Generation& g, const std::vector<Prior>& priors, std::size_t k, double mean,
                           double sd) {
  const double ess = g.ess;
  const Moments m = weightedMoments(g, k);
  EXPECT_NEAR(m.mean, mean, kSe * sd / std::sqrt(ess)) << priors[k].name << ", ESS " << ess;
  EXPECT_NEAR(m.sd, sd, kSe * sd / std::sqrt(2.0 * ess)) << priors[k].name << ", ESS " << ess;
  const double density_at_q5 = std::exp(-0.5 * kZ95 * kZ95) / (std::sqrt(2.0 * std::numbers::pi) * sd);
  const double quantile_se = std::sqrt(0.05 * 0.95 / ess) / density_at_q5;
  const Summary s = posteriorSummary(g, priors)[k];
  EXPECT_NEAR(s.lo90, mean - kZ95 * sd, kSe * quantile_se) << priors[k].name;
  EXPECT_NEAR(s.hi90, mean + kZ95 * sd, kSe * quantile_se) << priors[k].name;
  double inside = 0.0;
  for (const Particle& p : g.particles)
    if (std::abs(p.theta[k] - mean) <= kZ95 * sd) inside += p.weight;
  EXPECT_NEAR(inside, 0.90, kSe * std::sqrt(0.9 * 0.1 / ess)) << priors[k].name;
}

// y_1..y_25 ~ N(mu, 1): the sample mean is sufficient and N(mu, 1/25), simulated directly. With a flat
// prior on [-5, 5] (the posterior's sd is 0.2, so the truncation is 26 sd away) the posterior is
// N(ybar, 0.04).
constexpr double kYbar = 0.3, kSdMean = 0.2;
const std::vector<Prior> kMeanPrior = {{"mu", -5.0, 5.0}};

std::vector<double> sampleMean(std::span<const double> theta, int generation, std::size_t j) {
  return {theta[0] + kSdMean * noiseOf(generation, j).normal()};
}

/// The ABC posterior's sd at tolerance eps (in units of the scale kSdMean): the exact one widened by the
/// uniform acceptance interval of half-width eps kSdMean.
double abcSd(double eps) { return std::sqrt(kSdMean * kSdMean * (1.0 + eps * eps / 3.0)); }

TEST(AbcPosterior, SmcRecoversTheNormalMeanPosterior) {
  AbcSmc smc(kMeanPrior, {kYbar}, {kSdMean}, manyParticles());
  const Generation last = finalGeneration(smc, sampleMean);
  EXPECT_LT(last.tolerance, 0.5) << "the schedule did not narrow the tolerance";
  expectNormalPosterior(last, kMeanPrior, 0, kYbar, abcSd(last.tolerance));
}

// 400,000 candidates from a prior 50 posterior sd wide, the closest 0.5% kept (2,000): the tolerance is
// about 0.25 scaled units, which widens the sd by about 1%, accounted for.
TEST(AbcPosterior, RejectionRecoversTheNormalMeanPosterior) {
  RejectionSettings s;
  s.candidates = 400000;
  s.accept_fraction = 0.005;
  AbcRejection rejection(kMeanPrior, {kYbar}, {kSdMean}, s);
  const Generation g = runAbcRejection(rejection, sampleMean, {0, 0});
  ASSERT_EQ(g.particles.size(), 2000u);
  EXPECT_LT(g.tolerance, 0.5);
  expectNormalPosterior(g, kMeanPrior, 0, kYbar, abcSd(g.tolerance));
}

// A 2-D normal mean whose statistics are correlated (rho = 0.8, sd 0.2 and 0.3): the posterior under a
// flat prior is N(observed, Sigma) with the same correlation, which the proposal can follow only if the
// kernel's off-diagonal covariance and the weights' Mahalanobis distances are right.
TEST(AbcPosterior, SmcRecoversACorrelatedBivariateNormalMean) {
  constexpr double rho = 0.8, sd1 = 0.2, sd2 = 0.3;
  const std::vector<Prior> priors = {{"mu1", -4.0, 4.0}, {"mu2", -4.0, 4.0}};
  const std::vector<double> observed = {0.3, -0.5};
  AbcSmc smc(priors, observed, {sd1, sd2}, manyParticles());
  const Generation last = finalGeneration(smc, [&](std::span<const double> theta, int generation, std::size_t j) {
    RandomStream noise = noiseOf(generation, j);
    const double z1 = noise.normal(), z2 = noise.normal();
    return std::vector<double>{theta[0] + sd1 * z1, theta[1] + sd2 * (rho * z1 + std::sqrt(1 - rho * rho) * z2)};
  });
  const double widen = 1.0 + last.tolerance * last.tolerance / 4.0;  // disc of radius eps, in scaled units
  expectNormalPosterior(last, priors, 0, observed[0], sd1 * std::sqrt(widen));
  expectNormalPosterior(last, priors, 1, observed[1], sd2 * std::sqrt(widen));
  const Moments m1 = weightedMoments(last, 0), m2 = weightedMoments(last, 1);
  double cov = 0.0;
  for (const Particle& p : last.particles) cov += p.weight * (p.theta[0] - m1.mean) * (p.theta[1] - m2.mean);
  const double r = rho / widen;
  EXPECT_NEAR(cov / (m1.sd * m2.sd), r, kSe * (1.0 - r * r) / std::sqrt(last.ess));
}

// Mean and sd of a normal sample, n = 10, observed mean 1 and sd 2, statistics (mean, log sd), both
// simulated from their sampling distributions (the sample variance as sigma^2 chi2_9 / 9). With flat
// priors on mu and on log sigma (a log_scale prior: p(sigma) ~ 1/sigma) the posterior is the textbook
// one: sigma^2 ~ 9 s^2 / chi2_9, so log sigma = log s + (log 9 - log chi2_9) / 2, of mean
// log s + (log 4.5 - digamma(4.5)) / 2 and sd sqrt(trigamma(4.5)) / 2; and mu ~ ybar + s / sqrt(n) t_9.
// The priors' bounds are many posterior sd away. mu is checked by its median and 90% interval, not its
// sd: the sd of a scale mixture rests on the tail of sigma, where a few particles carry large weights,
// and its error is far above what the ESS suggests. The ABC widening has no closed form here (the mean's
// noise scales with sigma); with scales equal to the statistics' sampling sd it is about eps^2 / 4 of
// the variance, as for a location model, and is included so.
TEST(AbcPosterior, SmcRecoversMeanAndLogScaleSd) {
  constexpr int n = 10;
  constexpr double ybar = 1.0, s = 2.0, nu = n - 1;
  const std::vector<Prior> priors = {{"mu", -10.0, 12.0}, {"sigma", 0.1, 50.0, true}};
  const double log_sd_scale = 0.5 * std::sqrt(boost::math::trigamma(nu / 2));
  const double mean_scale = s / std::sqrt(n);
  AbcSmc smc(priors, {ybar, std::log(s)}, {mean_scale, log_sd_scale}, manyParticles());
  const Generation last = finalGeneration(smc, [&](std::span<const double> theta, int generation, std::size_t j) {
    RandomStream noise = noiseOf(generation, j);
    const double mean = theta[0] + theta[1] / std::sqrt(n) * noise.normal();
    const double variance = theta[1] * theta[1] * 2.0 * noise.gamma(nu / 2) / nu;
    return std::vector<double>{mean, 0.5 * std::log(variance)};
  });
  const double widen = 1.0 + last.tolerance * last.tolerance / 4.0;

  const boost::math::students_t t9(nu);
  const double t95 = boost::math::quantile(t9, 0.95), mu_scale = mean_scale * std::sqrt(widen);
  const double quantile_se = std::sqrt(0.05 * 0.95 / last.ess) / (boost::math::pdf(t9, t95) / mu_scale);
  const double median_se = std::sqrt(0.25 / last.ess) / (boost::math::pdf(t9, 0.0) / mu_scale);
  const Summary mu = posteriorSummary(last, priors)[0];
  EXPECT_NEAR(mu.median, ybar, kSe * median_se);
  EXPECT_NEAR(mu.lo90, ybar - t95 * mu_scale, kSe * quantile_se);
  EXPECT_NEAR(mu.hi90, ybar + t95 * mu_scale, kSe * quantile_se);

  Moments log_sigma;
  for (const Particle& p : last.particles) log_sigma.mean += p.weight * std::log(p.theta[1]);
  for (const Particle& p : last.particles) {
    const double d = std::log(p.theta[1]) - log_sigma.mean;
    log_sigma.sd += p.weight * d * d;
  }
  log_sigma.sd = std::sqrt(log_sigma.sd);
  const double expected_mean = std::log(s) + 0.5 * (std::log(nu / 2) - boost::math::digamma(nu / 2));
  const double expected_sd = log_sd_scale * std::sqrt(widen);
  EXPECT_NEAR(log_sigma.mean, expected_mean, kSe * expected_sd / std::sqrt(last.ess));
  EXPECT_NEAR(log_sigma.sd, expected_sd, kSe * expected_sd / std::sqrt(2.0 * last.ess));
}

}  // namespace
}  // namespace pilotsim::abc
