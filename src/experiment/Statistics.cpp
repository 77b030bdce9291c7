#include "pilotsim/experiment/Statistics.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/core/Stats.hpp"
#include "pilotsim/model/Records.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace pilotsim {
namespace {

/// Lineages need this many voluntary adopters before their spread has a shape to read: with fewer,
/// the month of the "10%" adopter is the first adoption itself.
constexpr std::size_t kMinVoluntaryAdopters = 8;

constexpr StatisticArgument kQ{
    "q", "0.5", "0.1 | 0.5 | 0.9", "coverage of the campaign's scope", "推广活动范围的覆盖比例", ""};
constexpr StatisticArgument kShare{
    "q", "0.5", "0 < q <= 1", "share of the lineage's eventual voluntary adopters", "占该经验最终自愿采纳者的比例", ""};
constexpr StatisticArgument kDepth{"depth",
                                   "-1",
                                   "-1 (any) or 0, 1, ... (0 = the top)",
                                   "only superiors at this depth or higher (closer to the top)",
                                   "只计此深度或更高(更接近顶层)的上级",
                                   "-1(任意)或 0, 1, ...(0 为顶层)"};
constexpr StatisticArgument kMonths{
    "months", "12", "1 .. 120", "months after the initiator's exit", "发起者离任后的月数", ""};
constexpr StatisticArgument kYears{"years", "2", "1 .. 10", "years after the recognition", "被评为典型后的年数", ""};
constexpr StatisticArgument kOrigin{"origin",
                                    "designated",
                                    "spontaneous | designated | adoption | restart | relocated",
                                    "how the pilot came about",
                                    "试点的来源",
                                    ""};

const std::vector<StatisticInfo>& table() {
  static const std::vector<StatisticInfo> t = {
      {"promotion_rate",
       "年度晋升率",
       "annual promotion rate",
       "per leader-year",
       "每领导年",
       "promotions of unit leaders in the measured period over the leader-years spent in office in it",
       "测量期内基层单位领导的晋升次数除以其在任领导年数",
       {}},
      {"tenure_years",
       "平均任期",
       "mean tenure",
       "years",
       "年",
       "mean length of the tenures that ended in the measured period, whatever the exit (promotion, rotation, "
       "retirement, dismissal), years before the measured period included",
       "测量期内结束的任期(无论晋升、交流、退休或免职)的平均长度,含测量期之前的年份",
       {}},
      {"recognised_share",
       "试点获评典型经验比例",
       "share of pilots recognised",
       "share",
       "比例",
       "of the pilots launched in the measured period at least 12 months before its end, the share named a typical "
       "experience at least once (by a superior at `depth` or higher, if given)",
       "测量期内、且早于期末至少 12 个月启动的试点中,至少一次被评为典型经验的比例(给定 depth "
       "时只计该层级及以上上级的评选)",
       {kDepth}},
      {"promoted_share",
       "典型经验获上级推广比例",
       "share of recognised experiences promoted",
       "share",
       "比例",
       "of the typical experiences named in the measured period (by a superior at `depth` or higher, if given), the "
       "share that superior promoted in a campaign",
       "测量期内评出的典型经验(给定 depth 时只计该层级及以上上级)中,被该上级发起推广运动的比例",
       {kDepth}},
      {"campaign_months",
       "推广达到覆盖用时",
       "months from a campaign to coverage",
       "months",
       "月",
       "mean months from the start of a promotion campaign begun in the measured period to the coverage `q` of the "
       "units under its superior, over the campaigns that reached it (campaigns of superiors at `depth` or higher, "
       "if given)",
       "测量期内发起的推广运动(给定 depth 时只计该层级及以上上级发起的),从发起到覆盖其上级辖区单位比例 q "
       "的平均月数,只计达到者",
       {kQ, kDepth}},
      {"campaign_reached_share",
       "推广达到覆盖比例",
       "share of campaigns reaching coverage",
       "share",
       "比例",
       "of the promotion campaigns begun in the measured period at least 36 months before its end, the share that "
       "reached the coverage `q` of the units under their superior (campaigns of superiors at `depth` or higher, if "
       "given)",
       "测量期内、且早于期末至少 36 个月发起的推广运动(给定 depth 时只计该层级及以上上级发起的)中,达到辖区覆盖比例 q "
       "的比例",
       {kQ, kDepth}},
      {"voluntary_months",
       "自愿扩散用时",
       "months of voluntary spread",
       "months",
       "月",
       "for each experience (lineage) adopted voluntarily, outside any campaign, by at least 8 units with its first "
       "voluntary adoption in the measured period: months from that first adoption to the adoption that brings the "
       "share `q` of its eventual voluntary adopters; mean over such lineages",
       "在推广运动之外被至少 8 "
       "个单位自愿采纳、且首次自愿采纳在测量期内的经验(同一谱系):从首次采纳到累计达到最终自愿采纳者比例 q "
       "的月数,取各谱系均值",
       {kShare}},
      {"ended_after_exit",
       "随领导离任终止比例",
       "share of pilots ending after their initiator's exit",
       "share",
       "比例",
       "of the pilots still running when the leader who started them left office (an exit in the measured period, "
       "at least `months` before its end), the share that ended within `months` after the exit",
       "发起试点的领导离任时(离任在测量期内且早于期末至少 months 个月)仍在进行的试点中,离任后 months 个月内终止的比例",
       {kMonths}},
      {"designated_strong_share",
       "指定试点落在强基础单位比例",
       "share of designated pilots in strong units",
       "share",
       "比例",
       "of the designated pilots launched in the measured period, the share in units whose governance base is above "
       "the mean of all units",
       "测量期内启动的指定试点中,所在单位治理基础高于全部单位均值的比例",
       {}},
      {"origin_share",
       "试点来源构成",
       "share of pilots by origin",
       "share",
       "比例",
       "of the pilots launched in the measured period, the share of origin `origin`",
       "测量期内启动的试点中,来源为 origin 的比例",
       {kOrigin}},
      {"recognition_promotion_gain",
       "获评后晋升概率变化",
       "promotion gain after a recognition",
       "per leader-year",
       "每领导年",
       "annual promotion rate of leaders in the `years` years after one of their unit's pilots was named a typical "
       "experience during their tenure, minus the rate of all other leader-years in office (measured period)",
       "领导任内所在单位有试点被评为典型经验后 years 年内的年度晋升率,减去其余在任领导年的年度晋升率(测量期内)",
       {kYears}},
  };
  return t;
}

const StatisticInfo* findInfo(std::string_view key) {
  for (const auto& s : table())
    if (s.key == key) return &s;
  return nullptr;
}

bool takes(const StatisticInfo& info, std::string_view argument) {
  return std::any_of(info.arguments.begin(), info.arguments.end(),
                     [&](const StatisticArgument& a) { return a.name == argument; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Pilots that ran (launched, not merely planned) and were launched in months [0, months).
bool launchedIn(const PilotRecord& p, int months) {
  if (p.status == PilotStatus::Preparing) return false;
  if (p.end != kStillRunning && p.end < p.start) return false;  // dropped in preparation
  return p.start >= 0 && p.start < months;
}

double ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

double mean(const std::vector<double>& xs) {
  if (xs.empty()) return kNaN;
  double sum = 0;
  for (const double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

std::int32_t endOf(const TenureRecord& t, int months) { return t.end == kStillRunning ? months : t.end; }

/// Leader-months in office within the measured period.
double monthsInOffice(const TenureRecord& t, int months) {
  return std::max(0, std::min(endOf(t, months), months) - std::max(t.start, 0));
}

bool promotedIn(const TenureRecord& t, int months) {
  return t.promoted == 1 && t.end != kStillRunning && t.end >= 0 && t.end < months;
}

double promotionRate(const RunResult& r, int months) {
  double promotions = 0, leader_months = 0;
  for (const auto& t : r.tenures) {
    leader_months += monthsInOffice(t, months);
    promotions += promotedIn(t, months);
  }
  return ratio(promotions, leader_months / 12.0);
}

double tenureYears(const RunResult& r, int months) {
  std::vector<double> years;
  for (const auto& t : r.tenures)
    if (t.end != kStillRunning && t.end >= 0 && t.end < months) years.push_back((t.end - t.start) / 12.0);
  return mean(years);
}

/// Recognitions in the measured period by a superior at `depth` or higher (any if depth < 0).
bool countedRecognition(const RecognitionRecord& x, int depth, int months) {
  return x.month >= 0 && x.month < months && (depth < 0 || x.depth <= depth);
}

double recognisedShare(const RunResult& r, int depth, int months) {
  std::unordered_set<std::uint32_t> named;
  for (const auto& x : r.recognitions)
    if (countedRecognition(x, depth, months)) named.insert(x.pilot);
  double pilots = 0, recognised = 0;
  for (const auto& p : r.pilots) {
    if (!launchedIn(p, months - 12)) continue;
    pilots += 1;
    recognised += named.count(p.id) > 0;
  }
  return ratio(recognised, pilots);
}

double promotedShare(const RunResult& r, int depth, int months) {
  double named = 0, promoted = 0;
  for (const auto& x : r.recognitions) {
    if (!countedRecognition(x, depth, months)) continue;
    named += 1;
    promoted += x.campaign != kNoId;
  }
  return ratio(promoted, named);
}

std::int32_t monthToCoverage(const InnovationRecord& c, double q) {
  return q < 0.3 ? c.month10 : q < 0.7 ? c.month50 : c.month90;
}

bool countedCampaign(const InnovationRecord& c, int depth) { return depth < 0 || c.level <= depth; }

double campaignMonths(const RunResult& r, double q, int depth, int months) {
  std::vector<double> to;
  for (const auto& c : r.innovations) {
    const auto m = monthToCoverage(c, q);
    if (c.start >= 0 && c.start < months && m >= 0 && countedCampaign(c, depth)) to.push_back(m);
  }
  return mean(to);
}

double campaignReachedShare(const RunResult& r, double q, int depth, int months) {
  double campaigns = 0, reached = 0;
  for (const auto& c : r.innovations) {
    if (c.start < 0 || c.start >= months - 36 || !countedCampaign(c, depth)) continue;
    campaigns += 1;
    reached += monthToCoverage(c, q) >= 0;
  }
  return ratio(reached, campaigns);
}

double voluntaryMonths(const RunResult& r, double q, int months) {
  std::map<std::uint32_t, std::vector<std::int32_t>> starts;  // by lineage, in lineage order
  for (const auto& p : r.pilots)
    if (p.origin == Origin::Adoption && p.campaign == kNoId && p.status != PilotStatus::Preparing && p.start < months)
      starts[p.lineage].push_back(p.start);
  std::vector<double> spans;
  for (auto& [lineage, s] : starts) {
    if (s.size() < kMinVoluntaryAdopters) continue;
    std::sort(s.begin(), s.end());
    if (s.front() < 0) continue;  // spread began in burn-in: its start is not observed
    // The adoption that brings the share q: the ceil(q n)-th.
    const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(s.size())));
    spans.push_back(s[std::max<std::size_t>(k, 1) - 1] - s.front());
  }
  return mean(spans);
}

double endedAfterExit(const RunResult& r, int window, int months) {
  std::unordered_map<std::uint32_t, std::int32_t> exit_of;  // tenure id -> exit month
  for (const auto& t : r.tenures)
    if (t.end != kStillRunning && t.end >= 0 && t.end <= months - window) exit_of.emplace(t.leader, t.end);
  double running = 0, ended = 0;
  for (const auto& p : r.pilots) {
    if (p.status == PilotStatus::Preparing || (p.end != kStillRunning && p.end < p.start)) continue;
    const auto it = exit_of.find(p.leader);
    if (it == exit_of.end()) continue;
    const std::int32_t exit = it->second;
    if (p.start > exit || (p.end != kStillRunning && p.end < exit)) continue;  // not running at the exit
    running += 1;
    ended += p.end != kStillRunning && p.end < exit + window;
  }
  return ratio(ended, running);
}

double designatedStrongShare(const RunResult& r, int months) {
  if (r.units.empty()) return kNaN;
  double sum = 0;
  for (const auto& u : r.units) sum += u.base;
  const double mean_base = sum / static_cast<double>(r.units.size());
  double designated = 0, strong = 0;
  for (const auto& p : r.pilots) {
    if (p.origin != Origin::Designated || !launchedIn(p, months)) continue;
    designated += 1;
    strong += r.units.at(p.unit).base > mean_base;
  }
  return ratio(strong, designated);
}

double originShare(const RunResult& r, Origin origin, int months) {
  double pilots = 0, of_origin = 0;
  for (const auto& p : r.pilots) {
    if (!launchedIn(p, months)) continue;
    pilots += 1;
    of_origin += p.origin == origin;
  }
  return ratio(of_origin, pilots);
}

double recognitionPromotionGain(const RunResult& r, int years, int months) {
  // The tenure in office at each unit in each month: tenures of a unit do not overlap.
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_unit;
  for (std::size_t i = 0; i < r.tenures.size(); ++i) by_unit[r.tenures[i].unit].push_back(i);
  // First month of the window after each tenure's recognitions, merged into intervals per tenure.
  std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>> windows(r.tenures.size());
  const std::int32_t length = 12 * years;
  for (const auto& x : r.recognitions) {
    const auto it = by_unit.find(x.unit);
    if (it == by_unit.end()) continue;
    for (const auto i : it->second) {
      const auto& t = r.tenures[i];
      if (t.start <= x.month && x.month < endOf(t, months)) windows[i].emplace_back(x.month, x.month + length);
    }
  }
  double after_months = 0, after_promotions = 0, other_months = 0, other_promotions = 0;
  for (std::size_t i = 0; i < r.tenures.size(); ++i) {
    const auto& t = r.tenures[i];
    const std::int32_t from = std::max(t.start, 0), to = std::min(endOf(t, months), months);
    if (to <= from) continue;
    auto& w = windows[i];
    std::sort(w.begin(), w.end());
    // Months of [from, to) inside the union of the windows.
    std::int32_t covered = 0, reach = from;
    for (const auto& [a, b] : w) {
      const std::int32_t lo = std::max(a, reach), hi = std::min(b, to);
      if (hi > lo) covered += hi - lo, reach = hi;
    }
    after_months += covered;
    other_months += (to - from) - covered;
    if (!promotedIn(t, months)) continue;
    // The promotion belongs to the state of the last month in office.
    const std::int32_t last = t.end - 1;
    const bool after =
        std::any_of(w.begin(), w.end(), [&](const auto& ab) { return ab.first <= last && last < ab.second; });
    (after ? after_promotions : other_promotions) += 1;
  }
  return ratio(after_promotions, after_months / 12.0) - ratio(other_promotions, other_months / 12.0);
}

/// Parses one argument value; throws with the statistic's text and what the argument allows.
template <typename T>
T parseValue(std::string_view value, const StatisticArgument& arg, std::string_view text, const std::string& source,
             int line) {
  T out{};
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc{} || end != value.data() + value.size())
    throw InputError(source, line, std::string(text),
                     fmt::format("argument {} must be a number ({}), got '{}'", arg.name, arg.allowed, value));
  return out;
}

[[noreturn]] void outOfRange(const StatisticArgument& arg, std::string_view value, std::string_view text,
                             const std::string& source, int line) {
  throw InputError(source, line, std::string(text),
                   fmt::format("argument {} = {} is not allowed: {}", arg.name, value, arg.allowed));
}

const StatisticArgument& argumentOf(const StatisticInfo& info, std::string_view name) {
  for (const auto& a : info.arguments)
    if (a.name == name) return a;
  throw std::logic_error("argumentOf");
}

void setArgument(Statistic& s, const StatisticInfo& info, std::string_view name, std::string_view value,
                 std::string_view text, const std::string& source, int line) {
  if (!takes(info, name)) {
    std::string allowed;
    for (const auto& a : info.arguments) allowed += (allowed.empty() ? "" : ", ") + std::string(a.name);
    throw InputError(source, line, std::string(text),
                     fmt::format("{} takes no argument '{}'{}", info.key, name,
                                 allowed.empty() ? std::string(" (it takes none)") : "; it takes " + allowed));
  }
  const auto& arg = argumentOf(info, name);
  if (name == "q") {
    const double q = parseValue<double>(value, arg, text, source, line);
    const bool coverage = info.key.starts_with("campaign_");
    if (coverage ? (q != 0.1 && q != 0.5 && q != 0.9) : !(q > 0 && q <= 1)) outOfRange(arg, value, text, source, line);
    s.q = q;
  } else if (name == "depth") {
    s.depth = parseValue<int>(value, arg, text, source, line);
    if (s.depth < -1) outOfRange(arg, value, text, source, line);
  } else if (name == "months") {
    s.months = parseValue<int>(value, arg, text, source, line);
    if (s.months < 1 || s.months > 120) outOfRange(arg, value, text, source, line);
  } else if (name == "years") {
    s.years = parseValue<int>(value, arg, text, source, line);
    if (s.years < 1 || s.years > 10) outOfRange(arg, value, text, source, line);
  } else if (name == "origin") {
    for (int o = 0; o < kOriginCount; ++o)
      if (toString(static_cast<Origin>(o)) == value) {
        s.origin = o;
        return;
      }
    outOfRange(arg, value, text, source, line);
  }
}

}  // namespace

std::span<const StatisticInfo> statisticTable() { return table(); }

const StatisticInfo& Statistic::info() const {
  const auto* info = findInfo(key);
  if (info == nullptr) throw std::logic_error(fmt::format("unknown statistic '{}'", key));
  return *info;
}

std::string Statistic::text() const {
  const auto& i = info();
  std::string out(i.key);
  std::string args;
  for (const auto& a : i.arguments) {
    std::string value;
    if (a.name == "q") value = fmt::format("{}", q);
    if (a.name == "depth") value = fmt::format("{}", depth);
    if (a.name == "months") value = fmt::format("{}", months);
    if (a.name == "years") value = fmt::format("{}", years);
    if (a.name == "origin") value = std::string(toString(static_cast<Origin>(origin)));
    args += fmt::format("{}{}={}", args.empty() ? "" : ", ", a.name, value);
  }
  return args.empty() ? out : out + "(" + args + ")";
}

Statistic parseStatistic(std::string_view text, const std::string& source, int line) {
  const std::string_view whole = trim(text);
  const auto open = whole.find('(');
  const std::string_view key = trim(whole.substr(0, open));
  const auto* info = findInfo(key);
  if (info == nullptr) {
    std::string keys;
    for (const auto& s : table()) keys += (keys.empty() ? "" : ", ") + std::string(s.key);
    throw InputError(source, line, std::string(whole),
                     fmt::format("no statistic '{}'; statistics are {} (pilotsim statistics)", key, keys));
  }
  Statistic s;
  s.key = std::string(info->key);
  for (const auto& a : info->arguments) setArgument(s, *info, a.name, a.default_value, whole, source, line);
  if (open == std::string_view::npos) return s;
  if (whole.back() != ')')
    throw InputError(source, line, std::string(whole), "expected key(name=value, ...) with a closing parenthesis");
  std::string_view rest = whole.substr(open + 1, whole.size() - open - 2);
  while (!trim(rest).empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    const auto eq = item.find('=');
    if (eq == std::string_view::npos)
      throw InputError(source, line, std::string(whole), fmt::format("argument '{}' is not name=value", item));
    setArgument(s, *info, trim(item.substr(0, eq)), trim(item.substr(eq + 1)), whole, source, line);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return s;
}

double computeStatistic(const Statistic& s, const RunResult& r, int months) {
  const std::string_view k = s.key;
  if (k == "promotion_rate") return promotionRate(r, months);
  if (k == "tenure_years") return tenureYears(r, months);
  if (k == "recognised_share") return recognisedShare(r, s.depth, months);
  if (k == "promoted_share") return promotedShare(r, s.depth, months);
  if (k == "campaign_months") return campaignMonths(r, s.q, s.depth, months);
  if (k == "campaign_reached_share") return campaignReachedShare(r, s.q, s.depth, months);
  if (k == "voluntary_months") return voluntaryMonths(r, s.q, months);
  if (k == "ended_after_exit") return endedAfterExit(r, s.months, months);
  if (k == "designated_strong_share") return designatedStrongShare(r, months);
  if (k == "origin_share") return originShare(r, static_cast<Origin>(s.origin), months);
  if (k == "recognition_promotion_gain") return recognitionPromotionGain(r, s.years, months);
  throw std::logic_error(fmt::format("computeStatistic: no rule for '{}'", k));
}

}  // namespace pilotsim
