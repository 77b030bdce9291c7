#include "pilotsim/experiment/CalibrationFile.hpp"

#include "pilotsim/io/InputFile.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include "experiment/TomlFileReader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <limits>

namespace pilotsim {
namespace {

using detail::TomlFileReader;

constexpr std::string_view kKeys[] = {"name",   "description", "base",      "set",        "months", "replicates",
                                      "method", "smc",         "rejection", "parameters", "target"};
constexpr std::string_view kSmcKeys[] = {"particles",          "max_generations", "quantile", "min_acceptance",
                                         "min_tolerance_step", "max_simulations", "seed"};
constexpr std::string_view kRejectionKeys[] = {"candidates", "accept_fraction", "seed"};
constexpr std::string_view kParameterKeys[] = {"low", "high", "log", "reason"};
constexpr std::string_view kTargetKeys[] = {"statistic", "observed", "uncertainty", "source", "applies_to"};

constexpr std::int64_t kMaxSeed = std::numeric_limits<std::int64_t>::max();

/// A table under the root (`[smc]`, `[rejection]`, `[parameters]`, an element of [[target]]), read
/// with the same messages; keys are reported with their path ("smc.particles").
TomlFileReader tableReader(const TomlFileReader& root, const toml::node& node, std::string_view key) {
  if (node.as_table() == nullptr) root.fail(node, key, "expected a table");
  return TomlFileReader(*node.as_table(), root.file(), std::string(key) + ".");
}

void readSmc(const TomlFileReader& root, abc::SmcSettings& s) {
  const toml::node* n = root.node("smc");
  if (n == nullptr) return;
  const TomlFileReader r = tableReader(root, *n, "smc");
  r.onlyKnownKeys(kSmcKeys, "[smc]");
  s.particles = static_cast<std::size_t>(r.whole("particles", static_cast<std::int64_t>(s.particles), 2, 1000000));
  s.max_generations = static_cast<int>(r.whole("max_generations", s.max_generations, 1, 1000));
  s.quantile = r.number("quantile", s.quantile, 0.01, 0.99);
  s.min_acceptance = r.number("min_acceptance", s.min_acceptance, 0.0, 1.0);
  s.min_tolerance_step = r.number("min_tolerance_step", s.min_tolerance_step, 0.0, 1.0);
  s.max_simulations = static_cast<std::uint64_t>(r.whole("max_simulations", 0, 0, kMaxSeed));
  s.seed = static_cast<std::uint64_t>(r.whole("seed", static_cast<std::int64_t>(s.seed), 0, kMaxSeed));
}

void readRejection(const TomlFileReader& root, abc::RejectionSettings& s) {
  const toml::node* n = root.node("rejection");
  if (n == nullptr) return;
  const TomlFileReader r = tableReader(root, *n, "rejection");
  r.onlyKnownKeys(kRejectionKeys, "[rejection]");
  s.candidates =
      static_cast<std::size_t>(r.whole("candidates", static_cast<std::int64_t>(s.candidates), 1, 4294967295LL));
  s.accept_fraction = r.number("accept_fraction", s.accept_fraction, 1e-9, 1.0);
  s.seed = static_cast<std::uint64_t>(r.whole("seed", static_cast<std::int64_t>(s.seed), 0, kMaxSeed));
}

CalibrationParameter readParameter(const TomlFileReader& root, const std::string& key, const toml::node& node) {
  const std::string where = "parameters." + key;
  const ParamSpec* spec = findParam(key);
  if (spec == nullptr)
    root.fail(node, where, fmt::format("\"{}\" is not a model parameter; run 'pilotsim params' for the keys", key));
  if (spec->type != ParamType::Real || key.starts_with("run.") || key.starts_with("structure."))
    root.fail(node, where,
              fmt::format("only real-valued parameters can be calibrated; {} is {}", key, allowedText(*spec)));
  const TomlFileReader r = tableReader(root, node, where);
  r.onlyKnownKeys(kParameterKeys, "a parameter's table");
  CalibrationParameter p;
  p.key = key;
  const bool own = r.node("low") != nullptr || r.node("high") != nullptr;
  if (own && (r.node("low") == nullptr || r.node("high") == nullptr))
    root.fail(node, where, "give both low and high, or neither (the registry's plausible range)");
  if (!own && !spec->sampled())
    root.fail(node, where, fmt::format("{} has no plausible range in the registry: give low and high", key));
  p.low = own ? r.number("low", 0, spec->lo, spec->hi) : spec->plausible_lo;
  p.high = own ? r.number("high", 0, spec->lo, spec->hi) : spec->plausible_hi;
  if (!(p.low < p.high)) root.fail(node, where, fmt::format("low ({}) must be below high ({})", p.low, p.high));
  p.log_scale = r.flag("log");
  if (p.log_scale && !(p.low > 0)) root.fail(node, where, "a log-uniform prior (log = true) needs low > 0");
  p.reason = r.text("reason", own ? "" : std::string(spec->plausible_reason));
  if (own && p.reason.empty())
    root.fail(node, where, "say why this prior (reason = \"...\"): it replaces the registry's plausible range");
  return p;
}

CalibrationTarget readTarget(const TomlFileReader& root, const toml::node& node, std::size_t index) {
  const std::string where = fmt::format("target[{}]", index + 1);
  const TomlFileReader r = tableReader(root, node, where);
  r.onlyKnownKeys(kTargetKeys, "a [[target]]");
  CalibrationTarget t;
  t.line = lineOf(node);
  const toml::node* stat = r.node("statistic");
  if (stat == nullptr) root.fail(node, where + ".statistic", "missing: name the statistic (pilotsim statistics)");
  t.statistic = parseStatistic(r.text("statistic", ""), root.file(), lineOf(*stat));
  if (r.node("observed") == nullptr) root.fail(node, where + ".observed", "missing: the observed value");
  if (r.node("uncertainty") == nullptr)
    root.fail(node, where + ".uncertainty", "missing: one standard deviation of the observed value");
  t.observed = r.number("observed", 0, -1e12, 1e12);
  t.uncertainty = r.number("uncertainty", 0, 0, 1e12);
  if (!(t.uncertainty > 0)) root.fail(*r.node("uncertainty"), where + ".uncertainty", "must be above 0");
  t.source = r.text("source", "");
  if (t.source.empty()) root.fail(node, where + ".source", "missing: where the observed value comes from");
  t.applies_to = r.text("applies_to", "");
  return t;
}

}  // namespace

std::vector<abc::Prior> CalibrationSpec::priors() const {
  std::vector<abc::Prior> out;
  for (const auto& p : parameters) out.push_back({p.key, p.low, p.high, p.log_scale});
  return out;
}

std::vector<double> CalibrationSpec::observed() const {
  std::vector<double> out;
  for (const auto& t : targets) out.push_back(t.observed);
  return out;
}

std::vector<double> CalibrationSpec::uncertainties() const {
  std::vector<double> out;
  for (const auto& t : targets) out.push_back(t.uncertainty);
  return out;
}

CalibrationSpec parseCalibrationText(std::string_view text, const std::string& file) {
  const toml::table root = parseTomlText(text, file);
  const TomlFileReader r(root, file);
  r.onlyKnownKeys(kKeys, "a calibration file");
  CalibrationSpec spec;
  spec.file = file;
  spec.text = std::string(text);
  spec.base = baseScenario(r);
  spec.name = outputName(r, "calibration");
  spec.description = r.text("description", "");
  applySetAndMonths(r, spec.base);
  spec.replicates = replicatesOf(r);
  const std::string method = r.text("method", "smc");
  if (method != "smc" && method != "rejection")
    r.fail(*r.node("method"), "method", "expected \"smc\" or \"rejection\"");
  spec.method = method == "smc" ? CalibrationMethod::Smc : CalibrationMethod::Rejection;
  readSmc(r, spec.smc);
  readRejection(r, spec.rejection);

  const toml::node* params = r.node("parameters");
  if (params == nullptr || params->as_table() == nullptr || params->as_table()->empty())
    throw InputError(file, params ? lineOf(*params) : 0, "parameters",
                     "name the parameters to fit in a [parameters] table, e.g. \"drivers.promotion_share\" = {}");
  for (const auto& [key, node] : inFileOrder(*params->as_table()))
    spec.parameters.push_back(readParameter(r, key, *node));

  const toml::node* targets = r.node("target");
  if (targets == nullptr || targets->as_array() == nullptr || targets->as_array()->empty())
    throw InputError(file, targets ? lineOf(*targets) : 0, "target",
                     "give at least one [[target]] with statistic, observed, uncertainty and source");
  std::size_t i = 0;
  for (const auto& node : *targets->as_array()) spec.targets.push_back(readTarget(r, node, i++));

  const auto problems = validateParams(spec.base.params);
  if (!problems.empty()) throw InputError(file, 0, "", problems.front());
  return spec;
}

CalibrationSpec loadCalibrationFile(const std::filesystem::path& path) {
  return parseCalibrationText(readInputFile(path, "calibration file"), path.string());
}

Scenario candidateScenario(const CalibrationSpec& spec, std::span<const double> theta) {
  Scenario s = spec.base;
  for (std::size_t i = 0; i < spec.parameters.size(); ++i)
    applyOverride(s, fmt::format("{}={}", spec.parameters[i].key, theta[i]));
  return s;
}

}  // namespace pilotsim
