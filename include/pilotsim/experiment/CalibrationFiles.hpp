// The files of a calibration (`pilotsim calibrate FILE`); docs/calibration.md documents every column:
//   posterior.csv             the final population: particle, weight, distance, one column per parameter
//   posterior_summary.csv     per parameter: prior bounds, weighted median, 90% interval, mean
//   generations.csv           per generation: tolerance, candidates, acceptance rate, effective sample size
//   particles.csv             tidy: every generation's particles (generation, particle, weight, distance, values)
//   predictive.csv            per checked statistic: observed value and uncertainty (targets), the
//                             posterior predictive median and 90% interval, the posterior weight within
//                             one uncertainty of the observed value
//   predictive_particles.csv  tidy: each posterior particle's predictive statistics
//   calibration.json          all of the above in one summary, with provenance
//   calibration.toml          the calibration file as stored in the database
#pragma once

#include "pilotsim/experiment/Calibration.hpp"
#include "pilotsim/io/OutputDirectory.hpp"

#include <string>
#include <vector>

namespace pilotsim {

struct CalibrationMeta {
  std::string command;   ///< the command that reproduces the calibration
  std::string database;  ///< where its runs are
};

std::vector<std::string> calibrationFileNames();
/// Write every file into the staging directory of `dir` (the caller commits).
void writeCalibrationFiles(const OutputDirectory& dir, const CalibrationSpec& spec, const CalibrationResult& result,
                           const CalibrationMeta& meta);

}  // namespace pilotsim
