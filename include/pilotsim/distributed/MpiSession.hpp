// The MPI job a process belongs to, if any (OpenMPI from Debian; built when it is installed).
//
// A process joins a job only when an MPI launcher started it (mpirun, mpiexec, srun): the launcher
// leaves its rank in the environment. Started any other way, pilotsim is a job of one and never
// calls MPI at all, so the same binary works without mpirun, at no cost.
#pragma once

#include <cstdint>
#include <string>

namespace pilotsim {

class MpiSession {
 public:
  /// Joins the job (MPI_Init_thread, funneled: only this thread calls MPI) if an MPI launcher
  /// started the process. Throws std::runtime_error if it did and this program was built without
  /// MPI: each process would then run the whole campaign on its own.
  MpiSession(int& argc, char**& argv);
  ~MpiSession();  ///< MPI_Finalize, if the job was joined
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// More than one rank: a campaign is spread over them.
  bool distributed() const { return size_ > 1; }
  /// The host this rank runs on, for messages.
  const std::string& host() const { return host_; }

  /// Every rank calls this with whether it is ready to go on: -1 if every rank is, else the lowest
  /// rank that is not. (A collective: every rank must call it at the same point.)
  int firstNotReady(bool ready) const;
  /// Every rank calls this with a fingerprint of what it read: true if all ranks have the same.
  bool allSame(std::uint64_t fingerprint) const;
  /// Ends every rank of the job with `code` (MPI_Abort): for a failure that leaves ranks waiting.
  [[noreturn]] void abort(int code) const;

  /// True if this program was built with MPI.
  static bool builtWithMpi();
  /// The number of processes of the job that launched this one, from the launcher's environment
  /// (0 if no launcher started it).
  static int launcherSize();

 private:
  int rank_ = 0;
  int size_ = 1;
  bool joined_ = false;
  std::string host_;
};

}  // namespace pilotsim
