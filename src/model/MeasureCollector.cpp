#include "model/MeasureCollector.hpp"

#include "model/Incentives.hpp"
#include "model/Leaders.hpp"
#include "pilotsim/core/Stats.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace pilotsim {
namespace {

double ratio(double a, double b) { return b > 0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }

/// Sum of an event field over the last `months` months (including the current one).
template <class F>
double recent(const State& s, int months, F field) {
  double x = 0;
  const auto n = s.event_history.size();
  for (std::size_t i = n > static_cast<std::size_t>(months) ? n - months : 0; i < n; ++i)
    x += field(s.event_history[i]);
  return x;
}

/// Summary of a distribution of small whole numbers given as a histogram (value = bin index).
struct HistogramStats {
  double max = 0, at_least_10 = 0, gini = 0, p90 = 0;

  static HistogramStats of(const std::array<double, kMaxSlots + 1>& h) {
    HistogramStats st;
    double n = 0, total = 0;
    for (std::size_t v = 0; v < h.size(); ++v) {
      n += h[v];
      total += h[v] * static_cast<double>(v);
      if (h[v] > 0) st.max = static_cast<double>(v);
      if (v >= 10) st.at_least_10 += h[v];
    }
    // Gini = sum_ij |x_i - x_j| / (2 n^2 mean), over pairs of bins.
    double diff = 0;
    for (std::size_t v = 0; v < h.size(); ++v)
      for (std::size_t w = 0; w < v; ++w) diff += 2.0 * h[v] * h[w] * static_cast<double>(v - w);
    st.gini = total > 0 ? diff / (2.0 * n * total) : 0.0;
    // 90th percentile with linear interpolation between order statistics, as Stats' quantile().
    const double pos = 0.9 * (n - 1);
    const auto order = [&](double index) {
      double seen = 0;
      for (std::size_t v = 0; v < h.size(); ++v) {
        seen += h[v];
        if (index < seen) return static_cast<double>(v);
      }
      return st.max;
    };
    const double lo = order(std::floor(pos)),
                 hi = order(std::floor(pos) + 1 <= n - 1 ? std::floor(pos) + 1 : std::floor(pos));
    st.p90 = lo + (pos - std::floor(pos)) * (hi - lo);
    return st;
  }
};

}  // namespace

PilotSummary summarisePilots(const State& s, std::uint32_t u) {
  const auto& pp = s.params.pilot;
  const double persuade = persuasion(s.params);
  PilotSummary sum;
  const Pilot* P = s.unitPilots(u);
  for (int i = 0; i < s.pilotCount(u); ++i) {
    const double stock = P[i].packaging_stock;
    addToSummary(sum, P[i], stock > 0 ? persuade * pp.inflation * powFast(stock, pp.inflation_exponent) : 0.0);
  }
  return sum;
}

double promotionAccuracy(const State& s, int from, int to) {
  std::vector<double> promoted, contribution;
  // Tenures are recorded as they end, so they are in order of their end month.
  const auto first = std::lower_bound(s.ended_tenures.begin(), s.ended_tenures.end(), from,
                                      [](const TenureRecord& t, int month) { return t.end < month; });
  for (auto it = first; it != s.ended_tenures.end() && it->end <= to; ++it) {
    const auto& t = *it;
    promoted.push_back(t.promoted);
    contribution.push_back(leaderContribution(s, t.leader) / std::max(1, t.end - t.start));
  }
  return spearman(promoted, contribution);
}

double viewTruthCorrelation(const State& s) {
  std::vector<double> score, truth;
  for (std::uint32_t u = 0; u < s.unitCount(); ++u) {
    const auto l = s.units.leader[u];
    const Pilot* P = s.unitPilots(u);
    double realised = 0;
    for (int i = 0; i < s.pilotCount(u); ++i)
      if (P[i].leader == l && P[i].attended()) realised += P[i].realised;
    score.push_back(s.units.score[u]);
    truth.push_back(realised);
  }
  return spearman(score, truth);
}

MonthlyRow collectMeasures(State& s) {
  MonthlyRow row;
  row.month = s.measuredMonth();
  auto& v = row.values;
  const auto set = [&](Measure m, double x) { v[static_cast<int>(m)] = x; };
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  const auto K = static_cast<std::size_t>(s.K);

  // Pilots per unit are small whole numbers: a histogram gives their quantile, maximum and Gini
  // without sorting 38,600 values every month.
  std::array<double, kMaxSlots + 1> histogram{};
  auto& peer_domains = s.scratch_masks;
  peer_domains.assign(s.superiorCount(), 0);
  double active = 0, pseudo = 0, symbolic = 0, packaged = 0, reported = 0, realised = 0, bought = 0, growth = 0;
  double fit = 0, built = 0, designated = 0, designated_symbolic = 0, designated_top = 0, effort = 0, packaging = 0;
  double nwe = 0, satisfaction = 0;
  for (std::uint32_t u = 0; u < N; ++u) {
    // The dynamics pass summarised most units; those changed since (turnover, exposed inflation)
    // are summarised again.
    const PilotSummary sum = s.units.summary_stale[u] ? summarisePilots(s, u) : s.units.summary[u];
    peer_domains[s.tree.unit_superior[u]] |= sum.spontaneous_domains;
    const int count = sum.count;
    active += sum.count;
    pseudo += sum.pseudo;
    symbolic += sum.symbolic;
    packaged += sum.packaging_dominated;
    designated_symbolic += sum.designated_symbolic;
    reported += sum.reported;
    realised += sum.realised;
    bought += sum.bought;
    fit += sum.fit;
    built += sum.built;
    designated += sum.designated;
    if (s.units.base[u] >= s.base_q75) designated_top += sum.designated;
    histogram[count] += 1;
    growth += s.units.month_growth[u];
    effort += s.units.month_effort[u];
    packaging += s.units.month_packaging[u];
    nwe += s.units.nwe[u];
    satisfaction += s.units.satisfaction[u];
  }
  const double n = static_cast<double>(N);
  set(Measure::PilotsPerUnitMean, active / n);
  const auto hist = HistogramStats::of(histogram);
  set(Measure::PilotsPerUnitMax, hist.max);
  set(Measure::ShareUnits10Plus, hist.at_least_10 / n);
  set(Measure::PilotGini, hist.gini);
  set(Measure::PilotsPerUnitP90, hist.p90);
  set(Measure::PseudoShare, ratio(pseudo, active));
  set(Measure::SymbolicShare, ratio(symbolic, active));
  set(Measure::PackagingDominatedShare, ratio(packaged, active));
  set(Measure::DesignatedSymbolicShare, ratio(designated_symbolic, designated));
  set(Measure::InflatedShare, reported > 0 ? bought / reported : std::numeric_limits<double>::quiet_NaN());
  set(Measure::FabricationGap,
      reported > 0 ? (reported - realised) / reported : std::numeric_limits<double>::quiet_NaN());
  set(Measure::PackagingShare, ratio(packaging, effort));
  set(Measure::ImpactPerEffort, ratio(growth, effort));
  set(Measure::MeanFit, ratio(fit, active));
  set(Measure::ImpactPerPilot, ratio(built, active));
  set(Measure::DesignatedTopQuartile, ratio(designated_top, designated));
  set(Measure::NeedWeightedEffectiveness, nwe / n);
  set(Measure::Satisfaction, satisfaction / n);

  // Rates over the last 12 months of events.
  const double per100 = 100.0 / n;
  const double months = std::min<double>(12.0, static_cast<double>(s.event_history.size()));
  const double annual = 12.0 / months;
  const auto starts = [&](Origin o) {
    return recent(s, 12, [o](const MonthEvents& e) { return e.starts[static_cast<int>(o)]; });
  };
  set(Measure::StartsSpontaneous, starts(Origin::Spontaneous) * per100 * annual);
  set(Measure::StartsDesignated, starts(Origin::Designated) * per100 * annual);
  set(Measure::StartsAdoption, starts(Origin::Adoption) * per100 * annual);
  set(Measure::StartsRestart, starts(Origin::Restart) * per100 * annual);
  const auto per100units = [&](auto field) { return recent(s, 12, field) * per100 * annual; };
  set(Measure::RelocatedRestarts, starts(Origin::Relocated) * per100 * annual);
  set(Measure::Halted, per100units([](const MonthEvents& e) { return e.halted; }));
  set(Measure::RedLineCrossings, per100units([](const MonthEvents& e) { return e.redline_crossed; }));
  set(Measure::RefusedApplications, per100units([](const MonthEvents& e) { return e.refused; }));
  set(Measure::SecondInnovations, per100units([](const MonthEvents& e) { return e.second_innovations; }));
  set(Measure::VoluntaryAdoptionShare, ratio(recent(s, 12, [](const MonthEvents& e) { return e.adoptions_voluntary; }),
                                             recent(s, 12, [](const MonthEvents& e) { return e.adoptions_total; })));
  const double replications = recent(s, 12, [](const MonthEvents& e) { return e.replications; });
  set(Measure::ReplicationFit,
      ratio(recent(s, 12, [](const MonthEvents& e) { return e.replication_fit; }), replications));
  set(Measure::ReplicationPotential,
      ratio(recent(s, 12, [](const MonthEvents& e) { return e.replication_potential; }), replications));
  set(Measure::TargetEscalation, ratio(recent(s, 12, [](const MonthEvents& e) { return e.target_escalation; }),
                                       recent(s, 12, [](const MonthEvents& e) { return e.escalated_starts; })));
  set(Measure::ReformBurden, ratio(recent(s, 12, [](const MonthEvents& e) { return e.reform_attention; }),
                                   recent(s, 12, [](const MonthEvents& e) { return e.budget; })));
  set(Measure::ReformSpending,
      recent(s, 12, [](const MonthEvents& e) { return e.reform_spending; }) / n * annual / s.mean_budget);
  set(Measure::PromotionRate, recent(s, 12, [](const MonthEvents& e) { return e.promotions; }) / n * annual);
  set(Measure::BoldShare, ratio(recent(s, 12, [](const MonthEvents& e) { return e.bold_starts; }),
                                recent(s, 12, [](const MonthEvents& e) { return e.designed_starts; })));
  set(Measure::EmptyInstitutionalisation,
      ratio(recent(s, 12, [](const MonthEvents& e) { return e.institutionalised_empty; }),
            recent(s, 12, [](const MonthEvents& e) { return e.institutionalised; })));
  set(Measure::RealInnovations, recent(s, 12, [](const MonthEvents& e) { return e.became_real; }) * per100 * annual);
  double all_starts = 0;
  for (int o = 0; o < kOriginCount; ++o) all_starts += starts(static_cast<Origin>(o));
  set(Measure::RestartShare, ratio(starts(Origin::Restart), all_starts));
  const double inherited = recent(s, 12, [](const MonthEvents& e) { return e.inherited; });
  const double interrupted = recent(s, 12, [](const MonthEvents& e) { return e.interrupted; });
  set(Measure::InterruptionRate, ratio(interrupted, inherited));
  set(Measure::SurvivalAtTurnover, ratio(inherited - interrupted, inherited));
  set(Measure::CopyRenameShare, ratio(recent(s, 12, [](const MonthEvents& e) { return e.adoptions_copy; }),
                                      recent(s, 12, [](const MonthEvents& e) { return e.adoptions_total; })));
  const double ended = recent(s, 12, [](const MonthEvents& e) { return e.ended; });
  set(Measure::InstitutionalisationRate,
      ratio(recent(s, 12, [](const MonthEvents& e) { return e.institutionalised; }), ended));
  set(Measure::WastedShare, ratio(recent(s, 12, [](const MonthEvents& e) { return e.wasted_effort; }),
                                  recent(s, 12, [](const MonthEvents& e) { return e.ended_effort; })));
  set(Measure::DivertedFunds, ratio(recent(s, 12, [](const MonthEvents& e) { return e.diverted; }),
                                    recent(s, 12, [](const MonthEvents& e) { return e.funds; })));
  const double fq = recent(s, 24, [](const MonthEvents& e) { return e.first_quality; });
  const double fc = recent(s, 24, [](const MonthEvents& e) { return e.first_count; });
  const double lq = recent(s, 24, [](const MonthEvents& e) { return e.late_quality; });
  const double lc = recent(s, 24, [](const MonthEvents& e) { return e.late_count; });
  set(Measure::FirstMoverQualityGap, ratio(lq, lc) - ratio(fq, fc));
  set(Measure::PreparationGap, ratio(recent(s, 24, [](const MonthEvents& e) { return e.late_preparation; }), lc) -
                                   ratio(recent(s, 24, [](const MonthEvents& e) { return e.first_preparation; }), fc));

  // Distinct domains of spontaneous pilots among each group of peers (K <= 8: a byte mask each).
  double spread = 0, groups = 0;
  for (std::uint32_t sup = 0; sup < s.superiorCount(); ++sup) {
    if (s.direct_units[sup] == 0) continue;
    spread += std::popcount(peer_domains[sup]) / static_cast<double>(K);
    groups += 1;
  }
  set(Measure::DomainSpread, ratio(spread, groups));

  double share = 0, running = 0;
  for (const auto ci : s.running_campaigns) {
    const auto& c = s.campaigns[ci];
    share += static_cast<double>(c.adopters) / static_cast<double>(c.adopted.size());
    running += 1;
  }
  set(Measure::AdoptionShare, ratio(share, running));

  if (s.isDecember()) {
    s.promotion_accuracy = promotionAccuracy(s, s.month - 35, s.month);
    s.view_truth = viewTruthCorrelation(s);
  }
  set(Measure::PromotionAccuracy, s.promotion_accuracy);
  set(Measure::ViewTruth, s.view_truth);
  return row;
}

}  // namespace pilotsim
