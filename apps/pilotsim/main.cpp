// pilotsim: the command-line front end. Parses, dispatches to a subcommand, and turns every error
// into one line "pilotsim: error: ..." with the exit code documented in Commands.hpp.
#include "CampaignRanks.hpp"
#include "Commands.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/distributed/MpiSession.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace pilotsim;
using namespace pilotsim::cli;

// Errors must fit one line: scripts grep them and a user sees the cause at once.
std::string oneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

void printError(const std::string& message) { fmt::print(stderr, "pilotsim: error: {}\n", oneLine(message)); }

std::string helpHint(const CLI::App& app) {
  // The subcommand reached before the error, if any, has the help the user needs.
  const auto selected = app.get_subcommands();
  const std::string command = selected.empty() ? std::string("pilotsim") : "pilotsim " + selected.front()->get_name();
  return fmt::format("run '{} --help'", command);
}

int runGuarded(const CommandFn& command) {
  try {
    return command();
  } catch (const QuietExit& e) {
    return e.code;
  } catch (const Interrupted&) {
    fmt::print(stderr, "pilotsim: interrupted; no output was written\n");
    return kExitInterrupted;
  } catch (const InputError& e) {
    printError(e.what());
    return kExitUsage;
  } catch (const UsageError& e) {
    printError(e.what());
    return kExitUsage;
  } catch (const OutputExistsError& e) {
    printError(e.what());
    return kExitUsage;
  } catch (const OutputError& e) {
    printError(e.what());
    return kExitRuntime;
  } catch (const std::exception& e) {
    printError(e.what());
    return kExitRuntime;
  }
}

}  // namespace

// The commands that spread their runs over the ranks of an MPI job; the others refuse to run under
// mpirun with several ranks, where each rank would do the whole work and write the same files.
constexpr std::string_view kRankedCommands[] = {"sweep", "claims", "calibrate"};

int main(int argc, char** argv) {
  std::optional<MpiSession> mpi;
  try {
    mpi.emplace(argc, argv);
  } catch (const std::exception& e) {
    printError(e.what());
    return kExitUsage;
  }
  setMpiSession(&*mpi);
  CLI::App app{
      "pilotsim: an agent-based simulator of performance-driven governance innovation pilots\n"
      "(政绩驱动下的基层治理创新试点).",
      "pilotsim"};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("pilotsim {}", programVersion()));
  app.failure_message([](const CLI::App* a, const CLI::Error& e) {
    return fmt::format("pilotsim: error: {}; {}\n", oneLine(e.what()), helpHint(*a));
  });

  const std::pair<const char*, CommandFn (*)(CLI::App&)> adders[] = {
      {"run", addRunCommand},
      {"compare", addCompareCommand},
      {"claims", addClaimsCommand},
      {"sweep", addSweepCommand},
      {"sample", addSampleCommand},
      {"analyze", addAnalyzeCommand},
      {"export", addExportCommand},
      {"merge", addMergeCommand},
      {"presets", addPresetsCommand},
      {"params", addParamsCommand},
      {"validate", addValidateCommand},
      {"measures", addMeasuresCommand},
      {"version", addVersionCommand},
      {"serve", addServeCommand},
      {"report", addReportCommand},
      {"statistics", addStatisticsCommand},
      {"calibrate", addCalibrateCommand},
  };
  std::vector<std::pair<std::string, CommandFn>> commands;
  for (const auto& [name, adder] : adders) commands.emplace_back(name, adder(app));

  // CLI11 would call an unknown command "extra arguments" and ask for a subcommand; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    std::string names;
    bool known = false;
    for (const auto& [name, fn] : commands) {
      known = known || name == first;
      names += (names.empty() ? "" : ", ") + name;
    }
    if (!known) {
      printError(fmt::format("unknown command '{}'; commands are: {}; run 'pilotsim --help'", first, names));
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // --help and --version exit 0; every real parse error is a usage error.
    return code == 0 ? 0 : kExitUsage;
  }
  for (const auto& [name, fn] : commands) {
    if (!app.got_subcommand(name)) continue;
    if (mpi->distributed() &&
        std::find(std::begin(kRankedCommands), std::end(kRankedCommands), name) == std::end(kRankedCommands)) {
      if (mpi->rank() == 0)
        printError(
            fmt::format("'pilotsim {}' runs on one machine: start it without mpirun (under mpirun with "
                        "several ranks only 'sweep', 'claims --robustness' and 'calibrate' spread their runs)",
                        name));
      return kExitUsage;
    }
    return runGuarded(fn);
  }
  return kExitUsage;  // unreachable: require_subcommand(1)
}
