// What `pilotsim report PATH` was given: the output directory of `run`, `compare`, `claims` (also
// with --decompose or --robustness) or `calibrate`, or a campaign database of `sweep`. Recognised by
// the files each command always writes, so a directory is never taken for another kind because of a
// file a user added to it.
#pragma once

#include <filesystem>
#include <string_view>

namespace pilotsim {

enum class ReportKind {
  Run,            ///< a directory with scenario.toml and monthly.csv
  Compare,        ///< a directory with compare.json and monthly_bands.csv
  Claims,         ///< a directory with claims.json
  Decomposition,  ///< a directory with decomposition.json (`claims --decompose`)
  Robustness,     ///< a directory with robustness.json (`claims --robustness N`)
  Calibration,    ///< a directory with calibration.json (`pilotsim calibrate`)
  Campaign,       ///< an SQLite file (a campaign database; CampaignStore checks it is pilotsim's)
};

std::string_view toString(ReportKind kind);

/// The kind of `path`. Throws InputError naming the path if it does not exist, cannot be read,
/// or is neither such a directory nor an SQLite file; the message lists what is accepted.
ReportKind detectReportKind(const std::filesystem::path& path);

}  // namespace pilotsim
