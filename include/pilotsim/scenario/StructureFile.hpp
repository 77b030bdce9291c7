// A user's own administrative structure, read from a CSV file (structure.preset = "file",
// structure.file = the path), so that the model can run on a researcher's own county or district.
// One row per node: `id, name, parent, level, base, budget`. The root has an empty parent; units are
// the rows no other row names as parent, all at the same level, and carry the governance base and
// budget the model would otherwise draw (scenarios/README.md documents the format).
//
// Validated as scenarios are: every problem is a InputError naming the file, the line and the
// column and saying what is allowed. The scenario loader and the model (through shapeFor) both read
// the file here, so a bad file gives the same message wherever it is found. The cells are split by
// io/CsvReader, used here as the TOML loader uses io/InputFile: both need nothing of scenario/ but
// InputError, so no header includes another in a cycle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

/// Limits of a structure file, which bound its cost as other inputs' limits do. A national
/// structure (about 42,000 rows) is under 3 MB; units are bounded as a custom structure's are; ten
/// levels below the root leave room below China's five (centre, province, prefecture, county,
/// township) and bound the recursion that builds the tree; an id or a name is at most as long as a
/// TOML key part.
inline constexpr std::size_t kMaxStructureFileBytes = std::size_t{32} << 20;  // 32 MiB
inline constexpr std::size_t kMaxStructureUnits = 200000;
inline constexpr int kMaxStructureLevel = 10;
inline constexpr std::size_t kMaxStructureTextBytes = 256;

/// A unit's governance base in a structure file: a multiple of a typical unit's (the drawn bases
/// have mean 1), at most two orders of magnitude either way, the span environment.budget allows.
/// A unit's budget must lie in environment.budget's allowed range.
inline constexpr double kMinUnitBase = 0.01, kMaxUnitBase = 100;

/// One row of a structure file: a superior or a unit.
struct StructureRow {
  std::string id;               ///< unique within the file
  std::string name;             ///< any text, UTF-8
  std::int32_t parent = -1;     ///< index of the parent's row; -1 for the root
  int level = 0;                ///< 0 for the root, the parent's level + 1 below it
  bool unit = false;            ///< no row names it as parent
  double base = 0, budget = 0;  ///< a unit's governance base and monthly budget; 0 for a superior
  int line = 0;                 ///< line of the row in the file, for messages
};

/// A structure file, read and validated.
struct StructureTable {
  std::string source;              ///< the file, as messages name it
  std::vector<StructureRow> rows;  ///< in the file's order
  std::uint32_t root = 0;          ///< index of the root's row
  /// The rows that name each row as parent, in the file's order: all units, or all superiors.
  std::vector<std::vector<std::uint32_t>> children;
};

/// The text of a structure file, at most kMaxStructureFileBytes. Throws InputError naming the
/// file (missing, a directory, unreadable, too large).
std::string readStructureText(const std::filesystem::path& path);
/// Parse and validate the text of a structure file; `source` names it in messages. Throws
/// InputError "source:line: column (column N): ...": a missing or unknown column, no rows, an
/// empty, duplicate, over-long or non-UTF-8 id or name, an unknown parent, no root or two roots, a
/// cycle of parents, a level that is not the parent's + 1, units at different levels, a unit's
/// base or budget missing or outside its range, a superior's given, more than kMaxStructureUnits units.
StructureTable parseStructureCsv(std::string_view text, const std::string& source);
/// readStructureText and parseStructureCsv.
StructureTable readStructureFile(const std::filesystem::path& path);

}  // namespace pilotsim
