// The output directory of a robustness analysis, written by `pilotsim claims --robustness` when the
// sets are done and by `pilotsim export` from its database, so both give the same files.
#pragma once

#include <string>
#include <vector>

namespace pilotsim {
class CampaignStore;
class OutputDirectory;
struct RobustnessResult;
}  // namespace pilotsim

namespace pilotsim::cli {

/// Write experiment/RobustnessFiles's files of `result`, read from `store` (with report.html if asked), and commit
/// `dir`. Returns the names written.
std::vector<std::string> writeRobustnessOutput(const CampaignStore& store, const RobustnessResult& result,
                                               OutputDirectory& dir, bool report, const std::string& lang);

}  // namespace pilotsim::cli
