// Real administrative structures for the scale presets (MODEL.md s.11, National Bureau of Statistics
// division codes 2023), uniform custom trees, and the tree of a user's structure file.
#pragma once

#include "pilotsim/model/Hierarchy.hpp"
#include "pilotsim/scenario/StructureFile.hpp"

#include <vector>

namespace pilotsim {

/// One county with 12 townships.
TreeShape countyShape();
/// Nanjing: 11 districts, 101 streets and towns.
TreeShape cityShape();
/// Jiangsu province: 13 prefectures, 95 counties, 1,200 township-level units.
TreeShape provinceShape();
/// China: 31 provinces, 333 prefectures, 2,850 counties, 38,642 township-level units.
TreeShape nationalShape();
/// Uniform branching, root first; the last entry is units per lowest superior.
TreeShape customShape(const std::vector<int>& branching);
/// The tree of a validated structure file: its rows in the file's order within each parent, units
/// with their names, base and budget.
TreeShape fileShape(const StructureTable& table);

}  // namespace pilotsim
