#include "pilotsim/io/CsvReader.hpp"

#include "pilotsim/core/InputError.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace pilotsim {
namespace {

std::string shown(std::string_view cell) {
  std::string s(cell.substr(0, 40));
  if (cell.size() > 40) s += "...";
  return fmt::format("'{}'", s);
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

double CsvTable::number(std::size_t row, std::size_t col) const {
  std::string_view cell = rows[row][col];
  while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
  while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
  if (cell.empty() || equalsNoCase(cell, "NA") || equalsNoCase(cell, "NaN"))
    return std::numeric_limits<double>::quiet_NaN();
  if (equalsNoCase(cell, "inf") || equalsNoCase(cell, "+inf") || equalsNoCase(cell, "infinity"))
    return std::numeric_limits<double>::infinity();
  if (equalsNoCase(cell, "-inf") || equalsNoCase(cell, "-infinity")) return -std::numeric_limits<double>::infinity();
  std::string_view digits = cell;
  if (digits.front() == '+') digits.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size())
    throw InputError(source, lines[row], header[col], fmt::format("expected a number, got {}", shown(rows[row][col])));
  return value;
}

long long CsvTable::integer(std::size_t row, std::size_t col) const {
  double v = 0.0;
  try {
    v = number(row, col);
  } catch (const InputError&) {
    v = std::numeric_limits<double>::quiet_NaN();  // reported below as not a whole number
  }
  if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) > 9.0e15)
    throw InputError(source, lines[row], header[col],
                     fmt::format("expected a whole number, got {}", shown(rows[row][col])));
  return static_cast<long long>(v);
}

CsvTable parseCsv(std::string_view text, const std::string& source) {
  CsvTable table;
  table.source = source;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // Excel's UTF-8 byte-order mark

  std::vector<std::string> fields;
  std::string field;
  int line = 1;     // current physical line
  int rowLine = 1;  // line the current record started on
  bool quoted = false;
  bool fieldWasQuoted = false;
  bool any = false;  // anything in the current record
  const auto endRecord = [&] {
    fields.push_back(std::move(field));
    field.clear();
    fieldWasQuoted = false;
    // A blank line (one empty unquoted field) is skipped, as R and pandas do.
    const bool blank = fields.size() == 1 && fields[0].empty() && !any;
    if (!blank) {
      if (table.header.empty()) {
        table.header = std::move(fields);
      } else {
        if (fields.size() != table.header.size())
          throw InputError(
              source, rowLine, "",
              fmt::format("expected {} fields as in the header, got {}", table.header.size(), fields.size()));
        table.rows.push_back(std::move(fields));
        table.lines.push_back(rowLine);
      }
    }
    fields.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field.empty() || fieldWasQuoted)
          throw InputError(source, line, "",
                           "a quote inside an unquoted field; quote the whole field and double the quote");
        quoted = fieldWasQuoted = any = true;
        break;
      case ',':
        fields.push_back(std::move(field));
        field.clear();
        fieldWasQuoted = false;
        any = true;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: the LF ends the record
        [[fallthrough]];
      case '\n':
        endRecord();
        ++line;
        rowLine = line;
        break;
      default:
        if (fieldWasQuoted) throw InputError(source, line, "", "text after a closing quote; quote the whole field");
        field += c;
        any = true;
    }
  }
  if (quoted) throw InputError(source, rowLine, "", "a quoted field is not closed before the end of the file");
  if (any || !field.empty()) endRecord();
  if (table.header.empty()) throw InputError(source, 1, "", "the file is empty; expected a header row");
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    if (table.header[c].empty()) throw InputError(source, 1, "", fmt::format("column {} has no name", c + 1));
    for (std::size_t d = 0; d < c; ++d)
      if (table.header[d] == table.header[c])
        throw InputError(source, 1, table.header[c],
                         fmt::format("column name appears twice (columns {} and {})", d + 1, c + 1));
  }
  return table;
}

CsvTable readCsvFile(const std::filesystem::path& path) {
  return parseCsv(readInputFile(path, "CSV file", kMaxCsvBytes), path.string());
}

}  // namespace pilotsim
