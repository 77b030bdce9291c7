// `pilotsim calibrate FILE`: approximate Bayesian computation of a calibration file's parameters
// (experiment/CalibrationFile.hpp) on the campaign store.
//
// Each candidate the sampler proposes (calibration/Abc.hpp) becomes a point of the campaign database
// with `replicates` runs; a run's stored values are every statistic the database keeps (the targets
// and, with their default arguments, every statistic of the library, so that predictive checks of
// statistics that were not fitted need no new runs). A candidate's statistics are the means over its
// replicates, and each candidate draws its own random streams (a run seed mixed from the file's
// seed, its generation and its index): ABC's posterior accounts for the model's noise only if each
// candidate meets noise of its own (common random numbers would fit one realisation of the noise,
// and the intervals would be too narrow). Runs commit as they finish; a
// calibration stopped at any moment (Ctrl-C, kill -9) and started again replays what is stored
// through the same ask/tell sampler and goes on exactly where it was: the same candidates, the same
// generations, the same posterior, on any thread count.
//
// After the last generation, every particle of the posterior is simulated once more, as generation
// kPredictiveGeneration, with fresh random streams: the posterior predictive check compares those
// statistics with the observed values.
//
// The candidates are simulated in rounds: a batch of candidates at a time, each round's runs a
// CampaignWork made from the calibration file and the round's candidates (calibrationWork), run in
// this process or, through a CalibrationRunner, over the ranks of an MPI job (distributed/), which
// need the round's candidates as well as the file, since the sampler proposes them from the results
// so far. The batch size is the only thing that depends on who runs them, and it changes only which
// candidates past the end of a generation are simulated (and never used): the files are the same.
#pragma once

#include "pilotsim/calibration/Abc.hpp"
#include "pilotsim/experiment/CalibrationFile.hpp"
#include "pilotsim/experiment/CampaignRun.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace pilotsim {

/// The generation number under which the posterior predictive runs are stored.
inline constexpr int kPredictiveGeneration = -1;

/// The statistics a calibration database keeps, in order: the targets', then every statistic of the
/// library with its default arguments that is not a target.
std::vector<std::string> calibrationStatistics(const CalibrationSpec& spec);

/// Opens the calibration in `store` (defining it if the database is new) and checks it is `spec`'s.
/// Throws InputError if the database holds a campaign, a robustness analysis or another
/// calibration, or was started by another program version.
void openCalibration(const CalibrationSpec& spec, CampaignStore& store, const std::string& command);

/// Whether a database's definition text is a calibration's.
bool isCalibrationDefinition(const std::string& definition_text);

struct PredictiveCheck {
  std::string statistic;
  bool target = false;
  double observed = 0, uncertainty = 0;   ///< NaN if not a target
  double median = 0, lo90 = 0, hi90 = 0;  ///< weighted quantiles over the posterior particles
  double share_within = 0;  ///< posterior weight of particles within one uncertainty of the observed (targets)
  int defined = 0;          ///< particles whose statistic is defined
};

struct CalibrationResult {
  std::vector<abc::Generation> generations;  ///< SMC's closed generations, or rejection's one
  std::string stop_reason;
  std::uint64_t candidates = 0;    ///< candidates counted by the sampler
  std::int64_t runs_done_now = 0;  ///< runs this call simulated
  std::int64_t runs_stored = 0;    ///< runs in the database
  std::vector<abc::Summary> posterior;
  std::vector<PredictiveCheck> checks;  ///< targets first, then the statistics of `check`
  /// For each posterior particle, every kept statistic of its predictive runs (mean over replicates).
  std::vector<std::vector<double>> predictive;
};

/// Where a calibration stands, after each batch of candidates: the generation being filled, its
/// particles accepted so far (for rejection ABC: the candidates simulated) out of `particles`, and
/// the candidates told.
struct CalibrationStatus {
  int generation = 0;  ///< kPredictiveGeneration during the predictive runs
  std::size_t accepted = 0, particles = 0, candidates = 0;
  std::int64_t runs = 0;  ///< runs simulated by this call so far, by every process that runs them
};

struct CalibrationCallbacks {
  std::function<void(const abc::Generation&)> generation_closed;  ///< also for generations replayed
  std::function<void(const CalibrationStatus&)> batch_done;
};

/// Throws InputError (key: the --check text) for a statistic to check that the calibration does
/// not keep: a target or a statistic with its default arguments. runCalibration checks it too; a
/// command calls this first, before it creates the database.
void checkCheckedStatistics(const CalibrationSpec& spec, const std::vector<std::string>& check);

/// The work of a round: the replicates of `candidates` (point numbers, generations, indices and
/// values as stored), each run's outcomes the kept statistics (calibrationStatistics), on `threads`
/// workers. A pure function of the file and the candidates, so any process that holds both computes
/// the same outputs. Every candidate must satisfy the cross-parameter rules (validateParams).
CampaignWork calibrationWork(const CalibrationSpec& spec, std::span<const CandidatePoint> candidates, int threads);

/// A round's candidates as numbers (values bit for bit), for the ranks of an MPI job, and back.
/// decodeCandidates throws std::runtime_error for numbers that are not such a list.
std::vector<double> encodeCandidates(std::span<const CandidatePoint> candidates);
std::vector<CandidatePoint> decodeCandidates(std::span<const double> numbers);

/// Who runs a calibration's rounds. The default (no `run`): this process, with runPending.
struct CalibrationRunner {
  /// Processes that run the rounds, each on `threads` workers: the batch size counts all their
  /// workers, so that every one is busy.
  int processes = 1;
  /// Run `pending` (runs of `work`, the round of `candidates`), handing each transaction of finished
  /// runs to `save`; throw Interrupted after `*stop` is raised, once the finished runs are saved.
  std::function<void(std::span<const CandidatePoint> candidates, const CampaignWork& work,
                     std::span<const RunKey> pending, const RunSaver& save, const std::atomic<bool>* stop)>
      run;
};

/// Runs (or resumes) the calibration to its end on `threads` workers (of each process of `runner`),
/// then its predictive runs, and summarises. `check` names statistics (kept ones) to check beyond
/// the targets. When `*stop` is raised, finished runs are stored and Interrupted is thrown.
CalibrationResult runCalibration(const CalibrationSpec& spec, CampaignStore& store, int threads,
                                 const std::vector<std::string>& check, const std::atomic<bool>* stop,
                                 const CalibrationCallbacks& callbacks = {}, const CalibrationRunner& runner = {});

}  // namespace pilotsim
