// A run on the shipped example structure file (scenarios/structures/example-district.csv): the
// units' and the district's names in units.csv and hierarchy.csv, the file copied into the run and
// named by its scenario.toml, and the directory read back and run again as it was.
#include "pilotsim/experiment/RunReader.hpp"
#include "pilotsim/experiment/RunWriter.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/OutputDirectory.hpp"
#include "pilotsim/scenario/Scenario.hpp"
#include "pilotsim/scenario/StructureFile.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace pilotsim {
namespace {

const fs::path kExample = fs::path(PILOTSIM_SOURCE_DIR) / "scenarios/structures/example-district.csv";

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class StructureRunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = fs::temp_directory_path() / fmt::format("pilotsim-structure-run-test-{}", ::getpid());
    fs::remove_all(root_);
    fs::create_directories(root_);
    // The README's command: a preset with the structure set from the command line.
    scenario_ = loadPreset("baseline");
    applyOverride(scenario_, "structure.preset=file");
    applyOverride(scenario_, "structure.file=" + kExample.string());
    scenario_.params.run.burn_in = 12;
    scenario_.params.run.months = 24;
    scenario_.params.run.replicates = 2;
    results_ = {Simulation::run(scenario_.params, 0), Simulation::run(scenario_.params, 1)};
    OutputDirectory dir(root_ / "run", false);
    RunWriter writer(dir, scenario_, RunWriterOptions{RecordsMode::All, "pilotsim run baseline --set ..."});
    for (const RunResult& r : results_) writer.write(r);
    writer.finish();
    dir.commit();
  }
  static void TearDownTestSuite() { fs::remove_all(root_); }

  static inline fs::path root_;
  static inline Scenario scenario_;
  static inline std::vector<RunResult> results_;
};

TEST_F(StructureRunTest, UnitsAndSuperiorsCarryTheFilesNames) {
  const StructureTable example = readStructureFile(kExample);
  std::vector<std::string> streets;
  for (const auto c : example.children[example.root]) streets.push_back(example.rows[c].name);

  const CsvTable units = readCsvFile(root_ / "run" / "units.csv");
  ASSERT_EQ(units.rows.size(), 2 * streets.size());  // two replicates
  const int name = units.column("name"), base = units.column("base"), budget = units.column("budget");
  ASSERT_GE(name, 0);
  for (std::size_t r = 0; r < units.rows.size(); ++r) {
    const std::size_t u = r % streets.size();
    EXPECT_EQ(units.rows[r][name], streets[u]) << "row " << r;
    const StructureRow& row = example.rows[example.children[example.root][u]];
    EXPECT_EQ(units.number(r, base), row.base) << "row " << r;
    EXPECT_EQ(units.number(r, budget), row.budget) << "row " << r;
  }
  EXPECT_EQ(units.rows[0][name], "青溪街道 Qingxi Street");

  const CsvTable hierarchy = readCsvFile(root_ / "run" / "hierarchy.csv");
  ASSERT_EQ(hierarchy.rows.size(), 2u);
  EXPECT_EQ(hierarchy.rows[0][hierarchy.column("name")], "青溪区 Qingxi District");
  EXPECT_EQ(hierarchy.rows[0][hierarchy.column("direct_units")], "10");
}

TEST_F(StructureRunTest, TheRunKeepsACopyOfTheFileAndItsScenarioNamesIt) {
  const fs::path dir = root_ / "run";
  EXPECT_EQ(readFile(dir / "structure.csv"), readFile(kExample));
  const std::string toml = readFile(dir / "scenario.toml");
  EXPECT_NE(toml.find("file = \"structure.csv\""), std::string::npos) << toml;
  EXPECT_NE(toml.find("# structure.file names structure.csv, this directory's copy of " +
                      fs::absolute(kExample).lexically_normal().string()),
            std::string::npos)
      << toml;

  // Read back from a copy of the directory elsewhere, the scenario names the copy's own file, and
  // running it again gives the same records, names included.
  const fs::path moved = root_ / "moved";
  fs::copy(dir, moved, fs::copy_options::recursive);
  const RunDirectory run = readRunDirectory(moved);
  EXPECT_EQ(run.scenario.params.structure.file, (moved / "structure.csv").lexically_normal().string());
  ASSERT_EQ(run.replicates.size(), 2u);
  for (std::size_t r = 0; r < 2; ++r) {
    ASSERT_EQ(run.replicates[r].units.size(), results_[r].units.size());
    for (std::size_t u = 0; u < results_[r].units.size(); ++u)
      EXPECT_EQ(run.replicates[r].units[u].name, results_[r].units[u].name);
  }
  const RunResult again = Simulation::run(run.scenario.params, 1);
  ASSERT_EQ(again.monthly.size(), results_[1].monthly.size());
  for (std::size_t m = 0; m < again.monthly.size(); ++m)
    for (int k = 0; k < kMeasureCount; ++k) {
      const double a = again.monthly[m].values[k], b = results_[1].monthly[m].values[k];
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << "month " << m << " measure " << k;
    }
}

}  // namespace
}  // namespace pilotsim
