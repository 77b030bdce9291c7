// The files `pilotsim claims` writes (docs/outputs.md documents every column):
//   claims.csv         one row per test: the claim, the contrast, the effect with its interval,
//                      effect size, the test's and the claim's verdicts
//   claim_levels.csv   each claim scenario's value of each tested outcome
//   ablation.csv       one row per ablation: the effect with the mechanism on and off, verdict
//   claims.json        all of it with the statements, program version, seed, replicates, command
//                      line and every scenario's resolved TOML
//   claims.md          the result tables in Markdown (docs/claims.md is made from it)
#pragma once

#include "pilotsim/experiment/ClaimEvaluation.hpp"
#include "pilotsim/io/JsonValues.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <string>
#include <vector>

namespace pilotsim {

struct ClaimsMeta {
  std::string command;  ///< the command line that reproduces the files
  std::string source;   ///< the claims file ("claims/claims.toml" for the built-in one)
};

/// "0.123 [0.1, 0.15]" with about three significant digits; "-" without a value.
std::string intervalText(const Interval& iv);
/// A p-value for a table: three decimals, "<0.001" below that, "-" when undefined.
std::string pValueText(double p);
/// Every scenario run, as [{"label", "scenario_toml"}], for the JSON files' provenance.
Json scenariosJson(const std::vector<ScenarioRun>& runs);

/// Names of the files writeClaimsFiles writes for this report, in order.
std::vector<std::string> claimsFileNames(const ClaimsReport& report);

/// Write the report into the staging directory of `dir` (the caller commits).
void writeClaimsFiles(const OutputDirectory& dir, const ClaimsReport& report, const ClaimsMeta& meta);

/// The Markdown tables of claims.md; `zh` gives Chinese statements and labels.
std::string claimsMarkdown(const ClaimsReport& report, const ClaimsMeta& meta, bool zh);

}  // namespace pilotsim
