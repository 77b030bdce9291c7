#include "pilotsim/server/StaticFiles.hpp"

#include "pilotsim/report/ChartLibrary.hpp"
#include "pilotsim/server/ApiError.hpp"
#include "server/EmbeddedLab.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kChartLibraryPath = "/vendor/echarts.min.js";

// The relative path a URL path names, or an ApiError for one that could leave the folder. httplib
// has already percent-decoded the path, so "%2e%2e" arrives here as "..".
std::string relativePath(std::string_view url_path) {
  if (url_path.empty() || url_path.front() != '/') throw ApiError(400, "a file path must start with '/'");
  std::string rel(url_path.substr(1));
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  for (unsigned char c : rel) {
    if (c < 0x20 || c == 0x7f || c == '\\' || c == ':')
      throw ApiError(400, "a file path may not contain control characters, backslashes or colons",
                     {{"path", url_path}});
  }
  std::string_view rest = rel;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (part.empty() || part == "." || part == "..")
      throw ApiError(400, "a file path may not contain empty, '.' or '..' parts", {{"path", url_path}});
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  }
  return rel;
}

bool within(const fs::path& root, const fs::path& p) {
  const auto r = root.begin(), re = root.end();
  auto it = p.begin();
  for (auto q = r; q != re; ++q, ++it) {
    if (it == p.end() || *it != *q) return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical))
    throw std::runtime_error(fmt::format("--static {}: not a folder{}", root.string(), ec ? ": " + ec.message() : ""));
  root_ = canonical;
}

std::string StaticFiles::contentType(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "toml" || ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<StaticFile> StaticFiles::get(std::string_view url_path) const {
  if (url_path == kChartLibraryPath) return StaticFile{std::string(echartsScript()), contentType(url_path)};
  const std::string rel = relativePath(url_path);
  if (!root_) {
    std::string_view body;
    if (rel == "index.html")
      body = detail::labIndexHtml();
    else if (rel == "lab.js")
      body = detail::labScript();
    else if (rel == "lab.css")
      body = detail::labStyle();
    else
      return std::nullopt;
    return StaticFile{std::string(body), contentType(rel)};
  }
  std::error_code ec;
  // canonical() resolves symbolic links: a link inside the folder pointing outside is refused too.
  const fs::path file = fs::canonical(*root_ / rel, ec);
  if (ec || !fs::is_regular_file(file)) return std::nullopt;
  if (!within(*root_, file)) throw ApiError(403, "the file lies outside the served folder", {{"path", url_path}});
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  return StaticFile{body.str(), contentType(rel)};
}

}  // namespace pilotsim
