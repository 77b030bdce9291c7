// The moves a leader weighs when it considers an initiative (5.3 a pilot of its own, 5.4 adopting
// an experience), valued by SpontaneousPilots.cpp and Diffusion.cpp and chosen among by
// Initiatives.cpp in one nested logit.
#pragma once

#include "model/State.hpp"

#include <vector>

namespace pilotsim {

/// The best design (preparation, boldness) of a pilot of unit u's own in each domain, with its
/// utility: one option per domain, appended to `out`.
void ownPilotOptions(const State& s, std::uint32_t u, std::vector<InitiativeOption>& out);
/// Start (or plan, if it needs preparation) the chosen pilot of unit u's own.
void startOwnPilot(State& s, std::uint32_t u, const InitiativeOption& option);

/// The experiences unit u knows of and could adopt (its superiors' running campaigns it has not
/// followed, and recently recognised experiences of its superiors), adapted or copied: two options
/// each, appended to `out`.
void adoptionOptions(State& s, std::uint32_t u, std::vector<InitiativeOption>& out);
/// Adopt the chosen experience.
void adoptExperience(State& s, std::uint32_t u, const InitiativeOption& option);

/// Isomorphic pressure on unit u: utility of any new pilot when peers run more pilots than u.
double isomorphicPressure(const State& s, std::uint32_t u);
/// Expected penalty (score) of a pilot of potential quality q and fit f at a boldness level:
/// failure (after tolerance) and red lines (never tolerated), magnified by risk aversion.
double expectedPenalty(const State& s, std::uint32_t u, int k, double quality, double fit, int boldness,
                       bool designated);

}  // namespace pilotsim
