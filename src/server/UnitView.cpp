#include "pilotsim/server/UnitView.hpp"

#include "pilotsim/server/ApiError.hpp"

#include <fmt/format.h>

namespace pilotsim {
namespace {

// The values a unit can be coloured by, with their labels; the page offers them in this order.
struct UnitMeasure {
  std::string_view key, zh, en;
  const std::vector<double> UnitView::*values;
};
constexpr UnitMeasure kUnitMeasures[] = {
    {"pilots", "在办试点数", "pilots carried", &UnitView::pilots},
    {"pseudo_share", "象征性或包装主导试点占比", "symbolic or packaging-dominated share", &UnitView::pseudo_share},
    {"satisfaction", "群众满意度", "satisfaction", &UnitView::satisfaction},
    {"effectiveness", "需求加权治理效能", "need-weighted effectiveness", &UnitView::effectiveness},
    {"base", "治理基础", "governance base", &UnitView::base},
};

}  // namespace

Json unitViewJson(const UnitView& v) {
  Json superiors = Json::array();
  for (std::size_t s = 0; s < v.superior_name.size(); ++s) {
    superiors.push_back({{"id", s},
                         {"name", v.superior_name[s]},
                         {"parent", v.superior_parent[s]},
                         {"depth", v.superior_depth[s]},
                         {"unit_begin", v.superior_unit_begin[s]},
                         {"unit_end", v.superior_unit_end[s]}});
  }
  Json measures = Json::array();
  Json units = Json::object();
  units["superior"] = v.unit_superior;
  for (const auto& m : kUnitMeasures) {
    measures.push_back({{"key", m.key}, {"zh", m.zh}, {"en", m.en}});
    Json column = Json::array();
    for (double x : v.*m.values) column.push_back(numberJson(x));
    units[std::string(m.key)] = std::move(column);
  }
  units["designated"] = v.designated;
  return {{"month", v.month}, {"superiors", superiors}, {"measures", measures}, {"units", units}};
}

Json unitPilotsJson(const UnitView& v, std::uint32_t u) {
  if (u >= v.unitCount())
    throw ApiError(404, fmt::format("no unit {}: units are numbered 0 to {}", u, v.unitCount() - 1));
  Json values = Json::object();
  for (const auto& m : kUnitMeasures) values[std::string(m.key)] = numberJson((v.*m.values)[u]);
  values["designated"] = v.designated[u];
  Json pilots = Json::array();
  for (std::uint32_t i = v.pilot_begin[u]; i < v.pilot_begin[u + 1]; ++i) {
    const PilotView& p = v.pilot_list[i];
    const Domain& d = v.domains.at(p.domain);
    pilots.push_back({{"id", p.id},
                      {"domain", d.key},
                      {"domain_zh", d.zh},
                      {"domain_en", d.en},
                      {"origin", toString(p.origin)},
                      {"status", toString(p.status)},
                      {"pseudo", p.pseudo},
                      {"start", p.start},
                      {"built", numberJson(p.built)},
                      {"realised", numberJson(p.realised)},
                      {"reported", numberJson(p.reported)},
                      {"substance", numberJson(p.substance)},
                      {"packaging", numberJson(p.packaging)}});
  }
  const std::uint32_t s = v.unit_superior[u];
  return {{"unit", u},        {"superior", s},    {"superior_name", v.superior_name[s]},
          {"month", v.month}, {"values", values}, {"pilots", pilots}};
}

}  // namespace pilotsim
