// `pilotsim sample FILE`: the design a sampling file describes, as a design CSV (DesignCsv.hpp) for
// running with any program; `pilotsim analyze --design` reads it back with that program's outputs.
#include "CommandSupport.hpp"
#include "Commands.hpp"

#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/DesignCsv.hpp"
#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include <fmt/format.h>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

namespace pilotsim::cli {
namespace {

struct SampleOptions {
  std::string file;
  std::string out;
  std::int64_t seed = -1;
  bool overwrite = false;
  bool quiet = false;
};

// The CSV goes to a sibling temporary file renamed into place when complete, so an interrupted or
// failed write never leaves a truncated design that a long campaign could be run from.
void writeAtomically(const std::filesystem::path& target, bool overwrite, const sensitivity::Design& design) {
  std::error_code ec;
  if (std::filesystem::exists(target, ec) && !overwrite)
    throw OutputExistsError(fmt::format("'{}' exists; pass --overwrite to replace it", target.string()));
  if (std::filesystem::is_directory(target, ec))
    throw OutputExistsError(fmt::format("'{}' is a directory", target.string()));
  const auto parent = target.parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent, ec))
    throw OutputError(
        fmt::format("cannot write '{}': directory '{}' does not exist", target.string(), parent.string()));
  const std::filesystem::path staging = target.string() + fmt::format(".tmp-{}", ::getpid());
  try {
    CsvWriter csv(staging);
    sensitivity::writeDesignCsv(design, csv);
    csv.close();
    std::filesystem::rename(staging, target, ec);
    if (ec) throw OutputError(fmt::format("cannot write '{}': {}", target.string(), ec.message()));
  } catch (...) {
    std::filesystem::remove(staging, ec);
    throw;
  }
}

int sampleCommand(const SampleOptions& o) {
  sensitivity::SamplingSpec spec = sensitivity::loadSamplingFile(o.file);
  if (o.seed >= 0) spec.design.seed = static_cast<std::uint64_t>(o.seed);
  const sensitivity::Design design = sensitivity::generateDesign(spec);
  if (o.out.empty() || o.out == "-") {
    CsvWriter csv;
    sensitivity::writeDesignCsv(design, csv);
    std::fwrite(csv.text().data(), 1, csv.text().size(), stdout);
    std::fflush(stdout);
  } else {
    writeAtomically(o.out, o.overwrite, design);
  }
  if (!o.quiet)
    fmt::print(stderr, "pilotsim: {} design, {} factors, {} runs (seed {}){}\n", sensitivity::methodName(design.method),
               design.factorCount(), design.runCount(), spec.design.seed,
               o.out.empty() || o.out == "-" ? "" : fmt::format(", written to {}", o.out));
  return 0;
}

}  // namespace

CommandFn addSampleCommand(CLI::App& app) {
  auto o = std::make_shared<SampleOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sample", "Write the sampling design of a factors file as CSV (factorial, latin-hypercube, saltelli, morris)");
  cmd->add_option("file", o->file, "Sampling file: TOML with [design] and [factors.NAME] tables")->required();
  cmd->add_option("-o,--out", o->out, "Design CSV to write (default: standard output)")->check(nonEmptyPath());
  cmd->add_option("-s,--seed", o->seed, "Seed of the design (overrides design.seed)")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--overwrite", o->overwrite, "Replace the CSV if it exists");
  cmd->add_flag("-q,--quiet", o->quiet, "No summary line on standard error");
  return [o] { return sampleCommand(*o); };
}

}  // namespace pilotsim::cli
