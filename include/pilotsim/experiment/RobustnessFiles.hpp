// The files of a robustness analysis of the claims (`pilotsim claims --robustness N`, or `pilotsim
// export` of its database); docs/outputs.md documents every column:
//   robustness.csv             per claim: the share of judged parameter sets by verdict (current
//                              tests raw, Holm-adjusted, as first specified) with 95% Wilson intervals
//   robustness_tests.csv       per test: the shares of its four verdicts, the effect's median and
//                              5%/95% quantiles over the sets
//   robustness_drivers.csv     per test: the five parameters most rank-correlated with its effect
//   robustness_sets.csv        tidy: one row per set and test (effect, interval, p, d, verdicts)
//   robustness_claim_sets.csv  tidy: one row per set and claim (its three verdicts)
//   design.csv                 the parameter sets (the Latin hypercube)
//   robustness.json            the summary with provenance (what `pilotsim report` draws)
//   robustness.md              the summary tables in Markdown (docs/claims.md is made from it)
//   robustness.toml            the analysis' definition as stored in the database
#pragma once

#include "pilotsim/experiment/ClaimRobustness.hpp"
#include "pilotsim/experiment/ClaimsFiles.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <string>
#include <vector>

namespace pilotsim {

struct RobustnessMeta {
  std::string command;   ///< the command that reproduces the analysis
  std::string database;  ///< the database it was read from
  std::string run_by;    ///< the program version that ran the sets (stored in the database)
};

std::vector<std::string> robustnessFileNames();
/// Write every file into the staging directory of `dir` (the caller commits).
void writeRobustnessFiles(const OutputDirectory& dir, const RobustnessResult& result, const RobustnessMeta& meta);
/// The Markdown tables of robustness.md; `zh` gives Chinese labels.
std::string robustnessMarkdown(const RobustnessResult& result, const RobustnessMeta& meta, bool zh);

}  // namespace pilotsim
