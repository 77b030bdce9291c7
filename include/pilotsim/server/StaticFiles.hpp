// The lab's page: served from memory (web/lab embedded at build time, and the chart library), or,
// for working on the page, from a folder given with `pilotsim serve --static DIR`. A request can
// never read outside that folder: paths with "..", backslashes or control characters are refused,
// and what remains must still lie inside the folder once symbolic links are resolved.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pilotsim {

struct StaticFile {
  std::string body;
  std::string content_type;
};

class StaticFiles {
 public:
  /// The embedded page.
  StaticFiles() = default;
  /// Files from `root` (the chart library still from memory). Throws std::runtime_error if `root`
  /// is not a readable folder.
  explicit StaticFiles(const std::filesystem::path& root);

  /// The file for a URL path ("/" is index.html; "/vendor/echarts.min.js" is always the embedded
  /// chart library). nullopt: no such file (404). Throws ApiError (400) for a path that tries to
  /// leave the folder.
  std::optional<StaticFile> get(std::string_view url_path) const;

  /// The content type for a file name, by extension.
  static std::string contentType(std::string_view name);

 private:
  std::optional<std::filesystem::path> root_;  ///< nullopt: the embedded files
};

}  // namespace pilotsim
