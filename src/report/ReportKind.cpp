#include "pilotsim/report/ReportKind.hpp"

#include "pilotsim/core/InputError.hpp"

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

constexpr std::string_view kAccepted =
    "give the output directory of 'pilotsim run', 'compare', 'claims' (also with --decompose or --robustness) or "
    "'calibrate', or a campaign database of 'pilotsim sweep'";

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

std::string_view toString(ReportKind kind) {
  switch (kind) {
    case ReportKind::Run:
      return "run";
    case ReportKind::Compare:
      return "compare";
    case ReportKind::Claims:
      return "claims";
    case ReportKind::Decomposition:
      return "decomposition";
    case ReportKind::Robustness:
      return "robustness";
    case ReportKind::Calibration:
      return "calibration";
    case ReportKind::Campaign:
      return "campaign";
  }
  return "";
}

ReportKind detectReportKind(const fs::path& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (!fs::exists(st)) throw InputError(path.string(), 0, "", fmt::format("no such file or directory; {}", kAccepted));
  if (fs::is_directory(st)) {
    if (isFile(path / "compare.json") && isFile(path / "monthly_bands.csv")) return ReportKind::Compare;
    if (isFile(path / "claims.json")) return ReportKind::Claims;
    if (isFile(path / "decomposition.json")) return ReportKind::Decomposition;
    if (isFile(path / "robustness.json")) return ReportKind::Robustness;
    if (isFile(path / "calibration.json")) return ReportKind::Calibration;
    if (isFile(path / "scenario.toml") && isFile(path / "monthly.csv")) return ReportKind::Run;
    throw InputError(path.string(), 0, "",
                     fmt::format("not a pilotsim output directory (it has no monthly.csv with scenario.toml, no "
                                 "compare.json with monthly_bands.csv, no claims.json, no decomposition.json, no "
                                 "robustness.json and no calibration.json); {}",
                                 kAccepted));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), 0, "", fmt::format("cannot be read; {}", kAccepted));
  // Every SQLite 3 database starts with these 16 bytes (sqlite.org/fileformat.html, s.1.3).
  constexpr std::string_view kMagic("SQLite format 3\0", 16);
  std::array<char, 16> head{};
  in.read(head.data(), head.size());
  if (in.gcount() == static_cast<std::streamsize>(head.size()) && std::string_view(head.data(), head.size()) == kMagic)
    return ReportKind::Campaign;
  throw InputError(path.string(), 0, "", fmt::format("not a campaign database (not an SQLite file); {}", kAccepted));
}

}  // namespace pilotsim
