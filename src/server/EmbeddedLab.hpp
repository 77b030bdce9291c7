// The lab's page, web/lab/*, embedded at build time by cmake/EmbedFiles.cmake (src/CMakeLists.txt).
#pragma once

#include <string_view>

namespace pilotsim::detail {

std::string_view labIndexHtml();
std::string_view labScript();
std::string_view labStyle();

}  // namespace pilotsim::detail
