#include "pilotsim/io/OutputDirectory.hpp"

#include "pilotsim/core/Version.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include <signal.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

std::string siblingName(const fs::path& target, std::string_view tag) {
  return fmt::format("{}.{}-{}", target.filename().string(), tag, static_cast<long>(::getpid()));
}

fs::path parentOf(const fs::path& target) {
  fs::path parent = target.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// Only a directory pilotsim wrote may be replaced.
void refuseForeign(const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(target / kOutputMarker, ec))
    throw OutputExistsError(fmt::format(
        "'{}' exists and was not written by pilotsim (it has no {} file), so --overwrite will not replace it; "
        "remove it yourself or choose another output directory",
        target.string(), kOutputMarker));
}

// The pid of a staging directory's name "<name>.tmp-<pid>", or 0 when it is not one.
pid_t stagingPid(const std::string& name) {
  const auto at = name.rfind(".tmp-");
  if (at == std::string::npos || at == 0 || at + 5 == name.size()) return 0;
  long pid = 0;
  for (std::size_t i = at + 5; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || pid > 1'000'000'000) return 0;
    pid = pid * 10 + (name[i] - '0');
  }
  return static_cast<pid_t>(pid);
}

}  // namespace

int removeStaleStaging(const fs::path& parent) noexcept {
  int removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const pid_t pid = stagingPid(it->path().filename().string());
    if (pid <= 0 || pid == ::getpid() || !it->is_directory(ec)) continue;
    // kill(pid, 0) fails with ESRCH only when no such process exists; EPERM means one does.
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code check;
    const bool ours = fs::exists(it->path() / kOutputMarker, check) || fs::is_empty(it->path(), check);
    std::error_code gone;
    if (ours && fs::remove_all(it->path(), gone) > 0 && !gone) ++removed;
  }
  return removed;
}

OutputDirectory::OutputDirectory(fs::path target, bool overwrite) : overwrite_(overwrite) {
  // "out/x/" has an empty file name; the directory meant is "out/x".
  if (!target.has_filename()) target = target.parent_path();
  const std::string name = target.filename().string();
  if (target.empty() || name == "." || name == "..") {
    throw OutputError(fmt::format("'{}' cannot be used as an output directory; name a new directory", target.string()));
  }
  target_ = target;

  std::error_code ec;
  const fs::file_status st = fs::symlink_status(target_, ec);
  if (fs::exists(st)) {
    if (!overwrite_) {
      throw OutputExistsError(
          fmt::format("output directory '{}' exists; pass --overwrite to replace it", target_.string()));
    }
    if (!fs::is_directory(st)) {
      throw OutputExistsError(
          fmt::format("'{}' exists and is not a directory; refusing to replace it", target_.string()));
    }
    refuseForeign(target_);
  }

  // Remember which ancestors we create, so that a failed run does not leave empty directories either.
  const fs::path parent = parentOf(target_);
  for (fs::path p = parent; !p.empty() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path()) {
    created_parents_.insert(created_parents_.begin(), p);
    if (p == p.parent_path()) break;
  }
  fs::create_directories(parent, ec);
  if (ec) {
    const std::string reason = ec.message();
    abandon();
    throw OutputError(fmt::format("cannot write output directory '{}': cannot create '{}': {}", target_.string(),
                                  parent.string(), reason));
  }

  removeStaleStaging(parent);
  staging_ = parent / siblingName(target_, "tmp");
  // A leftover of this name can only come from a dead process that had our pid.
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec) {
    const std::string reason = ec ? ec.message() : std::string("already exists");
    const fs::path failed = staging_;
    staging_.clear();
    abandon();
    throw OutputError(fmt::format("cannot write output directory '{}': cannot create '{}': {}", target_.string(),
                                  failed.string(), reason));
  }
  try {
    writeTextFile(staging_ / kOutputMarker,
                  fmt::format("This directory was written by pilotsim {} (model version {}).\n"
                              "pilotsim replaces it with --overwrite only while this file is here.\n",
                              programVersion(), kModelVersion));
  } catch (...) {
    abandon();
    throw;
  }
}

OutputDirectory::~OutputDirectory() {
  if (!committed_) abandon();
}

void OutputDirectory::abandon() noexcept {
  if (committed_ || abandoned_) return;
  abandoned_ = true;
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
  // fs::remove fails on a non-empty directory, so only the empty ones we made go away.
  for (auto it = created_parents_.rbegin(); it != created_parents_.rend(); ++it) fs::remove(*it, ec);
}

void OutputDirectory::commit() {
  if (committed_) return;
  if (abandoned_) throw std::logic_error("OutputDirectory::commit after abandon");
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(target_, ec);
  if (!fs::exists(st)) {
    fs::rename(staging_, target_, ec);
    if (ec) {
      throw OutputError(fmt::format("cannot move '{}' to '{}': {}", staging_.string(), target_.string(), ec.message()));
    }
    committed_ = true;
    return;
  }
  // The target may have appeared while we ran; without --overwrite it is never touched.
  if (!overwrite_) {
    throw OutputExistsError(
        fmt::format("output directory '{}' exists; pass --overwrite to replace it", target_.string()));
  }
  if (!fs::is_directory(st)) {
    throw OutputExistsError(
        fmt::format("'{}' exists and is not a directory; refusing to replace it", target_.string()));
  }
  refuseForeign(target_);
  const fs::path backup = parentOf(target_) / siblingName(target_, "old");
  fs::remove_all(backup, ec);
  fs::rename(target_, backup, ec);
  if (ec) {
    throw OutputError(fmt::format("cannot replace '{}': cannot move it aside: {}", target_.string(), ec.message()));
  }
  fs::rename(staging_, target_, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::error_code restore;
    fs::rename(backup, target_, restore);
    throw OutputError(
        fmt::format("cannot move '{}' to '{}': {}{}", staging_.string(), target_.string(), reason,
                    restore ? fmt::format(" (the old directory is kept as '{}')", backup.string()) : std::string()));
  }
  committed_ = true;
  // The new results are in place; a backup that cannot be removed is only clutter, not an error.
  fs::remove_all(backup, ec);
}

void writeTextFile(const fs::path& file, std::string_view text) {
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (f == nullptr) {
    throw OutputError(fmt::format("cannot create '{}': {}", file.string(), std::strerror(errno)));
  }
  errno = 0;
  const bool wrote = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int write_err = errno;
  errno = 0;
  const bool closed = std::fclose(f) == 0;
  if (!wrote || !closed) {
    const int err = !wrote ? write_err : errno;
    throw OutputError(
        fmt::format("cannot write '{}': {}", file.string(), err != 0 ? std::strerror(err) : "short write"));
  }
}

}  // namespace pilotsim
