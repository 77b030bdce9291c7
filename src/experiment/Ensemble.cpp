#include "pilotsim/experiment/Ensemble.hpp"

#include <cmath>
#include <limits>

namespace pilotsim {

MonthlyRow meanRow(const std::vector<const MonthlyRow*>& rows) {
  MonthlyRow mean;
  mean.month = rows.front()->month;
  for (int m = 0; m < kMeasureCount; ++m) {
    double sum = 0;
    int n = 0;
    for (const MonthlyRow* r : rows) {
      if (std::isfinite(r->values[m])) {
        sum += r->values[m];
        ++n;
      }
    }
    mean.values[m] = n > 0 ? sum / n : std::numeric_limits<double>::quiet_NaN();
  }
  return mean;
}

Ensemble::Ensemble(const Params& params, const std::function<bool()>& stop) {
  const int replicates = params.run.replicates;
  sims_.reserve(replicates);
  for (int r = 0; r < replicates; ++r) {
    if (stop && stop()) {
      stopped_ = true;
      return;
    }
    sims_.emplace_back(params, static_cast<std::uint32_t>(r));
  }
}

bool Ensemble::finished() const { return stopped_ || sims_.empty() || sims_.front().finished(); }

void Ensemble::step() {
  const std::size_t before = sims_.front().monthly().size();
  for (auto& sim : sims_) sim.step();
  measured_ = sims_.front().monthly().size() > before;
  if (!measured_) return;
  std::vector<const MonthlyRow*> rows;
  rows.reserve(sims_.size());
  for (const auto& sim : sims_) rows.push_back(&sim.monthly().back());
  mean_ = meanRow(rows);
}

}  // namespace pilotsim
