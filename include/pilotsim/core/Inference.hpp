// Hypothesis tests of paired contrasts, for judging claims: the two-sided p-value of a mean
// difference, Holm's adjustment over a family of tests, and the power of a paired (one-sample) t-test
// for a given effect. The distributions are Boost.Math's (Student's t and non-central t).
#pragma once

#include "pilotsim/core/Stats.hpp"

#include <span>
#include <utility>
#include <vector>

namespace pilotsim {

/// Two-sided p-value of a one-sample t-test of mean 0 on the replicates summarised in `effect`
/// (mean, sd, n): 2 P(T_{n-1} > |mean| / (sd / sqrt n)). NaN for n < 2; 0 when sd is 0 and the mean
/// is not (a deterministic difference), 1 when both are 0.
double tTestPValue(const Interval& effect);

/// Holm's step-down adjustment (Holm 1979) of a family of p-values, in their given order:
/// sort ascending, p'(i) = max over j <= i of min(1, (m - j + 1) p(j)). NaN p-values are not part of
/// the family (m counts the others) and stay NaN. Rejecting where p' < alpha controls the
/// family-wise error rate at alpha under any dependence between the tests.
std::vector<double> holmAdjust(std::span<const double> p);

/// Power of a two-sided one-sample (paired) t-test at level `alpha` with n observations, when the
/// true mean is `effect` and the observations' standard deviation `sd`:
/// P(|T'| > t_{1-alpha/2, n-1}), T' non-central t with n - 1 degrees of freedom and non-centrality
/// effect / (sd / sqrt n). NaN for n < 2 or sd not positive.
double tTestPower(double effect, double sd, int n, double alpha = 0.05);

/// The 95% Wilson score interval (Wilson 1927) of a proportion: `count` successes in `n` trials.
/// Unlike the normal approximation it stays inside [0, 1] and is not empty at 0 or n successes.
/// {NaN, NaN} for n = 0.
std::pair<double, double> wilsonInterval(int count, int n);

/// The smallest n in [2, max_n] whose tTestPower reaches `power`, or 0 when even max_n does not.
int replicatesForPower(double effect, double sd, double power = 0.8, double alpha = 0.05, int max_n = 10000);

}  // namespace pilotsim
