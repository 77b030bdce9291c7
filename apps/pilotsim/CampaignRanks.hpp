// What `sweep`, `claims --robustness` and `calibrate` share to run their runs here or over the ranks
// of an MPI job (distributed/DistributedRuns.hpp): every rank reads the definition, rank 0 alone
// opens the database, and the runs go to whoever is free.
#pragma once

#include "pilotsim/distributed/MpiSession.hpp"
#include "pilotsim/experiment/Calibration.hpp"
#include "pilotsim/experiment/CampaignRun.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace pilotsim::cli {

/// The MPI job of this process (a job of one without a launcher); set by main.
const MpiSession& mpiSession();
void setMpiSession(const MpiSession* session);

/// A rank other than 0 ends with `code` after rank 0 (or this rank) has said why: nothing to print.
struct QuietExit {
  int code;
};

/// Every rank calls this with `read`, which reads the definition from the files and options of the
/// command line and returns its fingerprint (fingerprint()). If a rank's read throws, that rank
/// says why and rank 0 names it; if the ranks read different definitions, rank 0 says so.
void agreeOnDefinition(const MpiSession& mpi, const std::function<std::uint64_t()>& read);
/// Rank 0 calls `open` (the database and the campaign in it); the others wait for it and end
/// quietly if it throws.
void agreeOnOpen(const MpiSession& mpi, const std::function<void()>& open);
/// A fingerprint of a definition's texts.
std::uint64_t fingerprint(std::initializer_list<std::string_view> texts);

/// Rank 0 (or a job of one): run `pending` here, or over every rank of the job.
CampaignProgress runHereOrOnRanks(const MpiSession& mpi, CampaignStore& store, const CampaignWork& work,
                                  std::span<const RunKey> pending, CampaignProgress counts, Progress* progress);
/// Every other rank: serve runs until rank 0 has no more. Returns the exit code.
int serveRanks(const MpiSession& mpi, const CampaignWork& work);
/// Every other rank of a calibration: serve each round's runs, with the work `make_work` makes of
/// the round's candidates, until rank 0 ends the rounds. Returns the exit code.
int serveRankRounds(const MpiSession& mpi, const std::function<CampaignWork(std::span<const double>)>& make_work);

/// Rank 0 of a calibration: its rounds of candidates run here (a job of one) or over every rank.
/// When it goes, whichever way rank 0 leaves the calibration, it tells the other ranks that there
/// are no more rounds, unless a stopped round has ended them already.
class CalibrationRanks {
 public:
  CalibrationRanks(const MpiSession& mpi, const CampaignStore& store) : mpi_(mpi), store_(store) {}
  ~CalibrationRanks();
  CalibrationRanks(const CalibrationRanks&) = delete;
  CalibrationRanks& operator=(const CalibrationRanks&) = delete;
  /// For runCalibration; valid while this object lives.
  CalibrationRunner runner();

 private:
  const MpiSession& mpi_;
  const CampaignStore& store_;
  bool halted_ = false;  // a round threw: the other ranks have stopped serving
};
/// "4 threads", or with several ranks "3 ranks x 4 threads".
std::string workersText(const MpiSession& mpi, int threads, bool zh);
/// Rank 0 after RankLost: print what was lost and kept, then end every rank.
[[noreturn]] void reportLostRanks(const MpiSession& mpi, const std::string& what, const CampaignStore& store,
                                  std::string_view unit);

}  // namespace pilotsim::cli
