// The administrative tree (MODEL.md s.3). Inner nodes are superiors, leaves are units.
//
// Superiors are numbered in depth-first pre-order (root = 0); units are numbered in depth-first order
// too, so the units under any superior form one contiguous range [unit_begin, unit_end). Units with
// the same direct superior are peers: they compete and watch each other.
#pragma once

#include "pilotsim/scenario/Params.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

/// A tree shape: a node either has child nodes or directly `units` leaf units.
struct TreeShape {
  std::string name;
  std::vector<TreeShape> children;
  int units = 0;
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

  std::size_t superiorCount() const { return parent.size(); }
  std::size_t unitCount() const { return unit_superior.size(); }
  std::uint32_t unitsUnder(std::uint32_t s) const { return unit_end[s] - unit_begin[s]; }
  /// Levels from superior s down to its units (1 when s is their direct superior).
  int levelsBelow(std::uint32_t s) const;
  /// Depth of the deepest superior.
  int maxDepth() const;
};

Hierarchy buildHierarchy(const TreeShape& shape);
/// The shape for a structure preset (county, city, province, national) or custom branching.
TreeShape shapeFor(const StructureParams& structure);

}  // namespace pilotsim
