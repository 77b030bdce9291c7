// Robustness of the claims' verdicts to the parameters nobody has measured (`pilotsim claims
// --robustness N`). N parameter sets are drawn by Latin hypercube from the plausible range of every
// sampled parameter (scenario/ParamRegistry.hpp: ranges for the parameters without an empirical
// value; levers, switches, run settings and the structure are not sampled). Each set is a background
// (experiment/Claims.hpp): it replaces the baseline's values in every scenario of every claim, while
// the levers a claim compares keep the values its scenarios give them. Every claim is then run and
// judged on each set exactly as `pilotsim claims` judges it at the defaults (same replicates, seed,
// minimal effects, Holm adjustment over the set's tests).
//
// It runs on the campaign engine: the database (experiment/CampaignStore.hpp) holds the definition, the
// design (one point per parameter set) and, for each finished set, every test's effect, interval,
// p-value and effect size; a set's results commit together, so an analysis stopped at any moment
// (Ctrl-C, kill -9) resumes with the pending sets and ends with exactly the same results. A set is
// a pure function of the definition and its design row, whatever the thread count.
//
// The summary gives, per claim, the share of the judged sets in which it is supported, inconclusive
// and not supported (some test contradicted), with 95% Wilson intervals; per test, the shares of its
// four verdicts, the spread of its effect over the sets and the parameters that drive the effect:
// Spearman rank correlations of the effect with each parameter over the sets (the sensitivity
// library's rank-correlation analysis), the strongest five with Fisher-z intervals.
//
// With a calibration's posterior (`--posterior out/china/posterior.csv`) the calibrated parameters
// follow the posterior instead of their plausible ranges, jointly (a set takes all of one particle's
// values), and every other parameter still follows its range: which verdicts survive calibration.
#pragma once

#include "pilotsim/experiment/CampaignRun.hpp"
#include "pilotsim/experiment/CampaignStore.hpp"
#include "pilotsim/experiment/ClaimEvaluation.hpp"
#include "pilotsim/sensitivity/Design.hpp"
#include "pilotsim/sensitivity/Factor.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pilotsim {

class Progress;

/// What a robustness analysis is: its identity in the database.
struct RobustnessSpec {
  std::string claims_file = "claims/claims.toml";  ///< as named; the built-in claims by default
  std::string claims_text;                         ///< the claims file's text
  std::vector<std::string> ids;                    ///< claims judged (empty: all)
  int sets = 0;                                    ///< parameter sets drawn
  int replicates = 30;                             ///< per scenario and set
  std::uint64_t seed = 0;                          ///< of every scenario (common random numbers)
  int months = 0;                                  ///< months of every scenario (0: the presets')
  std::uint64_t design_seed = 1;                   ///< of the Latin hypercube
  /// With --posterior: a calibration's posterior.csv (as named) and its text. The parameters it holds
  /// are then drawn jointly from its weighted particles instead of from their plausible ranges.
  std::string posterior_file;
  std::string posterior_text;
};

/// Marks a robustness analysis' definition in the database (first line of its stored text).
inline constexpr std::string_view kRobustnessMarker = "# pilotsim claims --robustness";

/// Every sampled parameter as a factor uniform over its plausible range (integer parameters take
/// whole numbers), in the registry's order.
std::vector<sensitivity::Factor> robustnessFactors();

/// The Latin hypercube of `spec`: one design point per parameter set. With a posterior, the hypercube
/// has one more column, a uniform draw that picks a particle by its weight (stratified resampling);
/// the particle's values replace those of the parameters it holds, and the column is dropped. Throws
/// InputError naming the posterior file for a column that is not a sampled parameter or bad weights.
sensitivity::Design robustnessDesign(const RobustnessSpec& spec);

/// The claims of `spec` (its text parsed, its selection and months applied). Throws InputError.
ClaimBook robustnessClaims(const RobustnessSpec& spec);

/// The definition as TOML text (stored in the database and compared on resume), and back.
std::string robustnessDefinitionText(const RobustnessSpec& spec);
/// True if a stored campaign text is a robustness analysis' definition.
bool isRobustnessDefinition(std::string_view text);
/// Throws InputError naming `source` for a text that is not one.
RobustnessSpec parseRobustnessDefinition(std::string_view text, const std::string& source);

/// The background of design row `row`: each factor's value as --set text.
ClaimBackground robustnessBackground(const sensitivity::Design& design, std::size_t row);

/// The values stored per set: for each test of each judged claim (book order), its effect, interval,
/// p-value and effect size, named "P1.t1.effect", "P1.t1.lo", "P1.t1.hi", "P1.t1.p", "P1.t1.d".
std::vector<std::string> robustnessColumns(const ClaimBook& claims);
/// The values stored per test (robustnessColumns): effect, lo, hi, p, d.
inline constexpr std::size_t kRobustnessValuesPerTest = 5;

/// Open the analysis in `store` (defining it if the database is new) and check it is `spec`'s:
/// throws InputError if the database holds another campaign or analysis, or was started by
/// another program version. Returns the design.
sensitivity::Design openRobustness(const RobustnessSpec& spec, CampaignStore& store, const std::string& command);

/// The work of judging parameter sets: each run is one set, judged on `threads` workers.
CampaignWork robustnessWork(const RobustnessSpec& spec, const sensitivity::Design& design, int threads);

/// Judge the pending sets one after another, each on `threads` workers, committing each set when it
/// is done. When `*stop` is raised the finished sets are kept and Interrupted is thrown. A set whose
/// parameters break a cross-parameter rule is stored with no values (failed).
CampaignProgress runRobustness(const RobustnessSpec& spec, const sensitivity::Design& design, CampaignStore& store,
                               int threads, Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr,
                               const std::function<void(const CampaignProgress&)>& on_start = {});

/// A share of the judged sets with its 95% Wilson interval.
struct VerdictShare {
  int count = 0;
  double share = 0, lo = 0, hi = 0;
};

struct RobustnessDriver {
  std::string parameter;
  double rho = 0, lo = 0, hi = 0;  ///< Spearman's rho with a 95% Fisher-z interval
};

struct RobustnessTest {
  const ClaimSpec* claim = nullptr;
  std::size_t test = 0;                   ///< index in the claim's tests
  std::vector<double> effect;             ///< per set (design row): the estimate, NaN if not judged
  std::vector<TestVerdict> verdict;       ///< per set (Inconclusive where not judged)
  std::vector<TestVerdict> verdict_holm;  ///< per set
  VerdictShare shares[4];                 ///< by TestVerdict: supported, contradicted, negligible, inconclusive
  double median = 0, q05 = 0, q95 = 0;    ///< of the effect over the judged sets
  std::vector<RobustnessDriver> drivers;  ///< the five largest |rho|, largest first
};

struct RobustnessClaim {
  const ClaimSpec* claim = nullptr;
  std::vector<RobustnessTest> tests;
  std::vector<Verdict> verdict, verdict_holm, verdict_first;  ///< per set
  /// By Verdict (supported, not supported, inconclusive): current tests raw, Holm-adjusted, first.
  VerdictShare current[3], holm[3], first[3];
};

/// The analysis; `claims` points into `book`, so move it, never copy it.
struct RobustnessResult {
  RobustnessSpec spec;
  ClaimBook book;  ///< the claims judged
  sensitivity::Design design;
  std::vector<bool> done;    ///< per set: finished
  std::vector<bool> judged;  ///< per set: finished and not failed
  int sets_done = 0, sets_failed = 0;
  /// The |rho| that the largest of the parameters' rank correlations exceeds with probability 5% when
  /// no parameter is related to an effect (Bonferroni over the parameters): drivers below it may be chance.
  double chance_rho = 0;
  std::vector<std::string> columns;         ///< robustnessColumns(book)
  std::vector<std::vector<double>> values;  ///< [set][column] as stored (NaN where not done)
  std::vector<RobustnessClaim> claims;
};

/// The analysis of a robustness database (finished or not: only finished sets count).
/// Throws InputError if the database holds no robustness analysis.
RobustnessResult analyzeRobustness(const CampaignStore& store);

}  // namespace pilotsim
