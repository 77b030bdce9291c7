// The phases of one month, in the order MODEL.md section 5 gives them. Each is a named mechanism
// with a switch in Params::mechanisms (or a lever whose neutral value turns it off), and each acts
// on agents only through their incentives (model/Incentives.hpp), information or constraints.
// Decisions within a phase read state derived at the start of the month (State::peer_*), so the
// order in which units are visited does not change what they decide.
#pragma once

#include "pilotsim/model/State.hpp"

namespace pilotsim {

/// 5.1 Needs drift and shocks; superiors revise their signalled priorities.
void updateEnvironment(State& s);
/// What peers can see of each other at the start of the month (domains taken, mean load).
void observePeers(State& s);
/// 5.2 Upper pull, high-level push, escalation: superiors launch programmes and pick units.
void launchDesignatedPilots(State& s);
/// 5.3 Impression race, peer push, promotion drive: leaders start pilots of their own.
void startSpontaneousPilots(State& s);
/// 5.4 Flexible response and diffusion inertia: units adopt promoted experiences.
void diffuseInnovations(State& s);
/// 5.5 Substance versus packaging, attention dilution, diversion of special funds (one unit).
void allocateEffort(State& s, std::uint32_t unit);
/// 5.6 Impact, packaging stock and reports; symbolic stall, failure, institutionalisation, A2
/// reviews (one unit).
void advancePilots(State& s, std::uint32_t unit);
/// 5.7 Inspection (monthly) and the annual evaluation that forms superiors' impressions.
void evaluateUnits(State& s);
/// 5.8 Annual recognition of typical experiences; media; higher-level uptake.
void recogniseExperiences(State& s);
/// 5.9 Tenures end: promotion tournament, succession, interruption and renamed restarts.
void turnOverLeaders(State& s);
/// 5.10 Citizens' satisfaction follows realised effectiveness against needs.
void updateCitizens(State& s);

/// Rebuild a campaign's views of its adoption flags: adopters per direct superior
/// (Campaign::peers_adopted) and the units yet to adopt (Campaign::pending).
void indexCampaign(const State& s, Campaign& c);

/// Aggregate needs of all units under a superior, as shares summing to 1 (size K).
void aggregateNeeds(const State& s, std::uint32_t superior, std::vector<double>& out);

}  // namespace pilotsim
