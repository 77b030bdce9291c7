// `pilotsim report PATH [-o FILE] [--lang zh|en]`: one self-contained HTML page of charts from the
// output of run, compare, claims, calibrate or a campaign database (the library's report/HtmlReport).
#include "CommandSupport.hpp"
#include "Commands.hpp"

#include "pilotsim/report/HtmlReport.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace pilotsim::cli {
namespace {

struct ReportOptions {
  std::string path, out, lang = "en";
};

/// A directory's report goes inside it; a database's beside it, named after it.
fs::path defaultOutput(const fs::path& input) {
  std::error_code ec;
  if (fs::is_directory(input, ec)) return input / "report.html";
  fs::path out = input;
  return out.replace_extension(".html");
}

int reportCommand(const ReportOptions& o) {
  const fs::path out = o.out.empty() ? defaultOutput(o.path) : fs::path(o.out);
  const ReportKind kind = writeReport(o.path, out, o.lang);
  if (o.lang == "zh")
    fmt::print("{} 报告已写入 {}\n", toString(kind), out.string());
  else
    fmt::print("{} report written to {}\n", toString(kind), out.string());
  return 0;
}

}  // namespace

CommandFn addReportCommand(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Charts of a run, comparison, claims, calibration or campaign as one self-contained HTML file");
  cmd->add_option("path", o->path,
                  "Output directory of run, compare, claims or calibrate, or a campaign database of sweep")
      ->required();
  cmd->add_option("-o,--out", o->out,
                  "The HTML file (default: report.html in the directory, or the database's name with .html)")
      ->check(nonEmptyPath());
  // The language the page opens in; the page has a switch to the other.
  addLangOption(*cmd, o->lang);
  return [o] { return reportCommand(*o); };
}

}  // namespace pilotsim::cli
