#include "pilotsim/sensitivity/SamplingSpec.hpp"

#include "pilotsim/core/InputError.hpp"
#include "pilotsim/io/CsvReader.hpp"
#include "pilotsim/io/TomlSupport.hpp"
#include "pilotsim/sensitivity/SobolSequence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace pilotsim::sensitivity {
namespace {

using pilotsim::describeToml;
using pilotsim::inFileOrder;
using pilotsim::lineOf;

// Design runs beyond this are refused when the file is read, not after minutes of generation.
constexpr double kMaxRuns = 1.0e8;

constexpr std::string_view kReservedColumns[] = {"run",        "design", "block", "matrix",
                                                 "trajectory", "step",   "moved", "delta"};

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// Reads typed values out of one table, naming file, line and the dotted key in every error.
class Reader {
 public:
  Reader(const std::string& file, std::string prefix) : file_(file), prefix_(std::move(prefix)) {}

  [[noreturn]] void fail(const toml::node& node, std::string_view key, const std::string& what) const {
    throw InputError(file_, lineOf(node), prefix_ + std::string(key), what);
  }
  [[noreturn]] void failAt(int line, std::string_view key, const std::string& what) const {
    throw InputError(file_, line, prefix_ + std::string(key), what);
  }

  double number(const toml::node& node, std::string_view key) const {
    std::optional<double> v;
    if (const auto* i = node.as_integer())
      v = static_cast<double>(i->get());
    else if (const auto* f = node.as_floating_point())
      v = f->get();
    if (!v || !std::isfinite(*v)) fail(node, key, fmt::format("expected a finite number, got {}", describeToml(node)));
    return *v;
  }
  double wholeNumber(const toml::node& node, std::string_view key) const {
    const double v = number(node, key);
    if (std::trunc(v) != v || std::fabs(v) > 9.0e15)
      fail(node, key, fmt::format("expected a whole number, got {}", describeToml(node)));
    return v;
  }
  std::int64_t integer(const toml::node& node, std::string_view key, std::int64_t lo, std::int64_t hi) const {
    const double v = wholeNumber(node, key);
    if (v < static_cast<double>(lo) || v > static_cast<double>(hi))
      fail(node, key, fmt::format("expected a whole number in [{}, {}], got {}", lo, hi, describeToml(node)));
    return static_cast<std::int64_t>(v);
  }
  bool boolean(const toml::node& node, std::string_view key) const {
    if (const auto* b = node.as_boolean()) return b->get();
    fail(node, key, fmt::format("expected true or false, got {}", describeToml(node)));
  }
  std::string text(const toml::node& node, std::string_view key) const {
    if (const auto* s = node.as_string()) return s->get();
    fail(node, key, fmt::format("expected a text in quotes, got {}", describeToml(node)));
  }

 private:
  const std::string& file_;
  std::string prefix_;
};

// ---- [design] -----------------------------------------------------------------------------------

std::vector<std::string_view> designKeysFor(DesignMethod m) {
  switch (m) {
    case DesignMethod::Saltelli:
      return {"method", "seed", "samples", "second_order"};
    case DesignMethod::LatinHypercube:
      return {"method", "seed", "samples"};
    case DesignMethod::Morris:
      return {"method", "seed", "trajectories", "levels"};
    case DesignMethod::Factorial:
      return {"method", "seed", "levels"};
    case DesignMethod::File:
      break;
  }
  return {};
}

DesignSettings parseDesign(const toml::table& table, const std::string& file) {
  const Reader r(file, "design.");
  DesignSettings d;
  const toml::node* method = table.get("method");
  if (!method)
    r.failAt(lineOf(table), "method",
             "missing; give method = \"factorial\", \"latin-hypercube\", \"saltelli\" or \"morris\"");
  if (!parseMethodName(r.text(*method, "method"), d.method))
    r.fail(*method, "method",
           fmt::format("expected \"factorial\", \"latin-hypercube\", \"saltelli\" or \"morris\", got {}",
                       describeToml(*method)));
  if (d.method == DesignMethod::File)
    r.fail(*method, "method",
           "method = \"file\" (a design CSV written by another tool) belongs in an experiment file for "
           "'pilotsim sweep' (docs/campaigns.md); a sampling file generates its design: use \"factorial\", "
           "\"latin-hypercube\", \"saltelli\" or \"morris\"");
  const auto allowed = designKeysFor(d.method);
  static const std::vector<std::string_view> all = {"method",       "seed",         "samples",
                                                    "second_order", "trajectories", "levels"};
  for (const auto& [key, node] : inFileOrder(table)) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      if (std::find(all.begin(), all.end(), key) == all.end())
        r.fail(*node, key, fmt::format("unknown key; [design] keys are: {}", joined(all)));
      r.fail(*node, key,
             fmt::format("not used by method \"{}\", which takes: {}", methodName(d.method), joined(allowed)));
    }
    if (key == "seed")
      d.seed = static_cast<std::uint64_t>(r.integer(*node, key, 0, INT64_MAX));
    else if (key == "samples")
      d.samples = r.integer(*node, key, 2, static_cast<std::int64_t>(kMaxRuns));
    else if (key == "second_order")
      d.second_order = r.boolean(*node, key);
    else if (key == "trajectories")
      d.trajectories = static_cast<int>(r.integer(*node, key, 2, 1000000));
    else if (key == "levels") {
      d.levels = static_cast<int>(r.integer(*node, key, 2, 1000));
      // An odd p puts the Morris step p/(2(p-1)) off the grid's symmetric pairing (Morris 1991).
      if (d.method == DesignMethod::Morris && d.levels % 2 != 0)
        r.fail(*node, key,
               fmt::format("expected an even number of levels for morris (2, 4, 6, ...), got {}", d.levels));
    }
  }
  const auto require = [&](std::string_view key, bool present) {
    if (!present) r.failAt(lineOf(table), key, fmt::format("missing; method \"{}\" needs it", methodName(d.method)));
  };
  if (d.method == DesignMethod::Saltelli || d.method == DesignMethod::LatinHypercube) require("samples", d.samples > 0);
  if (d.method == DesignMethod::Morris) require("trajectories", d.trajectories > 0);
  if (d.levels == 0) d.levels = d.method == DesignMethod::Morris ? 4 : d.method == DesignMethod::Factorial ? 3 : 0;
  return d;
}

// ---- [factors] ----------------------------------------------------------------------------------

bool parseKind(std::string_view s, DistributionKind& kind) {
  for (auto k : {DistributionKind::Uniform, DistributionKind::LogUniform, DistributionKind::Normal,
                 DistributionKind::Discrete, DistributionKind::Integer, DistributionKind::Boolean}) {
    if (s == distributionName(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> factorKeysFor(DistributionKind k) {
  std::vector<std::string_view> keys = {"distribution", "zh", "en"};
  switch (k) {
    case DistributionKind::Uniform:
    case DistributionKind::LogUniform:
      keys.insert(keys.end(), {"min", "max", "levels"});
      break;
    case DistributionKind::Normal:
      keys.insert(keys.end(), {"mean", "sd", "truncate", "levels"});
      break;
    case DistributionKind::Discrete:
      keys.push_back("values");
      break;
    case DistributionKind::Integer:
      keys.insert(keys.end(), {"min", "max"});
      break;
    case DistributionKind::Boolean:
      break;
  }
  return keys;
}

Factor parseFactor(const std::string& name, const toml::table& table, const std::string& file) {
  const Reader r(file, "factors." + name + ".");
  Factor f;
  f.name = name;
  const toml::node& dist = *table.get("distribution");
  if (!parseKind(r.text(dist, "distribution"), f.kind))
    r.fail(dist, "distribution",
           fmt::format(
               "expected \"uniform\", \"log-uniform\", \"normal\", \"discrete\", \"integer\" or \"boolean\", got {}",
               describeToml(dist)));
  const auto allowed = factorKeysFor(f.kind);
  std::set<std::string> seen;
  for (const auto& [key, node] : inFileOrder(table)) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      r.fail(*node, key,
             fmt::format("unknown key for a {} factor; allowed: {}", distributionName(f.kind), joined(allowed)));
    seen.insert(key);
    if (key == "zh")
      f.zh = r.text(*node, key);
    else if (key == "en")
      f.en = r.text(*node, key);
    else if (key == "min")
      f.min = f.kind == DistributionKind::Integer ? r.wholeNumber(*node, key) : r.number(*node, key);
    else if (key == "max")
      f.max = f.kind == DistributionKind::Integer ? r.wholeNumber(*node, key) : r.number(*node, key);
    else if (key == "mean")
      f.mean = r.number(*node, key);
    else if (key == "sd") {
      f.sd = r.number(*node, key);
      if (!(f.sd > 0.0)) r.fail(*node, key, fmt::format("expected a number > 0, got {}", describeToml(*node)));
    } else if (key == "levels")
      f.levels = static_cast<int>(r.integer(*node, key, 2, 1000));
    else if (key == "truncate") {
      const auto* arr = node->as_array();
      if (!arr || arr->size() != 2)
        r.fail(*node, key, fmt::format("expected two numbers [lo, hi], got {}", describeToml(*node)));
      f.min = r.number(*arr->get(0), key);
      f.max = r.number(*arr->get(1), key);
      f.truncated = true;
      if (!(f.min < f.max)) r.fail(*node, key, fmt::format("expected lo < hi, got [{}, {}]", f.min, f.max));
      // Bounds far in the tails leave no probability to draw from.
      const double plo = normalCdf((f.min - f.mean) / f.sd), phi = normalCdf((f.max - f.mean) / f.sd);
      if (!(phi - plo > 1e-12))
        r.fail(*node, key,
               fmt::format("[{}, {}] has no probability under normal(mean {}, sd {})", f.min, f.max, f.mean, f.sd));
    } else if (key == "values") {
      const auto* arr = node->as_array();
      if (!arr || arr->size() < 2)
        r.fail(*node, key, fmt::format("expected a list of at least two numbers, got {}", describeToml(*node)));
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const double v = r.number(*arr->get(i), key);
        if (std::find(f.values.begin(), f.values.end(), v) != f.values.end())
          r.fail(*node, key, fmt::format("value {} appears twice", v));
        f.values.push_back(v);
      }
    }
  }
  const auto need = [&](std::string_view key) {
    if (!seen.count(std::string(key)))
      r.failAt(lineOf(table), key,
               fmt::format("missing; a {} factor needs {}", distributionName(f.kind), joined(allowed)));
  };
  switch (f.kind) {
    case DistributionKind::Uniform:
    case DistributionKind::LogUniform:
    case DistributionKind::Integer: {
      need("min");
      need("max");
      const int line = lineOf(*table.get("max"));
      if (!(f.min < f.max))
        r.failAt(line, "max", fmt::format("expected min < max, got min {} and max {}", f.min, f.max));
      if (f.kind == DistributionKind::LogUniform && !(f.min > 0.0))
        r.failAt(lineOf(*table.get("min")), "min",
                 fmt::format("expected min > 0 for a log-uniform factor, got {}", f.min));
      if (f.kind == DistributionKind::Integer && f.max - f.min > 1.0e6)
        r.failAt(line, "max", "expected at most 1,000,001 whole numbers from min to max; use a uniform factor instead");
      break;
    }
    case DistributionKind::Normal:
      need("mean");
      need("sd");
      break;
    case DistributionKind::Discrete:
      need("values");
      break;
    case DistributionKind::Boolean:
      break;
  }
  return f;
}

// A table under [factors] is a factor if it has `distribution`; otherwise its entries are factors
// under a dotted prefix, so that [factors.reform.a1_cap] names the factor "reform.a1_cap".
void collectFactors(const toml::table& table, const std::string& prefix, const std::string& file,
                    std::vector<Factor>& out, std::vector<int>& lines) {
  for (const auto& [key, node] : inFileOrder(table)) {
    const std::string name = prefix + key;
    const auto* sub = node->as_table();
    if (!sub)
      throw InputError(
          file, lineOf(*node), "factors." + name,
          fmt::format("expected a table [factors.{}] with distribution = ..., got {}", name, describeToml(*node)));
    if (sub->contains("distribution")) {
      if (name.empty() || isReservedColumn(name))
        throw InputError(file, lineOf(*node), "factors." + name,
                         "this name is a column of design CSVs; choose another factor name");
      for (const auto& f : out)
        if (f.name == name) throw InputError(file, lineOf(*node), "factors." + name, "factor defined twice");
      out.push_back(parseFactor(name, *sub, file));
      lines.push_back(lineOf(*node));
      continue;
    }
    bool onlyTables = !sub->empty();
    for (auto&& [k, n] : *sub) onlyTables = onlyTables && n.is_table();
    if (!onlyTables)
      throw InputError(file, lineOf(*node), "factors." + name + ".distribution",
                       "missing; every factor needs distribution = \"uniform\", \"log-uniform\", \"normal\", "
                       "\"discrete\", \"integer\" or \"boolean\"");
    collectFactors(*sub, name + ".", file, out, lines);
  }
}

}  // namespace

const char* methodName(DesignMethod method) {
  switch (method) {
    case DesignMethod::Factorial:
      return "factorial";
    case DesignMethod::LatinHypercube:
      return "latin-hypercube";
    case DesignMethod::Saltelli:
      return "saltelli";
    case DesignMethod::Morris:
      return "morris";
    case DesignMethod::File:
      return "file";
  }
  return "?";
}

bool parseMethodName(std::string_view text, DesignMethod& method) {
  for (auto m : {DesignMethod::Factorial, DesignMethod::LatinHypercube, DesignMethod::Saltelli, DesignMethod::Morris,
                 DesignMethod::File}) {
    if (text == methodName(m)) {
      method = m;
      return true;
    }
  }
  return false;
}

bool isReservedColumn(std::string_view name) {
  return std::find(std::begin(kReservedColumns), std::end(kReservedColumns), name) != std::end(kReservedColumns);
}

SamplingSpec parseSamplingSpec(const toml::table& root, const std::string& file) {
  SamplingSpec spec;
  const toml::node* design = root.get("design");
  if (!design)
    throw InputError(file, 0, "",
                     "the file has no [design] table; add one with method = \"latin-hypercube\" (or \"factorial\", "
                     "\"saltelli\", \"morris\"): see docs/sensitivity.md");
  if (!design->is_table())
    throw InputError(file, lineOf(*design), "design",
                     fmt::format("expected a table [design], got {}", describeToml(*design)));
  spec.design = parseDesign(*design->as_table(), file);

  const toml::node* factors = root.get("factors");
  if (!factors)
    throw InputError(file, 0, "", "the file has no [factors.NAME] table; add one for each parameter to vary");
  if (!factors->is_table())
    throw InputError(file, lineOf(*factors), "factors",
                     fmt::format("expected tables [factors.NAME], got {}", describeToml(*factors)));
  std::vector<int> lines;
  collectFactors(*factors->as_table(), "", file, spec.factors, lines);
  if (spec.factors.empty())
    throw InputError(file, lineOf(*factors), "factors", "no factor given; add [factors.NAME] tables");

  // Checks that need both tables.
  const std::size_t k = spec.factors.size();
  const DesignMethod m = spec.design.method;
  if (m == DesignMethod::Morris || m == DesignMethod::Factorial) {
    for (std::size_t i = 0; i < k; ++i)
      if (!spec.factors[i].bounded())
        throw InputError(file, lines[i], "factors." + spec.factors[i].name,
                         fmt::format("method \"{}\" uses the ends of every range, and an unbounded normal has none; "
                                     "add truncate = [lo, hi]",
                                     methodName(m)));
  }
  if (m == DesignMethod::Saltelli && 2 * k > static_cast<std::size_t>(SobolSequence::kMaxDimensions))
    throw InputError(file, lineOf(*factors), "factors",
                     fmt::format("saltelli supports at most {} factors (the Sobol' table has {} dimensions), got {}",
                                 SobolSequence::kMaxDimensions / 2, SobolSequence::kMaxDimensions, k));
  double runs = 0.0;
  if (m == DesignMethod::Saltelli)
    runs = static_cast<double>(spec.design.samples) * static_cast<double>(spec.design.second_order ? 2 * k + 2 : k + 2);
  if (m == DesignMethod::Morris) runs = static_cast<double>(spec.design.trajectories) * static_cast<double>(k + 1);
  if (m == DesignMethod::Factorial) {
    runs = 1.0;
    for (const auto& f : spec.factors) {
      const auto discrete = f.discreteValues();
      runs *= discrete.empty() ? (f.levels > 0 ? f.levels : spec.design.levels) : static_cast<double>(discrete.size());
    }
  }
  if (runs > kMaxRuns)
    throw InputError(file, lineOf(*design), "design",
                     fmt::format("the design would have {:.3g} runs; at most {:.0e} are allowed", runs, kMaxRuns));
  return spec;
}

SamplingSpec parseSamplingText(std::string_view text, const std::string& file) {
  const toml::table root = parseTomlText(text, file);
  for (const auto& [key, node] : inFileOrder(root)) {
    if (key == "design" || key == "factors") continue;
    if (key == "name" || key == "description") {
      Reader(file, "").text(*node, key);
      continue;
    }
    throw InputError(file, lineOf(*node), key,
                     "unknown key; a sampling file has [design], [factors.NAME], name and description");
  }
  return parseSamplingSpec(root, file);
}

SamplingSpec loadSamplingFile(const std::filesystem::path& path) {
  return parseSamplingText(readInputFile(path, "sampling file"), path.string());
}

}  // namespace pilotsim::sensitivity
