#include "pilotsim/io/RunWriter.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <stdexcept>

namespace pilotsim {
namespace {

// Each table's columns, with unit and meaning, in output order. The header row and README.txt are
// both made from these lists, so they cannot disagree; the row writers below must follow the same
// order (tests/io/RunWriterTest.cpp checks the counts match).
struct Column {
  std::string_view name, unit, meaning;
};

constexpr std::array kMonthlyLead = {
    Column{"replicate", "-", "replicate number, 0-based"},
    Column{"month", "month", "month since the end of burn-in, 0-based"},
    Column{"year", "year", "year of the run, 1-based: month / 12 + 1"},
};

constexpr std::array kPilotColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"id", "-", "pilot id, unique within a replicate"},
    Column{"unit", "-", "unit (grassroots government) running the pilot"},
    Column{"domain", "-", "policy domain key (docs/ODD.md domain table)"},
    Column{"origin", "-", "spontaneous | designated | adoption | restart"},
    Column{"style", "-", "adoption style: none | adapt | copy_rename"},
    Column{"status", "-",
           "status at end (or at end of run): active, symbolic, failed, interrupted, abandoned, institutionalised"},
    Column{"first_mover", "0/1", "first among its unit's peers in its domain"},
    Column{"ended_at_turnover", "0/1", "interrupted or restarted by a successor leader"},
    Column{"lineage", "-", "content identity: restarts and copies keep their original's lineage"},
    Column{"leader", "-", "leader who started it"},
    Column{"restarted_from", "-", "id of the pilot this one renames; empty if none"},
    Column{"start", "month", "month started (negative: during burn-in)"},
    Column{"end", "month", "month it ended; empty if still running at the end of the run (censored)"},
    Column{"censored", "0/1", "1 if still running at the end of the run"},
    Column{"duration", "month", "end - start, or months - start if censored"},
    Column{"turnovers", "-", "leader turnovers survived"},
    Column{"quality", "-", "design quality"},
    Column{"fit", "-", "fit to the unit's needs"},
    Column{"substance", "attention", "cumulative effort on substance (attention and special funds spent on it)"},
    Column{"packaging", "attention", "cumulative effort on packaging (attention and special funds spent on it)"},
    Column{"funds", "attention",
           "special funds spent on this pilot (own kept and diverted received; part of substance and packaging)"},
    Column{"diverted", "attention", "this pilot's special funds diverted to another pilot"},
    Column{"impact_built", "impact", "true impact built, at end"},
    Column{"impact_realised", "impact", "true impact reaching citizens, at end"},
    Column{"reported", "impact", "reported impact, at end"},
    Column{"novelty", "-", "novelty claimed at start"},
};

constexpr std::array kTenureColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"leader", "-", "leader id"},
    Column{"unit", "-", "unit led"},
    Column{"start", "month", "month the tenure began (negative: during burn-in)"},
    Column{"end", "month", "month the tenure ended; empty if still in office at the end (censored)"},
    Column{"censored", "0/1", "1 if still in office at the end of the run"},
    Column{"duration", "month", "end - start, or months - start if censored"},
    Column{"ambition", "-", "weight of career in the leader's utility, 0..1"},
    Column{"competence", "-", "leader competence"},
    Column{"impression", "-", "superior's impression at the end of tenure (or run)"},
    Column{"true_contribution", "impact x month",
           "realised impact of pilots the leader started, summed over months to the end of the run"},
    Column{"promoted", "0/1", "1 promoted, 0 not; empty if still in office (censored)"},
    Column{"pilots_started", "-", "pilots the leader started"},
};

constexpr std::array kUnitColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"unit", "-", "unit id"},
    Column{"superior", "-", "direct superior (inner node id, depth-first pre-order, root 0)"},
    Column{"base", "-", "governance base"},
    Column{"budget", "attention/month", "monthly attention budget"},
    Column{"satisfaction", "0..1", "citizen satisfaction at the end"},
    Column{"need_weighted_effectiveness", "0..1", "need-weighted true effectiveness at the end"},
    Column{"active_pilots", "-", "pilots running at the end"},
    Column{"pilots_started", "-", "pilots started over the run"},
    Column{"designated_received", "-", "designated pilots received over the run"},
    Column{"leaders", "-", "leaders the unit had"},
};

constexpr std::array kInnovationColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"id", "-", "campaign id"},
    Column{"lineage", "-", "lineage of the promoted innovation"},
    Column{"domain", "-", "policy domain key"},
    Column{"level", "-", "depth of the endorsing superior (0 = top)"},
    Column{"superior", "-", "endorsing superior"},
    Column{"origin_unit", "-", "unit where the innovation began"},
    Column{"scope", "-", "units under the endorsing superior"},
    Column{"start", "month", "month the campaign began"},
    Column{"months_to_50", "month", "months from start to 50% adoption; empty if not reached"},
    Column{"months_to_90", "month", "months from start to 90% adoption; empty if not reached"},
    Column{"final_share", "0..1", "share of the scope that adopted, at the end"},
    Column{"adapted", "-", "adopters that adapted it"},
    Column{"copied", "-", "adopters that copied and renamed it"},
};

template <std::size_t N>
std::vector<std::string_view> names(const std::array<Column, N>& columns) {
  std::vector<std::string_view> out;
  out.reserve(N);
  for (const auto& c : columns) out.push_back(c.name);
  return out;
}

std::vector<std::string_view> monthlyHeader() {
  auto header = names(kMonthlyLead);
  for (const MeasureInfo& m : measureTable()) header.push_back(m.key);
  return header;
}

// Domain keys read better than indices in analysis code; an index outside the table (a model bug)
// is still written, as a number, rather than hidden.
void domainField(CsvWriter& csv, std::uint16_t domain) {
  const auto table = domainTable();
  if (domain < table.size()) {
    csv.field(table[domain].key);
  } else {
    csv.field(domain);
  }
}

// Months are counted from the end of burn-in and run to `months`; a censored spell is observed up to
// there.
void spellFields(CsvWriter& csv, std::int32_t start, std::int32_t end, bool censored, int months) {
  if (censored) {
    csv.missing();
  } else {
    csv.field(end);
  }
  csv.field(censored);
  csv.field(static_cast<std::int64_t>(censored ? months : end) - start);
}

void writePilot(CsvWriter& csv, std::uint32_t replicate, const PilotRecord& p, int months) {
  csv.field(replicate).field(p.id).field(p.unit);
  domainField(csv, p.domain);
  csv.field(toString(p.origin)).field(toString(p.style)).field(toString(p.status));
  csv.field(p.first_mover).field(p.ended_at_turnover).field(p.lineage).field(p.leader);
  if (p.restarted_from == std::numeric_limits<std::uint32_t>::max()) {
    csv.missing();
  } else {
    csv.field(p.restarted_from);
  }
  csv.field(p.start);
  spellFields(csv, p.start, p.end, p.end == kStillRunning, months);
  csv.field(p.turnovers).field(p.quality).field(p.fit);
  csv.field(p.substance).field(p.packaging).field(p.funds).field(p.diverted);
  csv.field(p.impact_built).field(p.impact_realised).field(p.reported).field(p.novelty);
  csv.endRow();
}

void writeTenure(CsvWriter& csv, std::uint32_t replicate, const TenureRecord& t, int months) {
  csv.field(replicate).field(t.leader).field(t.unit).field(t.start);
  spellFields(csv, t.start, t.end, t.end == kStillRunning, months);
  csv.field(t.ambition).field(t.competence).field(t.impression).field(t.true_contribution);
  if (t.promoted < 0) {
    csv.missing();
  } else {
    csv.field(static_cast<int>(t.promoted));
  }
  csv.field(t.pilots_started);
  csv.endRow();
}

void writeUnit(CsvWriter& csv, std::uint32_t replicate, const UnitRecord& u) {
  csv.field(replicate).field(u.unit).field(u.superior).field(u.base).field(u.budget);
  csv.field(u.satisfaction).field(u.need_weighted_effectiveness);
  csv.field(u.active_pilots).field(u.pilots_started).field(u.designated_received).field(u.leaders);
  csv.endRow();
}

void writeInnovation(CsvWriter& csv, std::uint32_t replicate, const InnovationRecord& c) {
  csv.field(replicate).field(c.id).field(c.lineage);
  domainField(csv, c.domain);
  csv.field(c.level).field(c.superior).field(c.origin_unit).field(c.scope).field(c.start);
  for (std::int32_t m : {c.month50, c.month90}) {
    if (m < 0) {
      csv.missing();
    } else {
      csv.field(m);
    }
  }
  csv.field(c.final_share).field(c.adapted).field(c.copied);
  csv.endRow();
}

template <std::size_t N>
void describeColumns(std::string& out, const std::array<Column, N>& columns) {
  for (const auto& c : columns) out += fmt::format("  {:<28} [{}] {}\n", c.name, c.unit, c.meaning);
}

}  // namespace

RunWriter::RunWriter(const OutputDirectory& dir, const Scenario& scenario, RunWriterOptions options)
    : dir_(dir), scenario_(scenario), options_(std::move(options)) {
  monthly_ = std::make_unique<CsvWriter>(dir_.file("monthly.csv"));
  monthly_->header(monthlyHeader());
  if (options_.records == RecordsMode::All) {
    pilots_ = std::make_unique<CsvWriter>(dir_.file("pilots.csv"));
    pilots_->header(names(kPilotColumns));
    tenures_ = std::make_unique<CsvWriter>(dir_.file("tenures.csv"));
    tenures_->header(names(kTenureColumns));
  }
  units_ = std::make_unique<CsvWriter>(dir_.file("units.csv"));
  units_->header(names(kUnitColumns));
  innovations_ = std::make_unique<CsvWriter>(dir_.file("innovations.csv"));
  innovations_->header(names(kInnovationColumns));
}

RunWriter::~RunWriter() = default;

void RunWriter::write(const RunResult& result) {
  if (finished_) throw std::logic_error("RunWriter::write after finish");
  if (result.replicate != next_replicate_) {
    throw std::logic_error(
        fmt::format("RunWriter: replicate {} arrived where {} was expected", result.replicate, next_replicate_));
  }
  ++next_replicate_;
  const std::uint32_t r = result.replicate;
  const int months = scenario_.params.run.months;

  for (const MonthlyRow& row : result.monthly) {
    monthly_->field(r).field(row.month).field(row.month / 12 + 1);
    for (double v : row.values) monthly_->field(v);
    monthly_->endRow();
  }
  if (pilots_) {
    for (const auto& p : result.pilots) writePilot(*pilots_, r, p, months);
  }
  if (tenures_) {
    for (const auto& t : result.tenures) writeTenure(*tenures_, r, t, months);
  }
  for (const auto& u : result.units) writeUnit(*units_, r, u);
  for (const auto& c : result.innovations) writeInnovation(*innovations_, r, c);
  summary_.add(result);
}

Summary RunWriter::finish() {
  if (finished_) throw std::logic_error("RunWriter::finish called twice");
  finished_ = true;
  for (auto* csv : {monthly_.get(), pilots_.get(), tenures_.get(), units_.get(), innovations_.get()}) {
    if (csv != nullptr) csv->close();
  }
  Summary summary = summary_.summary();
  writeTextFile(dir_.file("summary.json"), summaryJson(summary, scenario_));
  writeTextFile(dir_.file("scenario.toml"), scenarioFileText(scenario_, options_));
  writeTextFile(dir_.file("README.txt"), readmeText(options_.records));
  return summary;
}

std::vector<std::string_view> RunWriter::fileNames(RecordsMode records) {
  std::vector<std::string_view> files{"monthly.csv"};
  if (records == RecordsMode::All) {
    files.push_back("pilots.csv");
    files.push_back("tenures.csv");
  }
  for (std::string_view f : {"units.csv", "innovations.csv", "summary.json", "scenario.toml", "README.txt"}) {
    files.push_back(f);
  }
  return files;
}

std::string RunWriter::scenarioFileText(const Scenario& scenario, const RunWriterOptions& options) {
  const RunParams& run = scenario.params.run;
  std::string out;
  out += fmt::format("# The fully resolved scenario of a pilotsim run, written by pilotsim {}.\n", programVersion());
  out += fmt::format("# seed {}, {} replicates, {} months after {} months of burn-in.\n", run.seed, run.replicates,
                     run.months, run.burn_in);
  if (!options.command_line.empty()) out += fmt::format("# command: {}\n", options.command_line);
  out += fmt::format(
      "# To re-run it exactly (any thread count gives the same files):\n"
      "#   pilotsim run scenario.toml{} --out <new directory>\n\n",
      options.records == RecordsMode::None ? " --records none" : "");
  out += toToml(scenario);
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::string RunWriter::readmeText(RecordsMode records) {
  std::string out =
      "Output of a pilotsim run. docs/outputs.md in the pilotsim sources documents every file.\n"
      "CSV: UTF-8, comma-separated, header row, LF line ends; an empty field is a missing value\n"
      "(NaN or censored); booleans are 0/1; months count from the end of burn-in (negative =\n"
      "burn-in). Units in [brackets]; 'attention' is a unit's monthly attention at governance\n"
      "base 1.\n\n";
  out += "monthly.csv - one row per replicate and measured month:\n";
  describeColumns(out, kMonthlyLead);
  for (const MeasureInfo& m : measureTable()) {
    out += fmt::format("  {:<28} [{}] {} ({})\n", m.key, m.unit, m.meaning, m.zh);
  }
  if (records == RecordsMode::All) {
    out += "\npilots.csv - one row per pilot started after burn-in began:\n";
    describeColumns(out, kPilotColumns);
    out += "\ntenures.csv - one row per leader tenure that overlapped the measured period:\n";
    describeColumns(out, kTenureColumns);
  }
  out += "\nunits.csv - the final state of each unit:\n";
  describeColumns(out, kUnitColumns);
  out += "\ninnovations.csv - one row per promotion campaign:\n";
  describeColumns(out, kInnovationColumns);
  out +=
      "\nsummary.json - per measure, the mean and 95% t-interval across replicates of each\n"
      "  replicate's mean over its last 60 measured months (\"final\") and over all measured months\n"
      "  (\"whole_run\"); and mean months to 50% / 90% adoption of the campaigns that got there.\n"
      "\nscenario.toml - the fully resolved scenario; 'pilotsim run scenario.toml' repeats the run.\n";
  return out;
}

}  // namespace pilotsim
