// Switching a mechanism off removes its effect (MODEL.md s.8, issue 2 point 8), checked exactly on
// whole runs of the city baseline (101 units, 12 + 96 months).
//
// Two kinds of check:
//  * the effect itself: what the mechanism produces (designated pilots, restarts, failures, ...)
//    is present when it is on and absent when it is off;
//  * its parameters: with the mechanism off, changing the parameters that set its strength leaves
//    the whole run bit-identical (every monthly value and record), while with it on the same change
//    alters the run. That shows the switch cuts every path through which the mechanism acts, not
//    only the obvious one.
// Levers at their neutral value are checked the same way (a neutral lever makes a switch or a
// parameter irrelevant). Comparisons that rest on sampling are in tests/statistical.
#include "pilotsim/model/Simulation.hpp"

#include "ModelTestSupport.hpp"
#include "model/Incentives.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

namespace pilotsim {
namespace {

using Change = std::function<void(Params&)>;

Params cityRun() {
  Params p;
  p.run.burn_in = 12;
  p.run.months = 96;
  return p;
}

RunResult run(const Change& change, std::uint32_t replicate = 0) {
  Params p = cityRun();
  change(p);
  return Simulation::run(p, replicate);
}

Change both(Change a, Change b) {
  return [a, b](Params& p) {
    a(p);
    b(p);
  };
}

/// With `off` applied, `strength` changes nothing at all; without it, `strength` changes the run.
void expectStrengthIrrelevantWhenOff(const Change& off, const Change& strength) {
  const Change none = [](Params&) {};
  EXPECT_EQ(test::firstDifference(run(off), run(both(off, strength))), "") << "the parameter still acts when off";
  EXPECT_NE(test::firstDifference(run(none), run(strength)), "") << "the parameter does nothing even when on";
}

int countOrigin(const RunResult& r, Origin o) {
  int n = 0;
  for (const auto& x : r.pilots) n += x.origin == o;
  return n;
}

int countStatus(const RunResult& r, PilotStatus s) {
  int n = 0;
  for (const auto& x : r.pilots) n += x.status == s;
  return n;
}

/// Competence of each leader that appears in the tenure records.
std::map<std::uint32_t, double> competences(const RunResult& r) {
  std::map<std::uint32_t, double> c;
  for (const auto& t : r.tenures) c[t.leader] = t.competence;
  return c;
}

const Change kNothing = [](Params&) {};

// --- 5.1 ----------------------------------------------------------------------------------------

TEST(AblationTest, NeedsDrift) {
  Params p = cityRun();
  p.mechanisms.needs_drift = false;
  Simulation sim(p, 0);
  const auto means = sim.state().units.need_mean;
  while (!sim.finished()) sim.step();
  EXPECT_EQ(sim.state().units.need, means);  // needs never leave their long-run level
  Simulation on(cityRun(), 0);
  while (!on.finished()) on.step();
  EXPECT_NE(on.state().units.need, means);
  expectStrengthIrrelevantWhenOff([](Params& q) { q.mechanisms.needs_drift = false; },
                                  [](Params& q) {
                                    q.environment.need_drift_sd = 0.05;
                                    q.environment.shock_rate = 0.5;
                                    q.environment.need_reversion = 0.1;
                                    q.environment.shock_size = 0.5;
                                  });
}

TEST(AblationTest, PoliticalSignalsAndUpperPull) {
  Params p = cityRun();
  p.mechanisms.political_signals = false;
  Simulation sim(p, 0);
  while (!sim.finished()) sim.step();
  for (std::uint32_t sup = 0; sup < sim.state().superiorCount(); ++sup)
    for (int k = 0; k < sim.state().K; ++k) EXPECT_EQ(signalWeight(sim.state(), sup, k), 1.0);
  expectStrengthIrrelevantWhenOff([](Params& q) { q.mechanisms.political_signals = false; },
                                  [](Params& q) {
                                    q.drivers.upper_pull = 2.0;
                                    q.environment.signal_inheritance = 0.1;
                                  });
}

// --- 5.2 ----------------------------------------------------------------------------------------

TEST(AblationTest, DesignatedPilots) {
  const Change off = [](Params& q) { q.mechanisms.designated_pilots = false; };
  EXPECT_GT(countOrigin(run(kNothing), Origin::Designated), 50);
  const auto r = run(off);
  EXPECT_EQ(countOrigin(r, Origin::Designated), 0);
  for (const auto& row : r.monthly) EXPECT_EQ(row[Measure::StartsDesignated], 0.0);
  for (const auto& u : r.units) EXPECT_EQ(u.designated_received, 0u);
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.programmes.rate = 3.0;
    q.programmes.slot_share = 0.3;
    q.programmes.target = 0.8;
    q.couplings.escalation = 2.0;
    q.couplings.high_level_push = 0.0;
    q.pilot.special_funds = 0.3;
  });
}

// Escalation 1: every programme keeps its base target at every level. Designated pilots' live
// targets are only ever the base target (or 0 after the acceptance review); with escalation 1.3 the
// city's programmes from above reach units with target 0.52.
TEST(AblationTest, NoEscalationKeepsTargetsAtTheBase) {
  const auto targets = [](double escalation) {
    Params p = cityRun();
    p.couplings.escalation = escalation;
    Simulation sim(p, 0);
    std::map<float, int> seen;
    while (!sim.finished()) {
      sim.step();
      const auto& s = sim.state();
      for (std::uint32_t u = 0; u < s.unitCount(); ++u)
        for (int i = 0; i < s.pilotCount(u); ++i)
          if (s.unitPilots(u)[i].origin == Origin::Designated) ++seen[s.unitPilots(u)[i].target];
    }
    return seen;
  };
  for (const auto& [t, n] : targets(1.0)) EXPECT_TRUE(t == 0.0f || t == 0.4f) << t;
  EXPECT_GT(targets(1.3)[0.52f], 0);
}

// --- 5.3 ----------------------------------------------------------------------------------------

TEST(AblationTest, SpontaneousPilots) {
  const Change off = [](Params& q) { q.mechanisms.spontaneous_pilots = false; };
  EXPECT_GT(countOrigin(run(kNothing), Origin::Spontaneous), 500);
  const auto r = run(off);
  EXPECT_EQ(countOrigin(r, Origin::Spontaneous), 0);
  for (const auto& row : r.monthly) EXPECT_EQ(row[Measure::StartsSpontaneous], 0.0);
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.behaviour.consider_rate = 0.5;
    q.behaviour.rush = 1.5;
  });
}

/// Spontaneous first movers' (or latecomers') quality over their leader's competence: the design
/// range is [0.7, 1]; returns the share of pilots outside it (pilots of leaders without a tenure
/// record, or capped at 1.5, are skipped) and how many were checked.
std::pair<double, int> outsideDesignRange(const RunResult& r, bool first_movers) {
  const auto comp = competences(r);
  int outside = 0, n = 0;
  for (const auto& x : r.pilots) {
    if (x.origin != Origin::Spontaneous || x.first_mover != first_movers) continue;
    const auto it = comp.find(x.leader);
    if (it == comp.end() || it->second > 1.25) continue;  // above 1.25 learning may hit the cap of 1.5
    const double ratio = x.quality / it->second;
    outside += ratio < 0.7 - 1e-6 || ratio > 1.0 + 1e-6;
    ++n;
  }
  return {n > 0 ? static_cast<double>(outside) / n : 0.0, n};
}

TEST(AblationTest, FirstMoverRace) {
  const Change off = [](Params& q) { q.mechanisms.first_mover_race = false; };
  // On: first movers rush, most end below the design range. Off: none does.
  const auto on = outsideDesignRange(run(kNothing), true);
  const auto no = outsideDesignRange(run(off), true);
  ASSERT_GT(on.second, 50);
  ASSERT_GT(no.second, 50);
  EXPECT_GT(on.first, 0.3);
  EXPECT_EQ(no.first, 0.0);
  // No first mover claims the rank credit (novelty at most the niche credit, peer_push = 1).
  for (const auto& x : run(off).pilots)
    if (x.origin == Origin::Spontaneous) {
      EXPECT_LE(x.novelty, 1.0 + 1e-12);
    }
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.behaviour.rush = 1.5;
    q.drivers.rank_credit = 2.0;
  });
  // Rank credit 0 makes the race irrelevant: the switch changes nothing.
  EXPECT_EQ(test::firstDifference(run([](Params& q) { q.drivers.rank_credit = 0; }), run([](Params& q) {
                                    q.drivers.rank_credit = 0, q.mechanisms.first_mover_race = false;
                                  })),
            "");
}

TEST(AblationTest, LearningFromPeers) {
  const Change off = [](Params& q) { q.mechanisms.learning_from_peers = false; };
  // Latecomers learn: some end above the plain design range. Off: none.
  const auto on = outsideDesignRange(run(kNothing), false);
  const auto no = outsideDesignRange(run(off), false);
  ASSERT_GT(on.second, 50);
  ASSERT_GT(no.second, 50);
  EXPECT_GT(on.first, 0.1);
  EXPECT_EQ(no.first, 0.0);
  // `learning` also scales adapting adopters' quality; without diffusion it acts only here.
  const Change no_diffusion = [](Params& q) { q.mechanisms.diffusion = false; };
  expectStrengthIrrelevantWhenOff(both(off, no_diffusion), [](Params& q) { q.behaviour.learning = 0.8; });
}

TEST(AblationTest, NicheSeekingAndIsomorphicPressure) {
  // Without niche seeking a spontaneous pilot's novelty claim is the rank credit or nothing.
  for (const auto& x : run([](Params& q) { q.mechanisms.niche_seeking = false; }).pilots)
    if (x.origin == Origin::Spontaneous) {
      EXPECT_TRUE(x.novelty == 0.0 || x.novelty == 1.0) << x.novelty;
    }
  // Both off: peer push has nothing left to act on.
  const Change off = [](Params& q) {
    q.mechanisms.niche_seeking = false;
    q.mechanisms.isomorphic_pressure = false;
  };
  expectStrengthIrrelevantWhenOff(off, [](Params& q) { q.drivers.peer_push = 2.0; });
  // Each switch on its own matters...
  EXPECT_NE(test::firstDifference(run(kNothing), run([](Params& q) { q.mechanisms.niche_seeking = false; })), "");
  EXPECT_NE(test::firstDifference(run(kNothing), run([](Params& q) { q.mechanisms.isomorphic_pressure = false; })), "");
  // ...unless peer push is 0 (neutral), when neither does.
  const Change no_push = [](Params& q) { q.drivers.peer_push = 0; };
  EXPECT_EQ(test::firstDifference(run(no_push), run(both(no_push, off))), "");
}

TEST(AblationTest, ErrorToleranceMattersOnlyThroughFailures) {
  expectStrengthIrrelevantWhenOff([](Params& q) { q.mechanisms.pilot_failure = false; },
                                  [](Params& q) {
                                    q.couplings.error_tolerance = 1.0;
                                    q.evaluation.failure_penalty = 3.0;
                                    q.pilot.failure_rate = 0.02;
                                    q.pilot.failure_window = 36;
                                  });
}

// --- 5.4 ----------------------------------------------------------------------------------------

TEST(AblationTest, Diffusion) {
  const Change off = [](Params& q) { q.mechanisms.diffusion = false; };
  const auto on = run(kNothing);
  EXPECT_GT(countOrigin(on, Origin::Adoption), 20);
  EXPECT_FALSE(on.innovations.empty());
  const auto r = run(off);
  EXPECT_EQ(countOrigin(r, Origin::Adoption), 0);
  EXPECT_TRUE(r.innovations.empty());
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.diffusion.base_hazard = 0.01;
    q.diffusion.peer_effect = 6.0;
    q.diffusion.promotion_effect = 4.0;
    q.couplings.diffusion_inertia = 3.0;
    q.recognition.promote_share = 0.8;
  });
}

TEST(AblationTest, CopyAndRename) {
  const Change off = [](Params& q) { q.mechanisms.copy_and_rename = false; };
  int copies = 0;
  for (const auto& x : run(kNothing).pilots) copies += x.style == AdoptionStyle::CopyRename;
  EXPECT_GT(copies, 5);
  const auto r = run(off);
  int adopted = 0;
  for (const auto& x : r.pilots) {
    EXPECT_NE(x.style, AdoptionStyle::CopyRename);
    adopted += x.origin == Origin::Adoption;
  }
  EXPECT_GT(adopted, 20);
  for (const auto& i : r.innovations) EXPECT_EQ(i.copied, 0u);
  for (const auto& row : r.monthly)
    if (!std::isnan(row[Measure::CopyRenameShare])) {
      EXPECT_EQ(row[Measure::CopyRenameShare], 0.0);
    }
  expectStrengthIrrelevantWhenOff(off, [](Params& q) { q.behaviour.adapt_cost = -0.2; });
}

TEST(AblationTest, HigherLevelUptake) {
  // Every recognised experience is promoted here, so that a run of this length is sure to have
  // city-level campaigns (at the default promote_share of 0.3 a run may happen to have none).
  const Change promote_all = [](Params& q) { q.recognition.promote_share = 1.0; };
  const Change off = both(promote_all, [](Params& q) { q.mechanisms.higher_level_uptake = false; });
  int top = 0;
  for (const auto& i : run(promote_all).innovations) top += i.level == 0;
  EXPECT_GT(top, 0);  // the city takes up district experiences
  for (const auto& i : run(off).innovations) EXPECT_EQ(i.level, 1);
  EXPECT_EQ(test::firstDifference(run(off), run(both(off, [](Params& q) { q.diffusion.endorsement_boost = 2.0; }))), "")
      << "the endorsement boost still acts when uptake is off";
  EXPECT_NE(test::firstDifference(run(promote_all),
                                  run(both(promote_all, [](Params& q) { q.diffusion.endorsement_boost = 2.0; }))),
            "")
      << "the endorsement boost does nothing even when uptake is on";
}

// --- 5.5 ----------------------------------------------------------------------------------------

TEST(AblationTest, Packaging) {
  const Change off = [](Params& q) { q.mechanisms.packaging = false; };
  double packaging = 0;
  for (const auto& x : run(kNothing).pilots) packaging += x.packaging;
  EXPECT_GT(packaging, 10.0);
  const auto r = run(off);
  for (const auto& x : r.pilots) {
    EXPECT_EQ(x.packaging, 0.0) << "pilot " << x.id;
    EXPECT_EQ(x.reported, x.impact_realised) << "pilot " << x.id;
  }
  for (const auto& row : r.monthly) {
    EXPECT_EQ(row[Measure::PackagingShare], 0.0);
    if (!std::isnan(row[Measure::FabricationGap])) {
      EXPECT_EQ(row[Measure::FabricationGap], 0.0);
    }
  }
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.pilot.inflation = 0.6;
    q.pilot.inflation_exponent = 0.8;
    q.pilot.packaging_decay = 0.3;
    q.behaviour.packaging_elasticity = 4.0;
  });
}

TEST(AblationTest, AttentionDilution) {
  expectStrengthIrrelevantWhenOff([](Params& q) { q.mechanisms.attention_dilution = false; },
                                  [](Params& q) { q.pilot.switching_cost = 0.6; });
}

TEST(AblationTest, FundDiversion) {
  double diverted = 0;
  for (const auto& x : run(kNothing).pilots) diverted += x.diverted;
  EXPECT_GT(diverted, 0.5);
  const auto r = run([](Params& q) { q.mechanisms.fund_diversion = false; });
  for (const auto& x : r.pilots) EXPECT_EQ(x.diverted, 0.0);
  for (const auto& row : r.monthly)
    if (!std::isnan(row[Measure::DivertedFunds])) {
      EXPECT_EQ(row[Measure::DivertedFunds], 0.0);
    }
}

// --- 5.6 ----------------------------------------------------------------------------------------

TEST(AblationTest, PilotFailure) {
  EXPECT_GT(countStatus(run(kNothing), PilotStatus::Failed), 20);
  EXPECT_EQ(countStatus(run([](Params& q) { q.mechanisms.pilot_failure = false; }), PilotStatus::Failed), 0);
}

TEST(AblationTest, SymbolicStall) {
  const auto symbolic_months = [](bool stall) {
    Params p = cityRun();
    p.mechanisms.symbolic_stall = stall;
    Simulation sim(p, 0);
    int n = 0;
    while (!sim.finished()) {
      sim.step();
      const auto& s = sim.state();
      for (std::uint32_t u = 0; u < s.unitCount(); ++u)
        for (int i = 0; i < s.pilotCount(u); ++i) n += s.unitPilots(u)[i].status == PilotStatus::Symbolic;
    }
    return n;
  };
  EXPECT_GT(symbolic_months(true), 100);
  EXPECT_EQ(symbolic_months(false), 0);
  expectStrengthIrrelevantWhenOff([](Params& q) { q.mechanisms.symbolic_stall = false; },
                                  [](Params& q) {
                                    q.pilot.symbolic_months = 2;
                                    q.pilot.symbolic_threshold = 0.1;
                                  });
}

TEST(AblationTest, Institutionalisation) {
  const Change off = [](Params& q) { q.mechanisms.institutionalisation = false; };
  EXPECT_GT(countStatus(run(kNothing), PilotStatus::Institutionalised), 5);
  const auto r = run(off);
  EXPECT_EQ(countStatus(r, PilotStatus::Institutionalised), 0);
  for (const auto& row : r.monthly)
    if (!std::isnan(row[Measure::InstitutionalisationRate])) {
      EXPECT_EQ(row[Measure::InstitutionalisationRate], 0.0);
    }
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.pilot.institution_rate = 0.2;
    q.pilot.institution_age = 24;
    q.pilot.institution_threshold = 0.15;
    q.pilot.institution_decay = 0.05;
  });
}

TEST(AblationTest, LifecycleReviewOffMakesItsPeriodIrrelevant) {
  const Change on = [](Params& q) { q.regulation.lifecycle_review = true; };
  EXPECT_NE(test::firstDifference(run(kNothing), run(on)), "");
  EXPECT_EQ(test::firstDifference(run(kNothing), run([](Params& q) { q.regulation.review_period = 3; })), "");
  EXPECT_NE(test::firstDifference(run(on), run(both(on, [](Params& q) { q.regulation.review_period = 3; }))), "");
}

// --- 5.7 ----------------------------------------------------------------------------------------

/// Unit-months with a penalty pending, over a run stepped by hand (penalties are cleared by the
/// December evaluation and at turnover, so they are read every month).
int penaltyMonths(const Change& change) {
  Params p = cityRun();
  change(p);
  Simulation sim(p, 0);
  int n = 0;
  while (!sim.finished()) {
    sim.step();
    for (double x : sim.state().units.year_penalty) n += x != 0.0;
  }
  return n;
}

TEST(AblationTest, InspectionAndOversight) {
  // Failures and accountability are the other sources of penalties: keep them out.
  const Change quiet = [](Params& q) { q.mechanisms.pilot_failure = false; };
  const Change off = both(quiet, [](Params& q) {
    q.mechanisms.inspection = false;
    q.regulation.oversight = 0;
  });
  EXPECT_GT(penaltyMonths(quiet), 20);
  EXPECT_EQ(penaltyMonths(off), 0);
  // C3 oversight detects on its own.
  EXPECT_GT(penaltyMonths(both(off, [](Params& q) { q.regulation.oversight = 2.0; })), 20);
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.evaluation.inspection_capacity = 6.0;
    q.evaluation.inflation_penalty = 4.0;
    q.evaluation.inflation_tolerance = 0.05;
    q.regulation.supervision = 2.0;
  });
}

// --- 5.8 ----------------------------------------------------------------------------------------

TEST(AblationTest, Recognition) {
  const Change off = [](Params& q) { q.mechanisms.recognition = false; };
  const auto r = run(off);
  EXPECT_TRUE(r.innovations.empty());
  EXPECT_EQ(countOrigin(r, Origin::Adoption), 0);
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.recognition.bonus = 2.0;
    q.recognition.promote_share = 0.9;
    q.recognition.media = 3.0;
    q.recognition.min_age = 6;
    q.regulation.verified_recognition = 1.0;
  });
}

TEST(AblationTest, Media) {
  const Change off = [](Params& q) { q.mechanisms.media = false; };
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.recognition.media = 3.0;
    q.diffusion.media_effect = 4.0;
  });
  // Without performance pressure media have nothing to act through.
  const Change no_pressure = [](Params& q) { q.drivers.performance_pressure = 0; };
  EXPECT_EQ(test::firstDifference(run(no_pressure), run(both(no_pressure, off))), "");
}

// --- 5.9 ----------------------------------------------------------------------------------------

TEST(AblationTest, Turnover) {
  const Change off = [](Params& q) { q.mechanisms.turnover = false; };
  const auto on = run(kNothing);
  int ended = 0;
  for (const auto& t : on.tenures) ended += t.end >= 0;
  EXPECT_GT(ended, 100);
  const auto r = run(off);
  for (const auto& t : r.tenures) EXPECT_EQ(t.end, kStillRunning);
  EXPECT_EQ(r.tenures.size(), 101u);
  for (const auto& u : r.units) EXPECT_EQ(u.leaders, 1u);
  EXPECT_EQ(countOrigin(r, Origin::Restart), 0);
  for (const auto& x : r.pilots) EXPECT_FALSE(x.ended_at_turnover);
  // Succession levers have nothing to act on without turnover.
  expectStrengthIrrelevantWhenOff(off, [](Params& q) {
    q.regulation.accountability = 1.0;
    q.regulation.credit_sharing = 0.8;
    q.evaluation.successor_credit = 0.6;
    q.pilot.restart_keep = 0.8;
  });
}

TEST(AblationTest, RenamedRestarts) {
  const Change off = [](Params& q) { q.mechanisms.renamed_restarts = false; };
  EXPECT_GT(countOrigin(run(kNothing), Origin::Restart), 20);
  const auto r = run(off);
  EXPECT_EQ(countOrigin(r, Origin::Restart), 0);
  for (const auto& row : r.monthly) EXPECT_EQ(row[Measure::StartsRestart], 0.0);
  expectStrengthIrrelevantWhenOff(off, [](Params& q) { q.pilot.restart_keep = 0.9; });
}

// --- 5.10 ---------------------------------------------------------------------------------------

TEST(AblationTest, FormalismAnnoyance) {
  expectStrengthIrrelevantWhenOff([](Params& q) { q.mechanisms.formalism_annoyance = false; },
                                  [](Params& q) { q.citizens.annoyance = 0.9; });
}

// --- Levers at neutral values ---------------------------------------------------------------------

TEST(AblationTest, PilotCap) {
  const auto most = [](int cap) {
    double m = 0;
    for (const auto& row : run([cap](Params& q) { q.regulation.pilot_cap = cap; }).monthly)
      m = std::max(m, row[Measure::PilotsPerUnitMax]);
    return m;
  };
  EXPECT_GT(most(0), 3.0);
  EXPECT_LE(most(3), 3.0);
}

TEST(AblationTest, NoPromotionDriveMakesThePayoffIrrelevant) {
  const Change no_drive = [](Params& q) {
    q.drivers.promotion_drive = 0;
    q.drivers.ambition_spread = 0;
  };
  expectStrengthIrrelevantWhenOff(no_drive, [](Params& q) { q.behaviour.promotion_payoff = 3.0; });
}

TEST(AblationTest, FlatTournamentMakesRewardScopeIrrelevant) {
  expectStrengthIrrelevantWhenOff([](Params& q) { q.drivers.tournament_steepness = 0; },
                                  [](Params& q) { q.regulation.reward_scope = 1.0; });
}

TEST(AblationTest, ConsultationPlacementOffMakesTheDesignationCapIrrelevant) {
  const Change c1 = [](Params& q) { q.regulation.consultation_placement = true; };
  EXPECT_EQ(test::firstDifference(run(kNothing), run([](Params& q) { q.regulation.designation_cap = 1; })), "");
  EXPECT_NE(test::firstDifference(run(c1), run(both(c1, [](Params& q) { q.regulation.designation_cap = 1; }))), "");
}

}  // namespace
}  // namespace pilotsim
