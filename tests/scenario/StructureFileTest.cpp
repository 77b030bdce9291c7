// Structure files (structure.preset = "file"): the CSV format with its every error, each named by
// file, line and column; the shipped example; and the scenario loader's part (paths relative to the
// scenario file or the working directory, the file checked as the scenario loads).
#include "pilotsim/scenario/StructureFile.hpp"

#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHeader = "id,name,parent,level,base,budget\n";

/// The message parsing `rows` (below the standard header) as "d.csv" raises, or "(no error)".
std::string errorOf(const std::string& rows, std::string_view header = kHeader) {
  try {
    parseStructureCsv(std::string(header) + rows, "d.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

fs::path writeTemp(const fs::path& relative, const std::string& text) {
  const fs::path path = fs::path(::testing::TempDir()) / "structure-file-test" / relative;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

fs::path examplePath() { return fs::path(PILOTSIM_SOURCE_DIR) / "scenarios/structures/example-district.csv"; }

// A province of two prefectures and three counties, the root not first and the rows of one
// prefecture apart.
const std::string kProvince =
    "P1,苏南 South,JS,1,,\n"
    "JS,江苏 Jiangsu,,0,,\n"
    "C1,江宁 Jiangning,P1,2,1.5,1.2\n"
    "P2,苏北 North,JS,1,,\n"
    "C2,沛县 Peixian,P2,2,0.6,0.8\n"
    "C3,溧水 Lishui,P1,2,1,1\n";

TEST(StructureFileTest, ReadsRowsParentsLevelsAndUnitsInFileOrder) {
  const StructureTable t = parseStructureCsv(std::string(kHeader) + kProvince, "d.csv");
  ASSERT_EQ(t.rows.size(), 6u);
  EXPECT_EQ(t.source, "d.csv");
  EXPECT_EQ(t.root, 1u);
  EXPECT_EQ(t.rows[1].name, "江苏 Jiangsu");
  EXPECT_EQ(t.rows[1].parent, -1);
  EXPECT_EQ(t.rows[0].parent, 1);
  EXPECT_FALSE(t.rows[0].unit);
  EXPECT_EQ(t.rows[2].parent, 0);
  EXPECT_EQ(t.rows[2].level, 2);
  EXPECT_EQ(t.rows[2].line, 4);
  EXPECT_TRUE(t.rows[2].unit);
  EXPECT_EQ(t.rows[2].base, 1.5);
  EXPECT_EQ(t.rows[2].budget, 1.2);
  EXPECT_EQ(t.children[1], (std::vector<std::uint32_t>{0, 3}));
  EXPECT_EQ(t.children[0], (std::vector<std::uint32_t>{2, 5}));
  EXPECT_EQ(t.children[3], (std::vector<std::uint32_t>{4}));
  EXPECT_TRUE(t.children[2].empty());
}

TEST(StructureFileTest, AcceptsWhatSpreadsheetsAndRWrite) {
  // Columns in another order, a byte-order mark, CRLF line ends, quoted names with commas and
  // quotes, spaces around cells, NA for a superior's missing values, a blank line at the end.
  const std::string text =
      "\xEF\xBB\xBF"
      "name,level,id,parent,budget,base\r\n"
      "\"Shanghai, \"\"Pudong\"\" 浦东新区\",0, P ,,NA,NaN\r\n"
      "陆家嘴街道,1,P1,P ,1.5, 2\r\n"
      "\r\n";
  const StructureTable t = parseStructureCsv(text, "d.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].name, "Shanghai, \"Pudong\" 浦东新区");
  EXPECT_EQ(t.rows[0].id, "P");
  EXPECT_EQ(t.rows[1].parent, 0);
  EXPECT_EQ(t.rows[1].base, 2.0);
  EXPECT_EQ(t.rows[1].budget, 1.5);
}

TEST(StructureFileTest, TheShippedExampleIsADistrictOfStreetsAndTowns) {
  const StructureTable t = readStructureFile(examplePath());
  ASSERT_EQ(t.rows.size(), 11u);
  EXPECT_EQ(t.rows[t.root].name, "青溪区 Qingxi District");
  EXPECT_EQ(t.children[t.root].size(), 10u);
  double base = 0;
  for (const auto& row : t.rows)
    if (row.unit) base += row.base;
  // A made-up district on the model's scale: bases around the typical unit's 1 (mean 1.045).
  EXPECT_NEAR(base / 10, 1.0, 0.05);
}

TEST(StructureFileTest, HeaderProblemsNameTheFileAndLineOne) {
  EXPECT_EQ(errorOf("", ""), "d.csv:1: the file is empty; expected a header row");
  EXPECT_EQ(errorOf(""), "d.csv:1: no rows below the header: expected one row per superior and unit");
  EXPECT_EQ(errorOf("R,r,,0,\n", "id,name,parent,level,base\n"),
            "d.csv:1: missing column 'budget'; a structure file has the columns id, name, parent, level, base, "
            "budget (in any order)");
  EXPECT_EQ(errorOf("R,r,,0,,,9\n", "id,name,parent,level,base,budget,population\n"),
            "d.csv:1: unknown column 'population' (column 7); a structure file has the columns id, name, parent, "
            "level, base, budget");
  EXPECT_EQ(errorOf("R,r,,0,\n"), "d.csv:2: expected 6 fields as in the header, got 5");
}

TEST(StructureFileTest, CellProblemsNameLineAndColumn) {
  EXPECT_EQ(errorOf("R,r,,0,,\n,t,R,1,1,1\n"), "d.csv:3: id (column 1): empty; every row needs one");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,,R,1,1,1\n"), "d.csv:3: name (column 2): empty; every row needs one");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,1,1\nT,u,R,1,1,1\n"),
            "d.csv:4: id (column 1): 'T' is already the id of the row at line 3; ids must be unique");
  // 青溪 in GBK, as a Chinese spreadsheet may save it.
  EXPECT_EQ(errorOf("R,r,,0,,\nT,\xC7\xE0\xCF\xAA,R,1,1,1\n"),
            "d.csv:3: name (column 2): not valid UTF-8: save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\"), "
            "not as GBK");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,\"a\nb\",R,1,1,1\n"),
            "d.csv:3: name (column 2): contains a control character (a line break, a tab, ...)");
  EXPECT_EQ(errorOf("R,r,,0,,\nT," + std::string(300, 'x') + ",R,1,1,1\n"),
            "d.csv:3: name (column 2): 300 bytes long, more than the 256 allowed");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1.5,1,1\n"),
            "d.csv:3: level (column 4): expected a whole number from 0 (the root) to 10, got '1.5'");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,11,1,1\n"),
            "d.csv:3: level (column 4): expected a whole number from 0 (the root) to 10, got '11'");
  EXPECT_EQ(errorOf("R,r,,,,\nT,t,R,1,1,1\n"),
            "d.csv:2: level (column 4): expected a whole number from 0 (the root) to 10, got an empty cell");
  // The column number follows the file's own order of columns.
  EXPECT_EQ(errorOf("0,R,r,,,\n1,T,t,R,1,x\n", "level,id,name,parent,budget,base\n"),
            "d.csv:3: base (column 6): expected a number in [0.01, 100] for a unit, got 'x'");
}

TEST(StructureFileTest, ParentsNeedOneRootAndNoCycles) {
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,X,1,1,1\n"),
            "d.csv:3: parent (column 3): no row has the id 'X'; a parent is the id of another row of the file");
  EXPECT_EQ(errorOf("R,r,,0,,\nQ,q,,0,,\nT,t,R,1,1,1\n"),
            "d.csv:3: parent (column 3): empty, but the row 'R' (line 2) has an empty parent too; exactly one row, "
            "the top of the structure, has no parent");
  EXPECT_EQ(errorOf("R,r,T,0,,\nT,t,R,1,1,1\n"),
            "d.csv:2: parent (column 3): no row has an empty parent; exactly one row, the top of the structure, has "
            "none");
  // U hangs under the cycle B -> C -> B; the message names the cycle, at the line of its first row met.
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,1,1\nU,u,B,3,1,1\nC,c,B,2,,\nB,b,C,1,,\n"),
            "d.csv:6: parent (column 3): the parents form a cycle, so these rows are not under the root: 'B' -> "
            "'C' -> 'B'");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,1,1\nS,s,S,1,1,1\n"),
            "d.csv:4: parent (column 3): the parents form a cycle, so these rows are not under the root: 'S' -> "
            "'S'");
  // A long cycle is shown by its start, with its length.
  std::string ring = "R,r,,0,,\nT,t,R,1,1,1\n";
  for (int i = 0; i < 20; ++i) ring += fmt::format("N{},n,N{},1,,\n", i, (i + 1) % 20);
  EXPECT_EQ(errorOf(ring),
            "d.csv:4: parent (column 3): the parents form a cycle, so these rows are not under the root: 'N0' -> "
            "'N1' -> 'N2' -> 'N3' -> 'N4' -> 'N5' -> 'N6' -> 'N7' -> ... -> 'N0' (20 rows)");
}

TEST(StructureFileTest, LevelsCountDownFromTheRootAndUnitsShareOne) {
  EXPECT_EQ(errorOf("R,r,,1,,\nT,t,R,2,1,1\n"),
            "d.csv:2: level (column 4): the root (the row with an empty parent) is at level 0, got 1");
  // Reported where the mistake starts (D at line 3), not at the rows below it.
  EXPECT_EQ(errorOf("T,t,D,3,1,1\nR,r,,0,,\nD,d,R,2,,\n"),
            "d.csv:4: level (column 4): expected 1, one below its parent 'R' (line 3), got 2");
  // A district left without streets is a unit one level above the others.
  EXPECT_EQ(errorOf("R,r,,0,,\nD1,d,R,1,,\nD2,e,R,1,,\nT,t,D1,2,1,1\n"),
            "d.csv:4: level (column 4): 'D2' is a unit (no row names it as parent) at level 1, but the unit 'T' "
            "(line 5) is at level 2; all units are at one level: give 'D2' units of its own, or remove it");
  EXPECT_EQ(errorOf("R,r,,0,,\n"),
            "d.csv:2: id (column 1): no row names the root as its parent: a structure needs units under a superior");
}

TEST(StructureFileTest, UnitsCarryABaseAndBudgetInRangeAndSuperiorsNone) {
  const ParamSpec& budget = *findParam("environment.budget");
  ASSERT_EQ(budget.lo, 0.01);  // the range the messages below quote
  ASSERT_EQ(budget.hi, 100);
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,,1\n"),
            "d.csv:3: base (column 5): expected a number in [0.01, 100] for a unit, got an empty cell");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,200,1\n"),
            "d.csv:3: base (column 5): expected a number in [0.01, 100] for a unit, got '200'");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,0,1\n"),
            "d.csv:3: base (column 5): expected a number in [0.01, 100] for a unit, got '0'");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,1,inf\n"),
            "d.csv:3: budget (column 6): expected a number in [0.01, 100] for a unit, got 'inf'");
  EXPECT_EQ(errorOf("R,r,,0,,\nT,t,R,1,1,NA\n"),
            "d.csv:3: budget (column 6): expected a number in [0.01, 100] for a unit, got 'NA'");
  EXPECT_EQ(errorOf("R,r,,0,1,\nT,t,R,1,1,1\n"),
            "d.csv:2: base (column 5): given for a superior: 'R' is the parent of 'T' (line 3); only units, the "
            "rows no other row names as parent, have a base: leave it empty");
  EXPECT_EQ(errorOf("R,r,,0,,-\nT,t,R,1,1,1\n"),
            "d.csv:2: budget (column 6): given for a superior: 'R' is the parent of 'T' (line 3); only units, the "
            "rows no other row names as parent, have a budget: leave it empty");
}

TEST(StructureFileTest, SizeIsBounded) {
  std::string rows = "R,r,,0,,\n";
  rows.reserve(kMaxStructureUnits * 20);
  for (std::size_t i = 0; i <= kMaxStructureUnits; ++i) rows += fmt::format("T{},t,R,1,1,1\n", i);
  EXPECT_EQ(errorOf(rows),
            "d.csv:200003: id (column 1): more than 200000 units (rows no other row names as parent): a structure "
            "file has at most that many, as structure.branching does");
  // Reading stops at the limit: an endless file ends too.
  try {
    readStructureFile("/dev/zero");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "/dev/zero: the structure file is larger than 32 MiB, the most pilotsim reads from one; is it the "
                 "right file?");
  }
  try {
    readStructureFile(fs::path(::testing::TempDir()) / "no-such-structure.csv");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-structure.csv: cannot open structure file: no such file"),
              std::string::npos)
        << e.what();
  }
}

// --- The scenario loader ----------------------------------------------------------------------------

TEST(StructureFileTest, PresetFileNeedsAFileAndAFileNeedsPresetFile) {
  const auto errorLoading = [](const std::string& toml) -> std::string {
    try {
      loadScenarioText(toml, "bad.toml");
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  EXPECT_EQ(errorLoading("[structure]\npreset = \"file\"\n"),
            "bad.toml:2: structure.file must name a CSV file when structure.preset = \"file\"");
  EXPECT_EQ(errorLoading("[structure]\nfile = \"x.csv\"\n"),
            "bad.toml:2: structure.file is only used when structure.preset = \"file\"");
  EXPECT_EQ(errorLoading("[structure]\npreset = \"village\"\n"),
            "bad.toml:2: structure.preset = \"village\" is not known: expected one of \"county\", \"city\", "
            "\"province\", \"national\", \"custom\", \"file\"");
  EXPECT_EQ(allowedTextZh(*findParam("structure.preset")),
            "\"county\"、\"city\"、\"province\"、\"national\"、\"custom\"、\"file\" 之一");
}

TEST(StructureFileTest, ARelativePathIsRelativeToTheScenarioFile) {
  const fs::path csv = writeTemp("structures/d.csv", std::string(kHeader) + kProvince);
  const fs::path toml = writeTemp(
      "scenarios/own.toml", "base = \"baseline\"\n[structure]\npreset = \"file\"\nfile = \"../structures/d.csv\"\n");
  const Scenario s = loadScenarioFile(toml);
  EXPECT_EQ(s.params.structure.file, fs::absolute(csv).lexically_normal().string());
  EXPECT_TRUE(fs::path(s.params.structure.file).is_absolute());
  // Written out and read again (as a run's scenario.toml is, from elsewhere), it names the same file.
  EXPECT_EQ(loadScenarioText(toToml(s), "elsewhere/scenario.toml").params.structure.file, s.params.structure.file);
}

TEST(StructureFileTest, ARelativePathInSetIsRelativeToTheWorkingDirectory) {
  Scenario s = loadPreset("county");
  applyOverride(s, "structure.preset=file");
  applyOverride(s, "structure.file=scenarios/structures/example-district.csv");
  EXPECT_EQ(s.params.structure.file,
            (fs::current_path() / "scenarios/structures/example-district.csv").lexically_normal().string());
  applyOverride(s, "structure.file=" + examplePath().string());  // the README's command, from the sources
  EXPECT_TRUE(validateParams(s.params).empty());
  EXPECT_EQ(s.params.structure.file, fs::absolute(examplePath()).lexically_normal().string());
}

TEST(StructureFileTest, TheLoaderChecksTheFileWithTheParsersMessages) {
  const std::string bad = std::string(kHeader) + "R,r,,0,,\nT,t,X,1,1,1\n";
  const fs::path csv = writeTemp("bad.csv", bad);
  try {
    loadScenarioText("[structure]\npreset = \"file\"\nfile = \"" + csv.string() + "\"\n", "own.toml");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), csv.string());
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.key(), "parent");
    EXPECT_EQ(std::string(e.what()), csv.string() + errorOf("R,r,,0,,\nT,t,X,1,1,1\n").substr(5));
  }
}

}  // namespace
}  // namespace pilotsim
