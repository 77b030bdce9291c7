// What several commands share: Ctrl-C handling for long runs and validators for numeric flags.
#pragma once

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {
struct Scenario;
}

namespace pilotsim::cli {

/// Raised by SIGINT or SIGTERM while an InterruptHandler is installed; runs poll it every simulated
/// month.
extern std::atomic<bool> g_interrupted;

/// Installs the handler of Ctrl-C and of SIGTERM (what kill, mpirun and Slurm send to cancel or
/// pre-empt a job) for the duration of a run. SA_RESETHAND makes a second signal kill the program at
/// once, for a user who does not want to wait for the clean stop.
class InterruptHandler {
 public:
  InterruptHandler();
  ~InterruptHandler();
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
  bool installed_int_ = false;
  bool installed_term_ = false;
};

/// A whole number in [lo, hi], with a message that says so (CLI11's Range prints "1.000000").
CLI::Validator wholeNumberIn(std::int64_t lo, std::int64_t hi);
/// The range of a whole-number parameter from the parameter table, so that a flag and its TOML key
/// accept exactly the same values.
CLI::Validator rangeOf(std::string_view key);
/// Refuses an empty path: `-o ""` is a slip (an unset variable), not a request for the default.
CLI::Validator nonEmptyPath();

/// A number for a table on the terminal: four significant digits, "-" when it is not finite
/// (a statistic without data, a weight that could not be formed).
std::string shortNumber(double v);

/// `parts` joined by spaces, each quoted for a POSIX shell if it needs it.
std::string commandLine(const std::vector<std::string>& parts);

/// Create the directory a campaign database goes into (OutputError if it cannot be made).
void createDatabaseDirectory(const std::filesystem::path& db);

/// Print a scenario's warnings (deprecated keys it used) to stderr, one line each.
void printWarnings(const Scenario& scenario);

}  // namespace pilotsim::cli
