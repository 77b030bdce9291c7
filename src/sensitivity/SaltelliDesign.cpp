// Saltelli's scheme (Saltelli 2002; Saltelli et al. 2010, section 3): the first N points of a
// 2k-dimensional Sobol' sequence give A (columns 1..k) and B (columns k+1..2k); A_B^i is A with
// column i from B, and for second-order indices B_A^i is B with column i from A. Block j holds the
// runs A_j, A_B^1_j..A_B^k_j, [B_A^1_j..B_A^k_j,] B_j, in that order (SALib's), N (k + 2) or
// N (2k + 2) runs in all.
//
// The sequence is randomised by a digital shift (every point XORed with one random 32-bit vector
// drawn from the seed): it keeps the sequence's stratification (Dick and Pillichshammer 2010,
// "Digital Nets and Sequences", ch. 4), makes different seeds independent replicates of the design,
// and moves the first point off the origin, which some quantile functions would send to -inf. Each
// coordinate is the centre of its 2^-32 cell, so never exactly 0 or 1.
#include "pilotsim/core/Rng.hpp"
#include "pilotsim/sensitivity/SobolSequence.hpp"
#include "sensitivity/DesignGenerators.hpp"

#include <cmath>

namespace pilotsim::sensitivity::detail {

void generateSaltelli(const SamplingSpec& spec, Design& design) {
  const std::size_t k = spec.factors.size();
  const auto n = static_cast<std::uint32_t>(spec.design.samples);
  const bool second = spec.design.second_order;
  const SobolSequence sobol(static_cast<int>(2 * k));

  std::vector<std::uint32_t> shift(2 * k);
  RandomStream rng(spec.design.seed, 0, 0, 1, Purpose::SensitivityDesign);
  for (auto& s : shift) s = static_cast<std::uint32_t>(std::floor(rng.uniform() * 0x1.0p32));

  std::vector<std::uint32_t> bits(2 * k);
  std::vector<double> a(k), b(k), row(k);
  std::int64_t run = 1;
  const auto emit = [&](std::int64_t block, SaltelliMatrix matrix, int factor) {
    DesignRun r;
    r.run = run++;
    r.block = block;
    r.matrix = matrix;
    r.factor = factor;
    design.runs.push_back(r);
    for (std::size_t i = 0; i < k; ++i) design.values.push_back(spec.factors[i].fromUnit(row[i]));
  };
  for (std::uint32_t j = 0; j < n; ++j) {
    sobol.pointBits(j, bits);
    for (std::size_t i = 0; i < k; ++i) {
      a[i] = (static_cast<double>(bits[i] ^ shift[i]) + 0.5) * 0x1.0p-32;
      b[i] = (static_cast<double>(bits[k + i] ^ shift[k + i]) + 0.5) * 0x1.0p-32;
    }
    const std::int64_t block = static_cast<std::int64_t>(j) + 1;
    row = a;
    emit(block, SaltelliMatrix::A, -1);
    for (std::size_t i = 0; i < k; ++i) {
      row = a;
      row[i] = b[i];
      emit(block, SaltelliMatrix::AB, static_cast<int>(i));
    }
    if (second) {
      for (std::size_t i = 0; i < k; ++i) {
        row = b;
        row[i] = a[i];
        emit(block, SaltelliMatrix::BA, static_cast<int>(i));
      }
    }
    row = b;
    emit(block, SaltelliMatrix::B, -1);
  }
}

}  // namespace pilotsim::sensitivity::detail
