#include "pilotsim/model/Measures.hpp"

#include <array>

namespace pilotsim {

namespace {
using M = Measure;
constexpr std::array<MeasureInfo, kMeasureCount> kMeasures = {{
    {M::PilotsPerUnitMean, "pilots_per_unit_mean", "单位在试点数(均值)", "pilots per unit (mean)", "pilots",
     "active and symbolic pilots per unit, mean over units", "个", true},
    {M::PilotsPerUnitP90, "pilots_per_unit_p90", "单位在试点数(90分位)", "pilots per unit (90th percentile)", "pilots",
     "90th percentile over units of active and symbolic pilots", "个", false},
    {M::PilotsPerUnitMax, "pilots_per_unit_max", "单位在试点数(最大)", "pilots per unit (max)", "pilots",
     "most active and symbolic pilots carried by one unit", "个", false},
    {M::ShareUnits10Plus, "share_units_10plus", "承担10个以上试点的单位占比", "share of units with 10+ pilots", "share",
     "share of units carrying 10 or more active or symbolic pilots", "比例", true},
    {M::StartsSpontaneous, "starts_spontaneous", "自发试点启动数", "spontaneous starts", "per 100 units per year",
     "spontaneous pilots started, last 12 months", "每百单位每年", false},
    {M::StartsDesignated, "starts_designated", "指定试点启动数", "designated starts", "per 100 units per year",
     "designated pilots started, last 12 months", "每百单位每年", false},
    {M::StartsAdoption, "starts_adoption", "推广采纳启动数", "adoption starts", "per 100 units per year",
     "adoptions of promoted experiences, last 12 months", "每百单位每年", false},
    {M::StartsRestart, "starts_restart", "换名重启数", "renamed restarts", "per 100 units per year",
     "pilots restarted under a new name, last 12 months", "每百单位每年", false},
    {M::PseudoShare, "pseudo_share", "伪创新占比", "pseudo-innovation share", "share",
     "share of active pilots that are symbolic or got more packaging than substance", "比例", true},
    {M::FabricationGap, "fabrication_gap", "政绩虚构差距", "fabrication gap", "share",
     "(reported - realised) / reported impact over active pilots", "比例", true},
    {M::PackagingShare, "packaging_share", "内卷化指数(包装投入占比)", "involution index (packaging share of effort)",
     "share", "share of this month's pilot effort spent on packaging", "比例", true},
    {M::ImpactPerEffort, "impact_per_effort", "单位投入真实效果", "true impact per unit of effort", "impact/attention",
     "true impact built this month per unit of pilot effort", "效果/投入", false},
    {M::InterruptionRate, "interruption_rate", "换届中断率", "interruption rate at turnover", "share",
     "inherited pilots stopped or restarted by successors, last 12 months", "比例", true},
    {M::RestartShare, "restart_share", "换名重启占比", "renamed restart share", "share",
     "renamed restarts among pilots started, last 12 months", "比例", false},
    {M::CopyRenameShare, "copy_rename_share", "照搬换名占比", "copy-and-rename share", "share",
     "copy-and-rename among adoptions, last 12 months", "比例", true},
    {M::InstitutionalisationRate, "institutionalisation_rate", "制度化率", "institutionalisation rate", "share",
     "institutionalised among pilots ending, last 12 months", "比例", true},
    {M::NeedWeightedEffectiveness, "need_weighted_effectiveness", "需求加权治理效能", "need-weighted effectiveness",
     "0-1", "realised effectiveness weighted by citizens' needs, mean over units", "0-1", true},
    {M::Satisfaction, "satisfaction", "群众满意度", "citizen satisfaction", "0-1",
     "mean citizen satisfaction over units", "0-1", true},
    {M::PromotionAccuracy, "promotion_accuracy", "晋升准确度", "promotion accuracy", "rank correlation",
     "Spearman correlation of promotion with true contribution per month in office, tenures ended in the last 36 "
     "months (updated each December)",
     "秩相关", true},
    {M::PilotGini, "pilot_gini", "试点集中度(基尼系数)", "concentration of pilots (Gini)", "0-1",
     "Gini coefficient of active pilots across units", "0-1", true},
    {M::WastedShare, "wasted_share", "资源浪费占比", "wasted resources share", "share",
     "effort (attention and special funds) of pilots that ended failed, interrupted or abandoned, among all pilots "
     "ending (institutionalised ones included), last 12 months",
     "比例", true},
    {M::DesignatedTopQuartile, "designated_top_quartile", "指定试点集中于强单位占比",
     "designated pilots in strongest quarter", "share",
     "share of active designated pilots carried by the quarter of units with the highest governance base", "比例",
     true},
    {M::MeanFit, "mean_fit", "平均需求契合度", "mean fit", "0-1", "mean fit to local needs of active pilots", "0-1",
     false},
    {M::ImpactPerPilot, "impact_per_pilot", "单个试点真实效果", "true impact per pilot", "impact",
     "mean built impact of active pilots", "效果", false},
    {M::RealInnovations, "real_innovations", "真创新数", "real innovations", "per 100 units per year",
     "pilots whose realised impact first reached pilot.real_threshold, last 12 months", "每百单位每年", true},
    {M::FirstMoverQualityGap, "first_mover_quality_gap", "先行者设计质量差", "first-mover quality gap", "quality",
     "mean design quality of latecomers minus first movers, spontaneous pilots, last 24 months", "质量", false},
    {M::DomainSpread, "domain_spread", "同级领域分散度", "domain spread among peers", "share",
     "distinct domains of spontaneous pilots among peers, as a share of domains", "比例", false},
    {M::AdoptionShare, "adoption_share", "推广采纳比例", "adoption share", "share",
     "mean share of units adopted across running promotion campaigns", "比例", false},
    {M::DivertedFunds, "diverted_funds", "专项资金挪用比例", "diverted funds share", "share",
     "share of special funds diverted, last 12 months", "比例", false},
    {M::SurvivalAtTurnover, "survival_at_turnover", "换届存续率", "survival across turnover", "share",
     "inherited pilots continued by successors, last 12 months", "比例", false},
}};
}  // namespace

std::span<const MeasureInfo> measureTable() { return kMeasures; }

}  // namespace pilotsim
