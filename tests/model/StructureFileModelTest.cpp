// The model on a structure file (structure.preset = "file"): the tree in the file's order with its
// units' names, base and budget; a file reproducing the county preset gives the county's run, draw
// for draw; and a bad file fails in the Simulation with the loader's message.
#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/scenario/StructureFile.hpp"

#include "ModelTestSupport.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace pilotsim {
namespace {

namespace fs = std::filesystem;

fs::path writeTemp(const std::string& name, const std::string& text) {
  const fs::path path = fs::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Params fileParams(const fs::path& csv) {
  Params p = test::customParams({1});
  p.structure.preset = "file";
  p.structure.branching.clear();
  p.structure.file = csv.string();
  return p;
}

// Two districts, listed second-first, with their streets interleaved in the file.
const std::string kCity =
    "id,name,parent,level,base,budget\n"
    "C,市 City,,0,,\n"
    "D2,乙区,C,1,,\n"
    "S3,丙街道,D2,2,0.5,0.7\n"
    "D1,甲区,C,1,,\n"
    "S1,子街道,D1,2,1.5,1.2\n"
    "S2,丑街道,D1,2,2,1.4\n"
    "S4,丁街道,D2,2,1,1\n";

TEST(StructureFileModelTest, TheTreeFollowsTheFileOrderWithinEachParent) {
  StructureParams sp;
  sp.preset = "file";
  sp.file = writeTemp("model-city.csv", kCity).string();
  const Hierarchy h = buildHierarchy(shapeFor(sp));
  ASSERT_EQ(h.superiorCount(), 3u);
  EXPECT_EQ(h.name, (std::vector<std::string>{"市 City", "乙区", "甲区"}));
  EXPECT_EQ(h.parent, (std::vector<std::uint32_t>{0, 0, 0}));
  EXPECT_EQ(h.depth, (std::vector<std::uint16_t>{0, 1, 1}));
  ASSERT_TRUE(h.unitsGiven());
  EXPECT_EQ(h.unit_name, (std::vector<std::string>{"丙街道", "丁街道", "子街道", "丑街道"}));
  EXPECT_EQ(h.unit_superior, (std::vector<std::uint32_t>{1, 1, 2, 2}));
  EXPECT_EQ(h.unit_base, (std::vector<double>{0.5, 1, 1.5, 2}));
  EXPECT_EQ(h.unit_budget, (std::vector<double>{0.7, 1, 1.2, 1.4}));
  EXPECT_EQ(h.unitsUnder(0), 4u);
  EXPECT_EQ(h.levelsBelow(0), 2);
}

TEST(StructureFileModelTest, UnitsStartWithTheFilesBaseAndBudget) {
  const auto s = test::makeState(fileParams(writeTemp("model-city-state.csv", kCity)));
  EXPECT_EQ(s->units.base, (std::vector<double>{0.5, 1, 1.5, 2}));
  EXPECT_EQ(s->units.budget, (std::vector<double>{0.7, 1, 1.2, 1.4}));
  EXPECT_DOUBLE_EQ(s->mean_budget, (0.7 + 1 + 1.2 + 1.4) / 4);
  // Generated trees keep drawing: no names, no given values.
  const auto drawn = test::makeState(test::customParams({2, 2}));
  EXPECT_FALSE(drawn->tree.unitsGiven());
}

// A file with the county preset's shape and the bases and budgets the county draws in replicate 0
// must give the county's run exactly: the file replaces those two draws and nothing else.
TEST(StructureFileModelTest, AFileReproducingTheCountyGivesTheCountysRun) {
  Params county = loadPreset("county").params;
  county.run.burn_in = 12;
  county.run.months = 48;
  const RunResult expected = Simulation::run(county, 0);
  ASSERT_EQ(expected.units.size(), 12u);

  std::string csv = "id,name,parent,level,base,budget\nroot,county 县,,0,,\n";
  for (const UnitRecord& u : expected.units)  // {} is the shortest text that reads back to the same double
    csv += fmt::format("t{},乡镇 {},root,1,{},{}\n", u.unit, u.unit + 1, u.base, u.budget);
  Params file = county;
  file.structure.preset = "file";
  file.structure.file = writeTemp("model-county.csv", csv).string();
  const RunResult got = Simulation::run(file, 0);

  EXPECT_EQ(test::firstDifference(expected, got), "");
  ASSERT_EQ(got.units.size(), expected.units.size());
  EXPECT_EQ(got.units[0].name, "乡镇 1");
  EXPECT_EQ(got.units[11].name, "乡镇 12");
  EXPECT_EQ(expected.units[0].name, "");  // generated units have no names
  ASSERT_EQ(got.hierarchy.size(), 1u);
  EXPECT_EQ(got.hierarchy[0].name, expected.hierarchy[0].name);
  EXPECT_EQ(got.hierarchy[0].direct_units, 12u);
  EXPECT_FALSE(got.pilots.empty());  // a valid run: pilots start on the file's units too
}

TEST(StructureFileModelTest, ABadFileFailsInTheSimulationWithTheLoadersMessage) {
  const std::string bad = "id,name,parent,level,base,budget\nR,r,,0,,\nT,t,R,2,1,1\n";
  const fs::path csv = writeTemp("model-bad.csv", bad);
  std::string loader;
  try {
    parseStructureCsv(bad, csv.string());
  } catch (const InputError& e) {
    loader = e.what();
  }
  ASSERT_NE(loader.find(":3: level (column 4): expected 1"), std::string::npos) << loader;
  try {
    Simulation sim(fileParams(csv), 0);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), loader);
  }
  try {
    Simulation sim(fileParams(fs::path(::testing::TempDir()) / "model-missing.csv"), 0);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open structure file: no such file"), std::string::npos) << e.what();
  }
  // The parameters alone are checked first, as for every structure.
  Params none = fileParams(csv);
  none.structure.file.clear();
  EXPECT_THROW(Simulation(none, 0), InvalidParams);
}

}  // namespace
}  // namespace pilotsim
