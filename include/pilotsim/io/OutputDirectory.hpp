// The directory a run writes into, made atomic: all files go into a temporary sibling directory
// `<out>.tmp-<pid>`, which is renamed to `<out>` only after every file was written and closed. A run
// that fails, throws or is interrupted therefore never leaves a half-written `<out>`: either the old
// state stays or the complete new one appears.
//
// Every directory pilotsim writes carries a marker file, `.pilotsim-output`. --overwrite replaces only
// a directory with that marker, so that a mistyped --out (or a scenario name such as "..") can never
// delete a folder pilotsim did not write. A run killed outright (kill -9, power cut) cannot clean up
// its `<out>.tmp-<pid>`; the next OutputDirectory in the same parent removes such leftovers once
// their process is gone.
//
// Checks happen in the constructor, before any simulation work, so that a typo in --out or a
// read-only disk is reported at once and not after an hour of simulation.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

/// A failure to write output (disk, permissions): names the path and the OS reason.
/// Distinct from InputError (bad input) so the command line can map it to another exit code.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The output directory exists and overwriting was not asked for: a usage error, not an I/O one.
class OutputExistsError : public OutputError {
 public:
  using OutputError::OutputError;
};

/// The marker file in every output directory pilotsim writes.
inline constexpr std::string_view kOutputMarker = ".pilotsim-output";

class OutputDirectory {
 public:
  /// Prepare to write `target`. Creates missing parent directories and the temporary directory.
  /// Throws OutputExistsError if `target` exists and !overwrite (or exists and is not a directory, or
  /// has no kOutputMarker), OutputError if the parent cannot be created or written (message names the directory and the
  /// OS reason).
  OutputDirectory(std::filesystem::path target, bool overwrite);
  /// Removes the temporary directory (and parents this object created) unless commit() succeeded.
  /// Never throws.
  ~OutputDirectory();
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  /// Where the files will be once committed.
  const std::filesystem::path& target() const { return target_; }
  /// Where files are written until commit().
  const std::filesystem::path& staging() const { return staging_; }
  /// Path of a file inside the staging directory.
  std::filesystem::path file(std::string_view name) const { return staging_ / name; }

  /// Move the staging directory into place. With overwrite, an existing target is replaced only now:
  /// it is renamed to a backup, the new directory renamed into place, then the backup removed (on a
  /// failure in between the backup is put back). Throws OutputError.
  void commit();
  /// Remove the staging directory now. Never throws.
  void abandon() noexcept;
  bool committed() const { return committed_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool overwrite_;
  bool committed_ = false;
  bool abandoned_ = false;
  std::vector<std::filesystem::path> created_parents_;  // deepest last
};

/// Remove the `<name>.tmp-<pid>` staging directories in `parent` left by pilotsim processes that no
/// longer run (those with kOutputMarker, or empty). Returns how many were removed. Never throws.
int removeStaleStaging(const std::filesystem::path& parent) noexcept;

/// Write `text` to `file` in one go (created or truncated). Throws OutputError naming the file.
void writeTextFile(const std::filesystem::path& file, std::string_view text);

}  // namespace pilotsim
