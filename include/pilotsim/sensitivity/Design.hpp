// A sampling design: the runs to make, each with its factor values and its place in the design's
// structure (Saltelli block and matrix, Morris trajectory and step). The structure is all the
// analysers need, so a design read back from CSV (DesignCsv.hpp), or rebuilt from a campaign
// database, is analysed exactly like one generated here.
#pragma once

#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pilotsim::sensitivity {

/// Which Saltelli matrix a run belongs to (Saltelli et al. 2010, section 3): A and B are independent
/// base samples; A_B^i is A with column i taken from B; B_A^i is B with column i taken from A
/// (second-order indices only).
enum class SaltelliMatrix : std::uint8_t { None, A, B, AB, BA };

/// A run's place in the design. Unused fields keep their defaults for other methods.
struct DesignRun {
  std::int64_t run = 0;    ///< 1-based run number, unique in the design
  std::int64_t block = 0;  ///< saltelli: 1-based base row j that the run belongs to
  SaltelliMatrix matrix = SaltelliMatrix::None;
  int factor = -1;     ///< saltelli AB/BA: column i swapped; morris: factor moved at this step
  int trajectory = 0;  ///< morris: 1-based trajectory
  int step = -1;       ///< morris: 0 at the trajectory's start, then 1..k
  double delta = 0.0;  ///< morris: signed change of the moved factor's unit coordinate
};

struct Design {
  DesignMethod method = DesignMethod::Saltelli;
  std::vector<std::string> factors;  ///< factor names, the column order of `values`
  std::vector<ValueType> types;      ///< how each factor's values are written (Real if unknown)
  std::vector<DesignRun> runs;
  std::vector<double> values;  ///< runs x factors, row-major

  std::size_t runCount() const { return runs.size(); }
  std::size_t factorCount() const { return factors.size(); }
  std::span<const double> row(std::size_t i) const { return {values.data() + i * factors.size(), factors.size()}; }
  /// Index of a factor by name, or -1.
  int factorIndex(std::string_view name) const;
};

/// The design a spec describes: a deterministic function of the spec (its seed included), on any
/// machine. Throws InputError (file "" ) for combinations found only now (too many factorial
/// runs, more factors than the Sobol' table has dimensions, an unbounded factor in a design that
/// uses the corners of the hypercube).
Design generateDesign(const SamplingSpec& spec);

/// True if both designs have the same method, factors, types, runs with their structure, and values
/// (bit for bit; NaN deltas compare equal).
bool sameDesign(const Design& a, const Design& b);

/// Checks that a design's structure is complete and consistent for its method (every Saltelli block
/// has its A, B and one AB per factor; every Morris trajectory moves each factor once; ...).
/// `source` names the design in messages. Throws InputError.
void checkDesignStructure(const Design& design, const std::string& source);

}  // namespace pilotsim::sensitivity
