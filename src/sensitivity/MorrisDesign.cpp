// Morris trajectories (Morris 1991, section 3): on the grid {0, 1/(p-1), ..., 1} of each unit axis,
// with step Delta = p / (2 (p - 1)), a trajectory starts at a random grid point from which every
// factor can move by Delta, then moves the factors one at a time, in a random order and each in a
// random direction, k + 1 runs in all. Trajectory t draws from its own stream (entity t), so the
// first r trajectories of a design with more are the same.
#include "pilotsim/core/Rng.hpp"
#include "sensitivity/DesignGenerators.hpp"

#include <numeric>

namespace pilotsim::sensitivity::detail {

void generateMorris(const SamplingSpec& spec, Design& design) {
  const std::size_t k = spec.factors.size();
  const int p = spec.design.levels;
  const double delta = static_cast<double>(p) / (2.0 * (p - 1));
  // Positions are kept as whole grid levels so that moves are exact: Delta is p/2 levels, and the
  // start levels 0..p/2-1 are those from which a move up stays on the grid.
  const int jump = p / 2;
  const auto baseLevels = static_cast<std::uint32_t>(jump);

  std::vector<int> level(k);
  std::vector<int> sign(k);
  std::vector<std::uint32_t> order(k);
  std::int64_t run = 1;
  for (int t = 1; t <= spec.design.trajectories; ++t) {
    RandomStream rng(spec.design.seed, 0, static_cast<std::uint32_t>(t), 2, Purpose::SensitivityDesign);
    for (std::size_t i = 0; i < k; ++i) {
      const int base = static_cast<int>(rng.below(baseLevels));
      sign[i] = rng.bernoulli(0.5) ? 1 : -1;
      // Moving down by Delta must land on the base point, so a downward factor starts Delta above it.
      level[i] = sign[i] > 0 ? base : base + jump;
    }
    std::iota(order.begin(), order.end(), 0u);
    for (std::size_t i = k - 1; i > 0; --i) std::swap(order[i], order[rng.below(static_cast<std::uint32_t>(i + 1))]);

    const auto emit = [&](int step, int moved, double d) {
      DesignRun r;
      r.run = run++;
      r.trajectory = t;
      r.step = step;
      r.factor = moved;
      r.delta = d;
      design.runs.push_back(r);
      for (std::size_t i = 0; i < k; ++i)
        design.values.push_back(spec.factors[i].fromUnit(static_cast<double>(level[i]) / (p - 1)));
    };
    emit(0, -1, 0.0);
    for (std::size_t s = 0; s < k; ++s) {
      const std::uint32_t i = order[s];
      const double d = sign[i] * delta;
      level[i] += sign[i] * jump;
      emit(static_cast<int>(s) + 1, static_cast<int>(i), d);
    }
  }
}

}  // namespace pilotsim::sensitivity::detail
