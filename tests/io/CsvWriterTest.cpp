#include "pilotsim/io/CsvWriter.hpp"

#include "pilotsim/io/OutputDirectory.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include <unistd.h>

namespace pilotsim {
namespace {

std::string oneRow(auto&&... values) {
  CsvWriter csv;
  (csv.field(values), ...);
  csv.endRow();
  return csv.text();
}

TEST(CsvWriterTest, QuotesOnlyWhenRfc4180RequiresIt) {
  EXPECT_EQ(CsvWriter::quote("plain text"), "plain text");
  EXPECT_EQ(CsvWriter::quote("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvWriter::quote("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvWriter::quote("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvWriter::quote("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvWriter::quote(""), "");
  EXPECT_EQ(CsvWriter::quote("试点,创新"), "\"试点,创新\"");
}

TEST(CsvWriterTest, RowsJoinFieldsWithCommasAndEndWithLf) {
  EXPECT_EQ(oneRow(std::string_view("a"), std::string_view("b,c"), 3), "a,\"b,c\",3\n");
}

TEST(CsvWriterTest, NanIsAnEmptyField) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(oneRow(1, nan, 2), "1,,2\n");
  EXPECT_EQ(oneRow(nan), "\n");
  CsvWriter csv;
  csv.field(1).missing().field(2).endRow();
  EXPECT_EQ(csv.text(), "1,,2\n");
}

TEST(CsvWriterTest, DoublesAreShortestRoundTrip) {
  EXPECT_EQ(oneRow(0.1), "0.1\n");
  EXPECT_EQ(oneRow(2.0), "2\n");
  EXPECT_EQ(oneRow(-1.5), "-1.5\n");
  EXPECT_EQ(oneRow(1e-7), "1e-07\n");
  EXPECT_EQ(oneRow(std::numeric_limits<double>::infinity()), "inf\n");
  EXPECT_EQ(oneRow(-std::numeric_limits<double>::infinity()), "-inf\n");
  for (double x : {1.0 / 3.0, 2.0 / 3.0, 123456.789e-3, 6.02214076e23, 5e-324, 0.1 + 0.2}) {
    std::string text = oneRow(x);
    text.pop_back();
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), x) << text;
  }
}

TEST(CsvWriterTest, IntegersAndBooleansAsIntegers) {
  EXPECT_EQ(oneRow(std::int8_t{-3}, std::uint8_t{200}, std::int16_t{-300}, std::uint16_t{65535}),
            "-3,200,-300,65535\n");
  EXPECT_EQ(oneRow(std::numeric_limits<std::uint64_t>::max(), std::numeric_limits<std::int64_t>::min()),
            "18446744073709551615,-9223372036854775808\n");
  EXPECT_EQ(oneRow(true, false), "1,0\n");
}

TEST(CsvWriterTest, HeaderIsNotCountedAsARow) {
  CsvWriter csv;
  csv.header({"x", "y"});
  csv.field(1).field(2).endRow();
  csv.field(3).field(4).endRow();
  EXPECT_EQ(csv.text(), "x,y\n1,2\n3,4\n");
  EXPECT_EQ(csv.rows(), 2u);
}

class CsvFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pilotsim-csv-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CsvFileTest, FileGetsTheSameBytesAsMemory) {
  CsvWriter memory;
  CsvWriter file(dir_ / "t.csv");
  // Enough rows to cross the internal flush threshold several times.
  for (CsvWriter* csv : {&memory, &file}) {
    csv->header({"i", "x", "s"});
    for (int i = 0; i < 20000; ++i) csv->field(i).field(i / 7.0).field(std::string_view("a,\"b\"")).endRow();
  }
  file.close();
  std::ifstream in(dir_ / "t.csv", std::ios::binary);
  std::stringstream got;
  got << in.rdbuf();
  EXPECT_EQ(got.str(), memory.text());
  EXPECT_NO_THROW(file.close());  // idempotent
}

TEST_F(CsvFileTest, UncreatableFileNamesPathAndReason) {
  try {
    CsvWriter csv(dir_ / "missing-dir" / "t.csv");
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing-dir/t.csv"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos) << e.what();
  }
}

TEST(CsvWriterDiskTest, FullDiskIsReportedAtTheLatestOnClose) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  CsvWriter csv("/dev/full");
  EXPECT_THROW(
      {
        for (int i = 0; i < 100000; ++i) csv.field(i).endRow();
        csv.close();
      },
      OutputError);
}

}  // namespace
}  // namespace pilotsim
