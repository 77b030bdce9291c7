// A campaign's results in one SQLite database: its definition, its design, every run with its seed
// and status, the kept outcomes of every finished run and, optionally, their monthly series.
//
// Tables (docs/campaigns.md documents every column):
//   meta(key, value)                       definition: campaign file text, base scenario, program
//                                          version, replicates, seed, method, outcomes, series,
//                                          shard (only in a shard's database: CampaignShard.hpp)
//   factors(factor, name, type)            the design's factors, in column order
//   points(point, block, matrix, moved, trajectory, step, delta)   the design's run structure
//   point_values(point, factor, value)     each design point's factor values
//   runs(point, replicate, seed, status)   every run: 'pending' until its results are stored
//   results(point, replicate, outcome, value)            NULL for an undefined value
//   series(point, replicate, month, measure, value)      only with series = true
//   candidates(point, generation, candidate)              points added by an adaptive method
//                                                         (calibration), after the definition
//
// Finished runs are stored in transactions: a run's results and its 'done' status commit together,
// so a process killed at any moment (kill -9 included) leaves every run either done with all its
// results or pending with none, and running the campaign again finishes exactly the pending ones.
// The journal is SQLite's write-ahead log, so `export` or `analyze` can read while a campaign runs.
#pragma once

#include "pilotsim/experiment/CampaignLock.hpp"
#include "pilotsim/experiment/CampaignShard.hpp"
#include "pilotsim/sensitivity/Design.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace pilotsim {

struct RunKey {
  std::int64_t point = 0;       ///< the design's run number (1-based)
  std::uint32_t replicate = 0;  ///< 0-based
};

/// What a finished run leaves: its kept outcomes (in the campaign's order) and, with series, the
/// kept measures for each month (months x measures, row-major).
struct RunOutput {
  RunKey key;
  std::vector<double> outcomes;
  std::vector<double> series;
};

/// The definition written once when a campaign starts.
struct CampaignDefinition {
  std::string campaign_file;  ///< as given on the command line
  std::string campaign_text;  ///< the experiment file's bytes
  std::string base_toml;      ///< the resolved base scenario
  std::string program_version;
  std::string command;  ///< the command that started the campaign
  int replicates = 1;
  std::int64_t seed = 0;
  std::vector<std::string> outcomes;         ///< kept outcome keys
  std::vector<std::string> series_measures;  ///< measures with monthly series (empty: none)
  /// The method written in meta.method; empty: the design's (an adaptive method names itself).
  std::string method;
  /// The part of the campaign the database holds (meta.shard; none: the whole campaign). A shard's
  /// database holds the whole design but only its own runs.
  CampaignShard shard;
};

/// A point an adaptive method (calibration) adds after the definition: candidate `candidate` of
/// generation `generation`, with its values in the factors' order.
struct CandidatePoint {
  std::int64_t point = 0;  ///< assigned by addCandidates
  int generation = 0;
  std::int64_t candidate = 0;
  std::vector<double> values;
  std::int64_t seed = 0;  ///< the run seed of its replicates (stored by addCandidates, not read back)
};

class CampaignStore {
 public:
  enum class Mode { ReadOnly, ReadWrite };

  /// Open a database; ReadWrite creates it if missing and holds its CampaignLock while open. Throws
  /// OutputError if it cannot be opened or created, InputError naming the file if it is not a
  /// pilotsim campaign database (or is corrupt) or if another process has it open ReadWrite.
  CampaignStore(const std::filesystem::path& path, Mode mode);
  ~CampaignStore();
  CampaignStore(const CampaignStore&) = delete;
  CampaignStore& operator=(const CampaignStore&) = delete;

  /// True once define() has committed.
  bool defined() const;
  /// Store the definition, the design and every run as pending, in one transaction.
  void define(const CampaignDefinition& definition, const sensitivity::Design& design);
  /// A meta value ("" if absent).
  std::string meta(std::string_view key) const;
  CampaignDefinition definition() const;

  /// Runs still pending, by point then replicate.
  std::vector<RunKey> pendingRuns() const;
  std::int64_t runCount() const;
  std::int64_t doneCount() const;

  /// Store finished runs and mark them done, in one transaction. A run already done is refused
  /// (the transaction rolls back), so nothing is ever counted twice.
  void saveRuns(std::span<const RunOutput> runs);

  /// Marks done the runs that are done in the campaign database `shard` and copies their results
  /// and series, in one transaction. The caller has checked that `shard` holds this campaign; a
  /// run that is not pending here is refused (the transaction rolls back). Returns the runs copied.
  std::int64_t copyDoneRuns(const std::filesystem::path& shard);

  /// Adds candidates as new points (numbered after the last) with every replicate pending, in one
  /// transaction; returns their point numbers. A (generation, candidate) stored before is refused.
  std::vector<std::int64_t> addCandidates(std::span<const CandidatePoint> candidates);
  /// Every candidate stored, by generation then candidate, with its point number and values.
  std::vector<CandidatePoint> candidates() const;
  /// The stored results by point: [outcome][replicate], NaN where a run is pending or undefined.
  /// Points without any result are absent.
  std::map<std::int64_t, std::vector<std::vector<double>>> pointResults() const;

  /// Throws InputError, saying how to get its files, if the database holds a calibration (its
  /// points are candidates, not a design).
  void checkHoldsDesign() const;

  /// The design as stored (structure and values), ready for the analysers. Throws InputError for a
  /// calibration's database, saying how to get its files.
  sensitivity::Design design() const;
  /// results[point row][outcome][replicate]: NaN where a run is pending or its value undefined.
  std::vector<std::vector<std::vector<double>>> results() const;
  /// Every series row in (point, replicate, month, measure) order; `measure` indexes the
  /// definition's series_measures.
  struct SeriesRow {
    std::int64_t point;
    std::uint32_t replicate;
    int month;
    int measure;
    double value;
  };
  std::vector<SeriesRow> seriesRows() const;
  /// Status of every run, by point then replicate: true if done.
  std::vector<std::pair<RunKey, bool>> runStatus() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  void exec(const char* sql) const;
  [[noreturn]] void fail(const std::string& what) const;
  void checkIntegrity() const;

  std::filesystem::path path_;
  std::unique_ptr<CampaignLock> lock_;  ///< ReadWrite only: one process runs a database at a time
  sqlite3* db_ = nullptr;
};

}  // namespace pilotsim
