#include "pilotsim/sensitivity/SobolSequence.hpp"

#include <charconv>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pilotsim::detail {
// Generated from src/sensitivity/new-joe-kuo-6.21201.first1024.txt (cmake/EmbedFiles.cmake).
std::string_view joeKuoDirectionText();
}  // namespace pilotsim::detail

namespace pilotsim::sensitivity {
namespace {

constexpr int kBits = 32;

// The embedded file is: a header line "d s a m_i", then per dimension d = 2, 3, ...: d, s, a and
// the s initial direction numbers m_1..m_s, separated by blanks.
std::vector<SobolDirection> parseTable(std::string_view text) {
  std::vector<SobolDirection> out;
  out.push_back({});  // dimension 1: all m_k = 1, no polynomial
  std::size_t pos = text.find('\n');
  if (pos == std::string_view::npos) throw std::logic_error("Sobol' direction table: no header line");
  ++pos;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    std::vector<std::uint32_t> numbers;
    const char* p = line.data();
    const char* last = line.data() + line.size();
    while (p < last) {
      while (p < last && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
      if (p == last) break;
      std::uint32_t v = 0;
      const auto [next, ec] = std::from_chars(p, last, v);
      if (ec != std::errc()) throw std::logic_error("Sobol' direction table: bad number in line " + std::string(line));
      numbers.push_back(v);
      p = next;
    }
    if (numbers.empty()) continue;
    if (numbers.size() < 3 || numbers[0] != out.size() + 1 || numbers.size() != 3 + numbers[1])
      throw std::logic_error("Sobol' direction table: malformed line " + std::string(line));
    SobolDirection d;
    d.degree = static_cast<int>(numbers[1]);
    d.coefficients = numbers[2];
    d.m.assign(numbers.begin() + 3, numbers.end());
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

const std::vector<SobolDirection>& SobolSequence::directions() {
  static const std::vector<SobolDirection> table = parseTable(detail::joeKuoDirectionText());
  return table;
}

SobolSequence::SobolSequence(int dimensions) : dimensions_(dimensions) {
  const auto& table = directions();
  if (dimensions < 1 || dimensions > kMaxDimensions || static_cast<std::size_t>(dimensions) > table.size())
    throw std::invalid_argument("SobolSequence: dimensions must be in [1, " + std::to_string(kMaxDimensions) + "]");
  v_.assign(static_cast<std::size_t>(dimensions) * kBits, 0u);
  for (int d = 0; d < dimensions; ++d) {
    std::uint32_t* v = v_.data() + static_cast<std::size_t>(d) * kBits;  // v[b] = V_{b+1}
    if (d == 0) {
      for (int b = 0; b < kBits; ++b) v[b] = 1u << (kBits - 1 - b);
      continue;
    }
    const SobolDirection& dir = table[static_cast<std::size_t>(d)];
    const int s = dir.degree;
    for (int b = 0; b < s && b < kBits; ++b) v[b] = dir.m[static_cast<std::size_t>(b)] << (kBits - 1 - b);
    // Bratley and Fox's recurrence: V_k = V_{k-s} ^ (V_{k-s} >> s) ^ sum_{l=1}^{s-1} a_l V_{k-l},
    // a_l being bit (s-1-l) of the coefficient number a.
    for (int b = s; b < kBits; ++b) {
      std::uint32_t x = v[b - s] ^ (v[b - s] >> s);
      for (int l = 1; l < s; ++l)
        if ((dir.coefficients >> (s - 1 - l)) & 1u) x ^= v[b - l];
      v[b] = x;
    }
  }
}

void SobolSequence::pointBits(std::uint32_t index, std::span<std::uint32_t> out) const {
  // Gray-code order: point i is the XOR of the direction numbers at the set bits of i ^ (i >> 1),
  // the same points Joe and Kuo's recursive generator produces one by one.
  const std::uint32_t gray = index ^ (index >> 1);
  for (int d = 0; d < dimensions_; ++d) {
    const std::uint32_t* v = v_.data() + static_cast<std::size_t>(d) * kBits;
    std::uint32_t x = 0;
    for (int b = 0; b < kBits; ++b)
      if ((gray >> b) & 1u) x ^= v[b];
    out[static_cast<std::size_t>(d)] = x;
  }
}

void SobolSequence::point(std::uint32_t index, std::span<double> out) const {
  std::vector<std::uint32_t> bits(static_cast<std::size_t>(dimensions_));
  pointBits(index, bits);
  for (int d = 0; d < dimensions_; ++d)
    out[static_cast<std::size_t>(d)] = bits[static_cast<std::size_t>(d)] * 0x1.0p-32;
}

}  // namespace pilotsim::sensitivity
