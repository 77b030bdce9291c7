// The Sobol' low-discrepancy sequence with Joe and Kuo's direction numbers.
//
// Direction numbers: S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional
// projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file new-joe-kuo-6.21201, of which the
// first 1,024 dimensions are embedded (src/sensitivity/new-joe-kuo-6.21201.first1024.txt, byte for
// byte the published file's first 1,024 lines; tests/cli/SobolTable.cmake checks its SHA-256).
// Points are in Gray-code order (Antonov and Saleev 1979), as in Joe and Kuo's sobol.cc and SciPy's
// unscrambled Sobol: point 0 is the origin, point 1 is (1/2, ..., 1/2).
//
// Licence of the direction numbers: Copyright (c) 2008, Frances Y. Kuo and Stephen Joe. All rights
// reserved. Redistribution and use in source and binary forms, with or without modification, are
// permitted provided that the following conditions are met: Redistributions of source code must
// retain the above copyright notice, this list of conditions and the following disclaimer.
// Redistributions in binary form must reproduce the above copyright notice, this list of conditions
// and the following disclaimer in the documentation and/or other materials provided with the
// distribution. Neither the names of the copyright holders nor the names of the University of New
// South Wales and the University of Waikato and its contributors may be used to endorse or promote
// products derived from this software without specific prior written permission. THIS SOFTWARE IS
// PROVIDED BY THE COPYRIGHT HOLDERS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
// LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
// DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE LIABLE FOR ANY DIRECT, INDIRECT,
// INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
// PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
// INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
// LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
// SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace pilotsim::sensitivity {

/// One dimension's entry of the direction-number file.
struct SobolDirection {
  int degree = 0;                  ///< s: degree of the primitive polynomial (0 for dimension 1)
  std::uint32_t coefficients = 0;  ///< a: the polynomial's inner coefficients as bits
  std::vector<std::uint32_t> m;    ///< initial direction numbers m_1..m_s (odd, m_k < 2^k)
};

class SobolSequence {
 public:
  /// Dimensions available from the embedded table.
  static constexpr int kMaxDimensions = 1024;
  /// The embedded table, dimension 1 first (dimension 1 is the van der Corput sequence, implicit in
  /// the file). Parsed once; throws std::logic_error if the embedded text were malformed.
  static const std::vector<SobolDirection>& directions();

  /// A sequence of `dimensions` (1..kMaxDimensions); throws std::invalid_argument otherwise.
  explicit SobolSequence(int dimensions);
  int dimensions() const { return dimensions_; }

  /// Point `index` (0 <= index < 2^32) as 32-bit integers: coordinate = value / 2^32 exactly.
  void pointBits(std::uint32_t index, std::span<std::uint32_t> out) const;
  /// Point `index` as doubles in [0, 1).
  void point(std::uint32_t index, std::span<double> out) const;

 private:
  int dimensions_;
  std::vector<std::uint32_t> v_;  ///< direction numbers V_{d,b}, 32 per dimension, row-major
};

}  // namespace pilotsim::sensitivity
