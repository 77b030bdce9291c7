// RunReader: a run directory written by RunWriter reads back into exactly the RunResults written, field
// for field (a real county run, and hand-made records with every enum value and awkward numbers); a
// run without records is readable only when records are not needed; columns are found by name; and
// broken files are refused with messages naming the file, line and column.
#include "pilotsim/experiment/RunReader.hpp"

#include "pilotsim/experiment/RunWriter.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

// --- Comparing records field by field ----------------------------------------------------------

/// Converts to anything: an aggregate accepts as many of these as it has fields.
struct AnyValue {
  template <class T>
  operator T() const;
};

/// The number of fields of an aggregate record, so that a field added to a record and not compared
/// below makes the round trip fail until it is compared (and read by RunReader).
template <class T, class... Fields>
constexpr std::size_t fieldCount() {
  if constexpr (requires { T{Fields{}..., AnyValue{}}; }) {
    return fieldCount<T, Fields..., AnyValue>();
  } else {
    return sizeof...(Fields);
  }
}

/// Doubles compare by their bits: NaN (a missing value) equals NaN, and -0 differs from 0.
template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::memcmp(&a, &b, sizeof a) == 0;
  } else {
    return a == b;
  }
}

template <class T>
std::string shown(const T& v) {
  if constexpr (std::is_enum_v<T>) {
    return std::to_string(static_cast<long long>(v));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "'" + v + "'";
  } else {
    return fmt::format("{}", +v);
  }
}

/// The first field in which a record read back differs from the one written, named, with both values.
template <class R>
class FieldDiff {
 public:
  FieldDiff(const R& wrote, const R& read) : wrote_(wrote), read_(read) {}

  template <class M>
  FieldDiff& operator()(std::string_view name, M R::*field) {
    ++compared_;
    if (diff_.empty() && !same(wrote_.*field, read_.*field))
      diff_ = fmt::format("{}: wrote {}, read {}", name, shown(wrote_.*field), shown(read_.*field));
    return *this;
  }

  std::string result() const {
    if (compared_ != fieldCount<R>())
      return fmt::format("the test compares {} of the record's {} fields", compared_, fieldCount<R>());
    return diff_;
  }

 private:
  const R& wrote_;
  const R& read_;
  std::size_t compared_ = 0;
  std::string diff_;
};

std::string difference(const MonthlyRow& a, const MonthlyRow& b) {
  if (a.month != b.month) return fmt::format("month: wrote {}, read {}", a.month, b.month);
  for (const MeasureInfo& m : measureTable()) {
    const auto k = static_cast<std::size_t>(m.id);
    if (!same(a.values[k], b.values[k])) return fmt::format("{}: wrote {}, read {}", m.key, a.values[k], b.values[k]);
  }
  return "";
}

std::string difference(const PilotRecord& a, const PilotRecord& b) {
  using P = PilotRecord;
  return FieldDiff(a, b)("id", &P::id)("unit", &P::unit)("domain", &P::domain)("origin", &P::origin)(
             "style", &P::style)("status", &P::status)("boldness", &P::boldness)("halt_reason", &P::halt_reason)(
             "first_mover", &P::first_mover)("ended_at_turnover", &P::ended_at_turnover)(
             "crossed_red_line", &P::crossed_red_line)("delivered", &P::delivered)("lineage", &P::lineage)(
             "leader", &P::leader)("restarted_from", &P::restarted_from)("adopted_from", &P::adopted_from)(
             "campaign", &P::campaign)("programme", &P::programme)("decided", &P::decided)("start", &P::start)(
             "end", &P::end)("absorbed", &P::absorbed)("turnovers", &P::turnovers)(
             "second_innovations", &P::second_innovations)("quality", &P::quality)("fit", &P::fit)(
             "substance", &P::substance)("packaging", &P::packaging)("funds", &P::funds)("diverted", &P::diverted)(
             "impact_built", &P::impact_built)("impact_realised", &P::impact_realised)("reported", &P::reported)(
             "novelty", &P::novelty)("target", &P::target)
      .result();
}

std::string difference(const TenureRecord& a, const TenureRecord& b) {
  using T = TenureRecord;
  return FieldDiff(a, b)("leader", &T::leader)("unit", &T::unit)("previous", &T::previous)("start", &T::start)(
             "end", &T::end)("ambition", &T::ambition)("competence", &T::competence)("impression", &T::impression)(
             "true_contribution", &T::true_contribution)("reviewed_contribution", &T::reviewed_contribution)(
             "promoted", &T::promoted)("exit", &T::exit)("began_in_burn_in", &T::began_in_burn_in)("pilots_started",
                                                                                                   &T::pilots_started)
      .result();
}

std::string difference(const UnitRecord& a, const UnitRecord& b) {
  using U = UnitRecord;
  return FieldDiff(a, b)("unit", &U::unit)("superior", &U::superior)("base", &U::base)("budget", &U::budget)(
             "satisfaction", &U::satisfaction)("need_weighted_effectiveness", &U::need_weighted_effectiveness)(
             "active_pilots", &U::active_pilots)("pilots_started", &U::pilots_started)(
             "designated_received", &U::designated_received)("leaders", &U::leaders)("name", &U::name)
      .result();
}

std::string difference(const InnovationRecord& a, const InnovationRecord& b) {
  using I = InnovationRecord;
  return FieldDiff(a, b)("id", &I::id)("lineage", &I::lineage)("domain", &I::domain)("level", &I::level)(
             "superior", &I::superior)("origin_unit", &I::origin_unit)("source_pilot", &I::source_pilot)(
             "scope", &I::scope)("start", &I::start)("month10", &I::month10)("month50", &I::month50)(
             "month90", &I::month90)("end", &I::end)("end_reason", &I::end_reason)("stake", &I::stake)(
             "final_share", &I::final_share)("adapted", &I::adapted)("copied", &I::copied)
      .result();
}

std::string difference(const RecognitionRecord& a, const RecognitionRecord& b) {
  using R = RecognitionRecord;
  return FieldDiff(a, b)("month", &R::month)("superior", &R::superior)("depth", &R::depth)("pilot", &R::pilot)(
             "lineage", &R::lineage)("unit", &R::unit)("seen", &R::seen)("reported", &R::reported)(
             "verified", &R::verified)("realised", &R::realised)("campaign", &R::campaign)
      .result();
}

std::string difference(const ProgrammeRecord& a, const ProgrammeRecord& b) {
  using R = ProgrammeRecord;
  return FieldDiff(a, b)("id", &R::id)("programme", &R::programme)("parent", &R::parent)("launcher", &R::launcher)(
             "superior", &R::superior)("depth_below", &R::depth_below)("domain", &R::domain)("month", &R::month)(
             "quota", &R::quota)("multiplier", &R::multiplier)("assigned", &R::assigned)("target", &R::target)(
             "eligible", &R::eligible)("applicants", &R::applicants)("selected", &R::selected)("forced", &R::forced)(
             "delivered", &R::delivered)("reviewed", &R::reviewed)
      .result();
}

std::string difference(const HierarchyRecord& a, const HierarchyRecord& b) {
  using H = HierarchyRecord;
  return FieldDiff(a, b)("superior", &H::superior)("parent", &H::parent)("depth", &H::depth)("name", &H::name)(
             "units", &H::units)("direct_units", &H::direct_units)("ambition", &H::ambition)("belief", &H::belief)(
             "programmes", &H::programmes)("campaigns", &H::campaigns)
      .result();
}

template <class R>
std::string difference(std::string_view table, const std::vector<R>& wrote, const std::vector<R>& read) {
  if (wrote.size() != read.size()) return fmt::format("{}: wrote {} rows, read {}", table, wrote.size(), read.size());
  for (std::size_t i = 0; i < wrote.size(); ++i) {
    const std::string d = difference(wrote[i], read[i]);
    if (!d.empty()) return fmt::format("{}[{}].{}", table, i, d);
  }
  return "";
}

/// The first difference between a replicate written and read back, or "" if there is none.
std::string difference(const RunResult& a, const RunResult& b) {
  if (a.replicate != b.replicate) return fmt::format("replicate: wrote {}, read {}", a.replicate, b.replicate);
  for (const std::string& d :
       {difference("monthly", a.monthly, b.monthly), difference("pilots", a.pilots, b.pilots),
        difference("tenures", a.tenures, b.tenures), difference("units", a.units, b.units),
        difference("innovations", a.innovations, b.innovations),
        difference("recognitions", a.recognitions, b.recognitions),
        difference("programmes", a.programmes, b.programmes), difference("hierarchy", a.hierarchy, b.hierarchy)}) {
    if (!d.empty()) return d;
  }
  return "";
}

/// The scenario's parameters and names as TOML, without the comment naming where it was loaded from.
std::string parametersOf(Scenario s) {
  s.source.clear();
  s.base.clear();
  return toToml(s);
}

// --- Editing a run's CSV as a user re-saving it from another program would ----------------------

void rewriteCsv(const fs::path& file, const std::function<void(CsvTable&)>& edit) {
  CsvTable t = readCsvFile(file);
  edit(t);
  CsvWriter out;
  const std::vector<std::string_view> header(t.header.begin(), t.header.end());
  out.header(header);
  for (const auto& row : t.rows) {
    for (const auto& cell : row) out.field(cell);
    out.endRow();
  }
  writeTextFile(file, out.text());
}

void setCell(CsvTable& t, std::size_t row, std::string_view column, std::string text) {
  const int c = t.column(column);
  ASSERT_GE(c, 0) << column;
  t.rows.at(row).at(static_cast<std::size_t>(c)) = std::move(text);
}

void removeColumn(CsvTable& t, std::string_view name) {
  const int c = t.column(name);
  ASSERT_GE(c, 0) << name;
  t.header.erase(t.header.begin() + c);
  for (auto& row : t.rows) row.erase(row.begin() + c);
}

// --- Runs -----------------------------------------------------------------------------------------

/// Two replicates of the county preset over 60 months, written with and without records once for
/// the whole suite (the simulation is the slow part); each test reads or edits its own copy.
class RunReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / fmt::format("pilotsim-runreader-test-{}", ::getpid());
    fs::remove_all(root_);
    fs::create_directories(root_);
    scenario_ = loadPreset("county");
    scenario_.params.run.months = 60;
    scenario_.params.run.replicates = 2;
    results_ = {Simulation::run(scenario_.params, 0), Simulation::run(scenario_.params, 1)};
    write(root_ / "all", scenario_, results_, RecordsMode::All);
    write(root_ / "none", scenario_, results_, RecordsMode::None);
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  static void write(const fs::path& out, const Scenario& scenario, const std::vector<RunResult>& results,
                    RecordsMode records) {
    OutputDirectory dir(out, false);
    RunWriter writer(dir, scenario, RunWriterOptions{records, "pilotsim run county --set run.months=60"});
    for (const RunResult& r : results) writer.write(r);
    writer.finish();
    dir.commit();
  }

  /// A copy of the run written with records, for a test to edit.
  fs::path copyOfRun() const {
    const fs::path copy = root_ / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(copy);
    fs::copy(root_ / "all", copy, fs::copy_options::recursive);
    return copy;
  }

  /// The message of the InputError that reading `dir` throws, or "" if it reads.
  static std::string errorReading(const fs::path& dir, bool need_records = true) {
    try {
      readRunDirectory(dir, need_records);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }

  static inline fs::path root_;
  static inline Scenario scenario_;
  static inline std::vector<RunResult> results_;
};

TEST_F(RunReaderTest, RoundTripsEveryFieldOfEveryRecord) {
  // The run must hold the cases that are written as empty cells, or the round trip would not test
  // reading them back: censored pilots and tenures, ids naming nothing and something, reviews that
  // never happened, measurements never made, measures undefined in some month.
  const auto& pilots = results_[0].pilots;
  const auto& tenures = results_[0].tenures;
  const auto any = [](const auto& records, auto predicate) {
    return std::any_of(records.begin(), records.end(), predicate);
  };
  EXPECT_TRUE(any(pilots, [](const PilotRecord& p) { return p.end == kStillRunning; }));
  EXPECT_TRUE(any(pilots, [](const PilotRecord& p) { return p.end != kStillRunning; }));
  EXPECT_TRUE(any(pilots, [](const PilotRecord& p) { return p.restarted_from == kNoId; }));
  EXPECT_TRUE(any(pilots, [](const PilotRecord& p) { return p.adopted_from != kNoId; }));
  EXPECT_TRUE(any(pilots, [](const PilotRecord& p) { return p.delivered == -1; }));
  EXPECT_TRUE(any(pilots, [](const PilotRecord& p) { return p.delivered >= 0; }));
  EXPECT_TRUE(any(tenures, [](const TenureRecord& t) { return t.promoted == -1; }));
  EXPECT_TRUE(any(tenures, [](const TenureRecord& t) { return t.previous != kNoId; }));
  EXPECT_TRUE(any(tenures, [](const TenureRecord& t) { return std::isnan(t.reviewed_contribution); }));
  EXPECT_TRUE(any(results_[0].recognitions, [](const RecognitionRecord& r) { return std::isnan(r.verified); }));
  EXPECT_TRUE(any(results_[0].programmes, [](const ProgrammeRecord& r) { return r.parent == kNoId; }));
  EXPECT_TRUE(any(results_[0].monthly, [](const MonthlyRow& m) {
    return std::any_of(m.values.begin(), m.values.end(), [](double v) { return std::isnan(v); });
  }));

  const RunDirectory run = readRunDirectory(root_ / "all");
  EXPECT_TRUE(run.has_records);
  EXPECT_EQ(run.scenario.params.run.months, 60);
  EXPECT_EQ(run.scenario.params.run.burn_in, scenario_.params.run.burn_in);
  EXPECT_EQ(parametersOf(run.scenario), parametersOf(scenario_));
  ASSERT_EQ(run.replicates.size(), 2u);
  for (std::size_t r = 0; r < 2; ++r) EXPECT_EQ(difference(results_[r], run.replicates[r]), "") << "replicate " << r;
}

TEST_F(RunReaderTest, RoundTripsEveryEnumValueAndAwkwardNumbers) {
  // Hand-made records where the run has none: every value of every enum, numbers whose shortest text
  // is long or odd, the largest ids, negative zero, infinities, and names that need quoting.
  const double kAwkward[] = {-0.0,
                             0.1 + 0.2,
                             5e-324,
                             1.7976931348623157e308,
                             -1e-7,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity()};
  Scenario scenario = scenario_;
  scenario.params.run.replicates = 1;
  RunResult result;
  MonthlyRow row;
  for (int k = 0; k < kMeasureCount; ++k) row.values[k] = kAwkward[k % std::size(kAwkward)];
  row.values[0] = std::numeric_limits<double>::quiet_NaN();
  row.month = 59;
  result.monthly.push_back(row);
  for (int i = 0; i < 9; ++i) {  // PilotStatus has the most values
    PilotRecord p{};
    p.id = kNoId - 1 - i;
    p.domain = static_cast<std::uint16_t>(i % domainTable().size());
    p.origin = static_cast<Origin>(i % kOriginCount);
    p.style = static_cast<AdoptionStyle>(i % 3);
    p.status = static_cast<PilotStatus>(i);
    p.halt_reason = static_cast<HaltReason>(i % 3);
    p.boldness = 2;
    p.first_mover = p.ended_at_turnover = p.crossed_red_line = i % 2 == 0;
    p.delivered = static_cast<std::int8_t>(i % 3 - 1);
    p.restarted_from = p.adopted_from = p.campaign = p.programme = i % 2 == 0 ? kNoId : 0;
    p.decided = std::numeric_limits<std::int32_t>::min() + 1;
    p.start = -36;
    p.end = i % 2 == 0 ? kStillRunning : -1;
    p.absorbed = i % 2 == 0 ? kStillRunning : std::numeric_limits<std::int32_t>::max();
    p.quality = kAwkward[i % std::size(kAwkward)];
    p.reported = std::numeric_limits<double>::quiet_NaN();
    result.pilots.push_back(p);
  }
  for (int i = 0; i < 5; ++i) {
    TenureRecord t{};
    t.exit = static_cast<ExitReason>(i);
    t.end = i == 0 ? kStillRunning : i;
    t.promoted = static_cast<std::int8_t>(i % 3 - 1);
    t.previous = i % 2 == 0 ? kNoId : 7;
    t.reviewed_contribution = i % 2 == 0 ? std::numeric_limits<double>::quiet_NaN() : -0.0;
    t.began_in_burn_in = i % 2 == 1;
    result.tenures.push_back(t);
  }
  for (int i = 0; i < 4; ++i) {
    InnovationRecord c{};
    c.end_reason = static_cast<CampaignEnd>(i);
    c.end = i == 0 ? kStillRunning : -5;
    c.month10 = 0;
    c.month50 = i;
    c.month90 = -1;
    c.stake = kAwkward[i];
    result.innovations.push_back(c);
  }
  HierarchyRecord h{};
  h.parent = kNoId;
  h.name = "Shanghai, \"Pudong\" 浦东新区";
  result.hierarchy.push_back(h);
  UnitRecord unit{};
  unit.name = "Shanghai, \"Lujiazui\" 陆家嘴街道";  // a structure file's name that needs quoting
  result.units.push_back(unit);
  result.recognitions.push_back(RecognitionRecord{});
  result.programmes.push_back(ProgrammeRecord{});

  const fs::path dir = root_ / "awkward";
  fs::remove_all(dir);
  write(dir, scenario, {result}, RecordsMode::All);
  const RunDirectory run = readRunDirectory(dir);
  ASSERT_EQ(run.replicates.size(), 1u);
  EXPECT_EQ(difference(result, run.replicates[0]), "");
}

TEST_F(RunReaderTest, RunWithoutRecordsReadsOnlyWhenRecordsAreNotNeeded) {
  const fs::path dir = root_ / "none";
  const RunDirectory run = readRunDirectory(dir, false);
  EXPECT_FALSE(run.has_records);
  ASSERT_EQ(run.replicates.size(), 2u);
  for (std::size_t r = 0; r < 2; ++r) {
    RunResult expected = results_[r];
    expected.pilots.clear();
    expected.tenures.clear();
    EXPECT_EQ(difference(expected, run.replicates[r]), "") << "replicate " << r;
  }

  const std::string message = errorReading(dir, true);
  EXPECT_NE(message.find("pilots.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("--records none"), std::string::npos) << message;
}

TEST_F(RunReaderTest, FindsColumnsByNameAndIgnoresDerivedOnes) {
  // Columns reversed, and the columns RunWriter derives from the records left out: what a user
  // re-saving the file from a spreadsheet might do.
  const fs::path dir = copyOfRun();
  const auto reverseColumns = [](CsvTable& t) {
    std::reverse(t.header.begin(), t.header.end());
    for (auto& row : t.rows) std::reverse(row.begin(), row.end());
  };
  rewriteCsv(dir / "pilots.csv", [&](CsvTable& t) {
    reverseColumns(t);
    removeColumn(t, "censored");
    removeColumn(t, "duration");
  });
  rewriteCsv(dir / "monthly.csv", [&](CsvTable& t) {
    reverseColumns(t);
    removeColumn(t, "year");
  });
  const RunDirectory run = readRunDirectory(dir);
  ASSERT_EQ(run.replicates.size(), 2u);
  for (std::size_t r = 0; r < 2; ++r) EXPECT_EQ(difference(results_[r], run.replicates[r]), "") << "replicate " << r;
}

TEST_F(RunReaderTest, RefusesAMissingDirectory) {
  const fs::path dir = root_ / "no-such-run";
  const std::string message = errorReading(dir);
  EXPECT_NE(message.find(dir.string()), std::string::npos) << message;
  EXPECT_NE(message.find("no such directory"), std::string::npos) << message;
}

TEST_F(RunReaderTest, RefusesAMissingColumnNamingFileAndColumn) {
  const fs::path dir = copyOfRun();
  rewriteCsv(dir / "pilots.csv", [](CsvTable& t) { removeColumn(t, "quality"); });
  const std::string message = errorReading(dir);
  EXPECT_NE(message.find("pilots.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("missing column 'quality'"), std::string::npos) << message;
}

TEST_F(RunReaderTest, RefusesAnUnknownStatusNamingFileLineColumnAndAllowedValues) {
  const fs::path dir = copyOfRun();
  // The header is line 1, so row 1 is line 3.
  rewriteCsv(dir / "pilots.csv", [](CsvTable& t) { setCell(t, 1, "status", "paused"); });
  const std::string message = errorReading(dir);
  EXPECT_NE(message.find("pilots.csv:3: key 'status': unknown value 'paused'"), std::string::npos) << message;
  for (int s = 0; s <= static_cast<int>(PilotStatus::Concluded); ++s) {
    EXPECT_NE(message.find(toString(static_cast<PilotStatus>(s))), std::string::npos) << message;
  }
}

TEST_F(RunReaderTest, RefusesAReplicateOutOfRange) {
  const fs::path dir = copyOfRun();
  rewriteCsv(dir / "units.csv", [](CsvTable& t) { setCell(t, t.rows.size() - 1, "replicate", "2"); });
  const std::string message = errorReading(dir);
  EXPECT_NE(message.find("units.csv:"), std::string::npos) << message;
  EXPECT_NE(message.find("replicate 2 is out of range"), std::string::npos) << message;
  EXPECT_NE(message.find("0 to 1"), std::string::npos) << message;
}

TEST_F(RunReaderTest, RefusesHalfTheRecordsWhenRecordsAreNeeded) {
  const fs::path dir = copyOfRun();
  fs::remove(dir / "tenures.csv");
  const std::string message = errorReading(dir, true);
  EXPECT_NE(message.find("tenures.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("incomplete"), std::string::npos) << message;
  // Not needed: read as a run without records.
  EXPECT_FALSE(readRunDirectory(dir, false).has_records);
}

}  // namespace
}  // namespace pilotsim
