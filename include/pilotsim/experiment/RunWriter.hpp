// Writes the files of one run into an OutputDirectory's staging directory:
//   monthly.csv      one row per replicate and measured month, one column per measure
//   pilots.csv       one row per pilot (survival-ready: start, end, censored, duration)
//   tenures.csv      one row per leader tenure
//   units.csv        final state of each unit
//   innovations.csv  one row per promotion campaign
//   recognitions.csv one row per typical experience named
//   programmes.csv   one row per superior each designated programme passed through
//   hierarchy.csv    one row per superior
//   summary.json     measures' means and 95% intervals across replicates
//   scenario.toml    the fully resolved scenario, with version, seed and the command that made it
//   README.txt       what each file and column means
//   structure.csv    with structure.preset = "file": a copy of the structure file, which
//                    scenario.toml names instead of the original
// docs/outputs.md documents every column. Rows are streamed: each replicate's records are written
// when it arrives and then dropped, so memory does not grow with the number of replicates.
//
// Nothing written depends on the thread count, the output path or the time of day: the same
// scenario and seed give byte-identical files.
//
// See RunReader (RunReader.hpp), which reads a run directory back into RunResults: a column added or
// changed here is read there too.
#pragma once

#include "pilotsim/experiment/Summary.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

class OutputDirectory;

/// Which per-record files to write. None skips the two large ones, pilots.csv and tenures.csv
/// (a national replicate has about a million pilots); the other tables are small and always written.
enum class RecordsMode { All, None };

struct RunWriterOptions {
  RecordsMode records = RecordsMode::All;
  /// The command that reproduces the run, recorded in scenario.toml. The caller leaves out what
  /// does not change the results (thread count, output directory, language, --quiet), or the files
  /// of otherwise identical runs would differ.
  std::string command_line;
};

class RunWriter {
 public:
  /// Open the tables in `dir`'s staging directory and write their headers. Throws OutputError.
  /// `dir` and `scenario` are referenced, not copied: they must outlive the writer.
  RunWriter(const OutputDirectory& dir, const Scenario& scenario, RunWriterOptions options);
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  /// Append one replicate. Replicates must arrive in order 0, 1, 2, ... (the Runner's sink does
  /// that); anything else is a logic error, since it would make files depend on scheduling.
  void write(const RunResult& result);
  /// Close the tables and write summary.json, scenario.toml and README.txt. The directory is not
  /// committed: that is the caller's last step. Returns the summary for the terminal table.
  Summary finish();

  /// Names of the files a run writes, in the order of the list above.
  static std::vector<std::string_view> fileNames(RecordsMode records);
  /// scenario.toml's text: comment lines naming version, seed, replicates and the command line,
  /// then toToml(scenario).
  static std::string scenarioFileText(const Scenario& scenario, const RunWriterOptions& options);
  /// README.txt's text: each file and each column, with meanings and units.
  static std::string readmeText(RecordsMode records);

 private:
  const OutputDirectory& dir_;
  const Scenario& scenario_;
  RunWriterOptions options_;
  std::unique_ptr<CsvWriter> monthly_, pilots_, tenures_, units_, innovations_, recognitions_, programmes_, hierarchy_;
  SummaryBuilder summary_;
  std::uint32_t next_replicate_ = 0;
  bool finished_ = false;
};

}  // namespace pilotsim
