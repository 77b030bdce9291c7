#include "pilotsim/sensitivity/Analysis.hpp"

#include "pilotsim/core/InputError.hpp"

#include <fmt/format.h>

namespace pilotsim::sensitivity {

OutputAnalysis analyzeOutput(const Design& design, const std::string& name, std::span<const double> y,
                             const AnalysisOptions& options) {
  if (options.bootstrap < 0) throw InputError("", 0, "", "the number of bootstrap resamples must be >= 0");
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw InputError("", 0, "", "the interval's confidence must be between 0 and 1");
  OutputAnalysis out;
  out.output = name;
  out.method = design.method;
  try {
    switch (design.method) {
      case DesignMethod::Saltelli:
        out.result = analyzeSobol(design, y, options);
        break;
      case DesignMethod::Morris:
        out.result = analyzeMorris(design, y, options);
        break;
      case DesignMethod::Factorial:
        out.result = analyzeMainEffects(design, y);
        break;
      case DesignMethod::LatinHypercube:
      case DesignMethod::File:  // points without structure: rank correlations are what applies
        out.result = analyzeRankCorrelation(design, y, options);
        break;
    }
  } catch (const InputError& e) {
    throw InputError(e.file(), e.line(), e.key(), fmt::format("output '{}': {}", name, e.what()));
  }
  return out;
}

std::vector<OutputAnalysis> analyzeOutputs(const Design& design, const OutputTable& outputs,
                                           const AnalysisOptions& options) {
  std::vector<OutputAnalysis> all;
  for (std::size_t o = 0; o < outputs.names.size(); ++o)
    all.push_back(analyzeOutput(design, outputs.names[o], outputs.columns[o], options));
  return all;
}

}  // namespace pilotsim::sensitivity
