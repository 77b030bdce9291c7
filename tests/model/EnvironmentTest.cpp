// 5.1 Environment (src/model/mechanisms/Environment.cpp): needs revert, drift and jump; superiors
// revise signals that are partly political, partly inherited, partly scientific (A4); peers observe
// each other.
#include "model/mechanisms/Mechanisms.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pilotsim {
namespace {

using test::customParams;
using test::makeState;

Params quietNeeds(std::vector<int> branching) {
  Params p = customParams(std::move(branching));
  p.environment.need_drift_sd = 0;
  p.environment.shock_rate = 0;
  return p;
}

TEST(EnvironmentTest, NeedsRevertToTheirMean) {
  auto s = makeState(quietNeeds({3}));
  test::setAllNeeds(*s, 0.5);
  s->need(1, 2) = 0.9;
  s->need(2, 5) = 0.1;
  updateEnvironment(*s);
  EXPECT_NEAR(s->need(1, 2), 0.9 + 0.02 * (0.5 - 0.9), 1e-12);
  EXPECT_NEAR(s->need(2, 5), 0.1 + 0.02 * (0.5 - 0.1), 1e-12);
  EXPECT_NEAR(s->need(0, 0), 0.5, 1e-12);
}

TEST(EnvironmentTest, AShockRaisesOneDomainsNeedAndNeedsStayWithinZeroAndOne) {
  Params p = quietNeeds({50});
  p.environment.need_reversion = 0;
  p.environment.shock_rate = 12;  // monthly probability 1
  auto s = makeState(p);
  test::setAllNeeds(*s, 0.5);
  s->need(0, 0) = s->need(0, 1) = s->need(0, 2) = s->need(0, 3) = 0.9;
  s->need(0, 4) = s->need(0, 5) = s->need(0, 6) = s->need(0, 7) = 0.9;
  updateEnvironment(*s);
  for (std::uint32_t u = 1; u < 50; ++u) {
    int jumped = 0;
    for (int k = 0; k < s->K; ++k) {
      if (std::abs(s->need(u, k) - 0.8) < 1e-12)
        ++jumped;
      else
        EXPECT_NEAR(s->need(u, k), 0.5, 1e-12);
    }
    EXPECT_EQ(jumped, 1) << "unit " << u;
  }
  int at_one = 0;
  for (int k = 0; k < s->K; ++k) at_one += s->need(0, k) == 1.0;
  EXPECT_EQ(at_one, 1);  // 0.9 + 0.3 clamped
}

// 1,000 units x 8 domains of uniform drift with sd 0.02: the relative SE of the sample sd is
// sqrt((1.8 - 1) / (4 x 8000)) = 0.5%, so 3% is 6 SE; the mean's SE is 0.0002.
TEST(EnvironmentTest, NeedsDriftWithTheirStandardDeviation) {
  Params p = quietNeeds({1000});
  p.environment.need_drift_sd = 0.02;
  p.environment.need_reversion = 0;
  auto s = makeState(p);
  test::setAllNeeds(*s, 0.5);
  updateEnvironment(*s);
  double sum = 0, sq = 0, biggest = 0;
  const double n = static_cast<double>(s->units.need.size());
  for (double x : s->units.need) {
    sum += x - 0.5;
    sq += (x - 0.5) * (x - 0.5);
    biggest = std::max(biggest, std::abs(x - 0.5));
  }
  EXPECT_NEAR(sum / n, 0.0, 0.001);
  EXPECT_NEAR(std::sqrt(sq / n), 0.02, 0.02 * 0.03);
  EXPECT_LE(biggest, std::sqrt(3.0) * 0.02 + 1e-12);  // uniform noise: bounded
}

TEST(EnvironmentTest, WithoutNeedsDriftNeedsNeverMove) {
  Params p = customParams({20});
  p.mechanisms.needs_drift = false;
  p.environment.shock_rate = 12;
  auto s = makeState(p);
  s->need(3, 3) = 0.95;  // away from its mean: still no reversion
  const auto before = s->units.need;
  for (int m = 0; m < 24; ++m, ++s->month) updateEnvironment(*s);
  EXPECT_EQ(s->units.need, before);
}

TEST(EnvironmentTest, AggregateNeedsAreSharesOfTheNeedsBelow) {
  auto s = makeState(customParams({2, 2}));
  test::setAllNeeds(*s, 0.0);
  s->need(0, 0) = 0.3;  // units 0, 1 under superior 1; 2, 3 under superior 2
  s->need(1, 0) = 0.1;
  s->need(1, 2) = 0.4;
  s->need(2, 5) = 0.2;
  std::vector<double> out;
  aggregateNeeds(*s, 1, out);
  ASSERT_EQ(out.size(), 8u);
  EXPECT_NEAR(out[0], 0.5, 1e-12);
  EXPECT_NEAR(out[2], 0.5, 1e-12);
  aggregateNeeds(*s, 0, out);
  EXPECT_NEAR(out[0], 0.4, 1e-12);
  EXPECT_NEAR(out[2], 0.4, 1e-12);
  EXPECT_NEAR(out[5], 0.2, 1e-12);
  test::setAllNeeds(*s, 0.0);
  aggregateNeeds(*s, 2, out);  // no need at all: even shares
  for (double x : out) EXPECT_NEAR(x, 1.0 / 8, 1e-12);
}

TEST(EnvironmentTest, WithoutPoliticalSignalsOrTargetingSignalsAreFlat) {
  Params p = customParams({3, 4});
  p.mechanisms.political_signals = false;
  p.regulation.scientific_targeting = 0;
  auto s = makeState(p);
  updateEnvironment(*s);  // month 0: every superior revises
  for (double x : s->superiors.signal) EXPECT_NEAR(x, 1.0 / 8, 1e-12);
  // With political signals they are not flat (Dirichlet draws).
  s->params.mechanisms.political_signals = true;
  std::fill(s->superiors.next_revision.begin(), s->superiors.next_revision.end(), 0.0);
  updateEnvironment(*s);
  double spread = 0;
  for (double x : s->superiors.signal) spread = std::max(spread, std::abs(x - 1.0 / 8));
  EXPECT_GT(spread, 0.05);
}

TEST(EnvironmentTest, ScientificTargetingMakesSignalsFollowAggregateNeeds) {
  Params p = customParams({2, 5});
  p.regulation.scientific_targeting = 1.0;
  auto s = makeState(p);
  updateEnvironment(*s);
  std::vector<double> needs;
  for (std::uint32_t sup = 0; sup < s->superiorCount(); ++sup) {
    aggregateNeeds(*s, sup, needs);
    for (int k = 0; k < s->K; ++k) EXPECT_NEAR(s->superiors.signal[sup * s->K + k], needs[k], 1e-12);
  }
}

TEST(EnvironmentTest, SignalsAreInheritedFromAboveAndRevisedOnlyWhenDue) {
  Params p = customParams({3, 2});
  p.regulation.scientific_targeting = 0;
  p.environment.signal_inheritance = 1.0;
  auto s = makeState(p);
  updateEnvironment(*s);
  const int K = s->K;
  for (std::uint32_t sup = 0; sup < s->superiorCount(); ++sup) {
    double total = 0;
    for (int k = 0; k < K; ++k) {
      const double x = s->superiors.signal[sup * K + k];
      EXPECT_GE(x, 0.0);
      total += x;
      if (sup > 0) {
        EXPECT_NEAR(x, s->superiors.signal[k], 1e-12);  // copied from the root
      }
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
    EXPECT_GE(s->superiors.next_revision[sup], 1.0);
  }
  // Not due: nothing changes.
  const auto signal = s->superiors.signal;
  const double next = *std::min_element(s->superiors.next_revision.begin(), s->superiors.next_revision.end());
  s->month = static_cast<int>(std::ceil(next)) - 1;
  updateEnvironment(*s);
  EXPECT_EQ(s->superiors.signal, signal);
}

// Revision intervals are exponential with mean signal_period (at least one month): 2,000
// superiors give an SE of 36 / sqrt(2000) = 0.8 month; tolerance 3.2 = 4 SE.
TEST(EnvironmentTest, SignalsAreRevisedEverySignalPeriodOnAverage) {
  auto s = makeState(customParams({2000, 1}));
  updateEnvironment(*s);
  double sum = 0;
  for (double x : s->superiors.next_revision) sum += x;
  EXPECT_NEAR(sum / s->superiorCount(), 36.0, 3.2);
}

TEST(EnvironmentTest, PeersSeeWhichDomainsAreTakenAndTheMeanLoad) {
  auto s = makeState(customParams({2, 3}));
  test::addPilot(*s, 0, 2);
  test::addPilot(*s, 0, 2);
  test::addPilot(*s, 1, 2);
  test::addPilot(*s, 1, 4);
  test::addPilot(*s, 3, 2);
  observePeers(*s);
  const int K = s->K;
  EXPECT_EQ(s->peer_domain_units[1 * K + 2], 2);  // units 0 and 1 (unit 0 counted once)
  EXPECT_EQ(s->peer_domain_units[1 * K + 4], 1);
  EXPECT_EQ(s->peer_domain_units[2 * K + 2], 1);
  EXPECT_EQ(s->peer_domain_units[2 * K + 4], 0);
  EXPECT_EQ(s->peer_domain_units[0 * K + 2], 0);  // the root has no direct units
  EXPECT_NEAR(s->peer_mean_load[1], 4.0 / 3, 1e-12);
  EXPECT_NEAR(s->peer_mean_load[2], 1.0 / 3, 1e-12);
}

}  // namespace
}  // namespace pilotsim
