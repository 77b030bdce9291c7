// Design and outputs CSVs: round trips, and the errors a user meets with a bad file.
#include "SensitivityTestSupport.hpp"
#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/CsvWriter.hpp"
#include "pilotsim/sensitivity/DesignCsv.hpp"
#include "pilotsim/sensitivity/OutputTable.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace pilotsim::sensitivity {
namespace {

using test::specOf;
using test::uniformFactor;

std::string designText(const Design& d) {
  CsvWriter w;
  writeDesignCsv(d, w);
  return w.text();
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(DesignCsv, RoundTripsEveryMethod) {
  Factor n;
  n.name = "reform.a1_cap";
  n.kind = DistributionKind::Integer;
  n.min = 1;
  n.max = 6;
  for (auto method :
       {DesignMethod::Factorial, DesignMethod::LatinHypercube, DesignMethod::Saltelli, DesignMethod::Morris}) {
    SamplingSpec spec = specOf(method, {uniformFactor("x, with comma", -1.0, 1.0), n});
    spec.design.samples = 8;
    spec.design.second_order = true;
    spec.design.trajectories = 3;
    spec.design.levels = 4;
    const Design d = generateDesign(spec);
    const Design back = designFromCsv(parseCsv(designText(d), "d.csv"));
    EXPECT_EQ(back.method, d.method);
    EXPECT_EQ(back.factors, d.factors);
    EXPECT_EQ(back.values, d.values) << methodName(method);
    ASSERT_EQ(back.runs.size(), d.runs.size());
    for (std::size_t r = 0; r < d.runs.size(); ++r) {
      EXPECT_EQ(back.runs[r].run, d.runs[r].run);
      EXPECT_EQ(back.runs[r].block, d.runs[r].block);
      EXPECT_EQ(back.runs[r].matrix, d.runs[r].matrix);
      EXPECT_EQ(back.runs[r].factor, d.runs[r].factor);
      EXPECT_EQ(back.runs[r].trajectory, d.runs[r].trajectory);
      EXPECT_EQ(back.runs[r].step, d.runs[r].step);
      EXPECT_EQ(back.runs[r].delta, d.runs[r].delta);
    }
  }
}

TEST(DesignCsv, HeaderNamesTheStructure) {
  SamplingSpec spec = specOf(DesignMethod::Saltelli, {uniformFactor("a"), uniformFactor("b")});
  spec.design.samples = 2;
  const std::string text = designText(generateDesign(spec));
  EXPECT_EQ(text.substr(0, text.find('\n')), "run,design,block,matrix,a,b");
  EXPECT_NE(text.find("\n2,saltelli,1,AB:a,"), std::string::npos) << text;
  SamplingSpec morris = specOf(DesignMethod::Morris, {uniformFactor("a")});
  morris.design.trajectories = 2;
  morris.design.levels = 4;
  const std::string m = designText(generateDesign(morris));
  EXPECT_EQ(m.substr(0, m.find('\n')), "run,design,trajectory,step,moved,delta,a");
}

TEST(DesignCsv, BadFilesNameLineAndColumn) {
  EXPECT_EQ(errorOf([] { designFromCsv(parseCsv("run,design,a\n1,sobol,0.5\n", "d.csv")); }),
            "d.csv:2: key 'design': expected factorial, latin-hypercube, saltelli or morris, got 'sobol'");
  EXPECT_EQ(errorOf([] { designFromCsv(parseCsv("run,design,a\n1,factorial,x\n", "d.csv")); }),
            "d.csv:2: key 'a': expected a number, got 'x'");
  EXPECT_EQ(errorOf([] { designFromCsv(parseCsv("run,design,block,matrix,a\n1,saltelli,1,AB:b,0.5\n", "d.csv")); }),
            "d.csv:2: key 'matrix': 'b' is not a factor column");
  EXPECT_EQ(errorOf([] { designFromCsv(parseCsv("run,design,a\n1,factorial,1\n1,factorial,2\n", "d.csv")); }),
            "d.csv: run 1: run number appears twice");
  EXPECT_EQ(errorOf([] { designFromCsv(parseCsv("run,design\n1,factorial\n", "d.csv")); }),
            "d.csv:1: no factor column after the design's own columns");
}

class OutputsCsv : public ::testing::Test {
 protected:
  void SetUp() override {
    SamplingSpec spec = specOf(DesignMethod::LatinHypercube, {uniformFactor("a")});
    spec.design.samples = 3;
    design = generateDesign(spec);
  }
  Design design;
};

TEST_F(OutputsCsv, RowsAreMatchedByRunInAnyOrder) {
  const OutputTable t = outputsFromCsv(parseCsv("run,y,z\n3,30,0.3\n1,10,\n2,20,NA\n", "y.csv"), design);
  EXPECT_EQ(t.names, (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(t.columns[0], (std::vector<double>{10, 20, 30}));
  EXPECT_TRUE(std::isnan(t.columns[1][0]));
  EXPECT_TRUE(std::isnan(t.columns[1][1]));
  // Design columns in the file are not outputs.
  EXPECT_EQ(outputsFromCsv(parseCsv("run,a,y\n1,0,1\n2,0,2\n3,0,3\n", "y.csv"), design).names,
            std::vector<std::string>{"y"});
}

TEST_F(OutputsCsv, BadFilesNameLineAndColumn) {
  EXPECT_EQ(errorOf([&] { outputsFromCsv(parseCsv("run,y\n1,1\n2,abc\n3,3\n", "y.csv"), design); }),
            "y.csv:3: key 'y': expected a number, got 'abc'");
  EXPECT_EQ(errorOf([&] { outputsFromCsv(parseCsv("run,y\n1,1\n2,2\n2,3\n", "y.csv"), design); }),
            "y.csv:4: key 'run': duplicate run 2 (also on line 3)");
  EXPECT_EQ(errorOf([&] { outputsFromCsv(parseCsv("run,y\n1,1\n3,3\n", "y.csv"), design); }),
            "y.csv: key 'run': 2 rows for a design of 3 runs; missing run 2");
  EXPECT_EQ(errorOf([&] { outputsFromCsv(parseCsv("run,y\n1,1\n2,2\n3,3\n4,4\n", "y.csv"), design); }),
            "y.csv:5: key 'run': unknown run 4; the design has runs 1 to 3");
  EXPECT_EQ(errorOf([&] { outputsFromCsv(parseCsv("run,y\n1.5,1\n", "y.csv"), design); }),
            "y.csv:2: key 'run': expected a whole number, got '1.5'");
  EXPECT_EQ(errorOf([&] { outputsFromCsv(parseCsv("id,y\n1,1\n", "y.csv"), design); }),
            "y.csv:1: key 'run': missing column; an outputs CSV needs a run column matching the design");
  EXPECT_EQ(errorOf([&] { outputsFromCsv(parseCsv("run,y\n1,1,9\n", "y.csv"), design); }),
            "y.csv:2: expected 2 fields as in the header, got 3");
}

TEST(CsvReader, QuotingLineEndsAndByteOrderMark) {
  const CsvTable t = parseCsv(
      "\xEF\xBB\xBF"
      "a,\"b, c\"\r\n\"x\"\"y\",\"line\nbreak\"\r\n\r\n3,4",
      "t.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"a", "b, c"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"x\"y", "line\nbreak"}));
  EXPECT_EQ(t.lines[1], 5);  // the quoted line break counts, the blank line is skipped
  EXPECT_EQ(t.number(1, 1), 4.0);
  EXPECT_EQ(errorOf([] { parseCsv("a\n\"open\n", "t.csv"); }),
            "t.csv:2: a quoted field is not closed before the end of the file");
  EXPECT_EQ(errorOf([] { parseCsv("a,a\n1,2\n", "t.csv"); }),
            "t.csv:1: key 'a': column name appears twice (columns 1 and 2)");
  EXPECT_EQ(errorOf([] { readCsvFile("/nonexistent/y.csv"); }),
            "/nonexistent/y.csv: cannot open CSV file: no such file");
}

}  // namespace
}  // namespace pilotsim::sensitivity
