// A run's tables in memory: the rows RunWriter writes to monthly.csv, pilots.csv, tenures.csv, ...
// as ColumnTables with the same columns and values, for front ends that hand tables over without
// files (the Python module's pilotsim.run). Implemented beside RunWriter (RunWriter.cpp) from the
// same column lists and row writers, so a table and its CSV file cannot disagree.
#pragma once

#include "pilotsim/experiment/RunWriter.hpp"
#include "pilotsim/experiment/Summary.hpp"
#include "pilotsim/io/ColumnTable.hpp"
#include "pilotsim/model/Simulation.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <deque>
#include <vector>

namespace pilotsim {

class RunTables {
 public:
  /// `scenario` is referenced, not copied: it must outlive the tables. Replicates are expected from
  /// `first_replicate` on (a single replicate stepped on its own need not be replicate 0).
  RunTables(const Scenario& scenario, RecordsMode records, std::uint32_t first_replicate = 0);
  RunTables(const RunTables&) = delete;
  RunTables& operator=(const RunTables&) = delete;

  /// Append one replicate; replicates must arrive in order (as RunWriter::write).
  void add(const RunResult& result);
  /// The tables named after their files, in RunWriter::fileNames' order ("monthly", "pilots", ...).
  /// Call once, after the last add().
  std::vector<ColumnTable> take();
  /// summary.json's content so far (summaryJson makes its text).
  Summary summary() const { return summary_.summary(); }

 private:
  const Scenario& scenario_;
  std::deque<ColumnTableBuilder> tables_;  // a deque: the pointers below stay valid as it grows
  ColumnTableBuilder *monthly_ = nullptr, *pilots_ = nullptr, *tenures_ = nullptr, *units_ = nullptr,
                     *innovations_ = nullptr, *recognitions_ = nullptr, *programmes_ = nullptr, *hierarchy_ = nullptr;
  SummaryBuilder summary_;
  std::uint32_t next_replicate_ = 0;
};

}  // namespace pilotsim
