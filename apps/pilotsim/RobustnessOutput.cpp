#include "RobustnessOutput.hpp"

#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/experiment/RobustnessFiles.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/report/HtmlReport.hpp"

namespace pilotsim::cli {

std::vector<std::string> writeRobustnessOutput(const CampaignStore& store, const RobustnessResult& result,
                                               OutputDirectory& dir, bool report, const std::string& lang) {
  const CampaignDefinition def = store.definition();
  writeRobustnessFiles(dir, result, {def.command, store.path().string(), def.program_version});
  // Written before the commit, so the report appears with the files it shows or not at all.
  if (report) writeReport(dir.staging(), dir.file("report.html"), lang, dir.target().string());
  dir.commit();
  auto files = robustnessFileNames();
  if (report) files.emplace_back("report.html");
  return files;
}

}  // namespace pilotsim::cli
