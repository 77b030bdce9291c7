// The scenarios one batch of claims work runs (claims, ablations, decompositions), each once under
// its label: claims share scenarios (the baseline appears in many), and runScenarios takes the list.
#pragma once

#include "pilotsim/experiment/Claims.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pilotsim::detail {

class ScenarioList {
 public:
  ScenarioList() = default;
  /// Claims' scenarios are resolved on `background` (one parameter set of a robustness analysis).
  explicit ScenarioList(ClaimBackground background) : background_(std::move(background)) {}

  /// Adds `s` under `label` unless the label is taken; returns the label's index either way.
  std::size_t add(const std::string& label, Scenario s) {
    const auto it = index_.find(label);
    if (it != index_.end()) return it->second;
    index_.emplace(label, list_.size());
    list_.emplace_back(label, std::move(s));
    return list_.size() - 1;
  }
  /// The same for a claim's scenario, resolved only when the label is new; with `switch_off`, that
  /// mechanism is switched off.
  std::size_t add(const std::string& label, const ClaimScenario& s, const std::string& switch_off = {}) {
    if (const auto it = index_.find(label); it != index_.end()) return it->second;
    Scenario scenario = resolveClaimScenario(s, background_);
    if (!switch_off.empty()) applyOverride(scenario, switch_off + "=false");
    return add(label, std::move(scenario));
  }
  std::size_t at(const std::string& label) const { return index_.at(label); }
  const std::vector<std::pair<std::string, Scenario>>& list() const { return list_; }

 private:
  ClaimBackground background_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::pair<std::string, Scenario>> list_;
};

}  // namespace pilotsim::detail
