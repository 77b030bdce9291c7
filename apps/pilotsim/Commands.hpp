// The subcommands of the pilotsim program. Each add*Command registers its options on `app` and
// returns the function to call when that subcommand was chosen; the function returns the exit code.
//
// Exit codes: 0 success, 1 runtime failure (I/O), 2 usage or input error, 130 interrupted (Ctrl-C).
// Errors are thrown, not printed: main() turns each into one line "pilotsim: error: ...".
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <string>

namespace pilotsim::cli {

inline constexpr int kExitRuntime = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;

/// A problem with how the program was called that CLI11 cannot see (exit code 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using CommandFn = std::function<int()>;

CommandFn addRunCommand(CLI::App& app);
CommandFn addCompareCommand(CLI::App& app);
CommandFn addClaimsCommand(CLI::App& app);
CommandFn addSweepCommand(CLI::App& app);
CommandFn addExportCommand(CLI::App& app);
CommandFn addMergeCommand(CLI::App& app);
CommandFn addPresetsCommand(CLI::App& app);
CommandFn addParamsCommand(CLI::App& app);
CommandFn addValidateCommand(CLI::App& app);
CommandFn addMeasuresCommand(CLI::App& app);
CommandFn addVersionCommand(CLI::App& app);
CommandFn addSampleCommand(CLI::App& app);
CommandFn addAnalyzeCommand(CLI::App& app);
CommandFn addReportCommand(CLI::App& app);
CommandFn addServeCommand(CLI::App& app);
CommandFn addStatisticsCommand(CLI::App& app);
CommandFn addCalibrateCommand(CLI::App& app);

/// The --lang option every printing command has: "en" (default) or "zh".
CLI::Option* addLangOption(CLI::App& command, std::string& lang);

/// `arg` quoted for a POSIX shell if it needs it, so a recorded command line can be pasted back.
std::string shellQuote(const std::string& arg);

}  // namespace pilotsim::cli
