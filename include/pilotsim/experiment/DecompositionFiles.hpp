// The files `pilotsim claims --decompose` writes (docs/outputs.md documents every column):
//   decomposition.csv   one row per lever of each decomposed test: the lever's values in the control
//                       and treated scenario, the effect with the lever alone and with every lever but
//                       it, the shares, whether it carries the effect
//   decomposition.json  the same with the program version, seed, replicates, command line and every
//                       variant's resolved TOML
//   decomposition.md    the table in Markdown (docs/claims.md is made from it)
#pragma once

#include "pilotsim/experiment/ClaimDecomposition.hpp"
#include "pilotsim/experiment/ClaimsFiles.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <string>
#include <vector>

namespace pilotsim {

std::vector<std::string> decompositionFileNames();
void writeDecompositionFiles(const OutputDirectory& dir, const DecompositionReport& report, const ClaimsMeta& meta);
/// The Markdown table of decomposition.md; `zh` gives Chinese labels.
std::string decompositionMarkdown(const DecompositionReport& report, const ClaimsMeta& meta, bool zh);

}  // namespace pilotsim
