// Reading a run directory back into records: the inverse of the row writers in RunWriter.cpp, field
// for field (see the header comment of RunReader.hpp for what is and is not read).
#include "pilotsim/experiment/RunReader.hpp"

#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include <array>
#include <cmath>
#include <concepts>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

// readCsvFile stops at 512 MiB, a limit meant for CSVs written by hand or by other programs; a
// national run's pilots.csv is about a gigabyte. This limit only guards against reading a device or
// an endless file: a table near it would not fit in memory once parsed (RunReader.hpp).
constexpr std::size_t kMaxRunTableBytes = std::size_t{4} << 30;

/// The texts toString gives an enum's values, in value order. toString answers "?" past the last
/// value (Records.cpp), so these are always the texts RunWriter writes, whatever is appended.
template <class E>
const std::vector<std::string_view>& enumTexts() {
  static const std::vector<std::string_view> texts = [] {
    std::vector<std::string_view> out;
    for (int i = 0; i <= std::numeric_limits<std::underlying_type_t<E>>::max(); ++i) {
      const std::string_view text = toString(static_cast<E>(i));
      if (text == "?") break;
      out.push_back(text);
    }
    return out;
  }();
  return texts;
}

/// One CSV file of the run, with readers that turn its cells back into record fields as RunWriter
/// wrote them. Every error names the file, the line and the column.
class RunTable {
 public:
  RunTable(const fs::path& file, int replicates)
      : table_(parseCsv(readInputFile(file, "CSV file of the run", kMaxRunTableBytes), file.string())),
        replicates_(replicates),
        replicate_(column("replicate")) {}

  std::size_t rows() const { return table_.rows.size(); }

  /// Index of a column RunWriter writes; throws InputError naming the file and the column.
  std::size_t column(std::string_view name) const {
    const int c = table_.column(name);
    if (c < 0)
      throw InputError(table_.source, 1, std::string(name),
                       fmt::format("missing column '{}', which pilotsim run writes into this file", name));
    return static_cast<std::size_t>(c);
  }

  /// The row's replicate, one of 0..run.replicates-1.
  std::uint32_t replicate(std::size_t row) const {
    const auto r = whole<std::uint32_t>(row, replicate_);
    if (r >= static_cast<std::uint32_t>(replicates_))
      throw error(row, replicate_,
                  fmt::format("replicate {} is out of range: scenario.toml has run.replicates = {}, so replicates "
                              "are 0 to {}",
                              r, replicates_, replicates_ - 1));
    return r;
  }

  double real(std::size_t row, std::size_t col) const { return table_.number(row, col); }

  const std::string& text(std::size_t row, std::size_t col) const { return table_.rows[row][col]; }

  /// A whole number that fits T. An empty cell is `if_empty` where RunWriter writes one for a value
  /// (kNoId, kStillRunning, -1), and an error where it does not.
  template <std::integral T>
  T whole(std::size_t row, std::size_t col, std::optional<T> if_empty = std::nullopt) const {
    const double v = table_.number(row, col);
    if (std::isnan(v)) {
      if (if_empty) return *if_empty;
      throw error(row, col, "expected a whole number, got an empty cell");
    }
    constexpr auto lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    if (std::trunc(v) != v || v < static_cast<double>(lo) || v > static_cast<double>(hi))
      throw error(row, col, fmt::format("expected a whole number from {} to {}, got '{}'", +lo, +hi, text(row, col)));
    return static_cast<T>(v);
  }

  /// A 0/1 flag.
  bool flag(std::size_t row, std::size_t col) const { return zeroOrOne(row, col, std::nullopt) == 1; }

  /// A 0/1 outcome that may not have happened yet: empty is -1 (delivered, promoted).
  std::int8_t outcome(std::size_t row, std::size_t col) const { return zeroOrOne(row, col, std::int8_t{-1}); }

  /// A value of one of the enums of Records.hpp, by its toString text.
  template <class E>
  E enumerated(std::size_t row, std::size_t col) const {
    const auto& texts = enumTexts<E>();
    const std::string& cell = text(row, col);
    for (std::size_t i = 0; i < texts.size(); ++i)
      if (texts[i] == cell) return static_cast<E>(i);
    throw error(row, col, fmt::format("unknown value '{}'; allowed: {}", cell, fmt::join(texts, ", ")));
  }

  /// A domain by its key in the domain table, or by its index, which RunWriter writes for an index
  /// outside the table.
  std::uint16_t domain(std::size_t row, std::size_t col) const {
    const auto table = domainTable();
    const std::string& cell = text(row, col);
    for (std::size_t d = 0; d < table.size(); ++d)
      if (table[d].key == cell) return static_cast<std::uint16_t>(d);
    if (!cell.empty() && cell.find_first_not_of("0123456789") == std::string::npos)
      return whole<std::uint16_t>(row, col);
    std::vector<std::string_view> keys;
    for (const Domain& d : table) keys.push_back(d.key);
    throw error(row, col, fmt::format("unknown domain '{}'; allowed: {}", cell, fmt::join(keys, ", ")));
  }

 private:
  InputError error(std::size_t row, std::size_t col, const std::string& what) const {
    return InputError(table_.source, table_.lines[row], table_.header[col], what);
  }

  std::int8_t zeroOrOne(std::size_t row, std::size_t col, std::optional<std::int8_t> if_empty) const {
    const double v = table_.number(row, col);
    if (std::isnan(v) && if_empty) return *if_empty;
    if (v != 0.0 && v != 1.0)
      throw error(row, col,
                  fmt::format("expected 0 or 1{}, got '{}'", if_empty ? " or an empty cell" : "", text(row, col)));
    return static_cast<std::int8_t>(v);
  }

  CsvTable table_;
  int replicates_;
  std::size_t replicate_;
};

// How a record field is read from its column. `field` reads by the field's type: a 0/1 flag for
// bool, a number for double (empty is NaN), the toString text for an enum, the text for a string,
// and a whole number that fits the type otherwise, where an empty cell is `if_empty` if one is given
// (RunWriter writes kNoId, kStillRunning and -1 as empty cells) and an error if not.
template <class R, class M>
struct Field {
  std::string_view column;
  M R::*member;
  std::optional<M> if_empty;

  void read(const RunTable& t, std::size_t row, std::size_t col, R& record) const {
    M& v = record.*member;
    if constexpr (std::is_same_v<M, bool>) {
      v = t.flag(row, col);
    } else if constexpr (std::is_same_v<M, double>) {
      v = t.real(row, col);
    } else if constexpr (std::is_same_v<M, std::string>) {
      v = t.text(row, col);
    } else if constexpr (std::is_enum_v<M>) {
      v = t.enumerated<M>(row, col);
    } else {
      v = t.whole<M>(row, col, if_empty);
    }
  }
};

template <class R, class M>
Field<R, M> field(std::string_view column, M R::*member, std::type_identity_t<std::optional<M>> if_empty = {}) {
  return {column, member, if_empty};
}

/// A field whose type does not say how it is written, read by one of RunTable's readers.
template <class R, class M, M (RunTable::*Read)(std::size_t, std::size_t) const>
struct ReadBy {
  std::string_view column;
  M R::*member;
  void read(const RunTable& t, std::size_t row, std::size_t col, R& record) const {
    record.*member = (t.*Read)(row, col);
  }
};

/// A 0/1 outcome that may not have happened (delivered, promoted): empty is -1.
template <class R>
ReadBy<R, std::int8_t, &RunTable::outcome> outcome(std::string_view column, std::int8_t R::*member) {
  return {column, member};
}

/// A policy domain, by key.
template <class R>
ReadBy<R, std::uint16_t, &RunTable::domain> domain(std::string_view column, std::uint16_t R::*member) {
  return {column, member};
}

/// Read `file` into each replicate's `table`, one record per row, each field from its column. All
/// columns are looked up before any row is read, so a missing one is reported even in an empty file.
template <class R, class... Fields>
void readRecords(const fs::path& file, std::vector<RunResult>& out, std::vector<R> RunResult::*table,
                 const Fields&... fields) {
  const RunTable t(file, static_cast<int>(out.size()));
  const std::array<std::size_t, sizeof...(Fields)> columns{t.column(fields.column)...};
  for (std::size_t row = 0; row < t.rows(); ++row) {
    R record{};
    std::size_t i = 0;
    (fields.read(t, row, columns[i++], record), ...);
    (out[t.replicate(row)].*table).push_back(std::move(record));
  }
}

void readMonthly(const fs::path& file, std::vector<RunResult>& out) {
  const RunTable t(file, static_cast<int>(out.size()));
  const auto month = t.column("month");
  std::vector<std::size_t> measures;
  for (const MeasureInfo& m : measureTable()) measures.push_back(t.column(m.key));
  for (std::size_t r = 0; r < t.rows(); ++r) {
    MonthlyRow row;
    row.month = t.whole<int>(r, month);
    for (int k = 0; k < kMeasureCount; ++k) row.values[k] = t.real(r, measures[k]);
    out[t.replicate(r)].monthly.push_back(row);
  }
}

void readPilots(const fs::path& file, std::vector<RunResult>& out) {
  using P = PilotRecord;
  readRecords(
      file, out, &RunResult::pilots, field("id", &P::id), field("unit", &P::unit), domain("domain", &P::domain),
      field("origin", &P::origin), field("style", &P::style), field("status", &P::status),
      field("boldness", &P::boldness), field("halt_reason", &P::halt_reason), field("first_mover", &P::first_mover),
      field("ended_at_turnover", &P::ended_at_turnover), field("crossed_red_line", &P::crossed_red_line),
      outcome("delivered", &P::delivered), field("lineage", &P::lineage), field("leader", &P::leader),
      field("restarted_from", &P::restarted_from, kNoId), field("adopted_from", &P::adopted_from, kNoId),
      field("campaign", &P::campaign, kNoId), field("programme", &P::programme, kNoId), field("decided", &P::decided),
      field("start", &P::start), field("end", &P::end, kStillRunning), field("absorbed", &P::absorbed, kStillRunning),
      field("turnovers", &P::turnovers), field("second_innovations", &P::second_innovations),
      field("quality", &P::quality), field("fit", &P::fit), field("substance", &P::substance),
      field("packaging", &P::packaging), field("funds", &P::funds), field("diverted", &P::diverted),
      field("impact_built", &P::impact_built), field("impact_realised", &P::impact_realised),
      field("reported", &P::reported), field("novelty", &P::novelty), field("target", &P::target));
}

void readTenures(const fs::path& file, std::vector<RunResult>& out) {
  using T = TenureRecord;
  readRecords(file, out, &RunResult::tenures, field("leader", &T::leader), field("unit", &T::unit),
              field("previous", &T::previous, kNoId), field("start", &T::start), field("end", &T::end, kStillRunning),
              field("began_in_burn_in", &T::began_in_burn_in), field("exit", &T::exit), field("ambition", &T::ambition),
              field("competence", &T::competence), field("impression", &T::impression),
              field("true_contribution", &T::true_contribution),
              field("reviewed_contribution", &T::reviewed_contribution), outcome("promoted", &T::promoted),
              field("pilots_started", &T::pilots_started));
}

void readUnits(const fs::path& file, std::vector<RunResult>& out) {
  using U = UnitRecord;
  readRecords(file, out, &RunResult::units, field("unit", &U::unit), field("superior", &U::superior),
              field("base", &U::base), field("budget", &U::budget), field("satisfaction", &U::satisfaction),
              field("need_weighted_effectiveness", &U::need_weighted_effectiveness),
              field("active_pilots", &U::active_pilots), field("pilots_started", &U::pilots_started),
              field("designated_received", &U::designated_received), field("leaders", &U::leaders),
              field("name", &U::name));
}

void readInnovations(const fs::path& file, std::vector<RunResult>& out) {
  using I = InnovationRecord;
  // Coverage never reached is -1 in the record.
  readRecords(file, out, &RunResult::innovations, field("id", &I::id), field("lineage", &I::lineage),
              domain("domain", &I::domain), field("level", &I::level), field("superior", &I::superior),
              field("origin_unit", &I::origin_unit), field("source_pilot", &I::source_pilot), field("scope", &I::scope),
              field("stake", &I::stake), field("start", &I::start), field("months_to_10", &I::month10, -1),
              field("months_to_50", &I::month50, -1), field("months_to_90", &I::month90, -1),
              field("end", &I::end, kStillRunning), field("end_reason", &I::end_reason),
              field("final_share", &I::final_share), field("adapted", &I::adapted), field("copied", &I::copied));
}

void readRecognitions(const fs::path& file, std::vector<RunResult>& out) {
  using X = RecognitionRecord;
  readRecords(file, out, &RunResult::recognitions, field("month", &X::month), field("superior", &X::superior),
              field("depth", &X::depth), field("pilot", &X::pilot), field("lineage", &X::lineage),
              field("unit", &X::unit), field("seen", &X::seen), field("reported", &X::reported),
              field("verified", &X::verified), field("realised", &X::realised), field("campaign", &X::campaign, kNoId));
}

void readProgrammes(const fs::path& file, std::vector<RunResult>& out) {
  using X = ProgrammeRecord;
  readRecords(file, out, &RunResult::programmes, field("id", &X::id), field("programme", &X::programme),
              field("parent", &X::parent, kNoId), field("launcher", &X::launcher), field("superior", &X::superior),
              field("depth_below", &X::depth_below), domain("domain", &X::domain), field("month", &X::month),
              field("quota", &X::quota), field("multiplier", &X::multiplier), field("assigned", &X::assigned),
              field("target", &X::target), field("eligible", &X::eligible), field("applicants", &X::applicants),
              field("selected", &X::selected), field("forced", &X::forced), field("delivered", &X::delivered),
              field("reviewed", &X::reviewed));
}

void readHierarchy(const fs::path& file, std::vector<RunResult>& out) {
  using H = HierarchyRecord;
  readRecords(file, out, &RunResult::hierarchy, field("superior", &H::superior), field("parent", &H::parent, kNoId),
              field("depth", &H::depth), field("name", &H::name), field("units", &H::units),
              field("direct_units", &H::direct_units), field("ambition", &H::ambition), field("belief", &H::belief),
              field("programmes", &H::programmes), field("campaigns", &H::campaigns));
}

/// Whether both record files are there; if `need_records`, a missing one is an error that says how
/// to get it.
bool hasRecords(const fs::path& dir, bool need_records) {
  std::error_code ec;
  const bool pilots = fs::exists(dir / "pilots.csv", ec), tenures = fs::exists(dir / "tenures.csv", ec);
  if (pilots && tenures) return true;
  if (!need_records) return false;
  const fs::path missing = dir / (pilots ? "tenures.csv" : "pilots.csv");
  if (pilots || tenures)
    throw InputError(missing.string(), 0, "",
                     fmt::format("no such file, though {} is there: pilotsim run writes both or neither, so the "
                                 "directory is incomplete",
                                 pilots ? "pilots.csv" : "tenures.csv"));
  throw InputError(missing.string(), 0, "",
                   fmt::format("no such file: the run was written with `--records none`, so statistics that need "
                               "pilot and tenure records cannot be computed on it; run it again with records: "
                               "`pilotsim run {} --out NEW_DIR` (without `--records none`)",
                               (dir / "scenario.toml").string()));
}

}  // namespace

RunDirectory readRunDirectory(const fs::path& dir, bool need_records) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(dir.string(), 0, "",
                     fs::exists(dir, ec) ? "not a directory; expected the --out directory of a pilotsim run"
                                         : "no such directory; expected the --out directory of a pilotsim run");
  RunDirectory run;
  run.scenario = loadScenarioFile(dir / "scenario.toml");
  const int replicates = run.scenario.params.run.replicates;
  run.replicates.resize(static_cast<std::size_t>(replicates));
  for (int r = 0; r < replicates; ++r) run.replicates[r].replicate = static_cast<std::uint32_t>(r);

  run.has_records = hasRecords(dir, need_records);
  // One table at a time: each is converted and dropped before the next is read.
  readMonthly(dir / "monthly.csv", run.replicates);
  if (run.has_records) {
    readPilots(dir / "pilots.csv", run.replicates);
    readTenures(dir / "tenures.csv", run.replicates);
  }
  readUnits(dir / "units.csv", run.replicates);
  readInnovations(dir / "innovations.csv", run.replicates);
  readRecognitions(dir / "recognitions.csv", run.replicates);
  readProgrammes(dir / "programmes.csv", run.replicates);
  readHierarchy(dir / "hierarchy.csv", run.replicates);
  return run;
}

}  // namespace pilotsim
