#include "model/StructureData.hpp"

#include <array>
#include <string>

namespace pilotsim {
namespace {

struct ProvinceCounts {
  const char* name;
  int prefectures, counties, townships;
};

// MODEL.md s.11: prefectures / counties / townships per province (NBS 2023). The four
// municipalities have no prefecture level: their counties sit directly under the province.
constexpr std::array<ProvinceCounts, 31> kProvinces = {{
    {"北京 Beijing", 0, 16, 343},
    {"天津 Tianjin", 0, 15, 252},
    {"河北 Hebei", 11, 166, 2246},
    {"山西 Shanxi", 11, 119, 1278},
    {"内蒙古 Inner Mongolia", 12, 103, 1022},
    {"辽宁 Liaoning", 14, 99, 1347},
    {"吉林 Jilin", 9, 60, 977},
    {"黑龙江 Heilongjiang", 13, 125, 1346},
    {"上海 Shanghai", 0, 15, 215},
    {"江苏 Jiangsu", 13, 95, 1200},
    {"浙江 Zhejiang", 11, 90, 1365},
    {"安徽 Anhui", 16, 104, 1525},
    {"福建 Fujian", 9, 84, 1107},
    {"江西 Jiangxi", 11, 100, 1580},
    {"山东 Shandong", 16, 136, 1813},
    {"河南 Henan", 17, 162, 2467},
    {"湖北 Hubei", 13, 103, 1259},
    {"湖南 Hunan", 14, 124, 1948},
    {"广东 Guangdong", 21, 123, 1610},
    {"广西 Guangxi", 14, 111, 1253},
    {"海南 Hainan", 4, 24, 222},
    {"重庆 Chongqing", 0, 38, 1031},
    {"四川 Sichuan", 21, 183, 3101},
    {"贵州 Guizhou", 9, 88, 1510},
    {"云南 Yunnan", 16, 129, 1429},
    {"西藏 Tibet", 7, 74, 701},
    {"陕西 Shaanxi", 10, 107, 1318},
    {"甘肃 Gansu", 14, 87, 1361},
    {"青海 Qinghai", 8, 44, 404},
    {"宁夏 Ningxia", 5, 22, 243},
    {"新疆 Xinjiang", 14, 108, 1169},
}};

/// Split `total` items into `parts` groups as evenly as possible (earlier groups get the remainder).
int share(int total, int parts, int i) { return total / parts + (i < total % parts ? 1 : 0); }

/// Counties with their townships spread evenly, the published counts being totals only.
std::vector<TreeShape> counties(const std::string& prefix, int n_counties, int n_townships) {
  std::vector<TreeShape> out(static_cast<std::size_t>(n_counties));
  for (int c = 0; c < n_counties; ++c) {
    out[c].name = prefix + " county " + std::to_string(c + 1);
    out[c].units = share(n_townships, n_counties, c);
  }
  return out;
}

TreeShape province(const ProvinceCounts& p) {
  TreeShape node{p.name, {}, 0};
  if (p.prefectures == 0) {
    node.children = counties(p.name, p.counties, p.townships);
    return node;
  }
  int county_index = 0;
  for (int f = 0; f < p.prefectures; ++f) {
    const int nc = share(p.counties, p.prefectures, f);
    // Townships follow counties: a prefecture gets its counties' share of the province's townships.
    int nt = 0;
    for (int c = 0; c < nc; ++c) nt += share(p.townships, p.counties, county_index + c);
    TreeShape pref{std::string(p.name) + " prefecture " + std::to_string(f + 1), counties(p.name, nc, nt), 0};
    node.children.push_back(std::move(pref));
    county_index += nc;
  }
  return node;
}

}  // namespace

TreeShape countyShape() { return TreeShape{"county 县", {}, 12}; }

TreeShape cityShape() {
  // Nanjing's 11 districts and their township-level units (MODEL.md s.11).
  static constexpr std::array<std::pair<const char*, int>, 11> kDistricts = {{
      {"玄武 Xuanwu", 7},
      {"秦淮 Qinhuai", 12},
      {"建邺 Jianye", 6},
      {"鼓楼 Gulou", 13},
      {"浦口 Pukou", 9},
      {"栖霞 Qixia", 9},
      {"雨花台 Yuhuatai", 7},
      {"江宁 Jiangning", 10},
      {"六合 Luhe", 12},
      {"溧水 Lishui", 8},
      {"高淳 Gaochun", 8},
  }};
  TreeShape city{"南京 Nanjing", {}, 0};
  for (const auto& [name, n] : kDistricts) city.children.push_back(TreeShape{name, {}, n});
  return city;
}

TreeShape provinceShape() {
  for (const auto& p : kProvinces)
    if (std::string(p.name).find("Jiangsu") != std::string::npos) return province(p);
  return {};
}

TreeShape nationalShape() {
  TreeShape china{"中国 China", {}, 0};
  for (const auto& p : kProvinces) china.children.push_back(province(p));
  return china;
}

// The file's validation guarantees one root, no cycles, and children that are all units or all
// superiors, at most kMaxStructureLevel deep: the recursion ends, and shallowly.
TreeShape fileShape(const StructureTable& table) {
  const auto node = [&table](const auto& self, std::uint32_t r) -> TreeShape {
    TreeShape shape{table.rows[r].name, {}, 0};
    for (const auto c : table.children[r]) {
      const StructureRow& row = table.rows[c];
      if (row.unit)
        shape.given_units.push_back(UnitShape{row.name, row.base, row.budget});
      else
        shape.children.push_back(self(self, c));
    }
    return shape;
  };
  return node(node, table.root);
}

TreeShape customShape(const std::vector<int>& branching) {
  if (branching.size() <= 1) return TreeShape{"root", {}, branching.empty() ? 1 : branching[0]};
  TreeShape root{"root", {}, 0};
  const std::vector<int> rest(branching.begin() + 1, branching.end());
  for (int i = 0; i < branching[0]; ++i) {
    TreeShape child = customShape(rest);
    child.name = "node " + std::to_string(i + 1);
    root.children.push_back(std::move(child));
  }
  return root;
}

}  // namespace pilotsim
