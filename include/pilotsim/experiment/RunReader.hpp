// Reads a finished run directory (`pilotsim run ... --out DIR`, written by RunWriter) back into the
// records it was written from: the scenario from scenario.toml and, per replicate, a RunResult with
// its monthly rows and every record table. Statistics computed from RunResults (calibration's summary
// statistics, for one) can so be computed on a run made earlier, without simulating it again.
//
// Every field reads back exactly as it was before writing: doubles were written as the shortest text
// that reads back to the same double, and the empty cells RunWriter writes for "nothing" become the
// values it wrote them for (kNoId, kStillRunning, NaN, -1). Columns are looked up by name, so a CSV
// re-saved with its columns reordered (or with columns added) still reads; the columns RunWriter
// derives from the record fields (year, censored, duration) are not read. summary.json and
// README.txt are not read either: everything in them follows from the records and the scenario.
//
// Memory: each table is read whole (a CsvTable holds every cell as a string) and turned into records
// before the next is read. That is fine for the small tables, but pilots.csv needs about ten times its
// size while it is converted (a province run's 30 MB peaked at 310 MB), so about 10 GB for the
// gigabyte of a national run. Acceptable for now; a reader that streams rows would remove it.
#pragma once

#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <filesystem>
#include <vector>

namespace pilotsim {

/// A run directory read back.
struct RunDirectory {
  /// From DIR/scenario.toml: the fully resolved scenario, run.months, run.burn_in and run.replicates
  /// included.
  Scenario scenario;
  /// One per replicate (run.replicates of them), in replicate order, each row in its file's order.
  std::vector<RunResult> replicates;
  /// pilots.csv and tenures.csv are both there (the run was not made with `--records none`). When
  /// false, every replicate's `pilots` and `tenures` are empty.
  bool has_records = false;
};

/// Read the run directory `dir`. pilots.csv and tenures.csv are read whenever both are there; if
/// `need_records` and one is missing, that is an error saying the run must be made again with
/// records. Throws InputError naming the file, and the line and column where there are some: a
/// missing directory or file, a missing column (named), an unknown enum text (the allowed values
/// listed), a number that is not one or does not fit its field, a replicate number outside
/// 0..run.replicates-1.
RunDirectory readRunDirectory(const std::filesystem::path& dir, bool need_records = true);

}  // namespace pilotsim
