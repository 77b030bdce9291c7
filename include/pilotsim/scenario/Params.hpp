// Every model parameter, as plain aggregates with their defaults.
//
// The defaults here are the `baseline` scenario. Names, ranges, units, meanings and the source of
// each default live in one table, src/scenario/ParamRegistry.cpp, which is what `pilotsim params`
// prints, what the TOML loader validates against and what docs/ODD.md documents. A field added here
// must be added there too (tests/scenario/ParamRegistryTest.cpp checks that every field is listed).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

/// How long and how often to run.
struct RunParams {
  int months = 240;              ///< simulated months after burn-in
  int burn_in = 36;              ///< months simulated before measurement starts
  int replicates = 10;           ///< independent replicates
  std::int64_t seed = 20230301;  ///< base seed of all random streams
};

/// The administrative tree.
struct StructureParams {
  std::string preset = "city";  ///< county | city | province | national | custom
  std::vector<int> branching;   ///< for custom: children per node at each level, root first
  int domains = 8;              ///< number of policy domains used (first K of the table)
};

/// Switches for the mechanisms of MODEL.md section 5. Off removes the mechanism's effect.
struct MechanismSwitches {
  bool needs_drift = true;           ///< 5.1 citizen needs drift and suffer shocks
  bool political_signals = true;     ///< 5.1 superiors signal (partly political) priorities
  bool designated_pilots = true;     ///< 5.2 superiors launch programmes of designated pilots
  bool matthew_selection = true;     ///< 5.2 selection on impression, polish and base (else random)
  bool spontaneous_pilots = true;    ///< 5.3 leaders start pilots of their own
  bool first_mover_race = true;      ///< 5.3 credit for being first among peers (rank tournament)
  bool niche_seeking = true;         ///< 5.3 credit for standing apart from peers
  bool isomorphic_pressure = true;   ///< 5.3 pressure to have pilots when peers do
  bool learning_from_peers = true;   ///< 5.3 latecomers design better after peers' pilots
  bool diffusion = true;             ///< 5.4 adoption of recognised typical experiences
  bool copy_and_rename = true;       ///< 5.4 adopters may copy and rename instead of adapting
  bool higher_level_uptake = true;   ///< 5.4 higher levels take up and push outstanding innovations
  bool packaging = true;             ///< 5.5 leaders can spend effort on packaging
  bool attention_dilution = true;    ///< 5.5 switching costs dilute substance across pilots
  bool fund_diversion = true;        ///< 5.5 special funds of neglected pilots are diverted
  bool pilot_failure = true;         ///< 5.6 pilots can fail
  bool symbolic_stall = true;        ///< 5.6 starved pilots become symbolic
  bool institutionalisation = true;  ///< 5.6 successful pilots can be written into rules
  bool inspection = true;            ///< 5.7 superiors inspect and penalise detected inflation
  bool recognition = true;           ///< 5.8 superiors name typical experiences each year
  bool media = true;                 ///< 5.8 media amplify recognised experiences
  bool turnover = true;              ///< 5.9 tenures end; promotion tournament; succession
  bool renamed_restarts = true;      ///< 5.9 successors may restart a pilot under a new name
  bool formalism_annoyance = true;   ///< 5.10 packaging itself lowers citizens' satisfaction
};

/// 5.1 Environment: units, needs, signals.
struct EnvironmentParams {
  double base_sd = 0.6;             ///< log-sd of governance base (skew across units)
  double budget = 1.0;              ///< attention per unit per month at base 1
  double budget_elasticity = 0.5;   ///< budget = budget * base^elasticity
  double need_reversion = 0.02;     ///< monthly reversion of needs to their unit mean
  double need_drift_sd = 0.02;      ///< monthly sd of need drift
  double shock_rate = 0.05;         ///< shocks per unit per year
  double shock_size = 0.3;          ///< need jump of a shock
  double signal_period = 36.0;      ///< mean months between a superior's signal revisions
  double signal_inheritance = 0.6;  ///< share of a superior's signal copied from its own superior
};

/// Section 2 drivers.
struct DriverParams {
  double upper_pull = 1.0;            ///< weight of signalled priorities in evaluation of reports
  double peer_push = 1.0;             ///< strength of niche seeking and isomorphic pressure
  double performance_pressure = 1.0;  ///< citizens', media and expert pressure
  double promotion_drive = 0.6;       ///< mean leader ambition (0 none, 1 only career)
  double ambition_spread = 0.15;      ///< sd of ambition across leaders
  double promotion_share = 0.4;       ///< quota: mean promotion probability over peers at a tenure end
  double tournament_steepness = 2.0;  ///< softmax steepness of promotion on impression
  double rank_credit = 1.0;           ///< credit for being first among peers in a domain
};

/// Section 3 couplings.
struct CouplingParams {
  double error_tolerance = 0.2;    ///< share of a failure's penalty waived
  double high_level_push = 1.0;    ///< extra evaluation weight of designated programmes (0: may refuse)
  double escalation = 1.3;         ///< target and slot multiplier at each level down
  double diffusion_inertia = 1.0;  ///< momentum a promoted innovation gains from adoptions
};

/// 5.7 evaluation rule of superiors (weights before B1 renormalisation).
struct EvaluationParams {
  double weight_reports = 0.5;       ///< reported results
  double weight_novelty = 0.25;      ///< novelty claims
  double weight_designated = 0.15;   ///< designated targets met
  double failure_penalty = 1.0;      ///< impression cost of a failed pilot before tolerance
  double inflation_penalty = 2.0;    ///< impression cost per unit of detected gap above tolerance
  double inflation_tolerance = 0.2;  ///< gap tolerated before penalty
  double impression_memory = 0.5;    ///< weight of the old impression at each annual update
  double inspection_capacity = 2.0;  ///< units a superior really inspects per year
  double successor_credit = 0.3;     ///< credit a successor gets for an inherited pilot
};

/// Section 6 regulation levers.
struct RegulationParams {
  // A: top-level design
  int pilot_cap = 0;                  ///< A1: max concurrent pilots per unit (0 = none)
  bool lifecycle_review = false;      ///< A2: milestone reviews stop symbolic pilots
  double review_period = 12.0;        ///< A2: months between milestone reviews
  double supervision = 0.0;           ///< A3: extra inspection and penalty (multiple)
  double verified_recognition = 0.0;  ///< A3: share of recognition based on verified results
  double scientific_targeting = 0.2;  ///< A4: how far signals follow real needs
  // B: evaluation reform
  double citizen_weight = 0.1;       ///< B1: share of satisfaction in evaluation
  double retrospective_share = 0.0;  ///< B2: credit for impact realised after leaving
  double credit_sharing = 0.0;       ///< B3: successor's extra share of inherited credit
  double accountability = 0.0;       ///< B4: penalty for interrupting a pilot
  double reward_scope = 0.0;         ///< B5: flattening of the tournament
  // C: democratic consultation
  bool consultation_placement = false;  ///< C1: designation by need and spare capacity
  int designation_cap = 2;              ///< C1: max designated pilots per unit when C1 is on
  double participation = 0.0;           ///< C2: resident participation
  double oversight = 0.0;               ///< C3: independent detections per unit per year
};

/// Behavioural constants of leaders (5.3, 5.5, 5.9).
struct BehaviourParams {
  double rationality = 8.0;           ///< logit sensitivity to utility differences
  double consider_rate = 0.15;        ///< monthly chance a leader weighs a new pilot
  double start_cost = 0.35;           ///< utility cost of starting a pilot
  double load_cost = 0.03;            ///< utility cost per concurrent pilot relative to budget
  double public_value = 1.0;          ///< scale of public value in utility
  double promotion_payoff = 1.0;      ///< value of promotion relative to public value
  double rush = 0.4;                  ///< first movers' quality loss per unit of race intensity
  double learning = 0.2;              ///< latecomers' quality gain from peers' pilots
  double packaging_elasticity = 2.0;  ///< sharpness of the substance/packaging split
  double focus = 1.0;                 ///< how strongly a loaded leader concentrates attention
  double adapt_cost = 0.1;            ///< extra utility cost of adapting over copying
};

/// 5.6 pilot dynamics.
struct PilotParams {
  double growth = 0.08;                ///< monthly build rate of true impact
  double half_saturation = 0.05;       ///< substance giving half the maximum build rate
  double decay = 0.05;                 ///< monthly decay of true impact without upkeep
  double switching_cost = 0.25;        ///< attention dilution per extra concurrent pilot
  double packaging_decay = 0.1;        ///< monthly decay of the packaging stock
  double inflation = 0.3;              ///< reported impact bought per packaging stock^eta
  double inflation_exponent = 0.6;     ///< eta < 1: diminishing returns to packaging
  double symbolic_threshold = 0.04;    ///< effective substance below which a month is starved
  int symbolic_months = 6;             ///< starved months before a pilot is symbolic
  double failure_rate = 0.006;         ///< monthly failure hazard of an average pilot
  int failure_window = 24;             ///< months during which a pilot can fail
  int institution_age = 36;            ///< minimum age for institutionalisation
  double institution_threshold = 0.3;  ///< realised impact needed for institutionalisation
  double institution_rate = 0.05;      ///< monthly institutionalisation hazard when eligible
  double institution_decay = 0.005;    ///< monthly decay of an institutionalised pilot
  double special_funds = 0.1;          ///< monthly special funds of a designated pilot
  double restart_keep = 0.3;           ///< share of built impact a renamed restart keeps
  double real_threshold = 0.2;         ///< realised impact that makes a pilot a real innovation
};

/// 5.2 designated programmes.
struct ProgrammeParams {
  double rate = 1.5;         ///< programmes per superior per year
  double slot_share = 0.15;  ///< share of units in scope given a slot (before escalation)
  double target = 0.4;       ///< reported impact a designated pilot must show (before escalation)
  int term = 36;             ///< months until the programme's acceptance review
};

/// 5.4 adoption and diffusion.
struct DiffusionParams {
  double base_hazard = 0.003;        ///< monthly adoption hazard without pressures
  double peer_effect = 3.0;          ///< hazard multiplier per share of peers adopted
  double promotion_effect = 2.0;     ///< hazard multiplier per unit of momentum
  double media_effect = 1.0;         ///< hazard multiplier per unit of media attention
  double resource_elasticity = 1.0;  ///< how strongly scarce resources slow adoption
  double momentum_decay = 0.03;      ///< monthly decay of a promotion's momentum
  int duration = 120;                ///< months a promotion campaign lasts at most
  double endorsement_boost = 0.5;    ///< extra momentum per level of the endorsing superior
};

/// 5.8 recognition and media.
struct RecognitionParams {
  int per_superior = 1;        ///< typical experiences named per superior per year
  double promote_share = 0.3;  ///< share of recognised experiences pushed as promotion campaigns
  double bonus = 0.5;          ///< impression gained by a recognised unit's leader
  double media = 1.0;          ///< media attention given to a recognised experience
  int min_age = 12;            ///< minimum pilot age to be recognised
};

/// 5.10 citizens.
struct CitizenParams {
  double adjustment = 0.1;   ///< monthly adjustment of satisfaction to its target
  double annoyance = 0.3;    ///< satisfaction lost per unit of packaging share
  double effect_half = 0.4;  ///< effectiveness giving half the benefit in a domain
};

/// All parameters of a scenario.
struct Params {
  RunParams run;
  StructureParams structure;
  MechanismSwitches mechanisms;
  EnvironmentParams environment;
  DriverParams drivers;
  CouplingParams couplings;
  EvaluationParams evaluation;
  RegulationParams regulation;
  BehaviourParams behaviour;
  PilotParams pilot;
  ProgrammeParams programmes;
  DiffusionParams diffusion;
  RecognitionParams recognition;
  CitizenParams citizens;
};

}  // namespace pilotsim
