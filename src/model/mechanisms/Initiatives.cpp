// 5.3-5.4 A leader's initiatives: a pilot of its own, adopting an experience, or nothing.
//
// Each month a leader considers a move with probability behaviour.consider_rate (if its unit may
// start one more pilot). Its options are a pilot of its own in each domain at its best design
// (SpontaneousPilots.cpp) and each experience it knows of, adapted or copied (Diffusion.cpp).
// Whether to act at all is a logit of the options' inclusive value against doing nothing; which
// option, a logit among them (Incentives.hpp nestedLogitChoice). Pilots whose preparation ends this
// month are launched first, so that the views of the month see them only from the next month on.
#include "model/mechanisms/Initiatives.hpp"
#include "model/Incentives.hpp"
#include "model/PilotLifecycle.hpp"
#include "model/mechanisms/Mechanisms.hpp"

#include <vector>

namespace pilotsim {
namespace {

void launchPrepared(State& s) {
  auto& due = s.launches[s.month % kLaunchRing];
  for (const auto& [u, id] : due) {
    Pilot* P = s.unitPilots(u);
    // A plan dropped meanwhile (by a successor) is no longer in the block.
    for (int i = 0; i < s.pilotCount(u); ++i)
      if (P[i].id == id && P[i].status == PilotStatus::Preparing) {
        launchPilot(s, P[i]);
        break;
      }
  }
  due.clear();
}

}  // namespace

void chooseInitiatives(State& s) {
  const auto& p = s.params;
  launchPrepared(s);
  const bool own = p.mechanisms.spontaneous_pilots;
  const bool adopt = p.mechanisms.diffusion || p.mechanisms.voluntary_adoption;
  if (!own && !adopt) return;
  const auto N = static_cast<std::uint32_t>(s.unitCount());
  // The leaders considering a move this month, found first (whether one does depends only on its
  // own unit, which no other unit's move changes).
  auto& due = s.scratch_due;
  due.clear();
  for (std::uint32_t u = 0; u < N; ++u)
    if (dueNow(s, s.units.next_consider[u], p.behaviour.consider_rate, u, Purpose::SpontaneousConsider) &&
        canStartPilot(s, u))
      due.push_back(u);
  auto& options = s.scratch_options;
  auto& utilities = s.scratch_c;
  for (const auto u : due) {
    options.clear();
    if (own) ownPilotOptions(s, u, options);
    if (adopt) adoptionOptions(s, u, options);
    if (options.empty()) continue;
    utilities.clear();
    for (const auto& o : options) utilities.push_back(o.utility);
    auto rng = s.stream(u, Purpose::SpontaneousChoice);
    const auto choice = nestedLogitChoice(utilities, p.behaviour.rationality, rng, s.scratch_b);
    if (choice == options.size()) continue;
    const auto& o = options[choice];
    if (o.kind == InitiativeOption::Kind::OwnPilot) {
      startOwnPilot(s, u, o);
    } else {
      adoptExperience(s, u, o);
    }
  }
}

}  // namespace pilotsim
