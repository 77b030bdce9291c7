// The phases of one month, in the order MODEL.md section 5 gives them. Each is a named mechanism
// with a switch in Params::mechanisms (or a lever whose neutral value turns it off), and each acts
// on agents only through their incentives (model/Incentives.hpp), information or constraints.
// Decisions within a phase read state derived at the start of the month (observePeers), so the
// order in which units are visited does not change what they decide.
#pragma once

#include "model/State.hpp"

#include <array>

namespace pilotsim {

/// 5.1 Needs drift and shocks (which cost running pilots fit); superiors revise their signals.
void updateEnvironment(State& s);
/// What peers can see of each other at the start of the month (domains run at every level, mean
/// load, how fast peers start pilots).
void observePeers(State& s);
/// 5.2 Upper pull, high-level push, escalation: superiors weigh launching programmes, pass them
/// down with the multiple each chooses, units apply, superiors select.
void launchDesignatedPilots(State& s);
/// 5.6 Second innovation: units redesign pilots hit by new problems.
void redesignAfterShocks(State& s);
/// 5.3-5.4 Leaders weigh a move: a pilot of their own (domain, preparation, boldness), adopting an
/// experience they know of (in a campaign or not; adapted or copied), or nothing. Pilots whose
/// preparation is over are launched.
void chooseInitiatives(State& s);
/// 5.4 Campaigns' coverage, momentum and end (coverage reached, attention moved on, time limit).
void updateCampaigns(State& s);

/// What effort allocation hands to the dynamics of the same unit and month: effective substance
/// and packaging per pilot of the block (indices as in the block).
struct UnitEffort {
  std::array<double, kMaxSlots> substance{}, packaging{};
};
/// 5.5 Substance versus packaging, attention dilution, diversion of special funds (one unit).
void allocateEffort(State& s, std::uint32_t unit, UnitEffort& effort);
/// 5.6 Impact, packaging stock and reports; symbolic stall, failure, red lines, A2 milestone and
/// acceptance reviews (one unit).
void advancePilots(State& s, std::uint32_t unit, const UnitEffort& effort);

/// 5.7 Inspection and media (monthly); the annual evaluation that forms superiors' impressions of
/// units and their own superiors' scores of them; institutionalisation decisions; B2 reviews.
void evaluateUnits(State& s);
/// 5.8 Annual recognition of typical experiences; superiors' choice to promote them; media.
void recogniseExperiences(State& s);
/// 5.9 Tenures end: exits, promotion tournament, rotation, succession choices, restarts.
void turnOverLeaders(State& s);
/// 5.10 Citizens' satisfaction follows realised effectiveness against needs.
void updateCitizens(State& s);

/// A superior found that the pilot at `index` of unit u crossed a red line: it halts it, the
/// penalty is never tolerated, and the leader may be dismissed (at this month's turnover).
void redLineFound(State& s, std::uint32_t u, int index);

/// Each superior's monthly inspection chance and the yearly detection chance leaders expect, from
/// its verification capacity less what B2 reviews used (Evaluation.cpp; at start and each December).
void planVerification(State& s);

/// Aggregate needs of all units under a superior, as shares summing to 1 (size K).
void aggregateNeeds(const State& s, std::uint32_t superior, std::vector<double>& out);

}  // namespace pilotsim
