// Plain-text tables for the terminal that stay aligned with Chinese text: CJK characters take two
// columns on a terminal, so widths are counted in display columns, not bytes or code points.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pilotsim::cli {

/// Terminal columns `utf8` occupies (East Asian wide and full-width characters count 2).
std::size_t displayWidth(std::string_view utf8);

class TextTable {
 public:
  enum class Align { Left, Right };

  explicit TextTable(std::vector<std::string> headings, std::vector<Align> align = {});
  void addRow(std::vector<std::string> cells);
  /// Header, a rule of '-', then the rows; columns separated by two spaces; no trailing blanks.
  std::string render() const;

 private:
  std::vector<std::string> headings_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace pilotsim::cli
