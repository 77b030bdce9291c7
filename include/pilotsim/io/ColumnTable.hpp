// A table held in memory column by column, filled with the same calls as a CsvWriter (header,
// field, missing, endRow), so that code which writes rows can write either a CSV file or a table a
// front end hands over without files (the Python module's DataFrames). Each column keeps the kind
// of its first value: integers (booleans as 0/1), reals or text; a missing value is flagged, and a
// real that is missing is NaN as well. Values are kept exactly: a real reads back from the CSV file
// (shortest round-trip text) as the same double.
#pragma once

#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

struct TableColumn {
  enum class Kind { Unset, Integer, Real, Text };
  std::string name;
  Kind kind = Kind::Unset;             ///< Unset only while the table has no row (or every value missing)
  std::vector<std::int64_t> integers;  ///< Kind::Integer; 0 where missing
  std::vector<double> reals;           ///< Kind::Real; NaN where missing
  std::vector<std::string> texts;      ///< Kind::Text; "" where missing
  std::vector<std::uint8_t> missing;   ///< 1 where the CSV field would be empty
  bool anyMissing() const;
};

struct ColumnTable {
  std::string name;  ///< e.g. "monthly", after the file it mirrors
  std::vector<TableColumn> columns;
  std::size_t rows() const { return columns.empty() ? 0 : columns.front().missing.size(); }
};

/// Fills a ColumnTable row by row. A row with too many or too few fields, or a value whose kind
/// differs from its column's, is a logic error (the writer's code is wrong, not the input).
class ColumnTableBuilder {
 public:
  explicit ColumnTableBuilder(std::string name) { table_.name = std::move(name); }

  ColumnTableBuilder& header(std::span<const std::string_view> names);
  ColumnTableBuilder& header(std::initializer_list<std::string_view> names) {
    return header(std::span<const std::string_view>(names.begin(), names.size()));
  }
  ColumnTableBuilder& field(std::string_view text);
  ColumnTableBuilder& field(const char* text) { return field(std::string_view(text)); }
  ColumnTableBuilder& field(const std::string& text) { return field(std::string_view(text)); }
  ColumnTableBuilder& field(double value);
  ColumnTableBuilder& field(bool value) { return integer(value ? 1 : 0); }
  template <std::signed_integral T>
  ColumnTableBuilder& field(T value) {
    return integer(static_cast<std::int64_t>(value));
  }
  template <std::unsigned_integral T>
  requires(!std::same_as<T, bool>) ColumnTableBuilder& field(T value) {
    return integer(static_cast<std::int64_t>(value));
  }
  ColumnTableBuilder& missing();
  ColumnTableBuilder& endRow();

  std::size_t rows() const { return table_.rows(); }
  /// The table; the builder is spent afterwards.
  ColumnTable take();

 private:
  ColumnTableBuilder& integer(std::int64_t value);
  TableColumn& next(TableColumn::Kind kind);

  ColumnTable table_;
  std::size_t column_ = 0;  // the next field's column in the current row
};

}  // namespace pilotsim
