#include "pilotsim/experiment/RunWriter.hpp"
#include "pilotsim/experiment/RunTables.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/io/ColumnTable.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/model/Domains.hpp"
#include "pilotsim/model/Measures.hpp"
#include "pilotsim/model/Records.hpp"
#include "pilotsim/scenario/StructureFile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace pilotsim {
namespace {

/// The copy of a structure file in a run's directory.
constexpr std::string_view kStructureCopy = "structure.csv";

// Each table's columns, with unit and meaning, in output order. The header row and README.txt are
// both made from these lists, so they cannot disagree; the row writers below must follow the same
// order (tests/experiment/RunWriterTest.cpp checks the counts match).
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
    Column{"origin", "-", "spontaneous | designated | adoption | restart | relocated"},
    Column{"style", "-", "adoption style: none | adapt | copy_rename"},
    Column{"status", "-",
           "status at end (or at end of run): preparing, active, symbolic, failed, interrupted, abandoned, "
           "institutionalised, halted, concluded"},
    Column{"boldness", "-", "design boldness: 0 cautious, 1 normal, 2 bold"},
    Column{"halt_reason", "-", "why a superior halted it: none | red_line | review"},
    Column{"first_mover", "0/1", "first among its unit's peers in its domain, at launch"},
    Column{"ended_at_turnover", "0/1", "interrupted or restarted by a successor leader"},
    Column{"crossed_red_line", "0/1", "crossed a red line (detected or not)"},
    Column{"delivered", "0/1", "designated: met its target at the acceptance review; empty if never reviewed"},
    Column{"lineage", "-", "content identity: restarts and copies keep their original's lineage"},
    Column{"leader", "-", "leader (tenure id) who started it"},
    Column{"restarted_from", "-", "id of the pilot this one renames or relocates; empty if none"},
    Column{"adopted_from", "-", "id of the recognised pilot this adoption copies or adapts; empty if none"},
    Column{"campaign", "-", "campaign it was adopted under; empty for a voluntary adoption or no adoption"},
    Column{"programme", "-", "programme node (programmes.csv id) that designated it; empty if none"},
    Column{"decided", "month", "month the pilot was decided, before its preparation"},
    Column{"start", "month", "month launched, or planned to launch if it never did (negative: during burn-in)"},
    Column{"end", "month", "month it ended; empty if still running at the end of the run (censored)"},
    Column{"censored", "0/1", "1 if still running at the end of the run"},
    Column{"duration", "month", "end - start, or months - start if censored; empty if it never launched"},
    Column{"absorbed", "month", "month an institutionalised pilot was absorbed into routine; empty if not"},
    Column{"turnovers", "-", "leader turnovers survived"},
    Column{"second_innovations", "-", "redesigns after new problems"},
    Column{"quality", "-", "design quality"},
    Column{"fit", "-", "fit to the unit's needs (at end)"},
    Column{"substance", "attention", "cumulative effort on substance (attention and special funds spent on it)"},
    Column{"packaging", "attention", "cumulative effort on packaging (attention and special funds spent on it)"},
    Column{"funds", "attention",
           "special funds spent on this pilot (own kept and diverted received; part of substance and packaging)"},
    Column{"diverted", "attention", "this pilot's special funds diverted to another pilot"},
    Column{"impact_built", "impact", "true impact built, at end"},
    Column{"impact_realised", "impact", "true impact reaching citizens, at end"},
    Column{"reported", "impact", "reported impact, at end"},
    Column{"novelty", "-", "novelty claimed at launch"},
    Column{"target", "impact", "designated target (reported impact); 0 if none"},
};

constexpr std::array kTenureColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"leader", "-", "tenure id (a rotated leader has one per post)"},
    Column{"unit", "-", "unit led"},
    Column{"previous", "-", "the same person's previous tenure; empty if none"},
    Column{"start", "month", "month the tenure began (negative: during burn-in)"},
    Column{"end", "month", "month the tenure ended; empty if still in office at the end (censored)"},
    Column{"censored", "0/1", "1 if still in office at the end of the run"},
    Column{"duration", "month", "end - start, or months - start if censored"},
    Column{"began_in_burn_in", "0/1", "1 if the tenure began during burn-in (or before the run)"},
    Column{"exit", "-", "how it ended: promoted | rotated | retired | dismissed | in_office"},
    Column{"ambition", "-", "weight of career in the leader's utility, 0..1"},
    Column{"competence", "-", "leader competence"},
    Column{"impression", "-", "superior's impression at the end of tenure (or run)"},
    Column{"true_contribution", "impact x month",
           "realised impact of pilots the leader started, summed over months to the end of the run"},
    Column{"reviewed_contribution", "impact x month", "B2: contribution measured by the exit review; empty if none"},
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
    Column{"name", "-", "name from the structure file; empty for generated structures"},
};

constexpr std::array kInnovationColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"id", "-", "campaign id"},
    Column{"lineage", "-", "lineage of the promoted innovation"},
    Column{"domain", "-", "policy domain key"},
    Column{"level", "-", "depth of the endorsing superior (0 = top)"},
    Column{"superior", "-", "endorsing superior"},
    Column{"origin_unit", "-", "unit where the innovation began"},
    Column{"source_pilot", "-", "the recognised pilot promoted"},
    Column{"scope", "-", "units under the endorsing superior"},
    Column{"stake", "-", "political weight: 1 + endorsement_boost x levels above the units' own superior"},
    Column{"start", "month", "month the campaign began"},
    Column{"months_to_10", "month", "months from start to 10% coverage; empty if not reached"},
    Column{"months_to_50", "month", "months from start to 50% coverage; empty if not reached"},
    Column{"months_to_90", "month", "months from start to 90% coverage; empty if not reached"},
    Column{"end", "month", "month the campaign ended; empty if still running"},
    Column{"end_reason", "-", "coverage (goal reached) | attention (moved on) | time_limit | running"},
    Column{"final_share", "0..1", "share of the scope that adopted, at the end"},
    Column{"adapted", "-", "adopters that adapted it"},
    Column{"copied", "-", "adopters that copied and renamed it"},
};

constexpr std::array kRecognitionColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"month", "month", "month the experience was named (a December)"},
    Column{"superior", "-", "recognising superior"},
    Column{"depth", "-", "its depth (0 = top)"},
    Column{"pilot", "-", "the pilot named"},
    Column{"lineage", "-", "its lineage"},
    Column{"unit", "-", "its unit"},
    Column{"seen", "impact", "the value the superior ranked by (report as read, or its mix with a measurement)"},
    Column{"reported", "impact", "the pilot's report that month"},
    Column{"verified", "impact", "the superior's measurement of its realised impact (A3); empty if not inspected"},
    Column{"realised", "impact", "its true realised impact (for analysis: no agent reads it)"},
    Column{"campaign", "-", "campaign the superior started to promote it; empty if it chose not to"},
};

constexpr std::array kProgrammeColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"id", "-", "programme node: one row per superior a programme passed through"},
    Column{"programme", "-", "the programme (its launching node's id)"},
    Column{"parent", "-", "node that passed it here; empty at the launcher"},
    Column{"launcher", "-", "superior that launched the programme"},
    Column{"superior", "-", "superior at this node"},
    Column{"depth_below", "-", "levels below the launcher (0 = the launcher)"},
    Column{"domain", "-", "policy domain key"},
    Column{"month", "month", "month launched"},
    Column{"quota", "pilots", "designated pilots asked of this superior's area"},
    Column{"multiplier", "x", "the multiple this superior chose (imposed minimum included): escalation"},
    Column{"assigned", "pilots", "pilots it passed down: quota x multiplier"},
    Column{"target", "impact", "target it passed down (reported impact per pilot)"},
    Column{"eligible", "-", "units it could place pilots in (where it places them itself)"},
    Column{"applicants", "-", "eligible units that applied"},
    Column{"selected", "-", "applicants given a slot"},
    Column{"forced", "-", "non-applicants given a slot under high-level push"},
    Column{"delivered", "-", "designated pilots below it that met their target at the acceptance review"},
    Column{"reviewed", "-", "designated pilots below it that faced the acceptance review"},
};

constexpr std::array kHierarchyColumns = {
    Column{"replicate", "-", "replicate number"},
    Column{"superior", "-", "superior id (depth-first pre-order, root 0)"},
    Column{"parent", "-", "its own superior; empty for the root"},
    Column{"depth", "-", "0 = top"},
    Column{"name", "-", "name (structure presets name real places; a structure file gives its own)"},
    Column{"units", "-", "units anywhere under it"},
    Column{"direct_units", "-", "units directly under it (peers)"},
    Column{"ambition", "-", "its official's ambition"},
    Column{"belief", "0..1", "its final belief that a designated pilot meets its target"},
    Column{"programmes", "-", "programmes it launched"},
    Column{"campaigns", "-", "promotion campaigns it started"},
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
template <class Out>
void domainField(Out& csv, std::uint16_t domain) {
  const auto table = domainTable();
  if (domain < table.size()) {
    csv.field(table[domain].key);
  } else {
    csv.field(domain);
  }
}

// Months are counted from the end of burn-in and run to `months`; a censored spell is observed up to
// there. A pilot that never launched (still being prepared at the end, or stopped in preparation)
// has its planned start after its end: it has no spell, and its duration is missing.
template <class Out>
void spellFields(Out& csv, std::int32_t start, std::int32_t end, bool censored, int months) {
  if (censored) {
    csv.missing();
  } else {
    csv.field(end);
  }
  csv.field(censored);
  const auto duration = static_cast<std::int64_t>(censored ? months : end) - start;
  // Months run 0..months-1, so a censored pilot whose start is `months` or later never launched.
  if (duration < 0 || (censored && start >= months)) {
    csv.missing();
  } else {
    csv.field(duration);
  }
}

template <class Out>
void optionalId(Out& csv, std::uint32_t id) {
  if (id == kNoId) {
    csv.missing();
  } else {
    csv.field(id);
  }
}

template <class Out>
void optionalMonth(Out& csv, std::int32_t month) {
  if (month == kStillRunning || month < 0) {
    csv.missing();
  } else {
    csv.field(month);
  }
}

template <class Out>
void writePilot(Out& csv, std::uint32_t replicate, const PilotRecord& p, int months) {
  csv.field(replicate).field(p.id).field(p.unit);
  domainField(csv, p.domain);
  csv.field(toString(p.origin)).field(toString(p.style)).field(toString(p.status));
  csv.field(static_cast<int>(p.boldness)).field(toString(p.halt_reason));
  csv.field(p.first_mover).field(p.ended_at_turnover).field(p.crossed_red_line);
  if (p.delivered < 0) {
    csv.missing();
  } else {
    csv.field(static_cast<int>(p.delivered));
  }
  csv.field(p.lineage).field(p.leader);
  optionalId(csv, p.restarted_from);
  optionalId(csv, p.adopted_from);
  optionalId(csv, p.campaign);
  optionalId(csv, p.programme);
  csv.field(p.decided).field(p.start);
  spellFields(csv, p.start, p.end, p.end == kStillRunning, months);
  if (p.absorbed == kStillRunning) {
    csv.missing();
  } else {
    csv.field(p.absorbed);
  }
  csv.field(p.turnovers).field(p.second_innovations).field(p.quality).field(p.fit);
  csv.field(p.substance).field(p.packaging).field(p.funds).field(p.diverted);
  csv.field(p.impact_built).field(p.impact_realised).field(p.reported).field(p.novelty).field(p.target);
  csv.endRow();
}

template <class Out>
void writeTenure(Out& csv, std::uint32_t replicate, const TenureRecord& t, int months) {
  csv.field(replicate).field(t.leader).field(t.unit);
  optionalId(csv, t.previous);
  csv.field(t.start);
  spellFields(csv, t.start, t.end, t.end == kStillRunning, months);
  csv.field(t.began_in_burn_in).field(toString(t.exit));
  csv.field(t.ambition).field(t.competence).field(t.impression).field(t.true_contribution);
  csv.field(t.reviewed_contribution);
  if (t.promoted < 0) {
    csv.missing();
  } else {
    csv.field(static_cast<int>(t.promoted));
  }
  csv.field(t.pilots_started);
  csv.endRow();
}

template <class Out>
void writeUnit(Out& csv, std::uint32_t replicate, const UnitRecord& u) {
  csv.field(replicate).field(u.unit).field(u.superior).field(u.base).field(u.budget);
  csv.field(u.satisfaction).field(u.need_weighted_effectiveness);
  csv.field(u.active_pilots).field(u.pilots_started).field(u.designated_received).field(u.leaders).field(u.name);
  csv.endRow();
}

template <class Out>
void writeInnovation(Out& csv, std::uint32_t replicate, const InnovationRecord& c) {
  csv.field(replicate).field(c.id).field(c.lineage);
  domainField(csv, c.domain);
  csv.field(c.level).field(c.superior).field(c.origin_unit).field(c.source_pilot).field(c.scope).field(c.stake);
  csv.field(c.start);
  for (std::int32_t m : {c.month10, c.month50, c.month90}) optionalMonth(csv, m);
  if (c.end == kStillRunning) {
    csv.missing();
  } else {
    csv.field(c.end);
  }
  csv.field(toString(c.end_reason)).field(c.final_share).field(c.adapted).field(c.copied);
  csv.endRow();
}

template <class Out>
void writeRecognition(Out& csv, std::uint32_t replicate, const RecognitionRecord& r) {
  csv.field(replicate).field(r.month).field(r.superior).field(r.depth).field(r.pilot).field(r.lineage).field(r.unit);
  csv.field(r.seen).field(r.reported).field(r.verified).field(r.realised);
  optionalId(csv, r.campaign);
  csv.endRow();
}

template <class Out>
void writeProgramme(Out& csv, std::uint32_t replicate, const ProgrammeRecord& r) {
  csv.field(replicate).field(r.id).field(r.programme);
  optionalId(csv, r.parent);
  csv.field(r.launcher).field(r.superior).field(r.depth_below);
  domainField(csv, r.domain);
  csv.field(r.month).field(r.quota).field(r.multiplier).field(r.assigned).field(r.target);
  csv.field(r.eligible).field(r.applicants).field(r.selected).field(r.forced).field(r.delivered).field(r.reviewed);
  csv.endRow();
}

template <class Out>
void writeHierarchy(Out& csv, std::uint32_t replicate, const HierarchyRecord& h) {
  csv.field(replicate).field(h.superior);
  optionalId(csv, h.parent);
  csv.field(h.depth).field(h.name).field(h.units).field(h.direct_units).field(h.ambition).field(h.belief);
  csv.field(h.programmes).field(h.campaigns);
  csv.endRow();
}

// The tables a replicate's rows go to, in RunWriter::fileNames' order: CSV files or in-memory tables
// (RunTables). pilots and tenures are null with RecordsMode::None.
template <class Out>
struct RunRows {
  Out *monthly, *pilots, *tenures, *units, *innovations, *recognitions, *programmes, *hierarchy;
};

template <class Out>
void writeResult(const RunRows<Out>& out, const RunResult& result, int months) {
  const std::uint32_t r = result.replicate;
  for (const MonthlyRow& row : result.monthly) {
    out.monthly->field(r).field(row.month).field(row.month / 12 + 1);
    for (double v : row.values) out.monthly->field(v);
    out.monthly->endRow();
  }
  if (out.pilots) {
    for (const auto& p : result.pilots) writePilot(*out.pilots, r, p, months);
  }
  if (out.tenures) {
    for (const auto& t : result.tenures) writeTenure(*out.tenures, r, t, months);
  }
  for (const auto& u : result.units) writeUnit(*out.units, r, u);
  for (const auto& c : result.innovations) writeInnovation(*out.innovations, r, c);
  for (const auto& x : result.recognitions) writeRecognition(*out.recognitions, r, x);
  for (const auto& x : result.programmes) writeProgramme(*out.programmes, r, x);
  for (const auto& x : result.hierarchy) writeHierarchy(*out.hierarchy, r, x);
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
  recognitions_ = std::make_unique<CsvWriter>(dir_.file("recognitions.csv"));
  recognitions_->header(names(kRecognitionColumns));
  programmes_ = std::make_unique<CsvWriter>(dir_.file("programmes.csv"));
  programmes_->header(names(kProgrammeColumns));
  hierarchy_ = std::make_unique<CsvWriter>(dir_.file("hierarchy.csv"));
  hierarchy_->header(names(kHierarchyColumns));
  // The structure file is copied in at the start of the run, when the simulations read it too, and
  // scenario.toml names the copy: the directory repeats its run even after the original is edited.
  if (scenario_.params.structure.preset == "file")
    writeTextFile(dir_.file(std::string(kStructureCopy)), readStructureText(scenario_.params.structure.file));
}

RunWriter::~RunWriter() = default;

void RunWriter::write(const RunResult& result) {
  if (finished_) throw std::logic_error("RunWriter::write after finish");
  if (result.replicate != next_replicate_) {
    throw std::logic_error(
        fmt::format("RunWriter: replicate {} arrived where {} was expected", result.replicate, next_replicate_));
  }
  ++next_replicate_;

  writeResult(RunRows<CsvWriter>{monthly_.get(), pilots_.get(), tenures_.get(), units_.get(), innovations_.get(),
                                 recognitions_.get(), programmes_.get(), hierarchy_.get()},
              result, scenario_.params.run.months);
  summary_.add(result);
}

Summary RunWriter::finish() {
  if (finished_) throw std::logic_error("RunWriter::finish called twice");
  finished_ = true;
  for (auto* csv : {monthly_.get(), pilots_.get(), tenures_.get(), units_.get(), innovations_.get(),
                    recognitions_.get(), programmes_.get(), hierarchy_.get()}) {
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
  for (std::string_view f : {"units.csv", "innovations.csv", "recognitions.csv", "programmes.csv", "hierarchy.csv",
                             "summary.json", "scenario.toml", "README.txt"}) {
    files.push_back(f);
  }
  return files;
}

std::string RunWriter::scenarioFileText(const Scenario& scenario, const RunWriterOptions& options) {
  const RunParams& run = scenario.params.run;
  std::string out;
  out += fmt::format("# The fully resolved scenario of a pilotsim run, written by pilotsim {} (model version {}).\n",
                     programVersion(), kModelVersion);
  out += fmt::format("# seed {}, {} replicates, {} months after {} months of burn-in.\n", run.seed, run.replicates,
                     run.months, run.burn_in);
  if (!options.command_line.empty()) out += fmt::format("# command: {}\n", options.command_line);
  out += fmt::format(
      "# To re-run it exactly (any thread count gives the same files):\n"
      "#   pilotsim run scenario.toml{} --out <new directory>\n\n",
      options.records == RecordsMode::None ? " --records none" : "");
  if (scenario.params.structure.preset == "file") {
    std::string original = scenario.params.structure.file;
    std::replace(original.begin(), original.end(), '\n', ' ');  // a line break would end the comment
    out += fmt::format("# structure.file names {}, this directory's copy of {}.\n", kStructureCopy, original);
    Scenario copy = scenario;
    copy.params.structure.file = std::string(kStructureCopy);
    out += toToml(copy);
  } else {
    out += toToml(scenario);
  }
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
    out += fmt::format("  {:<28} [{}] {} ({}: {})\n", m.key, m.unit, m.meaning, m.zh, m.meaning_zh);
  }
  if (records == RecordsMode::All) {
    out += "\npilots.csv - one row per pilot decided, burn-in included:\n";
    describeColumns(out, kPilotColumns);
    out += "\ntenures.csv - one row per leader tenure that overlapped the measured period:\n";
    describeColumns(out, kTenureColumns);
  }
  out += "\nunits.csv - the final state of each unit:\n";
  describeColumns(out, kUnitColumns);
  out += "\ninnovations.csv - one row per promotion campaign:\n";
  describeColumns(out, kInnovationColumns);
  out += "\nrecognitions.csv - one row per typical experience a superior named:\n";
  describeColumns(out, kRecognitionColumns);
  out += "\nprogrammes.csv - one row per superior each designated programme passed through:\n";
  describeColumns(out, kProgrammeColumns);
  out += "\nhierarchy.csv - one row per superior:\n";
  describeColumns(out, kHierarchyColumns);
  out +=
      "\nsummary.json - per measure, the mean and 95% t-interval across replicates of each\n"
      "  replicate's mean over its last 60 measured months (\"final\") and over all measured months\n"
      "  (\"whole_run\"); and mean months to 50% / 90% adoption of the campaigns that got there.\n"
      "\nscenario.toml - the fully resolved scenario; 'pilotsim run scenario.toml' repeats the run.\n"
      "\nstructure.csv - only when structure.preset = \"file\": a copy of the structure file the run\n"
      "  read, which scenario.toml names.\n";
  return out;
}

RunTables::RunTables(const Scenario& scenario, RecordsMode records, std::uint32_t first_replicate)
    : scenario_(scenario), next_replicate_(first_replicate) {
  const auto add = [this](std::string_view name, std::span<const std::string_view> header) {
    ColumnTableBuilder& b = tables_.emplace_back(std::string(name));
    b.header(header);
    return &b;
  };
  monthly_ = add("monthly", monthlyHeader());
  if (records == RecordsMode::All) {
    pilots_ = add("pilots", names(kPilotColumns));
    tenures_ = add("tenures", names(kTenureColumns));
  }
  units_ = add("units", names(kUnitColumns));
  innovations_ = add("innovations", names(kInnovationColumns));
  recognitions_ = add("recognitions", names(kRecognitionColumns));
  programmes_ = add("programmes", names(kProgrammeColumns));
  hierarchy_ = add("hierarchy", names(kHierarchyColumns));
}

void RunTables::add(const RunResult& result) {
  if (result.replicate != next_replicate_) {
    throw std::logic_error(
        fmt::format("RunTables: replicate {} arrived where {} was expected", result.replicate, next_replicate_));
  }
  ++next_replicate_;
  writeResult(RunRows<ColumnTableBuilder>{monthly_, pilots_, tenures_, units_, innovations_, recognitions_, programmes_,
                                          hierarchy_},
              result, scenario_.params.run.months);
  summary_.add(result);
}

std::vector<ColumnTable> RunTables::take() {
  std::vector<ColumnTable> out;
  for (auto& b : tables_) out.push_back(b.take());
  return out;
}

}  // namespace pilotsim
