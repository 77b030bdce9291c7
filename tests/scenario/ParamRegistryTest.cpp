#include "pilotsim/scenario/ParamRegistry.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <regex>
#include <set>
#include <string>
#include <utility>

namespace pilotsim {
namespace {

TEST(ParamRegistryTest, KeysAreUniqueAndSectionDotName) {
  const std::regex form("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");
  std::set<std::string_view> seen;
  for (const auto& spec : paramRegistry()) {
    EXPECT_TRUE(std::regex_match(std::string(spec.key), form)) << spec.key;
    EXPECT_TRUE(seen.insert(spec.key).second) << "duplicate key " << spec.key;
    EXPECT_EQ(findParam(spec.key), &spec);
  }
  EXPECT_EQ(findParam("drivers.no_such_thing"), nullptr);
  EXPECT_EQ(findParam(""), nullptr);
}

TEST(ParamRegistryTest, EveryParameterIsDocumented) {
  for (const auto& spec : paramRegistry()) {
    EXPECT_FALSE(spec.zh.empty()) << spec.key;
    EXPECT_FALSE(spec.en.empty()) << spec.key;
    EXPECT_FALSE(spec.unit.empty()) << spec.key;
    EXPECT_FALSE(spec.meaning.empty()) << spec.key;
    EXPECT_FALSE(spec.source.empty()) << spec.key;
    // Chinese names are written in Chinese: at least one multi-byte UTF-8 character.
    bool nonAscii = false;
    for (unsigned char c : spec.zh) nonAscii |= c >= 0x80;
    EXPECT_TRUE(nonAscii) << spec.key << " zh = " << spec.zh;
    EXPECT_FALSE(allowedText(spec).empty()) << spec.key;
  }
}

TEST(ParamRegistryTest, RangesAreOrdered) {
  for (const auto& spec : paramRegistry()) {
    if (spec.type == ParamType::Real || spec.type == ParamType::Integer || spec.type == ParamType::IntegerList) {
      EXPECT_LE(spec.lo, spec.hi) << spec.key;
    }
  }
}

TEST(ParamRegistryTest, DefaultsAreValid) {
  const auto errors = validateParams(Params{});
  EXPECT_TRUE(errors.empty()) << errors.front();
}

TEST(ParamRegistryTest, DefaultsLieInsideTheirRanges) {
  // validateParams checks this too; this names the offending key directly if it ever fails.
  Params p;
  for (const auto& spec : paramRegistry()) {
    std::visit(
        [&](auto* v) {
          using V = std::remove_pointer_t<decltype(v)>;
          if constexpr (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>) {
            EXPECT_GE(static_cast<double>(*v), spec.lo) << spec.key;
            EXPECT_LE(static_cast<double>(*v), spec.hi) << spec.key;
          }
        },
        spec.ref(p));
  }
}

TEST(ParamRegistryTest, OutOfRangeValuesAreReportedByKey) {
  Params p;
  p.drivers.upper_pull = 5.0;
  p.regulation.number_control = -1;
  const auto errors = validateParams(p);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("drivers.upper_pull"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("regulation.number_control"), std::string::npos) << errors[1];
}

// --- Every field of Params is in the registry -------------------------------------------------
//
// The number of members of an aggregate is the largest N for which T{x1, ..., xN} compiles, with
// x convertible to any member type. Together with "each spec points at a distinct field inside its
// section's struct", equal counts mean no field was left out of the table.

struct AnyMember {
  template <class T>
  operator T&() const;  // lvalue reference: copy-initialises class members without ambiguity
};

template <class T, std::size_t... I>
constexpr bool constructibleWith(std::index_sequence<I...>) {
  return requires { T{(static_cast<void>(I), AnyMember{})...}; };
}

template <class T, std::size_t N = 0>
constexpr std::size_t memberCount() {
  if constexpr (N > 64)
    return N;  // stop: not an aggregate of plain members
  else if constexpr (constructibleWith<T>(std::make_index_sequence<N + 1>{}))
    return memberCount<T, N + 1>();
  else
    return N;
}

template <class Section>
void expectSectionCovered(std::string_view section, Section Params::*member) {
  Params p;
  const auto* begin = reinterpret_cast<const std::byte*>(&(p.*member));
  const auto* end = begin + sizeof(Section);
  std::set<const void*> fields;
  for (const auto& spec : paramRegistry()) {
    if (spec.key.substr(0, spec.key.find('.')) != section) continue;
    const void* address = std::visit([](auto* v) -> const void* { return v; }, spec.ref(p));
    const auto* at = static_cast<const std::byte*>(address);
    EXPECT_TRUE(at >= begin && at < end) << spec.key << " points outside Params::" << section;
    EXPECT_TRUE(fields.insert(address).second) << spec.key << " points at a field another key uses";
  }
  EXPECT_EQ(fields.size(), memberCount<Section>()) << "Params::" << section << " has " << memberCount<Section>()
                                                   << " fields but the registry lists " << fields.size();
}

TEST(ParamRegistryTest, EveryFieldOfParamsIsListed) {
  EXPECT_EQ(memberCount<Params>(), 19u) << "a section was added to Params: list it below";
  expectSectionCovered("run", &Params::run);
  expectSectionCovered("structure", &Params::structure);
  expectSectionCovered("domains", &Params::domains);
  expectSectionCovered("mechanisms", &Params::mechanisms);
  expectSectionCovered("environment", &Params::environment);
  expectSectionCovered("drivers", &Params::drivers);
  expectSectionCovered("couplings", &Params::couplings);
  expectSectionCovered("evaluation", &Params::evaluation);
  expectSectionCovered("verification", &Params::verification);
  expectSectionCovered("superiors", &Params::superiors);
  expectSectionCovered("regulation", &Params::regulation);
  expectSectionCovered("costs", &Params::costs);
  expectSectionCovered("behaviour", &Params::behaviour);
  expectSectionCovered("leaders", &Params::leaders);
  expectSectionCovered("pilot", &Params::pilot);
  expectSectionCovered("programmes", &Params::programmes);
  expectSectionCovered("diffusion", &Params::diffusion);
  expectSectionCovered("recognition", &Params::recognition);
  expectSectionCovered("citizens", &Params::citizens);
}

}  // namespace
}  // namespace pilotsim
