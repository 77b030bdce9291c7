#include "pilotsim/io/ColumnTable.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace pilotsim {
namespace {

TEST(ColumnTableTest, ColumnsKeepTheKindOfTheirValuesAndFlagMissing) {
  ColumnTableBuilder b("t");
  b.header({"i", "r", "s", "late", "never"});
  b.field(std::uint32_t{3}).field(0.5).field("a").missing().missing().endRow();
  b.field(-2).field(std::numeric_limits<double>::quiet_NaN()).missing().field(true).missing().endRow();
  ColumnTable t = b.take();
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.name, "t");
  const auto& i = t.columns[0];
  EXPECT_EQ(i.kind, TableColumn::Kind::Integer);
  EXPECT_EQ(i.integers, (std::vector<std::int64_t>{3, -2}));
  EXPECT_FALSE(i.anyMissing());
  const auto& r = t.columns[1];
  EXPECT_EQ(r.kind, TableColumn::Kind::Real);
  EXPECT_TRUE(std::isnan(r.reals[1]));
  EXPECT_EQ(r.missing, (std::vector<std::uint8_t>{0, 1}));  // NaN is an empty CSV field: missing
  const auto& s = t.columns[2];
  EXPECT_EQ(s.kind, TableColumn::Kind::Text);
  EXPECT_EQ(s.texts, (std::vector<std::string>{"a", ""}));
  EXPECT_EQ(s.missing, (std::vector<std::uint8_t>{0, 1}));
  // A column missing at first takes the kind of its first value, earlier rows filled in.
  const auto& late = t.columns[3];
  EXPECT_EQ(late.kind, TableColumn::Kind::Integer);
  EXPECT_EQ(late.integers, (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(late.missing, (std::vector<std::uint8_t>{1, 0}));
  EXPECT_EQ(t.columns[4].kind, TableColumn::Kind::Unset);
  EXPECT_EQ(t.columns[4].missing.size(), 2u);
}

TEST(ColumnTableTest, RowsOfTheWrongLengthOrMixedKindsAreLogicErrors) {
  ColumnTableBuilder b("t");
  b.header({"a", "b"});
  b.field(1);
  EXPECT_THROW(b.endRow(), std::logic_error);
  ColumnTableBuilder c("t");
  c.header({"a"});
  c.field(1).endRow();
  EXPECT_THROW(c.field("text"), std::logic_error);
  ColumnTableBuilder d("t");
  d.header({"a"});
  d.field(1);
  EXPECT_THROW(d.field(2), std::logic_error);
}

}  // namespace
}  // namespace pilotsim
