#include "pilotsim/report/HtmlReport.hpp"

#include "report/ReportAssets.hpp"

#include "pilotsim/core/Version.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/report/ChartLibrary.hpp"
#include "pilotsim/report/ReportData.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

std::string escapeHtml(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// JSON that can sit inside <script>: '<' only occurs inside strings, where \u003c means the same,
/// so no "</script>" or "<!--" in a label can end or confuse the element.
std::string scriptSafeJson(const Json& data) {
  const std::string text = data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

/// Fills each {{NAME}} of the template once. Only the template is scanned, so inserted text (a
/// megabyte of ECharts) is never taken for a placeholder.
std::string fillTemplate(std::string_view tpl,
                         const std::vector<std::pair<std::string_view, std::string_view>>& values) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = tpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = tpl.find("}}", open);
    if (close == std::string_view::npos) throw std::logic_error("web/report/report.html: unclosed {{");
    const std::string_view name = tpl.substr(open + 2, close - open - 2);
    const auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (it == values.end())
      throw std::logic_error(fmt::format("web/report/report.html: unknown placeholder {{{{{}}}}}", name));
    out.append(tpl.substr(pos, open - pos));
    out.append(it->second);
    pos = close + 2;
  }
  out.append(tpl.substr(pos));
  return out;
}

}  // namespace

Json reportData(const fs::path& path, ReportKind kind, const std::string& display) {
  Json data;
  switch (kind) {
    case ReportKind::Run:
      data = runReportData(path, display);
      break;
    case ReportKind::Compare:
      data = compareReportData(path, display);
      break;
    case ReportKind::Claims:
      data = claimsReportData(path, display);
      break;
    case ReportKind::Decomposition:
      data = decompositionReportData(path, display);
      break;
    case ReportKind::Robustness:
      data = robustnessReportData(path, display);
      break;
    case ReportKind::Calibration:
      data = calibrationReportData(path, display);
      break;
    case ReportKind::Campaign:
      data = campaignReportData(path, display);
      break;
  }
  data["version"] = std::string(programVersion());
  data["model_version"] = kModelVersion;
  return data;
}

std::string reportHtml(const Json& data, std::string_view lang) {
  if (lang != "zh" && lang != "en")
    throw std::invalid_argument(fmt::format("report language must be zh or en, got '{}'", lang));
  const std::string title = escapeHtml(data.at("title").at(std::string(lang)).get<std::string>());
  const std::string json = scriptSafeJson(data);
  return fillTemplate(detail::reportTemplateHtml(), {{"LANG", lang},
                                                     {"TITLE", title},
                                                     {"CSS", detail::reportCss()},
                                                     {"ECHARTS", echartsScript()},
                                                     {"DATA", json},
                                                     {"SCRIPT", detail::reportJs()}});
}

ReportKind writeReport(const fs::path& input, const fs::path& output, std::string_view lang,
                       const std::string& display) {
  const ReportKind kind = detectReportKind(input);
  const std::string html = reportHtml(reportData(input, kind, display.empty() ? input.string() : display), lang);

  if (output.filename().empty())
    throw OutputError(fmt::format("'{}' is not a file name for the report", output.string()));
  const fs::path parent = output.parent_path().empty() ? fs::path(".") : output.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw OutputError(fmt::format("cannot write report '{}': cannot create '{}': {}", output.string(), parent.string(),
                                  ec.message()));
  const fs::path temp = parent / fmt::format("{}.tmp-{}", output.filename().string(), static_cast<long>(::getpid()));
  try {
    writeTextFile(temp, html);
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
  fs::rename(temp, output, ec);
  if (ec) {
    const std::string reason = ec.message();
    fs::remove(temp, ec);
    throw OutputError(fmt::format("cannot write report '{}': {}", output.string(), reason));
  }
  return kind;
}

}  // namespace pilotsim
