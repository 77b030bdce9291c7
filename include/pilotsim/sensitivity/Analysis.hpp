// One entry point for every design: the analyser that fits the design's method, applied to each
// output. A campaign's `analyze DB` and `analyze --design --outputs` both end here.
//   saltelli        -> Sobol' first-, total- (and second-) order indices  (SobolAnalysis.hpp)
//   morris          -> mu, mu*, sigma                                    (MorrisAnalysis.hpp)
//   factorial       -> main-effect tables                                (FactorialAnalysis.hpp)
//   latin-hypercube -> Spearman rank correlations                        (RankCorrelationAnalysis.hpp)
#pragma once

#include "pilotsim/sensitivity/Estimate.hpp"
#include "pilotsim/sensitivity/FactorialAnalysis.hpp"
#include "pilotsim/sensitivity/MorrisAnalysis.hpp"
#include "pilotsim/sensitivity/OutputTable.hpp"
#include "pilotsim/sensitivity/RankCorrelationAnalysis.hpp"
#include "pilotsim/sensitivity/SobolAnalysis.hpp"

#include <span>
#include <string>
#include <variant>
#include <vector>

namespace pilotsim::sensitivity {

struct OutputAnalysis {
  std::string output;  ///< the output's name
  DesignMethod method = DesignMethod::Saltelli;
  std::variant<SobolResult, MorrisResult, MainEffectsResult, RankCorrelationResult> result;
};

/// Analyse one output (values in the design's run order). Throws InputError whose message names
/// the output.
OutputAnalysis analyzeOutput(const Design& design, const std::string& name, std::span<const double> y,
                             const AnalysisOptions& options);
/// Analyse every output of the table, in column order.
std::vector<OutputAnalysis> analyzeOutputs(const Design& design, const OutputTable& outputs,
                                           const AnalysisOptions& options);

}  // namespace pilotsim::sensitivity
