#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>

namespace pilotsim {
namespace {

// FIELD(x) makes the accessor for Params::x; the table below stays one line of facts per parameter.
#define FIELD(x) [](Params& p) -> ParamRef { return &p.x; }

using T = ParamType;
constexpr double kInf = 1e12;

// Sources are abbreviated; docs/ODD.md s.7.1 expands each:
//  [NBS]   National Bureau of Statistics division codes 2023 (MODEL.md s.11)
//  [TEN]   prefecture mayors' tenure 1994-2017 (MODEL.md s.11)
//  [PRO]   city leaders' promotion rate 2003-14, 11-15% a year (MODEL.md s.11)
//  [AWD]   China Local Government Innovation Award 2000-15 (MODEL.md s.11)
//  [DIF]   S-curves of administrative innovations over about a decade (MODEL.md s.11)
//  [PAPER] the seed paper's argument, section named
//  [CAL]   calibrated so the baseline shows the paper's distortions at plausible magnitudes
//  [CHOICE] a modelling choice; the number sets a scale, not a fact
const std::array kSpecs = {
    // run
    ParamSpec{"run.months", "模拟月数", "months simulated", T::Integer, 12, 1200, "month",
              "months simulated after burn-in (default 20 years)", "[CHOICE] MODEL.md s.3", "run", FIELD(run.months)},
    ParamSpec{"run.burn_in", "预热月数", "burn-in months", T::Integer, 0, 600, "month",
              "months simulated before measurement starts, so that pilots and tenures reach a steady mix", "[CHOICE]",
              "run", FIELD(run.burn_in)},
    ParamSpec{"run.replicates", "重复次数", "replicates", T::Integer, 1, 100000, "-",
              "independent replicates (different random streams, same scenario)", "[CHOICE]", "run",
              FIELD(run.replicates)},
    ParamSpec{"run.seed", "随机种子", "seed", T::Integer, 0, 9.007199254740991e15, "-",
              "base seed; replicate r uses streams keyed by (seed, r)", "[CHOICE]", "run", FIELD(run.seed)},
    // structure
    ParamSpec{"structure.preset", "层级结构", "hierarchy", T::Text, 0, 0, "-",
              "county | city | province | national | custom (custom uses structure.branching)", "[NBS]", "structure",
              FIELD(structure.preset)},
    ParamSpec{"structure.branching", "分支数", "branching", T::IntegerList, 1, 1000, "children",
              "for custom: children per node at each level, root first; the last level are the units", "[CHOICE]",
              "structure", FIELD(structure.branching)},
    ParamSpec{"structure.domains", "政策领域数", "policy domains", T::Integer, 1, 8, "-",
              "number of policy domains (the first K of the domain table in docs/ODD.md)", "[PAPER] s.1", "structure",
              FIELD(structure.domains)},
    // mechanisms
    ParamSpec{"mechanisms.needs_drift", "需求变化", "needs drift", T::Boolean, 0, 1, "switch",
              "5.1 citizen needs drift and suffer shocks", "[PAPER] s.2.3", "mechanism", FIELD(mechanisms.needs_drift)},
    ParamSpec{"mechanisms.political_signals", "上级政策信号", "political signals", T::Boolean, 0, 1, "switch",
              "5.1 superiors signal priorities that are partly political", "[PAPER] s.2.1", "mechanism",
              FIELD(mechanisms.political_signals)},
    ParamSpec{"mechanisms.designated_pilots", "指定试点", "designated pilots", T::Boolean, 0, 1, "switch",
              "5.2 superiors launch programmes of designated pilots", "[PAPER] s.2.4", "mechanism",
              FIELD(mechanisms.designated_pilots)},
    ParamSpec{"mechanisms.matthew_selection", "择优选点(马太效应)", "Matthew selection", T::Boolean, 0, 1, "switch",
              "5.2 designation by impression, polish and base (off: at random)", "[PAPER] s.4.2", "mechanism",
              FIELD(mechanisms.matthew_selection)},
    ParamSpec{"mechanisms.spontaneous_pilots", "自发试点", "spontaneous pilots", T::Boolean, 0, 1, "switch",
              "5.3 leaders start pilots of their own", "[PAPER] s.2.1", "mechanism",
              FIELD(mechanisms.spontaneous_pilots)},
    ParamSpec{"mechanisms.first_mover_race", "位次锦标(抢先)", "first-mover race", T::Boolean, 0, 1, "switch",
              "5.3 credit for being first among peers in a domain", "[PAPER] s.2.1", "mechanism",
              FIELD(mechanisms.first_mover_race)},
    ParamSpec{"mechanisms.niche_seeking", "错位竞争", "niche seeking", T::Boolean, 0, 1, "switch",
              "5.3 credit for standing apart from peers", "[PAPER] s.2.2", "mechanism",
              FIELD(mechanisms.niche_seeking)},
    ParamSpec{"mechanisms.isomorphic_pressure", "制度同构压力", "isomorphic pressure", T::Boolean, 0, 1, "switch",
              "5.3 pressure to have pilots when peers do", "[PAPER] s.2.2", "mechanism",
              FIELD(mechanisms.isomorphic_pressure)},
    ParamSpec{"mechanisms.learning_from_peers", "后发学习", "learning from peers", T::Boolean, 0, 1, "switch",
              "5.3 latecomers design better after peers' pilots", "[PAPER] s.2.1", "mechanism",
              FIELD(mechanisms.learning_from_peers)},
    ParamSpec{"mechanisms.diffusion", "经验推广扩散", "diffusion", T::Boolean, 0, 1, "switch",
              "5.4 adoption of recognised typical experiences", "[PAPER] s.2.3, s.3.3", "mechanism",
              FIELD(mechanisms.diffusion)},
    ParamSpec{"mechanisms.copy_and_rename", "照搬换名", "copy and rename", T::Boolean, 0, 1, "switch",
              "5.4 adopters may copy and rename instead of adapting", "[PAPER] s.4.3", "mechanism",
              FIELD(mechanisms.copy_and_rename)},
    ParamSpec{"mechanisms.higher_level_uptake", "上级吸纳推广", "higher-level uptake", T::Boolean, 0, 1, "switch",
              "5.4 higher levels take up outstanding innovations and push them to all below", "[PAPER] s.3.3; [DIF]",
              "mechanism", FIELD(mechanisms.higher_level_uptake)},
    ParamSpec{"mechanisms.packaging", "形式包装", "packaging", T::Boolean, 0, 1, "switch",
              "5.5 leaders can spend effort on packaging", "[PAPER] s.4.1", "mechanism", FIELD(mechanisms.packaging)},
    ParamSpec{"mechanisms.attention_dilution", "注意力稀释", "attention dilution", T::Boolean, 0, 1, "switch",
              "5.5 switching costs dilute substance across concurrent pilots", "[PAPER] s.4.2", "mechanism",
              FIELD(mechanisms.attention_dilution)},
    ParamSpec{"mechanisms.fund_diversion", "专项资金挪用", "fund diversion", T::Boolean, 0, 1, "switch",
              "5.5 special funds of neglected pilots are diverted", "[PAPER] s.4.2", "mechanism",
              FIELD(mechanisms.fund_diversion)},
    ParamSpec{"mechanisms.pilot_failure", "试点失败", "pilot failure", T::Boolean, 0, 1, "switch",
              "5.6 rushed, ill-fitting or hard pilots can fail", "[PAPER] s.3.1", "mechanism",
              FIELD(mechanisms.pilot_failure)},
    ParamSpec{"mechanisms.symbolic_stall", "象征性空转", "symbolic stall", T::Boolean, 0, 1, "switch",
              "5.6 starved pilots become symbolic", "[PAPER] s.4.1", "mechanism", FIELD(mechanisms.symbolic_stall)},
    ParamSpec{"mechanisms.institutionalisation", "制度化", "institutionalisation", T::Boolean, 0, 1, "switch",
              "5.6 successful pilots can be written into rules", "[PAPER] s.1; [AWD]", "mechanism",
              FIELD(mechanisms.institutionalisation)},
    ParamSpec{"mechanisms.inspection", "检查核查", "inspection", T::Boolean, 0, 1, "switch",
              "5.7 superiors inspect and penalise detected inflation", "[PAPER] s.4.1", "mechanism",
              FIELD(mechanisms.inspection)},
    ParamSpec{"mechanisms.recognition", "典型经验评选", "recognition", T::Boolean, 0, 1, "switch",
              "5.8 superiors name typical experiences each year", "[PAPER] s.2.1", "mechanism",
              FIELD(mechanisms.recognition)},
    ParamSpec{"mechanisms.media", "媒体宣传", "media", T::Boolean, 0, 1, "switch",
              "5.8 media amplify recognised experiences", "[PAPER] s.2.3", "mechanism", FIELD(mechanisms.media)},
    ParamSpec{"mechanisms.turnover", "换届与晋升", "turnover", T::Boolean, 0, 1, "switch",
              "5.9 tenures end, a promotion tournament, succession", "[PAPER] s.4.3; [TEN]", "mechanism",
              FIELD(mechanisms.turnover)},
    ParamSpec{"mechanisms.renamed_restarts", "换名重启", "renamed restarts", T::Boolean, 0, 1, "switch",
              "5.9 successors may restart a pilot under a new name", "[PAPER] s.4.3", "mechanism",
              FIELD(mechanisms.renamed_restarts)},
    ParamSpec{"mechanisms.formalism_annoyance", "形式主义反感", "formalism annoyance", T::Boolean, 0, 1, "switch",
              "5.10 packaging itself lowers citizens' satisfaction", "[PAPER] s.4.2", "mechanism",
              FIELD(mechanisms.formalism_annoyance)},
    // environment
    ParamSpec{"environment.base_sd", "治理基础离散度", "governance base spread", T::Real, 0, 2, "log-sd",
              "log-normal sd of units' governance base (skew across units)",
              "[CHOICE] skewed as the paper says (s.4.2)", "environment", FIELD(environment.base_sd)},
    ParamSpec{"environment.budget", "月度资源预算", "monthly budget", T::Real, 0.01, 100, "attention/month",
              "attention (staff time and money) a unit of base 1 has each month for pilots",
              "[CHOICE] sets the scale of effort", "environment", FIELD(environment.budget)},
    ParamSpec{"environment.budget_elasticity", "资源对基础弹性", "budget elasticity", T::Real, 0, 2, "-",
              "budget grows as base^elasticity", "[CHOICE]", "environment", FIELD(environment.budget_elasticity)},
    ParamSpec{"environment.need_reversion", "需求回归速度", "need reversion", T::Real, 0, 1, "1/month",
              "monthly pull of each need back to the unit's long-run level", "[CHOICE] half-life about 3 years",
              "environment", FIELD(environment.need_reversion)},
    ParamSpec{"environment.need_drift_sd", "需求漂移幅度", "need drift", T::Real, 0, 0.5, "1/month",
              "monthly sd of need drift", "[CHOICE]", "environment", FIELD(environment.need_drift_sd)},
    ParamSpec{"environment.shock_rate", "新情况冲击频率", "shock rate", T::Real, 0, 12, "1/year",
              "shocks (new situations, new problems) per unit per year", "[PAPER] s.2.3", "environment",
              FIELD(environment.shock_rate)},
    ParamSpec{"environment.shock_size", "冲击幅度", "shock size", T::Real, 0, 1, "need",
              "rise of one domain's need at a shock", "[CHOICE]", "environment", FIELD(environment.shock_size)},
    ParamSpec{"environment.signal_period", "政策信号周期", "signal period", T::Real, 1, 600, "month",
              "mean months between revisions of a superior's priorities", "[CHOICE] about one leadership cycle",
              "environment", FIELD(environment.signal_period)},
    ParamSpec{"environment.signal_inheritance", "信号逐级传导", "signal inheritance", T::Real, 0, 1, "-",
              "share of a superior's priorities copied from its own superior", "[CHOICE]", "environment",
              FIELD(environment.signal_inheritance)},
    // drivers
    ParamSpec{"drivers.upper_pull", "上级引力", "upper pull", T::Real, 0, 3, "-",
              "extra evaluation weight of reports in the superior's signalled priority domains", "[PAPER] s.2.1",
              "driver", FIELD(drivers.upper_pull)},
    ParamSpec{"drivers.peer_push", "同级推力", "peer push", T::Real, 0, 3, "-",
              "strength of niche seeking and isomorphic pressure among peers", "[PAPER] s.2.2", "driver",
              FIELD(drivers.peer_push)},
    ParamSpec{"drivers.performance_pressure", "绩效压力", "performance pressure", T::Real, 0, 3, "-",
              "citizens', media and expert pressure to respond to needs and follow leaders", "[PAPER] s.2.3", "driver",
              FIELD(drivers.performance_pressure)},
    ParamSpec{"drivers.promotion_drive", "晋升动力", "promotion drive", T::Real, 0, 1, "-",
              "mean leader ambition: weight of career against public value in a leader's utility",
              "[PAPER] s.2.4; [CAL]", "driver", FIELD(drivers.promotion_drive)},
    ParamSpec{"drivers.ambition_spread", "晋升动力差异", "ambition spread", T::Real, 0, 0.5, "-",
              "sd of ambition across leaders", "[CHOICE]", "driver", FIELD(drivers.ambition_spread)},
    ParamSpec{"drivers.promotion_share", "晋升比例", "promotion share", T::Real, 0, 1, "-",
              "the tournament's quota: mean promotion probability over a group of peers when one of their tenures ends",
              "[PRO] 11-15%/yr x 3.3-yr tenure", "driver", FIELD(drivers.promotion_share)},
    ParamSpec{"drivers.tournament_steepness", "锦标赛陡峭度", "tournament steepness", T::Real, 0, 10, "-",
              "softmax steepness of promotion in standardised impression",
              "[CHOICE] moderate: evidence on promotion by performance is mixed [PRO]", "driver",
              FIELD(drivers.tournament_steepness)},
    ParamSpec{"drivers.rank_credit", "首创位次激励", "rank credit", T::Real, 0, 3, "-",
              "novelty credit for being first among peers in a domain (rank tournament)", "[PAPER] s.2.1", "driver",
              FIELD(drivers.rank_credit)},
    // couplings
    ParamSpec{"couplings.error_tolerance", "容错机制", "error tolerance", T::Real, 0, 1, "-",
              "share of a failure's penalty waived", "[PAPER] s.3.1", "coupling", FIELD(couplings.error_tolerance)},
    ParamSpec{"couplings.high_level_push", "高位推动", "high-level push", T::Real, 0, 3, "-",
              "extra evaluation weight of designated programmes; above 0 a picked unit cannot refuse", "[PAPER] s.3.2",
              "coupling", FIELD(couplings.high_level_push)},
    ParamSpec{"couplings.escalation", "层层加码", "escalation", T::Real, 1, 3, "x/level",
              "multiplier of slots and targets at each level down", "[PAPER] s.3.2", "coupling",
              FIELD(couplings.escalation)},
    ParamSpec{"couplings.diffusion_inertia", "制度扩散惯性", "diffusion inertia", T::Real, 0, 5, "-",
              "momentum a promoted innovation gains per share of units adopting", "[PAPER] s.3.3", "coupling",
              FIELD(couplings.diffusion_inertia)},
    // evaluation
    ParamSpec{"evaluation.weight_reports", "书面汇报权重", "weight of reports", T::Real, 0, 1, "-",
              "weight of reported results in the evaluation score (before B1 renormalisation)",
              "[PAPER] s.4.1 (reports and impressions dominate)", "evaluation", FIELD(evaluation.weight_reports)},
    ParamSpec{"evaluation.weight_novelty", "创新亮点权重", "weight of novelty", T::Real, 0, 1, "-",
              "weight of novelty claims in the evaluation score", "[PAPER] s.4.3", "evaluation",
              FIELD(evaluation.weight_novelty)},
    ParamSpec{"evaluation.weight_designated", "指定任务权重", "weight of designated targets", T::Real, 0, 1, "-",
              "weight of designated targets met in the evaluation score", "[PAPER] s.2.4", "evaluation",
              FIELD(evaluation.weight_designated)},
    ParamSpec{"evaluation.failure_penalty", "失败惩罚", "failure penalty", T::Real, 0, 10, "score",
              "score lost for a failed pilot, before error tolerance", "[CHOICE]", "evaluation",
              FIELD(evaluation.failure_penalty)},
    ParamSpec{"evaluation.inflation_penalty", "虚报惩罚", "inflation penalty", T::Real, 0, 20, "score",
              "score lost per unit of detected reporting gap above the tolerance", "[CHOICE]", "evaluation",
              FIELD(evaluation.inflation_penalty)},
    ParamSpec{"evaluation.inflation_tolerance", "虚报容忍度", "inflation tolerance", T::Real, 0, 1, "-",
              "reporting gap an inspection tolerates", "[CHOICE]", "evaluation", FIELD(evaluation.inflation_tolerance)},
    ParamSpec{"evaluation.impression_memory", "印象记忆", "impression memory", T::Real, 0, 0.99, "-",
              "weight of the old impression at each annual evaluation", "[CHOICE]", "evaluation",
              FIELD(evaluation.impression_memory)},
    ParamSpec{"evaluation.inspection_capacity", "检查能力", "inspection capacity", T::Real, 0, 1000, "units/year",
              "subordinate units a superior really inspects per year", "[PAPER] s.4.1 (information asymmetry)",
              "evaluation", FIELD(evaluation.inspection_capacity)},
    ParamSpec{"evaluation.successor_credit", "继任者政绩分享", "successor credit", T::Real, 0, 1, "-",
              "credit a successor gets for an inherited pilot", "[PAPER] s.4.3 (hard to share)", "evaluation",
              FIELD(evaluation.successor_credit)},
    // regulation A
    ParamSpec{"regulation.pilot_cap", "试点数量上限", "pilot cap", T::Integer, 0, 32, "pilots",
              "A1: most concurrent pilots a unit may run (0 = no cap)", "[PAPER] s.5.1", "A1",
              FIELD(regulation.pilot_cap)},
    ParamSpec{"regulation.lifecycle_review", "全周期管理", "lifecycle review", T::Boolean, 0, 1, "switch",
              "A2: milestone reviews stop symbolic or empty pilots", "[PAPER] s.5.1", "A2",
              FIELD(regulation.lifecycle_review)},
    ParamSpec{"regulation.review_period", "节点评估周期", "review period", T::Real, 1, 120, "month",
              "A2: months between milestone reviews of a pilot", "[CHOICE]", "A2", FIELD(regulation.review_period)},
    ParamSpec{"regulation.supervision", "过程监督", "process supervision", T::Real, 0, 10, "x",
              "A3: extra inspection rate and penalty, as a multiple of the default", "[PAPER] s.5.1", "A3",
              FIELD(regulation.supervision)},
    ParamSpec{"regulation.verified_recognition", "核实后评选", "verified recognition", T::Real, 0, 1, "-",
              "A3: share of recognition based on verified (true) results instead of reports", "[PAPER] s.5.1", "A3",
              FIELD(regulation.verified_recognition)},
    ParamSpec{"regulation.scientific_targeting", "科学论证布点", "scientific targeting", T::Real, 0, 1, "-",
              "A4: how far signals and designations follow real needs", "[PAPER] s.5.1", "A4",
              FIELD(regulation.scientific_targeting)},
    // regulation B
    ParamSpec{"regulation.citizen_weight", "群众满意度权重", "citizen satisfaction weight", T::Real, 0, 1, "-",
              "B1: share of citizens' satisfaction in the evaluation (others rescaled)", "[PAPER] s.5.2", "B1",
              FIELD(regulation.citizen_weight)},
    ParamSpec{"regulation.retrospective_share", "政绩回溯", "retrospective credit", T::Real, 0, 1, "-",
              "B2: credit for impact realised after leaving; also weight of realised impact at promotion",
              "[PAPER] s.5.2", "B2", FIELD(regulation.retrospective_share)},
    ParamSpec{"regulation.credit_sharing", "政绩共享", "credit sharing", T::Real, 0, 1, "-",
              "B3: extra share of an inherited pilot's credit given to the successor", "[PAPER] s.5.2", "B3",
              FIELD(regulation.credit_sharing)},
    ParamSpec{"regulation.accountability", "中断责任追究", "accountability for interruption", T::Real, 0, 5, "score",
              "B4: score lost for interrupting an inherited pilot", "[PAPER] s.5.2", "B4",
              FIELD(regulation.accountability)},
    ParamSpec{"regulation.reward_scope", "扩大奖励范围", "wider reward scope", T::Real, 0, 1, "-",
              "B5: flattens the tournament (steepness x (1 - 0.7 x scope))", "[PAPER] s.5.2", "B5",
              FIELD(regulation.reward_scope)},
    // regulation C
    ParamSpec{"regulation.consultation_placement", "协商布点", "consultation-based placement", T::Boolean, 0, 1,
              "switch", "C1: designation by need and spare capacity, under a cap", "[PAPER] s.5.3", "C1",
              FIELD(regulation.consultation_placement)},
    ParamSpec{"regulation.designation_cap", "指定试点上限", "designation cap", T::Integer, 1, 32, "pilots",
              "C1: most designated pilots per unit when C1 is on", "[PAPER] s.5.3", "C1",
              FIELD(regulation.designation_cap)},
    ParamSpec{"regulation.participation", "居民参与", "resident participation", T::Real, 0, 1, "-",
              "C2: residents steer domain choice to needs and see through packaging", "[PAPER] s.5.3", "C2",
              FIELD(regulation.participation)},
    ParamSpec{"regulation.oversight", "人大政协监督", "legislative oversight", T::Real, 0, 12, "1/year",
              "C3: independent detections of fabrication per unit per year", "[PAPER] s.5.3", "C3",
              FIELD(regulation.oversight)},
    // behaviour
    ParamSpec{"behaviour.rationality", "理性程度", "rationality", T::Real, 0, 50, "1/utility",
              "logit sensitivity of choices to utility differences", "[CHOICE]", "behaviour",
              FIELD(behaviour.rationality)},
    ParamSpec{"behaviour.consider_rate", "试点考虑频率", "consider rate", T::Real, 0, 1, "1/month",
              "chance a leader weighs starting a pilot in a month", "[CAL]", "behaviour",
              FIELD(behaviour.consider_rate)},
    ParamSpec{"behaviour.start_cost", "启动成本", "start cost", T::Real, 0, 10, "utility",
              "utility cost of starting a pilot", "[CAL]", "behaviour", FIELD(behaviour.start_cost)},
    ParamSpec{"behaviour.load_cost", "负荷成本", "load cost", T::Real, 0, 10, "utility",
              "utility cost per concurrent pilot per unit of budget", "[CAL]", "behaviour", FIELD(behaviour.load_cost)},
    ParamSpec{"behaviour.public_value", "公共价值权重", "public value", T::Real, 0, 10, "utility",
              "scale of public value (needs met) in utility", "[CHOICE]", "behaviour", FIELD(behaviour.public_value)},
    ParamSpec{"behaviour.promotion_payoff", "晋升收益", "promotion payoff", T::Real, 0, 10, "utility",
              "value of promotion relative to public value", "[CHOICE]", "behaviour",
              FIELD(behaviour.promotion_payoff)},
    ParamSpec{"behaviour.rush", "抢先仓促", "rush", T::Real, 0, 10, "-",
              "first movers' design quality loss per unit of race intensity", "[PAPER] s.2.1", "behaviour",
              FIELD(behaviour.rush)},
    ParamSpec{"behaviour.learning", "后发学习效应", "learning", T::Real, 0, 2, "-",
              "latecomers' quality gain when peers already run the domain, and adopters' when they adapt an experience",
              "[PAPER] s.2.1", "behaviour", FIELD(behaviour.learning)},
    ParamSpec{"behaviour.packaging_elasticity", "包装决策敏感度", "packaging elasticity", T::Real, 0.1, 10, "-",
              "sharpness of the substance/packaging split in expected returns", "[CHOICE]", "behaviour",
              FIELD(behaviour.packaging_elasticity)},
    ParamSpec{"behaviour.focus", "注意力集中度", "focus", T::Real, 0, 10, "-",
              "how strongly a loaded leader concentrates attention on visible pilots", "[PAPER] s.4.2", "behaviour",
              FIELD(behaviour.focus)},
    ParamSpec{"behaviour.adapt_cost", "因地制宜成本", "adaptation cost", T::Real, 0, 10, "utility",
              "extra utility cost of adapting an innovation over copying it", "[PAPER] s.4.3", "behaviour",
              FIELD(behaviour.adapt_cost)},
    // pilot dynamics
    ParamSpec{"pilot.growth", "效果增长率", "impact growth", T::Real, 0, 1, "1/month",
              "monthly build rate of true impact", "[CHOICE]", "pilot", FIELD(pilot.growth)},
    ParamSpec{"pilot.half_saturation", "半饱和投入", "half-saturation", T::Real, 0.001, 10, "attention/month",
              "effective substance giving half the maximum build rate", "[CHOICE]", "pilot",
              FIELD(pilot.half_saturation)},
    ParamSpec{"pilot.decay", "效果衰减", "impact decay", T::Real, 0, 1, "1/month", "monthly decay of true impact",
              "[CHOICE]", "pilot", FIELD(pilot.decay)},
    ParamSpec{"pilot.switching_cost", "切换成本", "switching cost", T::Real, 0, 5, "-",
              "attention dilution per extra concurrent pilot", "[PAPER] s.4.2", "pilot", FIELD(pilot.switching_cost)},
    ParamSpec{"pilot.packaging_decay", "包装存量衰减", "packaging decay", T::Real, 0, 1, "1/month",
              "monthly decay of the packaging stock", "[CHOICE]", "pilot", FIELD(pilot.packaging_decay)},
    ParamSpec{"pilot.inflation", "包装虚报系数", "inflation", T::Real, 0, 10, "impact",
              "reported impact bought per packaging stock^eta", "[PAPER] s.4.1; [CAL]", "pilot",
              FIELD(pilot.inflation)},
    ParamSpec{"pilot.inflation_exponent", "包装收益指数", "inflation exponent", T::Real, 0.05, 1, "-",
              "eta < 1: diminishing returns to packaging", "[CHOICE]", "pilot", FIELD(pilot.inflation_exponent)},
    ParamSpec{"pilot.symbolic_threshold", "空转阈值", "symbolic threshold", T::Real, 0, 10, "attention/month",
              "effective substance below which a month counts as starved", "[CHOICE]", "pilot",
              FIELD(pilot.symbolic_threshold)},
    ParamSpec{"pilot.symbolic_months", "空转月数", "symbolic months", T::Integer, 1, 120, "month",
              "consecutive starved months before a pilot is symbolic", "[CHOICE]", "pilot",
              FIELD(pilot.symbolic_months)},
    ParamSpec{"pilot.failure_rate", "失败风险", "failure rate", T::Real, 0, 1, "1/month",
              "monthly failure hazard of an average pilot in its early months",
              "[CAL] about one pilot in five fails within its first two years", "pilot", FIELD(pilot.failure_rate)},
    ParamSpec{"pilot.failure_window", "失败风险期", "failure window", T::Integer, 0, 240, "month",
              "months during which a pilot can fail", "[CHOICE]", "pilot", FIELD(pilot.failure_window)},
    ParamSpec{"pilot.institution_age", "制度化最短期限", "institutionalisation age", T::Integer, 0, 240, "month",
              "minimum pilot age before it can be institutionalised", "[CHOICE]", "pilot",
              FIELD(pilot.institution_age)},
    ParamSpec{"pilot.institution_threshold", "制度化效果门槛", "institutionalisation threshold", T::Real, 0, 10,
              "impact", "realised impact needed for institutionalisation", "[CHOICE]", "pilot",
              FIELD(pilot.institution_threshold)},
    ParamSpec{"pilot.institution_rate", "制度化速率", "institutionalisation rate", T::Real, 0, 1, "1/month",
              "monthly hazard of institutionalisation when eligible", "[CHOICE]", "pilot",
              FIELD(pilot.institution_rate)},
    ParamSpec{"pilot.institution_decay", "制度化后衰减", "institutional decay", T::Real, 0, 1, "1/month",
              "monthly decay of an institutionalised pilot's impact", "[CHOICE]", "pilot",
              FIELD(pilot.institution_decay)},
    ParamSpec{"pilot.special_funds", "专项资金", "special funds", T::Real, 0, 10, "attention/month",
              "special funds a designated pilot receives each month", "[PAPER] s.2.4", "pilot",
              FIELD(pilot.special_funds)},
    ParamSpec{"pilot.restart_keep", "重启保留比例", "restart keep", T::Real, 0, 1, "-",
              "share of built impact a renamed restart keeps", "[PAPER] s.4.3", "pilot", FIELD(pilot.restart_keep)},
    ParamSpec{"pilot.real_threshold", "真创新门槛", "real-innovation threshold", T::Real, 0, 10, "impact",
              "realised impact that makes a pilot count as a real innovation", "[CHOICE]", "pilot",
              FIELD(pilot.real_threshold)},
    // programmes
    ParamSpec{"programmes.rate", "指定试点项目频率", "programme rate", T::Real, 0, 12, "1/year",
              "programmes a superior launches per year", "[CAL]", "programme", FIELD(programmes.rate)},
    ParamSpec{"programmes.slot_share", "选点比例", "slot share", T::Real, 0, 1, "-",
              "share of units in scope given a slot, before escalation", "[PAPER] s.2.4 (a proportion of units)",
              "programme", FIELD(programmes.slot_share)},
    ParamSpec{"programmes.term", "试点期限", "programme term", T::Integer, 1, 240, "month",
              "months until a designated pilot's acceptance review: it is institutionalised if its realised impact "
              "suffices, closed if symbolic, otherwise left to the unit without funds or target",
              "[CHOICE] typical three-year pilot programmes", "programme", FIELD(programmes.term)},
    ParamSpec{"programmes.target", "任务目标", "target", T::Real, 0, 10, "impact",
              "reported impact a designated pilot must show, before escalation", "[CHOICE]", "programme",
              FIELD(programmes.target)},
    // diffusion
    ParamSpec{"diffusion.base_hazard", "基础采纳率", "base adoption hazard", T::Real, 0, 1, "1/month",
              "monthly adoption hazard without pressures", "[DIF]", "diffusion", FIELD(diffusion.base_hazard)},
    ParamSpec{"diffusion.peer_effect", "同级示范效应", "peer effect", T::Real, 0, 50, "-",
              "hazard multiplier per share of peers that adopted", "[PAPER] s.2.2; [DIF]", "diffusion",
              FIELD(diffusion.peer_effect)},
    ParamSpec{"diffusion.promotion_effect", "上级推广效应", "promotion effect", T::Real, 0, 50, "-",
              "hazard multiplier per unit of promotion momentum", "[PAPER] s.3.3", "diffusion",
              FIELD(diffusion.promotion_effect)},
    ParamSpec{"diffusion.media_effect", "舆论效应", "media effect", T::Real, 0, 50, "-",
              "hazard multiplier per unit of media attention times performance pressure", "[PAPER] s.2.3", "diffusion",
              FIELD(diffusion.media_effect)},
    ParamSpec{"diffusion.resource_elasticity", "资源约束弹性", "resource elasticity", T::Real, 0, 5, "-",
              "how strongly scarce resources slow adoption", "[PAPER] s.3.3", "diffusion",
              FIELD(diffusion.resource_elasticity)},
    ParamSpec{"diffusion.momentum_decay", "推广势能衰减", "momentum decay", T::Real, 0, 1, "1/month",
              "monthly decay of a promotion's momentum", "[CHOICE]", "diffusion", FIELD(diffusion.momentum_decay)},
    ParamSpec{"diffusion.duration", "推广期限", "campaign duration", T::Integer, 1, 600, "month",
              "months a promotion campaign lasts at most", "[DIF] about a decade", "diffusion",
              FIELD(diffusion.duration)},
    ParamSpec{"diffusion.endorsement_boost", "高层背书势能", "endorsement boost", T::Real, 0, 10, "-",
              "extra initial momentum per level of the endorsing superior above the units' own",
              "[DIF] acceleration once a higher level endorses", "diffusion", FIELD(diffusion.endorsement_boost)},
    // recognition
    ParamSpec{"recognition.per_superior", "每年评选数", "recognitions per superior", T::Integer, 0, 100, "1/year",
              "typical experiences each superior names per year", "[AWD] 10 winners a round nationally", "recognition",
              FIELD(recognition.per_superior)},
    ParamSpec{"recognition.promote_share", "推广比例", "promotion share", T::Real, 0, 1, "-",
              "share of recognised experiences a superior pushes to all units below as a promotion campaign",
              "[CHOICE] not every typical experience is promoted", "recognition", FIELD(recognition.promote_share)},
    ParamSpec{"recognition.bonus", "评选印象加分", "recognition bonus", T::Real, 0, 10, "score",
              "impression gained by the leader of a recognised unit", "[CHOICE]", "recognition",
              FIELD(recognition.bonus)},
    ParamSpec{"recognition.media", "媒体关注度", "media attention", T::Real, 0, 10, "-",
              "media attention given to a recognised experience", "[CHOICE]", "recognition", FIELD(recognition.media)},
    ParamSpec{"recognition.min_age", "评选最短期限", "minimum age", T::Integer, 0, 240, "month",
              "minimum age of a pilot to be recognised", "[CHOICE]", "recognition", FIELD(recognition.min_age)},
    // citizens
    ParamSpec{"citizens.adjustment", "满意度调整速度", "satisfaction adjustment", T::Real, 0, 1, "1/month",
              "monthly adjustment of satisfaction toward its target", "[CHOICE]", "citizens",
              FIELD(citizens.adjustment)},
    ParamSpec{"citizens.annoyance", "形式主义反感度", "annoyance", T::Real, 0, 2, "-",
              "satisfaction lost per unit of packaging share of effort", "[PAPER] s.4.2", "citizens",
              FIELD(citizens.annoyance)},
    ParamSpec{"citizens.effect_half", "效能半饱和", "effect half-saturation", T::Real, 0.01, 10, "impact",
              "effectiveness that gives half the benefit in a domain", "[CHOICE]", "citizens",
              FIELD(citizens.effect_half)},
};
#undef FIELD

}  // namespace

std::span<const ParamSpec> paramRegistry() { return kSpecs; }

const ParamSpec* findParam(std::string_view key) {
  for (const auto& s : kSpecs)
    if (s.key == key) return &s;
  return nullptr;
}

std::string formatValue(const Params& p, const ParamSpec& spec) {
  auto& mp = const_cast<Params&>(p);  // the accessor is shared with writers; we only read here
  return std::visit(
      [](auto* v) -> std::string {
        using V = std::remove_pointer_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>)
          return fmt::format("{}", *v);
        else if constexpr (std::is_same_v<V, bool>)
          return *v ? "true" : "false";
        else if constexpr (std::is_same_v<V, std::string>)
          return fmt::format("\"{}\"", *v);
        else if constexpr (std::is_same_v<V, std::vector<int>>)
          return fmt::format("[{}]", fmt::join(*v, ", "));
        else
          return fmt::format("{}", *v);
      },
      spec.ref(mp));
}

std::string allowedText(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::Real:
      return fmt::format("a number in [{}, {}]", spec.lo, spec.hi);
    case ParamType::Integer:
      return fmt::format("a whole number in [{}, {}]", spec.lo, spec.hi);
    case ParamType::Boolean:
      return "true or false";
    case ParamType::Text:
      if (spec.key == "structure.preset") return "one of \"county\", \"city\", \"province\", \"national\", \"custom\"";
      return "a string";
    case ParamType::IntegerList:
      return fmt::format("a list of whole numbers, each in [{}, {}]", spec.lo, spec.hi);
  }
  return "";
}

std::vector<std::string> validateParams(const Params& p) {
  std::vector<std::string> errors;
  auto& mp = const_cast<Params&>(p);
  for (const auto& spec : kSpecs) {
    const auto bad = [&](const std::string& got) {
      errors.push_back(fmt::format("{} = {} is out of range: expected {}", spec.key, got, allowedText(spec)));
    };
    std::visit(
        [&](auto* v) {
          using V = std::remove_pointer_t<decltype(v)>;
          if constexpr (std::is_same_v<V, double>) {
            if (!std::isfinite(*v) || *v < spec.lo || *v > spec.hi) bad(fmt::format("{}", *v));
          } else if constexpr (std::is_same_v<V, int> || std::is_same_v<V, std::int64_t>) {
            if (static_cast<double>(*v) < spec.lo || static_cast<double>(*v) > spec.hi) bad(fmt::format("{}", *v));
          } else if constexpr (std::is_same_v<V, std::vector<int>>) {
            for (int x : *v)
              if (x < spec.lo || x > spec.hi) {
                bad(fmt::format("[{}]", fmt::join(*v, ", ")));
                break;
              }
          }
        },
        spec.ref(mp));
  }
  static constexpr std::array kPresets = {"county", "city", "province", "national", "custom"};
  if (std::find(kPresets.begin(), kPresets.end(), p.structure.preset) == kPresets.end())
    errors.push_back(fmt::format("structure.preset = \"{}\" is not known: expected {}", p.structure.preset,
                                 allowedText(*findParam("structure.preset"))));
  if (p.structure.preset == "custom") {
    if (p.structure.branching.empty() || p.structure.branching.size() > 6)
      errors.push_back("structure.branching must list 1 to 6 levels when structure.preset = \"custom\"");
    double units = 1;
    for (int b : p.structure.branching) units *= b;
    if (units > 200000)
      errors.push_back(fmt::format("structure.branching gives {} units: at most 200000 are allowed", units));
  } else if (!p.structure.branching.empty()) {
    errors.push_back("structure.branching is only used when structure.preset = \"custom\"");
  }
  const double w = p.evaluation.weight_reports + p.evaluation.weight_novelty + p.evaluation.weight_designated;
  if (!(w > 0) && p.regulation.citizen_weight < 1)
    errors.push_back(
        "evaluation.weight_reports, weight_novelty and weight_designated are all 0: at least one must be positive "
        "unless regulation.citizen_weight = 1");
  return errors;
}

}  // namespace pilotsim
