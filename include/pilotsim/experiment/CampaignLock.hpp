// Only one process at a time may run a campaign database: two would both run the pending runs, and
// the second to store a run would find it done and stop with an error after hours of duplicate work.
// A CampaignLock is an exclusive flock(2) on `<database>.lock`, beside the database, held for as
// long as the lock object lives. The kernel releases it when the process ends however it ends
// (kill -9 included), so a stopped campaign never leaves a lock that blocks its resumption; the
// file itself says which process holds it (process id, host, start time) for the refusal's
// message. A separate file, not the database: SQLite keeps POSIX locks on the database file,
// which a second descriptor of it could release, and which on NFS flock(2) is emulated with.
// Readers (export, analyze, report) take no lock: the write-ahead log lets them read meanwhile.
#pragma once

#include <filesystem>

namespace pilotsim {

class CampaignLock {
 public:
  /// Takes the lock of `database`, without waiting. Throws InputError naming the database and the
  /// process that holds it if another process does, OutputError if the lock file cannot be made.
  explicit CampaignLock(const std::filesystem::path& database);
  /// Removes the lock file and releases the lock.
  ~CampaignLock();
  CampaignLock(const CampaignLock&) = delete;
  CampaignLock& operator=(const CampaignLock&) = delete;

  /// `<database>.lock`.
  static std::filesystem::path lockPath(const std::filesystem::path& database);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace pilotsim
