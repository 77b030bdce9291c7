// Every model parameter, as plain aggregates with their defaults.
//
// The defaults here are the `baseline` scenario. Names, ranges, plausible ranges, units, meanings
// and the source of each default live in one table, src/scenario/ParamRegistry.cpp, which is what
// `pilotsim params` prints, what the TOML loader validates against and what docs/ODD.md documents.
// A field added here must be added there too (tests/scenario/ParamRegistryTest.cpp checks that
// every field is listed). Model version 2 (docs/ODD.md): every number the equations use is here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pilotsim {

/// Most policy domains a scenario can use: the rows of the domain table (docs/ODD.md s.2.2).
inline constexpr int kMaxDomains = 8;
/// Most preparation choices a leader weighs (behaviour.preparation_options).
inline constexpr std::size_t kMaxPreparationOptions = 8;

/// How long and how often to run.
struct RunParams {
  int months = 240;              ///< simulated months after burn-in
  int burn_in = 36;              ///< months simulated before measurement starts
  int replicates = 10;           ///< independent replicates
  std::int64_t seed = 20230301;  ///< base seed of all random streams
};

/// The administrative tree.
struct StructureParams {
  std::string preset = "city";  ///< county | city | province | national | custom | file
  std::vector<int> branching;   ///< for custom: children per node at each level, root first
  std::string file;             ///< for file: the structure CSV (StructureFile.hpp); the loader makes it absolute
  int domains = 8;              ///< number of policy domains used (first K of the table)
};

/// Per-domain traits, one value per row of the domain table (only the first structure.domains are used).
struct DomainParams {
  /// Months before real effects reach citizens (first-order lag): platforms fast, elderly care slow.
  std::vector<double> delay{6, 9, 30, 12, 4, 12, 12, 24};
  /// Coordination difficulty 0..1: slows building and raises failure.
  std::vector<double> difficulty{0.3, 0.4, 0.6, 0.5, 0.4, 0.3, 0.5, 0.6};
  /// Share of realised impact that shows in a report (platforms and systems show, care and mediation hardly).
  std::vector<double> visibility{0.7, 0.5, 0.25, 0.25, 0.9, 0.5, 0.5, 0.4};
};

/// Switches for the mechanisms of MODEL.md section 5. Off removes the mechanism's effect.
struct MechanismSwitches {
  bool needs_drift = true;           ///< 5.1 citizen needs drift and suffer shocks
  bool political_signals = true;     ///< 5.1 superiors signal (partly political) priorities
  bool designated_pilots = true;     ///< 5.2 superiors launch programmes of designated pilots
  bool matthew_selection = true;     ///< 5.2 selection on impression, polish and base (else random)
  bool superior_escalation = true;   ///< 5.2 superiors over-assign slots and targets to hedge and to excel
  bool spontaneous_pilots = true;    ///< 5.3 leaders start pilots of their own
  bool first_mover_race = true;      ///< 5.3 credit for being first among peers (rank tournament)
  bool preparation_race = true;      ///< 5.3 leaders choose how long to prepare, against being pre-empted
  bool multilevel_novelty = true;    ///< 5.3 novelty is claimed at every level above the peers too
  bool niche_seeking = true;         ///< 5.3 credit for standing apart from peers
  bool isomorphic_pressure = true;   ///< 5.3 pressure to have pilots when peers do
  bool learning_from_peers = true;   ///< 5.3 latecomers design better after peers' pilots
  bool bold_designs = true;          ///< 5.3 leaders choose how bold a design is
  bool diffusion = true;             ///< 5.4 promotion campaigns of recognised typical experiences
  bool voluntary_adoption = true;    ///< 5.4 leaders adopt recognised experiences outside campaigns
  bool campaign_incentives = true;   ///< 5.4 superiors reward adopters and sanction laggards
  bool copy_and_rename = true;       ///< 5.4 adopters may copy and rename instead of adapting
  bool higher_level_uptake = true;   ///< 5.4 higher levels take up and push outstanding innovations
  bool packaging = true;             ///< 5.5 leaders can spend effort on packaging
  bool attention_dilution = true;    ///< 5.5 switching costs dilute substance across pilots
  bool fund_diversion = true;        ///< 5.5 leaders may divert special funds, at a risk of audit
  bool pilot_failure = true;         ///< 5.6 pilots can fail
  bool symbolic_stall = true;        ///< 5.6 starved pilots become symbolic
  bool institutionalisation = true;  ///< 5.6 superiors write successful-looking pilots into rules
  bool second_innovation = true;     ///< 5.6 after new problems, units may redesign a running pilot
  bool red_line = true;              ///< 5.6 bold pilots may cross a red line; superiors halt them
  bool halting = true;               ///< 5.6 superiors halt pilots that fail badly at a review
  bool report_noise = true;          ///< 5.7 superiors read reports with error
  bool inspection = true;            ///< 5.7 superiors inspect and penalise detected inflation
  bool media_exposure = true;        ///< 5.7 media expose inflated recognised pilots
  bool recognition = true;           ///< 5.8 superiors name typical experiences each year
  bool media = true;                 ///< 5.8 media amplify recognised experiences
  bool turnover = true;              ///< 5.9 tenures end; promotion tournament; succession
  bool rotation = true;              ///< 5.9 leaders not promoted may move to another unit
  bool renamed_restarts = true;      ///< 5.9 successors may restart a pilot under a new name
  bool relocated_restarts = true;    ///< 5.9 rotated leaders may restart their old pilot in the new post
  bool formalism_annoyance = true;   ///< 5.10 packaging itself lowers citizens' satisfaction
};

/// 5.1 Environment: units, needs, signals.
struct EnvironmentParams {
  double base_sd = 0.6;               ///< log-sd of governance base (skew across units)
  double budget = 1.0;                ///< attention per unit per month at base 1
  double budget_elasticity = 0.5;     ///< budget = budget * base^elasticity
  double need_alpha = 2.0;            ///< long-run need levels ~ Beta(alpha, beta)
  double need_beta = 2.5;             ///< long-run need levels ~ Beta(alpha, beta)
  double need_reversion = 0.02;       ///< monthly reversion of needs to their unit mean
  double need_drift_sd = 0.02;        ///< monthly sd of need drift
  double shock_rate = 0.05;           ///< shocks per unit per year
  double shock_size = 0.3;            ///< need jump of a shock
  double signal_period = 36.0;        ///< mean months between a superior's signal revisions
  double signal_inheritance = 0.6;    ///< share of a superior's signal copied from its own superior
  double signal_concentration = 1.0;  ///< Dirichlet concentration of political priorities (low: focused)
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
  double innovation_credit = 0.5;     ///< credit for an innovation of one's own (not adopted)
  double rank_credit = 1.0;           ///< credit for being first among peers in a domain
  double novelty_level_gain = 0.5;    ///< extra worth of a novelty claim per level above the peers
};

/// Section 3 couplings.
struct CouplingParams {
  double error_tolerance = 0.2;    ///< share of a failure's penalty waived (never a red line's)
  double high_level_push = 1.0;    ///< extra evaluation weight of designated programmes (0: units may decline)
  double escalation = 1.0;         ///< imposed minimum multiplier of slots and targets at each level down
  double diffusion_inertia = 1.0;  ///< momentum a promoted innovation gains from adoptions
};

/// 5.7 evaluation rule of superiors (weights before B1 renormalisation).
struct EvaluationParams {
  double weight_reports = 0.5;       ///< reported results
  double weight_novelty = 0.25;      ///< novelty claims
  double weight_designated = 0.15;   ///< designated targets met
  double satisfaction_scale = 4.0;   ///< score points of full satisfaction before its weight
  double failure_penalty = 1.0;      ///< impression cost of a failed pilot before tolerance
  double redline_penalty = 3.0;      ///< impression cost of a detected red-line crossing (never tolerated)
  double inflation_penalty = 2.0;    ///< impression cost per unit of detected gap above tolerance
  double inflation_tolerance = 0.2;  ///< gap tolerated before penalty
  double diversion_penalty = 2.0;    ///< impression cost per year of special funds found diverted
  double protection_penalty = 0.5;   ///< cost of stopping a pilot the superior recognised or designated
  double impression_memory = 0.5;    ///< weight of the old impression at each annual update
  double inspection_capacity = 2.0;  ///< verifications a superior makes per year (inspections, reviews)
  double successor_credit = 0.3;     ///< credit a successor gets for an inherited pilot
};

/// 5.7 what the verified channels see, and with what error.
struct VerificationParams {
  double report_noise = 0.3;       ///< log-sd of a report as the superior reads it
  double inspection_error = 0.15;  ///< log-sd of an inspection's measurement of realised impact
  double formalism = 0.3;          ///< share of a check that rests on the materials the unit presents
  double survey_error = 0.05;      ///< sd of a satisfaction survey (0..1 scale)
  double review_error = 0.2;       ///< log-sd of a retrospective review's measurement (B2)
  double media_exposure = 0.1;     ///< yearly exposures of a recognised pilot per unit of gap and media attention
  double audit_detection = 0.5;    ///< chance an inspection finds the funds diverted in the last year
};

/// 5.2, 5.4 superiors as agents: evaluated by their own superiors, they choose programmes, targets
/// and campaigns.
struct SuperiorParams {
  double overfulfilment_reward = 0.5;  ///< score a superior gets from its parent per 100% over-fulfilment
  double shortfall_penalty = 1.0;      ///< score it loses per 100% shortfall of a quota
  double burden_aversion = 1.0;        ///< cost to a superior of over-assigning (x - 1)^2, weighted by 1 - ambition
  double max_multiplier = 2.5;         ///< most a superior multiplies what it was asked for
  double initial_belief = 0.7;         ///< prior belief that a designated pilot meets its target
  double belief_rate = 0.05;           ///< weight of each acceptance review in that belief
  double launch_value = 1.0;           ///< a programme's worth to an ambitious superior, per unit of signal
  double campaign_capacity = 3.0;      ///< promotion campaigns a superior's attention carries at once
  double halt_share = 0.25;            ///< share of a target under which a reviewed pilot is halted
};

/// Section 6 regulation levers.
struct RegulationParams {
  // A: top-level design
  bool lifecycle_review = false;      ///< A2: milestone reviews measure progress and halt empty pilots
  double review_period = 12.0;        ///< A2: months between milestone reviews
  double milestone_goal = 0.05;       ///< A2: realised impact expected per year of age, up to a year
  double supervision = 0.0;           ///< A3: extra inspection capacity and penalty (multiple)
  double verified_recognition = 0.0;  ///< A3: share of recognition based on verified results
  double scientific_targeting = 0.2;  ///< A4: how far signals and designations follow real needs
  // B: evaluation reform
  double people_centred = 0.0;       ///< B0: weight ambitious leaders give public value anyway
  double citizen_weight = 0.1;       ///< B1: share of satisfaction in evaluation
  double retrospective_share = 0.0;  ///< B2: weight of reviewed contribution at promotion and after leaving
  int review_years = 3;              ///< B2: years after leaving during which a leader's pilots are reviewed
  double credit_sharing = 0.0;       ///< B3: successor's extra share of inherited credit
  double accountability = 0.0;       ///< B4: penalty for interrupting a pilot
  double legalisation = 0.0;         ///< B4: institutionalising and legalising pilots verified as good
  double reward_scope = 0.0;         ///< B5: share of innovation rewards extended to the unit's cadres
  // C: democratic consultation
  bool consultation_placement = false;  ///< C1: designation by need and spare capacity
  int number_control = 0;               ///< C1: max concurrent pilots per unit (0 = none)
  int designation_cap = 2;              ///< C1: max designated pilots per unit when C1 is on
  int programme_cap = 0;                ///< C1: max programmes a superior runs at once (0 = none)
  double consultation_need = 0.35;      ///< C1: need below which consultation places no pilot
  double consultation_capacity = 6.0;   ///< C1: pilots per unit of budget at which a unit counts as full
  double participation = 0.0;           ///< C2: resident participation
  double participation_scrutiny = 0.7;  ///< C2: share of report inflation full participation sees through
  double oversight = 0.0;               ///< C3: independent detections per unit per year
};

/// What reforms cost: staff time of units (share of a month's budget) and spending (budget units).
struct CostParams {
  double inspection = 0.05;           ///< units' attention to host one inspection (share of a month)
  double review = 0.03;               ///< units' attention per pilot reviewed (A2 milestone, acceptance)
  double consultation = 0.02;         ///< attention of each unit consulted for a C1 placement
  double participation = 0.1;         ///< monthly attention at full resident participation (C2)
  double retrospective_review = 1.0;  ///< superior's verifications used per leader reviewed (B2)
  double survey = 0.02;               ///< spending per unit per year on satisfaction surveys (B1 > 0)
  double targeting = 0.5;             ///< spending per superior per year at full A4 (think tanks, research)
  double oversight = 0.05;            ///< spending per C3 check
  double reward = 0.1;                ///< spending per unit per year on cadres' rewards at full B5
  double inspector = 0.1;             ///< spending per extra verification bought by A3
};

/// Behavioural constants of leaders (5.3, 5.5, 5.9).
struct BehaviourParams {
  double rationality = 8.0;             ///< logit sensitivity to utility differences
  double consider_rate = 0.15;          ///< monthly chance a leader weighs a new move
  double start_cost = 0.35;             ///< utility cost of starting a pilot
  double load_cost = 0.03;              ///< utility cost per concurrent pilot relative to budget
  double public_value = 1.0;            ///< scale of public value in utility
  double promotion_payoff = 1.0;        ///< value of promotion relative to public value
  double risk_weight = 1.0;             ///< how much a leader's risk aversion raises expected penalties
  double retrospective_discount = 0.8;  ///< worth of credit that comes after leaving, against credit in office
  double isomorphic_weight = 0.2;       ///< utility per pilot behind the peers' mean (x peer push)
  double pressure_weight = 0.2;         ///< utility of responding to needs per unit of performance pressure
  double participation_weight = 0.5;    ///< utility of responding to needs at full participation (C2)
  double learning = 0.2;                ///< latecomers' quality gain from peers' pilots
  double learning_saturation = 3.0;     ///< peers' pilots at which learning is complete
  std::vector<int> preparation_options{0, 3, 6, 12};  ///< months of preparation a leader can choose
  double packaging_elasticity = 2.0;                  ///< sharpness of the substance/packaging split
  double detection_deterrence = 0.5;                  ///< expected severity per unit of inflation penalty
  double focus = 0.25;                                ///< attention concentration per extra pilot
  double adapt_cost = 0.1;                            ///< extra utility cost of adapting over copying
  double adoption_cost_share = 0.5;                   ///< cost of adopting as a share of starting a new pilot
  double renamed_rank_share = 0.5;                    ///< rank credit a renamed pilot claims, as a share
  double renamed_niche_share = 0.25;                  ///< niche credit a renamed pilot claims, as a share
  double stop_cost = 0.1;                             ///< utility cost of stopping a running pilot (staff, citizens)
  double second_cost_share = 0.5;                     ///< cost of a second innovation as a share of a start
  double second_novelty = 0.3;                        ///< novelty a second innovation claims, as a share of rank credit
  double relocation_cost_share = 0.5;  ///< cost of restarting one's old pilot in a new post, share of a start
  double cadre_response = 0.3;         ///< extra effort of cadres at full reward scope (B5)
  double diversion_rationality = 8.0;  ///< logit sensitivity of the diversion share
  double observation_memory = 0.9;     ///< monthly weight of the past in leaders' view of peers' start rate
};

/// Leaders: traits, tenure and how tenures end (5.9).
struct LeaderParams {
  double competence_sd = 0.25;  ///< log-sd of competence (mean 1)
  /// Yearly chance of leaving in tenure year 1..6 (and after): borrowed from prefecture mayors 1994-2017.
  std::vector<double> tenure_hazard{0.06, 0.21, 0.33, 0.42, 0.55, 0.60};
  int initial_tenure_max = 42;              ///< initial leaders have been in office 0..max-1 months
  double max_promotion_probability = 0.95;  ///< cap of one leader's promotion chance
  double rotation_share = 0.5;              ///< share of leaders not promoted who move to another unit
  int pool_wait = 6;                        ///< months a rotated leader waits for a post before leaving
  double redline_dismissal = 0.3;           ///< chance a detected red-line crossing costs the leader the post
  double retro_bonus = 1.0;                 ///< impression per sd of reviewed later contribution (x B2)
};

/// 5.6 pilot dynamics.
struct PilotParams {
  double growth = 0.08;                             ///< monthly build rate of true impact
  double difficulty_drag = 0.5;                     ///< build rate lost per unit of difficulty
  double half_saturation = 0.05;                    ///< substance giving half the maximum build rate
  double decay = 0.05;                              ///< monthly decay of true impact without upkeep
  double switching_cost = 0.25;                     ///< attention dilution per extra concurrent pilot
  double packaging_decay = 0.1;                     ///< monthly decay of the packaging stock
  double inflation = 0.3;                           ///< reported impact bought per packaging stock^eta
  double inflation_exponent = 0.6;                  ///< eta < 1: diminishing returns to packaging
  double quality_floor = 0.7;                       ///< design quality ~ competence x U(floor, 1)
  double min_quality = 0.05;                        ///< lowest design quality
  double max_quality = 1.5;                         ///< highest design quality
  double designed_fit_floor = 0.15;                 ///< fit of a design = floor + (1 - floor) x need
  double fit_noise = 0.1;                           ///< sd of design noise in fit
  double min_fit = 0.02;                            ///< lowest fit
  double unprepared_quality = 0.7;                  ///< quality factor of a design launched without preparation
  double preparation_scale = 4.0;                   ///< months of preparation that close 63% of the remaining gap
  double design_attention = 0.05;                   ///< attention a pilot in preparation takes (share of budget)
  std::vector<double> bold_quality{0.9, 1.0, 1.2};  ///< mean quality factor: cautious, normal, bold
  std::vector<double> bold_spread{0.5, 1.0, 2.0};   ///< spread of the quality draw, as a multiple
  std::vector<double> bold_failure{0.6, 1.0, 2.0};  ///< failure hazard multiplier
  std::vector<double> bold_redline{0.0, 0.2, 1.0};  ///< red-line hazard multiplier
  double redline_rate = 0.002;                      ///< monthly chance a pilot at multiplier 1 crosses a red line
  double symbolic_threshold = 0.04;                 ///< effective substance below which a month is starved
  int symbolic_months = 6;                          ///< starved months before a pilot is symbolic
  double failure_rate = 0.006;                      ///< monthly failure hazard of an average pilot
  double failure_difficulty = 1.0;                  ///< failure hazard gain per unit of difficulty above 0.5
  double failure_quality = 1.0;                     ///< failure hazard gain per unit of quality below 1
  double failure_fit = 1.0;                         ///< failure hazard gain per unit of fit below 1
  int failure_window = 24;                          ///< months during which a pilot can fail
  int term = 36;                       ///< months of a pilot period, at the end of which a pilot is reviewed
  double institution_threshold = 0.3;  ///< value a superior needs to see to write a pilot into rules
  double institution_rate = 0.3;       ///< chance a superior writes a pilot into rules at the end of its period
  double recognised_boost = 1.0;       ///< extra institutionalisation chance of a recognised pilot
  double legalisation_boost = 2.0;     ///< extra institutionalisation chance at full legalisation (B4)
  double institution_decay = 0.005;    ///< monthly decay of an institutionalised pilot
  double shock_fit_loss = 0.3;         ///< share of fit a running pilot loses when its domain's need jumps
  double special_funds = 0.1;          ///< monthly special funds of a designated pilot
  double restart_keep = 0.3;           ///< share of built impact a renamed restart keeps
  double real_threshold = 0.2;         ///< realised impact that counts a pilot as a real innovation
};

/// 5.2 designated programmes.
struct ProgrammeParams {
  double rate = 1.5;                   ///< times a superior weighs launching a programme per year
  double slot_share = 0.15;            ///< share of units (or regions) in scope asked for, before escalation
  double target = 0.4;                 ///< reported impact a designated pilot must show (before escalation)
  int term = 36;                       ///< months until the programme's acceptance review
  double need_weight = 4.0;            ///< weight of need in selection under A4
  double selection_noise = 1.0;        ///< sd of the noise in a superior's ranking of units
  double consultation_noise = 0.05;    ///< sd of that noise under C1
  double framework_quality = 1.1;      ///< quality factor of the superior's framework for designated pilots
  double framework_risk = 0.7;         ///< failure hazard factor under the superior's framework
  double framework_cost = 0.5;         ///< cost of a designated pilot to its unit, as a share of a start
  double framework_preparation = 6.0;  ///< months of preparation the superior's framework is worth
};

/// 5.4 adoption, diffusion and promotion campaigns.
struct DiffusionParams {
  double adapted_fit_floor = 0.3;  ///< fit of an adapted experience = floor + (1 - floor) x need
  double copied_fit_min = 0.05;    ///< fit of a copied experience ~ U(min, max), whatever the need
  double copied_fit_max = 0.6;
  double design_transfer = 0.5;      ///< weight of the source's design quality in an adopter's quality
  double replication_loss = 0.15;    ///< share of quality lost in replication (tacit knowledge)
  double reference_report = 0.5;     ///< reported impact adopters read as a typical success
  int candidates = 3;                ///< experiences a leader weighs adopting at once
  double reward = 0.1;               ///< score a campaign gives an adopter (x stake x momentum)
  double sanction = 0.2;             ///< score a laggard loses a year once coverage passes the threshold
  double sanction_threshold = 0.5;   ///< coverage after which laggards are sanctioned
  double goal = 0.95;                ///< coverage at which a superior ends its campaign
  double attention_floor = 0.2;      ///< momentum under which the superior's attention has moved on
  double momentum_decay = 0.03;      ///< monthly decay of a campaign's momentum
  int duration = 120;                ///< months a promotion campaign lasts at most
  double endorsement_boost = 0.5;    ///< extra stake per level of the endorsing superior
  double media_effect = 1.0;         ///< weight of media attention in citizens' demand
  double resource_elasticity = 1.0;  ///< how strongly scarce resources raise the cost of adopting
};

/// 5.8 recognition and media.
struct RecognitionParams {
  int per_superior = 1;           ///< typical experiences named per superior per year
  double promote_value = 1.0;     ///< worth to a superior of promoting its typical experience
  double bonus = 0.5;             ///< impression gained by a recognised unit's leader
  double media = 1.0;             ///< media attention given to a recognised experience
  double media_level_gain = 1.0;  ///< extra media attention per level of the recognising superior
  double media_decay = 0.05;      ///< monthly decay of media attention
  int min_age = 12;               ///< minimum pilot age to be recognised
  int verified_candidates = 3;    ///< candidates per experience named that a verifying superior checks
};

/// 5.10 citizens.
struct CitizenParams {
  double adjustment = 0.1;   ///< monthly adjustment of satisfaction to its target
  double floor = 0.3;        ///< satisfaction with no effectiveness
  double span = 0.6;         ///< satisfaction gained at full need-weighted effectiveness
  double initial = 0.5;      ///< satisfaction at the start
  double annoyance = 0.3;    ///< satisfaction lost per unit of packaging share
  double effect_half = 0.4;  ///< effectiveness giving half the benefit in a domain
};

/// All parameters of a scenario.
struct Params {
  RunParams run;
  StructureParams structure;
  DomainParams domains;
  MechanismSwitches mechanisms;
  EnvironmentParams environment;
  DriverParams drivers;
  CouplingParams couplings;
  EvaluationParams evaluation;
  VerificationParams verification;
  SuperiorParams superiors;
  RegulationParams regulation;
  CostParams costs;
  BehaviourParams behaviour;
  LeaderParams leaders;
  PilotParams pilot;
  ProgrammeParams programmes;
  DiffusionParams diffusion;
  RecognitionParams recognition;
  CitizenParams citizens;
};

}  // namespace pilotsim
