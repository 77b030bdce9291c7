// The page's own files (web/report/), embedded at build time by cmake/EmbedFiles.cmake.
#pragma once

#include <string_view>

namespace pilotsim::detail {

std::string_view reportTemplateHtml();  ///< web/report/report.html, with {{NAME}} placeholders
std::string_view reportCss();           ///< web/report/report.css
std::string_view reportJs();            ///< web/report/report.js

}  // namespace pilotsim::detail
