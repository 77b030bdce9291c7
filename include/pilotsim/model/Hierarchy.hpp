// The administrative tree (MODEL.md s.3). Inner nodes are superiors, leaves are units.
//
// Superiors are numbered in depth-first pre-order (root = 0); units are numbered in depth-first order
// too, so the units under any superior form one contiguous range [unit_begin, unit_end). Units with
// the same direct superior are peers: they compete and watch each other. A tree read from a structure
// file (structure.preset = "file") also names its units and gives their governance base and budget.
#pragma once

#include "pilotsim/scenario/Params.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

/// A unit as a structure file gives it.
struct UnitShape {
  std::string name;
  double base = 1, budget = 1;  ///< governance base and monthly budget, used instead of drawn ones
};

/// A tree shape: a node either has child nodes or directly leaf units: `units` generated ones (no
/// names, base and budget drawn) or the `given_units` of a structure file, in the file's order.
struct TreeShape {
  std::string name;
  std::vector<TreeShape> children;
  int units = 0;
  std::vector<UnitShape> given_units = {};  ///< defaulted, so that the generated shapes can leave it out
};

struct Hierarchy {
  // superiors
  std::vector<std::uint32_t> parent;  ///< parent superior (root: itself)
  std::vector<std::uint16_t> depth;   ///< 0 = root
  std::vector<std::uint32_t> unit_begin, unit_end;
  std::vector<std::uint32_t> child_begin, child_end;  ///< into `children`
  std::vector<std::uint32_t> subtree_end;             ///< superiors in s's subtree are [s, subtree_end[s]) (pre-order)
  std::vector<std::uint32_t> children;                ///< child superiors, grouped by parent
  std::vector<std::string> name;
  // units
  std::vector<std::uint32_t> unit_superior;  ///< direct superior of each unit
  /// Each unit's name, base and budget as a structure file gives them; all three empty for a
  /// generated tree, whose units have no names and whose base and budget are drawn.
  std::vector<std::string> unit_name;
  std::vector<double> unit_base, unit_budget;

  std::size_t superiorCount() const { return parent.size(); }
  std::size_t unitCount() const { return unit_superior.size(); }
  /// Whether a structure file gave the units (names, base and budget).
  bool unitsGiven() const { return !unit_name.empty(); }
  std::uint32_t unitsUnder(std::uint32_t s) const { return unit_end[s] - unit_begin[s]; }
  /// Levels from superior s down to its units (1 when s is their direct superior).
  int levelsBelow(std::uint32_t s) const;
  /// Depth of the deepest superior.
  int maxDepth() const;
};

/// Throws std::invalid_argument for a tree without units, or one mixing generated and given units.
Hierarchy buildHierarchy(const TreeShape& shape);
/// The shape for a structure preset (county, city, province, national), custom branching, or a
/// structure file (which it reads: throws InputError for a missing or invalid file).
TreeShape shapeFor(const StructureParams& structure);

}  // namespace pilotsim
