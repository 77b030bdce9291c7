#include "pilotsim/experiment/CampaignLock.hpp"

#include "pilotsim/core/HostName.hpp"
#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <string>

namespace pilotsim {
namespace {

/// The holder's line written into the lock file: "process 1234 on host-a since 2026-12-07 23:10:00 UTC".
std::string holderText() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char when[32] = {};
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return fmt::format("process {} on {} since {}", static_cast<long>(::getpid()), hostName(), when);
}

std::string readHolder(int fd) {
  char text[512] = {};
  const ssize_t got = ::pread(fd, text, sizeof text - 1, 0);
  std::string holder = got > 0 ? std::string(text, static_cast<std::size_t>(got)) : std::string();
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\r')) holder.pop_back();
  return holder.empty() ? "another process" : holder;
}

}  // namespace

std::filesystem::path CampaignLock::lockPath(const std::filesystem::path& database) {
  std::filesystem::path lock = database;
  lock += ".lock";
  return lock;
}

CampaignLock::CampaignLock(const std::filesystem::path& database) : path_(lockPath(database)) {
  // The holder removes the file when it is done, so the file opened here may be removed (and
  // another made) between the open and the lock: a lock counts only on the file the path names.
  for (;;) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
      throw OutputError(fmt::format("{}: cannot create the campaign database (its lock file {}: {})", database.string(),
                                    path_.filename().string(), std::strerror(errno)));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string holder = error == EWOULDBLOCK ? readHolder(fd_) : std::string();
      ::close(fd_);
      fd_ = -1;
      if (error != EWOULDBLOCK)
        throw OutputError(fmt::format("{}: cannot lock the campaign database (its lock file {}: {})", database.string(),
                                      path_.filename().string(), std::strerror(error)));
      throw InputError(database.string(), 0, "",
                       fmt::format("in use: {} is running this campaign database (it holds {}). Wait for it "
                                   "to finish or stop it, then run the command again; export, analyze and "
                                   "report can read the database meanwhile",
                                   holder, path_.filename().string()));
    }
    struct stat held = {};
    struct stat named = {};
    if (::fstat(fd_, &held) == 0 && ::stat(path_.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev)
      break;
    ::close(fd_);  // locked a file its holder has just removed: try the one the path names now
    fd_ = -1;
  }
  // Best effort: the lock holds without the text too, and a refused process then says "another process".
  const std::string holder = holderText() + "\n";
  const bool written =
      ::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, holder.data(), holder.size(), 0) == static_cast<ssize_t>(holder.size());
  static_cast<void>(written);
}

CampaignLock::~CampaignLock() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());  // while still holding the lock: see the constructor
  ::close(fd_);
}

}  // namespace pilotsim
