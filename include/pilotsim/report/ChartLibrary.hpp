// The chart library of pilotsim's HTML pages (reports and the browser lab): Apache ECharts'
// dist/echarts.min.js, pinned in web/package.json and embedded in the program at build time, so that
// a report is one self-contained file that works offline and the lab needs no network.
#pragma once

#include <string_view>

namespace pilotsim {

/// The bytes of echarts.min.js.
std::string_view echartsScript();

}  // namespace pilotsim
