#include "pilotsim/io/ColumnTable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pilotsim {

bool TableColumn::anyMissing() const {
  return std::find(missing.begin(), missing.end(), std::uint8_t{1}) != missing.end();
}

ColumnTableBuilder& ColumnTableBuilder::header(std::span<const std::string_view> names) {
  if (!table_.columns.empty()) throw std::logic_error(fmt::format("table {}: header given twice", table_.name));
  for (auto n : names) {
    TableColumn& c = table_.columns.emplace_back();
    c.name = std::string(n);
  }
  return *this;
}

// The column of the next field, its earlier rows filled in if it had only missing values so far.
TableColumn& ColumnTableBuilder::next(TableColumn::Kind kind) {
  if (column_ >= table_.columns.size())
    throw std::logic_error(
        fmt::format("table {}: more fields in a row than its {} columns", table_.name, table_.columns.size()));
  TableColumn& c = table_.columns[column_++];
  if (c.kind == TableColumn::Kind::Unset && kind != TableColumn::Kind::Unset) {
    c.kind = kind;
    const std::size_t before = c.missing.size();
    if (kind == TableColumn::Kind::Integer) c.integers.assign(before, 0);
    if (kind == TableColumn::Kind::Real) c.reals.assign(before, std::numeric_limits<double>::quiet_NaN());
    if (kind == TableColumn::Kind::Text) c.texts.assign(before, std::string());
  } else if (kind != TableColumn::Kind::Unset && c.kind != kind) {
    throw std::logic_error(fmt::format("table {}: column {} mixes kinds of values", table_.name, c.name));
  }
  return c;
}

ColumnTableBuilder& ColumnTableBuilder::field(std::string_view text) {
  TableColumn& c = next(TableColumn::Kind::Text);
  c.texts.emplace_back(text);
  c.missing.push_back(0);
  return *this;
}

// NaN is what CsvWriter writes as an empty field: missing here too.
ColumnTableBuilder& ColumnTableBuilder::field(double value) {
  TableColumn& c = next(TableColumn::Kind::Real);
  c.reals.push_back(value);
  c.missing.push_back(std::isnan(value) ? 1 : 0);
  return *this;
}

ColumnTableBuilder& ColumnTableBuilder::integer(std::int64_t value) {
  TableColumn& c = next(TableColumn::Kind::Integer);
  c.integers.push_back(value);
  c.missing.push_back(0);
  return *this;
}

ColumnTableBuilder& ColumnTableBuilder::missing() {
  TableColumn& c = next(TableColumn::Kind::Unset);
  switch (c.kind) {
    case TableColumn::Kind::Integer:
      c.integers.push_back(0);
      break;
    case TableColumn::Kind::Real:
      c.reals.push_back(std::numeric_limits<double>::quiet_NaN());
      break;
    case TableColumn::Kind::Text:
      c.texts.emplace_back();
      break;
    case TableColumn::Kind::Unset:
      break;
  }
  c.missing.push_back(1);
  return *this;
}

ColumnTableBuilder& ColumnTableBuilder::endRow() {
  if (column_ != table_.columns.size())
    throw std::logic_error(
        fmt::format("table {}: a row of {} fields for {} columns", table_.name, column_, table_.columns.size()));
  column_ = 0;
  return *this;
}

ColumnTable ColumnTableBuilder::take() { return std::move(table_); }

}  // namespace pilotsim
