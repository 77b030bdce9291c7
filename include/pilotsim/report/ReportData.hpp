// The data of an HTML report: what each chart shows, computed from a command's output files. The
// document is JSON (its layout is in src/report/ChartJson.hpp) and is drawn by web/report/report.js.
// All statistics are computed here, in C++ and under test, so the page only draws.
//
// Every builder throws InputError naming the file, line and column for a missing or malformed
// input file (exit code 2). `display` is the path shown on the page (the final output directory when
// the report is written before the directory is committed).
#pragma once

#include "pilotsim/io/JsonValues.hpp"

#include <filesystem>
#include <string>

namespace pilotsim {

/// `pilotsim run`: measures over time with bands across replicates, Kaplan–Meier survival by origin
/// and across leader turnover, diffusion curves, pilots per unit.
Json runReportData(const std::filesystem::path& dir, const std::string& display);
/// `pilotsim compare`: measures over time, one line per scenario; forest plot of differences.
Json compareReportData(const std::filesystem::path& dir, const std::string& display);
/// `pilotsim claims`: the claims table with verdicts, a forest plot of the tests; ablations if any.
Json claimsReportData(const std::filesystem::path& dir, const std::string& display);
/// `pilotsim claims --decompose`: the share of each decomposed test's effect each lever gives alone
/// and is lost without it (bars), and the table of decomposition.md.
Json decompositionReportData(const std::filesystem::path& dir, const std::string& display);
/// `pilotsim claims --robustness N`: the shares of parameter sets by claim verdict (bars, three
/// readings), every test's verdicts and effect over the sets (table), each test's drivers (bars).
Json robustnessReportData(const std::filesystem::path& dir, const std::string& display);
/// `pilotsim calibrate`: each parameter's weighted posterior histogram against its prior, scatter
/// plots of the most correlated pairs, the posterior predictive check, tolerance and acceptance by
/// generation.
Json calibrationReportData(const std::filesystem::path& dir, const std::string& display);
/// A campaign database: sensitivity indices with intervals for every kept outcome.
Json campaignReportData(const std::filesystem::path& db, const std::string& display);

}  // namespace pilotsim
