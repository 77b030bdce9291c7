// The paper's claims (MODEL.md s.8, P1-P14) as experiments declared in data, and the ablations that
// tie each mechanism to the effect it is responsible for.
//
// A claim names its scenarios (a preset plus overrides each) and one or more tests. A test is a
// contrast of the scenarios' values of one outcome with an expected direction: (low -1, high +1) for
// "raising X raises Y", the interaction (1, -1, -1, 1) of a 2x2 design, or a single scenario against
// a reference value ("designated pilots sit in the strongest quarter of units more than the 25% an
// even spread would give"). The declarations live in claims/claims.toml, embedded in the program;
// docs/claims.md explains each choice.
//
// Verdicts come from the 95% interval of the paired contrast (core/Contrast.hpp) and the test's
// declared minimal effect (experiment/ClaimEvaluation.hpp). A claim's verdict reads its current
// tests (those no revision superseded); its verdict as first specified reads the tests that revise
// nothing.
#pragma once

#include "pilotsim/core/Contrast.hpp"
#include "pilotsim/scenario/Scenario.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pilotsim {

/// A scenario of a claim: a preset (the claim's base unless named) and `--set` style overrides.
struct ClaimScenario {
  std::string name;               ///< within the claim: "low", "high", "reform", ...
  std::string base;               ///< preset name
  std::vector<std::string> sets;  ///< "key=value" overrides
};

/// A test, as first specified or as a later revision of one. A revision never replaces its original:
/// both run and are reported, the original marked superseded (pre-registration: docs/claims.md).
struct ClaimTest {
  std::string outcome;                    ///< key in outcomeTable()
  std::map<std::string, double> weights;  ///< contrast weight per scenario name
  double reference = 0;                   ///< the contrast is compared with this value
  Direction expect = Direction::Higher;
  /// The smallest effect of interest, in the contrast's (the outcome's) units: a test is supported
  /// only when its estimate reaches it on the expected side (and its interval excludes zero).
  double minimal_effect = 0;
  int revises = -1;  ///< index in the claim's tests of the test this one revises; -1: as first specified
  std::string revised_on, revision_reason;  ///< the revision's date (YYYY-MM-DD) and why
  bool superseded = false;                  ///< a later test of the claim revises this one
  std::string what_en, what_zh;             ///< what the test reads, for tables
};

struct ClaimSpec {
  std::string id;  ///< "P1"
  std::string statement_en, statement_zh;
  std::string section;  ///< section of the seed paper the claim comes from
  std::string design;   ///< "contrast", "2x2 interaction", "level", ...
  std::vector<ClaimScenario> scenarios;
  std::vector<ClaimTest> tests;
  /// The scenario of that name; loadClaims checked that every name a test uses exists.
  const ClaimScenario& scenario(std::string_view name) const;
};

/// An ablation: the effect a mechanism is responsible for, measured with the mechanism on and off.
/// The effect is a claim's test (claim + outcome, or claim + test number); or, with no claim, the mechanism's own
/// footprint: the outcome with the mechanism on minus off, in `scenario`.
struct AblationSpec {
  std::string mechanism;  ///< switch key, e.g. "mechanisms.first_mover_race"
  std::string claim;      ///< claim id whose test is the effect, or "" for the footprint
  std::string outcome;
  int test = 0;                          ///< with a claim: index of its test (first test of `outcome` unless given)
  Direction expect = Direction::Higher;  ///< footprint only: on minus off
  ClaimScenario scenario;                ///< footprint only
  std::string effect_en, effect_zh;      ///< the effect in words
};

struct ClaimBook {
  std::vector<ClaimSpec> claims;
  std::vector<AblationSpec> ablations;
  const ClaimSpec* find(std::string_view id) const;
};

/// Parse a claims file. `source` names it in errors (InputError: file, line, key, what is
/// allowed). Checks outcomes, scenario names, presets and overrides; unknown keys are errors.
ClaimBook loadClaims(std::string_view text, const std::string& source);
/// Read and parse a claims file. Throws InputError (also for a missing file).
ClaimBook loadClaimsFile(const std::filesystem::path& path);
/// The claims compiled into the program (claims/claims.toml).
const ClaimBook& builtinClaims();
/// The embedded text of claims/claims.toml.
std::string_view builtinClaimsText();

/// Values ("key", "value" as in --set) that stand in for the baseline's in every scenario of a claim,
/// except for the parameters the scenario sets itself (its preset's differences from the baseline and
/// its overrides): the levers a claim compares keep their values, the background moves. One parameter
/// set of a robustness analysis (experiment/ClaimRobustness.hpp).
using ClaimBackground = std::vector<std::pair<std::string, std::string>>;

/// A scenario of a claim, resolved: its preset with its overrides applied and validated; with a
/// background, the background's values under them.
Scenario resolveClaimScenario(const ClaimScenario& s, const ClaimBackground& background = {});

/// The background of a preset: its values where they differ from the baseline's (`pilotsim claims
/// --background calibrated` judges the claims at the calibrated parameters). Throws InputError for
/// an unknown preset.
ClaimBackground presetBackground(std::string_view preset);

}  // namespace pilotsim
