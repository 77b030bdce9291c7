#include "TextTable.hpp"

#include <algorithm>
#include <cstdint>

namespace pilotsim::cli {
namespace {

// The wide ranges of Unicode's East Asian Width property that occur in pilotsim's labels and in
// Chinese text generally (CJK ideographs and punctuation, Hangul, full-width forms).
bool isWide(std::uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

std::size_t displayWidth(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07u;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0Fu;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1Fu;
      len = 2;
    }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    i += len;
    // Continuation bytes met on their own (broken UTF-8) still take a column, so nothing vanishes.
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

TextTable::TextTable(std::vector<std::string> headings, std::vector<Align> align)
    : headings_(std::move(headings)), align_(std::move(align)) {
  align_.resize(headings_.size(), Align::Left);
}

void TextTable::addRow(std::vector<std::string> cells) {
  cells.resize(headings_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
  const std::size_t n = headings_.size();
  std::vector<std::size_t> width(n, 0);
  for (std::size_t c = 0; c < n; ++c) width[c] = displayWidth(headings_[c]);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < n; ++c) width[c] = std::max(width[c], displayWidth(row[c]));
  }

  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < n; ++c) {
      const std::size_t pad = width[c] - displayWidth(cells[c]);
      if (c > 0) text += "  ";
      if (align_[c] == Align::Right) text.append(pad, ' ');
      text += cells[c];
      if (align_[c] == Align::Left) text.append(pad, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text;
    out += '\n';
  };
  line(headings_);
  std::size_t total = 0;
  for (std::size_t c = 0; c < n; ++c) total += width[c] + (c > 0 ? 2 : 0);
  out.append(total, '-');
  out += '\n';
  for (const auto& row : rows_) line(row);
  return out;
}

}  // namespace pilotsim::cli
