// Writes CSV tables that R, pandas and spreadsheets read without options.
//
// Format contract (docs/outputs.md repeats it for users):
//  - UTF-8, one header row, rows end with "\n" (LF, not the CRLF of RFC 4180: every reader accepts
//    LF and diffs of outputs stay clean);
//  - text fields are quoted as RFC 4180 says: only when they contain a comma, a quote, CR or LF, and
//    quotes inside are doubled;
//  - integers are written as integers; booleans as 0 / 1;
//  - doubles are written with fmt's "{}", the shortest text that reads back to the same double. That
//    text depends only on the value, never on locale or thread count, so files are byte-identical
//    across runs. Infinities are written "inf" / "-inf";
//  - a missing value (NaN, or a censored field) is an EMPTY field. pandas and R's read.csv both read
//    an empty numeric field as NA; the string "NA" would make pandas guess wrong for some columns.
#pragma once

#include <concepts>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace pilotsim {

class CsvWriter {
 public:
  /// Write to `file` (created or truncated). Throws OutputError naming the file and the OS reason.
  explicit CsvWriter(const std::filesystem::path& file);
  /// Write to memory; text() returns everything written. For tests and small tables.
  CsvWriter();
  /// Closes the file without reporting errors: call close() to learn about them.
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  CsvWriter& header(std::initializer_list<std::string_view> names);
  CsvWriter& header(std::span<const std::string_view> names);

  CsvWriter& field(std::string_view text);
  CsvWriter& field(const char* text) { return field(std::string_view(text)); }
  CsvWriter& field(const std::string& text) { return field(std::string_view(text)); }
  CsvWriter& field(double value);
  CsvWriter& field(bool value);
  template <std::signed_integral T>
  CsvWriter& field(T value) {
    return signedField(static_cast<std::int64_t>(value));
  }
  template <std::unsigned_integral T>
  requires(!std::same_as<T, bool>) CsvWriter& field(T value) {
    return unsignedField(static_cast<std::uint64_t>(value));
  }
  /// An empty field: a missing or censored value.
  CsvWriter& missing();
  /// End the current row.
  CsvWriter& endRow();

  /// Flush and close the file; throws OutputError if anything failed to reach it. Idempotent.
  void close();
  /// What was written, for a memory writer (empty for a file writer).
  const std::string& text() const { return buffer_; }
  /// Data rows written so far (the header row not counted).
  std::uint64_t rows() const { return rows_; }

  /// `text` as one CSV field: quoted (quotes doubled) only when RFC 4180 requires it.
  static std::string quote(std::string_view text);

 private:
  CsvWriter& signedField(std::int64_t value);
  CsvWriter& unsignedField(std::uint64_t value);
  void separator();
  void flushIfFull();
  void flush();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;  // null for a memory writer
  std::string buffer_;
  bool row_started_ = false;
  std::uint64_t rows_ = 0;
};

}  // namespace pilotsim
