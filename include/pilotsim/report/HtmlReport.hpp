// `pilotsim report`: one self-contained HTML file with every script, style and number inline
// (Apache ECharts from report/ChartLibrary, the page's own web/report/ files, the report's data as
// JSON), so it opens offline, makes no network request and can be mailed as it is.
#pragma once

#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/report/ReportKind.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace pilotsim {

/// The data document of `path`, of the given kind (ReportData.hpp). Throws InputError.
Json reportData(const std::filesystem::path& path, ReportKind kind, const std::string& display);

/// The page for a data document; `lang` ("zh" or "en") is the language it opens in (the reader can
/// switch). Throws std::invalid_argument for another language.
std::string reportHtml(const Json& data, std::string_view lang);

/// Detect the kind of `input`, build its report and write it to `output`: into a temporary file
/// beside it, renamed into place once complete, so a failed or interrupted report never leaves a
/// half-written page (and an existing one stays until the new one is whole). `display` names the
/// input on the page (default: `input` itself). Throws InputError for bad input, OutputError when
/// `output` cannot be written.
ReportKind writeReport(const std::filesystem::path& input, const std::filesystem::path& output, std::string_view lang,
                       const std::string& display = {});

}  // namespace pilotsim
