// Reading and validating a structure file (StructureFile.hpp). The checks run from the cells up to
// the whole tree (header, then each row's cells, then parents, the root, cycles, levels, units and
// their values), so that the first message names the problem a user would fix first.
#include "pilotsim/scenario/StructureFile.hpp"

#include "pilotsim/core/Names.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace pilotsim {
namespace {

enum Column : std::size_t { kId, kName, kParent, kLevel, kBase, kBudget, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"id", "name", "parent", "level", "base", "budget"};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
// A file saved as GBK, as Chinese spreadsheets often do, fails here instead of garbling the outputs.
bool validUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t code = 0, least = 0;
    if ((lead & 0xE0) == 0xC0) {
      extra = 1, code = lead & 0x1F, least = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2, code = lead & 0x0F, least = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3, code = lead & 0x07, least = 0x10000;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

/// An id or a cell, quoted, as messages show it (a long one shortened).
std::string inQuotes(std::string_view text) { return fmt::format("'{}'", shortened(text, 40)); }
/// A cell as messages show it: quoted, or "an empty cell".
/// A cell as messages show it: quoted, or "an empty cell".
std::string shown(std::string_view cell) { return cell.empty() ? std::string("an empty cell") : inQuotes(cell); }

/// The checks, over one parsed CSV table. A message about a cell starts "column (column N): ", after
/// the file and line InputError puts first.
class StructureReader {
 public:
  explicit StructureReader(CsvTable table) : t_(std::move(table)) {}

  StructureTable read() {
    out_.source = t_.source;
    findColumns();
    if (t_.rows.empty())
      throw InputError(t_.source, 1, "", "no rows below the header: expected one row per superior and unit");
    readCells();
    linkParents();
    checkCycles();
    checkLevels();
    checkUnits();
    return std::move(out_);
  }

 private:
  InputError error(std::size_t row, Column c, const std::string& what) const {
    const std::string& name = t_.header[col_[c]];
    return InputError(t_.source, t_.lines[row], name, fmt::format("{} (column {}): {}", name, col_[c] + 1, what));
  }
  std::string_view cell(std::size_t row, Column c) const { return trimmed(t_.rows[row][col_[c]]); }
  std::size_t parentOf(std::size_t row) const { return static_cast<std::size_t>(out_.rows[row].parent); }
  /// A row as messages refer to it: its id and its line.
  std::string rowText(std::size_t row) const {
    return fmt::format("{} (line {})", inQuotes(out_.rows[row].id), t_.lines[row]);
  }

  void findColumns() {
    for (std::size_t c = 0; c < t_.header.size(); ++c) {
      const auto known = std::find(kColumnNames.begin(), kColumnNames.end(), t_.header[c]);
      if (known == kColumnNames.end())
        throw InputError(t_.source, 1, "",
                         fmt::format("unknown column {} (column {}); a structure file has the columns {}",
                                     shown(t_.header[c]), c + 1, fmt::join(kColumnNames, ", ")));
      col_[static_cast<std::size_t>(known - kColumnNames.begin())] = c;
    }
    for (std::size_t c = 0; c < kColumnCount; ++c)
      if (col_[c] == kAbsent)
        throw InputError(t_.source, 1, "",
                         fmt::format("missing column '{}'; a structure file has the columns {} (in any order)",
                                     kColumnNames[c], fmt::join(kColumnNames, ", ")));
  }

  /// An id or a name: text of at most kMaxStructureTextBytes, UTF-8, no control characters.
  std::string text(std::size_t row, Column c, bool required) const {
    const std::string_view s = cell(row, c);
    if (required && s.empty()) throw error(row, c, "empty; every row needs one");
    if (s.size() > kMaxStructureTextBytes)
      throw error(row, c, fmt::format("{} bytes long, more than the {} allowed", s.size(), kMaxStructureTextBytes));
    if (!validUtf8(s))
      throw error(row, c, "not valid UTF-8: save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\"), not as GBK");
    for (const unsigned char ch : s)
      if (ch < 0x20 || ch == 0x7F) throw error(row, c, "contains a control character (a line break, a tab, ...)");
    return std::string(s);
  }

  void readCells() {
    out_.rows.resize(t_.rows.size());
    for (std::size_t r = 0; r < t_.rows.size(); ++r) {
      StructureRow& row = out_.rows[r];
      row.line = t_.lines[r];
      row.id = text(r, kId, true);
      row.name = text(r, kName, true);
      parents_.push_back(text(r, kParent, false));
      long long level = -1;
      try {
        level = t_.integer(r, col_[kLevel]);
      } catch (const InputError&) {
        // not a whole number: reported below with the range
      }
      if (level < 0 || level > kMaxStructureLevel)
        throw error(r, kLevel,
                    fmt::format("expected a whole number from 0 (the root) to {}, got {}", kMaxStructureLevel,
                                shown(cell(r, kLevel))));
      row.level = static_cast<int>(level);
    }
    for (std::size_t r = 0; r < out_.rows.size(); ++r) {
      const auto [it, fresh] = index_.emplace(out_.rows[r].id, r);
      if (!fresh)
        throw error(r, kId,
                    fmt::format("{} is already the id of the row at line {}; ids must be unique",
                                inQuotes(out_.rows[r].id), t_.lines[it->second]));
    }
  }

  void linkParents() {
    out_.children.assign(out_.rows.size(), {});
    bool rooted = false;
    for (std::size_t r = 0; r < out_.rows.size(); ++r) {
      if (parents_[r].empty()) {
        if (rooted)
          throw error(r, kParent,
                      fmt::format("empty, but the row {} has an empty parent too; exactly one row, the top of the "
                                  "structure, has no parent",
                                  rowText(out_.root)));
        rooted = true;
        out_.root = static_cast<std::uint32_t>(r);
        continue;
      }
      const auto it = index_.find(parents_[r]);
      if (it == index_.end())
        throw error(
            r, kParent,
            fmt::format("no row has the id {}; a parent is the id of another row of the file", inQuotes(parents_[r])));
      out_.rows[r].parent = static_cast<std::int32_t>(it->second);
      out_.children[it->second].push_back(static_cast<std::uint32_t>(r));
    }
    if (!rooted)
      throw error(0, kParent, "no row has an empty parent; exactly one row, the top of the structure, has none");
  }

  // Rows not below the root hang in or under a cycle of parents: following parents from the first
  // of them in the file must come back to a row already passed.
  void checkCycles() {
    std::vector<char> reached(out_.rows.size(), 0);
    order_.push_back(out_.root);
    reached[out_.root] = 1;
    for (std::size_t i = 0; i < order_.size(); ++i)
      for (const auto c : out_.children[order_[i]]) {
        reached[c] = 1;
        order_.push_back(c);
      }
    if (order_.size() == out_.rows.size()) return;
    std::size_t r = 0;
    while (reached[r]) ++r;
    std::vector<char> passed(out_.rows.size(), 0);
    for (; !passed[r]; r = parentOf(r)) passed[r] = 1;
    const std::size_t start = r;
    std::vector<std::size_t> cycle{start};
    for (r = parentOf(start); r != start; r = parentOf(r)) cycle.push_back(r);
    std::string path;
    for (std::size_t i = 0; i < std::min<std::size_t>(cycle.size(), kCycleShown); ++i)
      path += inQuotes(out_.rows[cycle[i]].id) + " -> ";
    if (cycle.size() > kCycleShown) path += "... -> ";
    path += inQuotes(out_.rows[start].id);
    if (cycle.size() > kCycleShown) path += fmt::format(" ({} rows)", cycle.size());
    throw error(start, kParent,
                fmt::format("the parents form a cycle, so these rows are not under the root: {}", path));
  }

  // Top-down, so that a wrong level is reported where it starts, not at every row below it.
  void checkLevels() const {
    const StructureRow& root = out_.rows[out_.root];
    if (root.level != 0)
      throw error(out_.root, kLevel,
                  fmt::format("the root (the row with an empty parent) is at level 0, got {}", root.level));
    for (const auto r : order_) {
      const StructureRow& row = out_.rows[r];
      if (row.parent < 0) continue;
      const int expected = out_.rows[static_cast<std::size_t>(row.parent)].level + 1;
      if (row.level != expected)
        throw error(r, kLevel,
                    fmt::format("expected {}, one below its parent {}, got {}", expected,
                                rowText(static_cast<std::size_t>(row.parent)), row.level));
    }
  }

  void checkUnits() {
    if (out_.children[out_.root].empty())
      throw error(out_.root, kId, "no row names the root as its parent: a structure needs units under a superior");
    // Units are the rows without children; the deepest of them set the units' level, since a row
    // left without units of its own is the likelier mistake.
    std::size_t deepest = 0, units = 0;
    for (std::size_t r = 0; r < out_.rows.size(); ++r) {
      StructureRow& row = out_.rows[r];
      row.unit = out_.children[r].empty();
      if (row.unit && (units++ == 0 || row.level > out_.rows[deepest].level)) deepest = r;
      if (units > kMaxStructureUnits)
        throw error(r, kId,
                    fmt::format("more than {} units (rows no other row names as parent): a structure file has at "
                                "most that many, as structure.branching does",
                                kMaxStructureUnits));
    }
    const ParamSpec& budget = *findParam("environment.budget");
    for (std::size_t r = 0; r < out_.rows.size(); ++r) {
      StructureRow& row = out_.rows[r];
      if (row.unit && row.level != out_.rows[deepest].level)
        throw error(r, kLevel,
                    fmt::format("{0} is a unit (no row names it as parent) at level {1}, but the unit {2} is at "
                                "level {3}; all units are at one level: give {0} units of its own, or remove it",
                                inQuotes(row.id), row.level, rowText(deepest), out_.rows[deepest].level));
      if (row.unit) {
        row.base = value(r, kBase, kMinUnitBase, kMaxUnitBase);
        row.budget = value(r, kBudget, budget.lo, budget.hi);
      } else {
        for (const Column c : {kBase, kBudget})
          if (!missing(r, c))
            throw error(r, c,
                        fmt::format("given for a superior: {} is the parent of {}; only units, the rows no "
                                    "other row names as parent, have a {}: leave it empty",
                                    inQuotes(row.id), rowText(out_.children[r].front()), kColumnNames[c]));
      }
    }
  }

  /// A unit's base or budget: a number in [lo, hi].
  double value(std::size_t row, Column c, double lo, double hi) const {
    double v = std::nan("");
    try {
      v = t_.number(row, col_[c]);
    } catch (const InputError&) {
      // not a number: reported below with the range
    }
    if (!(v >= lo && v <= hi))
      throw error(row, c, fmt::format("expected a number in [{}, {}] for a unit, got {}", lo, hi, shown(cell(row, c))));
    return v;
  }

  /// Whether a cell holds no value: empty, or a missing value as R and pandas write it (NA, NaN).
  bool missing(std::size_t row, Column c) const {
    try {
      return std::isnan(t_.number(row, col_[c]));
    } catch (const InputError&) {
      return false;  // text: a value, and not a missing one
    }
  }

  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);  ///< a column not (yet) found
  static constexpr std::size_t kCycleShown = 8;                         ///< rows of a cycle a message names
  CsvTable t_;
  std::array<std::size_t, kColumnCount> col_ = {kAbsent, kAbsent, kAbsent, kAbsent, kAbsent, kAbsent};
  StructureTable out_;
  std::vector<std::string> parents_;                         ///< each row's parent id, "" for none
  std::unordered_map<std::string_view, std::size_t> index_;  ///< row of each id
  std::vector<std::uint32_t> order_;                         ///< rows below the root, top-down
};

}  // namespace

std::string readStructureText(const std::filesystem::path& path) {
  return readInputFile(path, "structure file", kMaxStructureFileBytes);
}

StructureTable parseStructureCsv(std::string_view text, const std::string& source) {
  return StructureReader(parseCsv(text, source)).read();
}

StructureTable readStructureFile(const std::filesystem::path& path) {
  return parseStructureCsv(readStructureText(path), path.string());
}

}  // namespace pilotsim
