#include "pilotsim/model/Records.hpp"

#include <array>

namespace pilotsim {
namespace {

template <std::size_t N, class E>
std::string_view nameOf(const std::array<std::string_view, N>& names, E e) {
  const auto i = static_cast<std::size_t>(e);
  return i < N ? names[i] : "?";
}

}  // namespace

std::string_view toString(Origin o) {
  static constexpr std::array<std::string_view, 5> kNames = {"spontaneous", "designated", "adoption", "restart",
                                                             "relocated"};
  return nameOf(kNames, o);
}

std::string_view toString(PilotStatus s) {
  static constexpr std::array<std::string_view, 9> kNames = {"active",      "symbolic",  "failed",
                                                             "interrupted", "abandoned", "institutionalised",
                                                             "halted",      "preparing", "concluded"};
  return nameOf(kNames, s);
}

std::string_view toString(AdoptionStyle s) {
  static constexpr std::array<std::string_view, 3> kNames = {"none", "adapt", "copy_rename"};
  return nameOf(kNames, s);
}

std::string_view toString(HaltReason r) {
  static constexpr std::array<std::string_view, 3> kNames = {"none", "red_line", "review"};
  return nameOf(kNames, r);
}

std::string_view toString(ExitReason r) {
  static constexpr std::array<std::string_view, 5> kNames = {"in_office", "promoted", "rotated", "retired",
                                                             "dismissed"};
  return nameOf(kNames, r);
}

std::string_view toString(CampaignEnd e) {
  static constexpr std::array<std::string_view, 4> kNames = {"running", "coverage", "attention", "time_limit"};
  return nameOf(kNames, e);
}

}  // namespace pilotsim
