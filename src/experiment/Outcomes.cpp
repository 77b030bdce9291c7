#include "pilotsim/experiment/Outcomes.hpp"

#include "pilotsim/core/Stats.hpp"
#include "pilotsim/experiment/Summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace pilotsim {
namespace {

constexpr std::array<OutcomeInfo, kRecordOutcomeCount> kRecordOutcomes{{
    {"months_to_50", "推广达半数用时", "months to 50% adoption", "months",
     "mean months from the start of a promotion campaign begun in the measured period to 50% adoption, over the "
     "campaigns that reached it"},
    {"months_to_90", "推广达九成用时", "months to 90% adoption", "months",
     "mean months from the start of a promotion campaign begun in the measured period to 90% adoption, over the "
     "campaigns that reached it"},
    {"adoption_acceleration", "扩散加速度(S形)", "adoption acceleration (S-curve)", "log ratio",
     "-ln((q50 - q25) / q25) of a campaign's adoption times (months after its start), mean over campaigns with 8+ "
     "adopters: above 0 the adoptions speed up before the median adopter (S-curve), below 0 they slow from the start "
     "(r-curve; -0.35 for a constant hazard)"},
    {"low_resource_delay", "资源薄弱单位滞后", "low-resource adoption delay", "months",
     "mean months from a campaign's start to adoption for units in the lower half of budgets, minus the same for the "
     "upper half"},
    {"vacancy_months", "领域空缺时长", "domain vacancy", "months",
     "mean months a policy domain that no unit under the same superior runs stays free until a pilot claims it, gaps "
     "opened in the measured period"},
    {"spontaneous_fit", "自发试点适配度", "fit of spontaneous pilots", "0-1",
     "mean fit to local needs of the spontaneous pilots started in the final period"},
}};

std::vector<OutcomeInfo> buildTable() {
  std::vector<OutcomeInfo> table;
  for (const auto& m : measureTable()) table.push_back({m.key, m.zh, m.en, m.unit, m.meaning});
  for (const auto& o : kRecordOutcomes) table.push_back(o);
  return table;
}

/// Adoption times (months after the campaign's start, mid-month) per campaign, and each adopter's
/// unit. An adoption belongs to the campaign it was adopted under (PilotRecord::campaign); a
/// voluntary adoption, outside any campaign, belongs to none.
struct Adoption {
  std::uint32_t unit;
  double months;
};

std::vector<std::vector<Adoption>> adoptionsByCampaign(const RunResult& r) {
  std::unordered_map<std::uint32_t, std::size_t> by_id;
  for (std::size_t c = 0; c < r.innovations.size(); ++c) by_id[r.innovations[c].id] = c;
  std::vector<std::vector<Adoption>> out(r.innovations.size());
  for (const auto& p : r.pilots) {
    if (p.origin != Origin::Adoption || p.campaign == kNoId) continue;
    const auto it = by_id.find(p.campaign);
    if (it == by_id.end()) continue;
    out[it->second].push_back({p.unit, static_cast<double>(p.start - r.innovations[it->second].start) + 0.5});
  }
  return out;
}

/// Months each gap lasts in which no unit under one superior runs a pilot in one domain, for the gaps
/// that open in the measured period and close before its end.
std::vector<double> vacancies(const RunResult& r) {
  struct Span {
    std::uint32_t superior;
    std::uint16_t domain;
    std::int32_t start, end;
  };
  std::vector<Span> spans;
  spans.reserve(r.pilots.size());
  for (const auto& p : r.pilots) {
    if (p.end != kStillRunning && p.end < p.start) continue;  // ended in preparation: never ran
    const std::int32_t end = p.end == kStillRunning ? INT32_MAX : p.end;
    spans.push_back({r.units[p.unit].superior, p.domain, p.start, end});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return std::tie(a.superior, a.domain, a.start) < std::tie(b.superior, b.domain, b.start);
  });
  std::vector<double> gaps;
  for (std::size_t i = 0; i < spans.size();) {
    std::int32_t covered_until = spans[i].end;
    std::size_t j = i + 1;
    for (; j < spans.size() && spans[j].superior == spans[i].superior && spans[j].domain == spans[i].domain; ++j) {
      if (spans[j].start > covered_until && covered_until >= 0) gaps.push_back(spans[j].start - covered_until);
      covered_until = std::max(covered_until, spans[j].end);
    }
    i = j;
  }
  return gaps;
}

double meanOf(const std::vector<double>& xs) {
  if (xs.empty()) return kNaN;
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

}  // namespace

std::span<const OutcomeInfo> outcomeTable() {
  static const std::vector<OutcomeInfo> table = buildTable();
  return table;
}

int findOutcome(std::string_view key) {
  const auto table = outcomeTable();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].key == key) return static_cast<int>(i);
  return -1;
}

const OutcomeInfo& outcomeInfo(std::string_view key) {
  const int k = findOutcome(key);
  if (k < 0) throw std::logic_error(fmt::format("unknown outcome '{}'", key));
  return outcomeTable()[static_cast<std::size_t>(k)];
}

std::vector<double> replicateOutcomes(const RunResult& r) {
  std::vector<double> out(kOutcomeCount, kNaN);
  const std::size_t window = static_cast<std::size_t>(kFinalWindowMonths);
  const std::size_t first = r.monthly.size() > window ? r.monthly.size() - window : 0;
  for (int k = 0; k < kMeasureCount; ++k) out[k] = monthlyMean(r.monthly, static_cast<Measure>(k), first);

  std::vector<double> to50, to90;
  for (const auto& c : r.innovations) {
    if (c.start < 0) continue;
    if (c.month50 >= 0) to50.push_back(c.month50);
    if (c.month90 >= 0) to90.push_back(c.month90);
  }
  out[outcomeIndex(RecordOutcome::MonthsTo50)] = meanOf(to50);
  out[outcomeIndex(RecordOutcome::MonthsTo90)] = meanOf(to90);

  const auto adoptions = adoptionsByCampaign(r);
  std::vector<double> budgets;
  for (const auto& u : r.units) budgets.push_back(u.budget);
  const double median_budget = budgets.empty() ? kNaN : quantile(budgets, 0.5);
  std::vector<double> acceleration, low, high;
  for (std::size_t c = 0; c < adoptions.size(); ++c) {
    if (r.innovations[c].start < 0) continue;
    std::vector<double> times;
    for (const auto& a : adoptions[c]) {
      times.push_back(a.months);
      (r.units[a.unit].budget <= median_budget ? low : high).push_back(a.months);
    }
    if (times.size() < static_cast<std::size_t>(kMinAdoptersForShape)) continue;
    const double q25 = quantile(times, 0.25), q50 = quantile(times, 0.5);
    // Times are mid-month (>= 0.5), so q25 > 0; equal quartiles (a burst in one month) are as
    // S-shaped as data can be and are left out rather than given an infinite value.
    if (q50 > q25) acceleration.push_back(-std::log((q50 - q25) / q25));
  }
  out[outcomeIndex(RecordOutcome::AdoptionAcceleration)] = meanOf(acceleration);
  out[outcomeIndex(RecordOutcome::LowResourceDelay)] = meanOf(low) - meanOf(high);
  out[outcomeIndex(RecordOutcome::VacancyMonths)] = meanOf(vacancies(r));

  const auto final_start = static_cast<std::int32_t>(first);
  std::vector<double> fits;
  for (const auto& p : r.pilots)
    if (p.origin == Origin::Spontaneous && p.start >= final_start) fits.push_back(p.fit);
  out[outcomeIndex(RecordOutcome::SpontaneousFit)] = meanOf(fits);
  return out;
}

}  // namespace pilotsim
