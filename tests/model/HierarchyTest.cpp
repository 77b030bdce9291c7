// The administrative tree (MODEL.md s.3, s.11): preset structures with the published counts,
// contiguous unit ranges under every superior, and peers.
#include "pilotsim/model/Hierarchy.hpp"

#include "ModelTestSupport.hpp"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <stdexcept>
#include <string>

namespace pilotsim {
namespace {

Hierarchy treeOf(const std::string& preset, std::vector<int> branching = {}) {
  StructureParams sp;
  sp.preset = preset;
  sp.branching = std::move(branching);
  return buildHierarchy(shapeFor(sp));
}

/// Every superior's units form one range: first its own direct units, then its children's ranges
/// in order; a unit lies in the range of its superior and of all that superior's ancestors.
void expectContiguousRanges(const Hierarchy& h) {
  const auto S = static_cast<std::uint32_t>(h.superiorCount());
  EXPECT_EQ(h.unit_begin[0], 0u);
  EXPECT_EQ(h.unit_end[0], h.unitCount());
  for (std::uint32_t s = 0; s < S; ++s) {
    ASSERT_LE(h.unit_begin[s], h.unit_end[s]);
    auto pos = h.unit_begin[s];
    while (pos < h.unit_end[s] && h.unit_superior[pos] == s) ++pos;  // direct units first
    for (auto i = h.child_begin[s]; i < h.child_end[s]; ++i) {
      const auto c = h.children[i];
      EXPECT_EQ(h.parent[c], s);
      EXPECT_EQ(h.depth[c], h.depth[s] + 1);
      EXPECT_EQ(h.unit_begin[c], pos) << "superior " << s << " child " << c;
      pos = h.unit_end[c];
    }
    EXPECT_EQ(pos, h.unit_end[s]) << "superior " << s;
  }
  for (std::uint32_t u = 0; u < h.unitCount(); ++u) {
    auto s = h.unit_superior[u];
    for (;;) {
      ASSERT_GE(u, h.unit_begin[s]);
      ASSERT_LT(u, h.unit_end[s]);
      if (s == 0) break;
      s = h.parent[s];
    }
  }
}

/// Direct units of each superior (the peer groups).
std::vector<int> directUnits(const Hierarchy& h) {
  std::vector<int> n(h.superiorCount(), 0);
  for (auto s : h.unit_superior) ++n[s];
  return n;
}

TEST(HierarchyTest, CityIsNanjingWithItsElevenDistricts) {
  const auto h = treeOf("city");
  // MODEL.md s.11: 7, 12, 6, 13, 9, 9, 7, 10, 12, 8, 8 township-level units, 101 in all.
  const std::array<int, 11> expected = {7, 12, 6, 13, 9, 9, 7, 10, 12, 8, 8};
  EXPECT_EQ(h.unitCount(), 101u);
  ASSERT_EQ(h.superiorCount(), 12u);
  ASSERT_EQ(h.child_end[0] - h.child_begin[0], 11u);
  const auto direct = directUnits(h);
  EXPECT_EQ(direct[0], 0);  // the city has no units of its own
  for (std::size_t d = 0; d < 11; ++d) {
    const auto s = h.children[h.child_begin[0] + d];
    EXPECT_EQ(h.depth[s], 1);
    EXPECT_EQ(direct[s], expected[d]) << h.name[s];
    EXPECT_EQ(h.unitsUnder(s), static_cast<std::uint32_t>(expected[d]));
  }
  EXPECT_NE(h.name[1].find("Xuanwu"), std::string::npos);
  EXPECT_NE(h.name[11].find("Gaochun"), std::string::npos);
  EXPECT_EQ(h.levelsBelow(0), 2);
  EXPECT_EQ(h.levelsBelow(1), 1);
  EXPECT_EQ(h.maxDepth(), 1);
  expectContiguousRanges(h);
}

TEST(HierarchyTest, NationalHasThePublishedCounts) {
  const auto h = treeOf("national");
  // MODEL.md s.11: 31 provinces, 333 prefectures, 2,854 counties by the per-province table
  // ("about 2,850"), 38,642 township-level units.
  EXPECT_EQ(h.unitCount(), 38642u);
  EXPECT_EQ(h.child_end[0] - h.child_begin[0], 31u);
  int prefectures = 0, counties = 0;
  const auto direct = directUnits(h);
  for (std::uint32_t s = 0; s < h.superiorCount(); ++s) {
    if (h.depth[s] == 2 && h.child_end[s] > h.child_begin[s]) ++prefectures;
    if (direct[s] > 0) ++counties;
    // Units hang only off counties: no superior has both units and child superiors.
    EXPECT_FALSE(direct[s] > 0 && h.child_end[s] > h.child_begin[s]) << h.name[s];
  }
  EXPECT_EQ(prefectures, 333);
  EXPECT_EQ(counties, 2854);
  // Per province townships and counties, with municipalities' counties directly under them.
  const std::map<std::string, std::array<int, 3>> some = {
      {"北京 Beijing", {0, 16, 343}},   {"上海 Shanghai", {0, 15, 215}},   {"重庆 Chongqing", {0, 38, 1031}},
      {"江苏 Jiangsu", {13, 95, 1200}}, {"四川 Sichuan", {21, 183, 3101}}, {"宁夏 Ningxia", {5, 22, 243}}};
  int seen = 0;
  for (auto i = h.child_begin[0]; i < h.child_end[0]; ++i) {
    const auto p = h.children[i];
    const auto it = some.find(h.name[p]);
    if (it == some.end()) continue;
    ++seen;
    const auto [pref, cnty, town] = it->second;
    EXPECT_EQ(h.unitsUnder(p), static_cast<std::uint32_t>(town)) << h.name[p];
    int pc = 0, cc = 0;
    for (std::uint32_t s = 0; s < h.superiorCount(); ++s) {
      if (s == p || h.unit_begin[s] < h.unit_begin[p] || h.unit_end[s] > h.unit_end[p] ||
          h.unit_begin[s] == h.unit_end[s])
        continue;
      if (direct[s] > 0)
        ++cc;
      else
        ++pc;
    }
    EXPECT_EQ(pc, pref) << h.name[p];
    EXPECT_EQ(cc, cnty) << h.name[p];
    EXPECT_EQ(h.levelsBelow(p), pref == 0 ? 2 : 3) << h.name[p];
  }
  EXPECT_EQ(seen, 6);
  EXPECT_EQ(h.maxDepth(), 3);
  expectContiguousRanges(h);
}

TEST(HierarchyTest, ProvinceIsJiangsuAndCountyIsADozenTownships) {
  const auto p = treeOf("province");
  EXPECT_EQ(p.unitCount(), 1200u);
  EXPECT_EQ(p.child_end[0] - p.child_begin[0], 13u);
  const auto direct = directUnits(p);
  int counties = 0;
  for (int d : direct) counties += d > 0;
  EXPECT_EQ(counties, 95);
  expectContiguousRanges(p);

  const auto c = treeOf("county");
  EXPECT_EQ(c.unitCount(), 12u);
  EXPECT_EQ(c.superiorCount(), 1u);
  expectContiguousRanges(c);
}

TEST(HierarchyTest, CustomBranchingGivesAUniformTree) {
  const auto h = treeOf("custom", {2, 3});
  EXPECT_EQ(h.superiorCount(), 3u);
  EXPECT_EQ(h.unitCount(), 6u);
  for (std::uint32_t u = 0; u < 3; ++u) EXPECT_EQ(h.unit_superior[u], 1u);
  for (std::uint32_t u = 3; u < 6; ++u) EXPECT_EQ(h.unit_superior[u], 2u);
  EXPECT_EQ(h.parent[0], 0u);  // the root is its own parent
  EXPECT_EQ(h.parent[1], 0u);
  EXPECT_EQ(h.parent[2], 0u);
  expectContiguousRanges(h);

  const auto deep = treeOf("custom", {2, 2, 2, 5});
  EXPECT_EQ(deep.unitCount(), 40u);
  EXPECT_EQ(deep.superiorCount(), 15u);  // 1 + 2 + 4 + 8
  EXPECT_EQ(deep.levelsBelow(0), 4);
  EXPECT_EQ(deep.maxDepth(), 3);
  expectContiguousRanges(deep);

  const auto flat = treeOf("custom", {5});
  EXPECT_EQ(flat.superiorCount(), 1u);
  EXPECT_EQ(flat.unitCount(), 5u);
  EXPECT_EQ(flat.levelsBelow(0), 1);
}

TEST(HierarchyTest, BadStructuresAreRejected) {
  EXPECT_THROW(treeOf("planet"), std::invalid_argument);
  EXPECT_THROW(treeOf("custom", {0}), std::invalid_argument);
  EXPECT_THROW(treeOf("custom", {3, 0}), std::invalid_argument);
}

// Peers are the units under the same direct superior: the state counts them for each superior, and
// what peers see of each other is aggregated over exactly them.
TEST(HierarchyTest, PeersAreTheUnitsOfOneDirectSuperior) {
  Params p = test::customParams({2, 3});
  auto s = test::makeState(p);
  EXPECT_EQ(s->direct_units[0], 0u);
  EXPECT_EQ(s->direct_units[1], 3u);
  EXPECT_EQ(s->direct_units[2], 3u);
  const auto city = test::makeState(Params{});
  for (std::uint32_t sup = 0; sup < city->superiorCount(); ++sup) {
    std::uint32_t n = 0;
    for (auto v : city->tree.unit_superior) n += v == sup;
    EXPECT_EQ(city->direct_units[sup], n);
  }
}

}  // namespace
}  // namespace pilotsim
