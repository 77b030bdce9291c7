// Reads CSV tables written by pilotsim, R, pandas or a spreadsheet: RFC 4180 quoting, LF or CRLF
// line ends, an optional UTF-8 byte-order mark, one header row. Every problem is a InputError
// naming the file, the line and (where there is one) the column, because CSVs handed to pilotsim are
// user input.
#pragma once

#include "pilotsim/io/InputFile.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

struct CsvTable {
  std::string source;                          ///< file name for messages
  std::vector<std::string> header;             ///< column names, as written
  std::vector<std::vector<std::string>> rows;  ///< every row has header.size() fields
  std::vector<int> lines;                      ///< line in the file where each row starts (header is line 1)

  /// Index of a column, or -1.
  int column(std::string_view name) const;
  /// The cell as a number: a decimal or scientific number, "inf"/"-inf" (any case). An empty
  /// cell, "NA", "NaN" or "nan" is a missing value, returned as NaN. Anything else throws
  /// InputError "file:line: key 'column': expected a number, got ...".
  double number(std::size_t row, std::size_t col) const;
  /// The cell as a whole number (no fraction, no missing value). Throws InputError.
  long long integer(std::size_t row, std::size_t col) const;
};

/// Parse CSV text; `source` names it in messages. Throws InputError (unterminated quote, a row
/// with too few or too many fields, an empty or duplicate column name, no header).
CsvTable parseCsv(std::string_view text, const std::string& source);
/// Read and parse a CSV file. Throws InputError (also for a missing or unreadable file).
CsvTable readCsvFile(const std::filesystem::path& path);

}  // namespace pilotsim
