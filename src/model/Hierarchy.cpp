#include "pilotsim/model/Hierarchy.hpp"

#include "model/StructureData.hpp"

#include <algorithm>
#include <stdexcept>

namespace pilotsim {
namespace {

void build(const TreeShape& node, std::uint32_t parent, std::uint16_t depth, Hierarchy& h) {
  const auto id = static_cast<std::uint32_t>(h.parent.size());
  h.parent.push_back(parent == UINT32_MAX ? id : parent);
  h.depth.push_back(depth);
  h.name.push_back(node.name);
  h.unit_begin.push_back(static_cast<std::uint32_t>(h.unit_superior.size()));
  h.unit_end.push_back(0);
  h.subtree_end.push_back(0);
  for (int i = 0; i < node.units; ++i) h.unit_superior.push_back(id);
  for (const auto& unit : node.given_units) {
    h.unit_superior.push_back(id);
    h.unit_name.push_back(unit.name);
    h.unit_base.push_back(unit.base);
    h.unit_budget.push_back(unit.budget);
  }
  for (const auto& child : node.children) build(child, id, static_cast<std::uint16_t>(depth + 1), h);
  h.unit_end[id] = static_cast<std::uint32_t>(h.unit_superior.size());
  h.subtree_end[id] = static_cast<std::uint32_t>(h.parent.size());
}

}  // namespace

int Hierarchy::levelsBelow(std::uint32_t s) const {
  if (unit_begin[s] == unit_end[s]) return 1;
  return depth[unit_superior[unit_begin[s]]] - depth[s] + 1;
}

int Hierarchy::maxDepth() const { return depth.empty() ? 0 : *std::max_element(depth.begin(), depth.end()); }

Hierarchy buildHierarchy(const TreeShape& shape) {
  Hierarchy h;
  build(shape, UINT32_MAX, 0, h);
  const auto n = h.parent.size();
  // Group children by parent (CSR) keeping pre-order within each group.
  std::vector<std::uint32_t> count(n, 0);
  for (std::uint32_t s = 1; s < n; ++s) ++count[h.parent[s]];
  h.child_begin.assign(n, 0);
  h.child_end.assign(n, 0);
  std::uint32_t pos = 0;
  for (std::uint32_t s = 0; s < n; ++s) {
    h.child_begin[s] = pos;
    h.child_end[s] = pos;
    pos += count[s];
  }
  h.children.assign(pos, 0);
  for (std::uint32_t s = 1; s < n; ++s) h.children[h.child_end[h.parent[s]]++] = s;
  if (h.unitCount() == 0) throw std::invalid_argument("the hierarchy has no units");
  if (h.unitsGiven() && h.unit_name.size() != h.unitCount())
    throw std::invalid_argument("the hierarchy mixes generated units and units given by a structure file");
  return h;
}

TreeShape shapeFor(const StructureParams& structure) {
  if (structure.preset == "county") return countyShape();
  if (structure.preset == "city") return cityShape();
  if (structure.preset == "province") return provinceShape();
  if (structure.preset == "national") return nationalShape();
  if (structure.preset == "custom") return customShape(structure.branching);
  if (structure.preset == "file") return fileShape(readStructureFile(structure.file));
  throw std::invalid_argument("unknown structure preset: " + structure.preset);
}

}  // namespace pilotsim
