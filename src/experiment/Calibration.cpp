#include "pilotsim/experiment/Calibration.hpp"

#include "pilotsim/core/Stats.hpp"
#include "pilotsim/core/Version.hpp"
#include "pilotsim/experiment/CampaignRun.hpp"
#include "pilotsim/experiment/ClaimRobustness.hpp"
#include "pilotsim/experiment/Runner.hpp"
#include "pilotsim/scenario/ParamRegistry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

namespace pilotsim {
namespace {

// The first line of a calibration database's definition text (meta.campaign_text), before the
// calibration file's own bytes: tells a calibration from a campaign or a robustness analysis.
constexpr std::string_view kCalibrationMarker = "# pilotsim calibration\n";

std::string definitionText(const CalibrationSpec& spec) { return std::string(kCalibrationMarker) + spec.text; }

/// Both samplers behind one face: rejection ABC is a single generation that is complete when every
/// candidate is told.
class Sampler {
 public:
  explicit Sampler(const CalibrationSpec& spec) {
    if (spec.method == CalibrationMethod::Smc)
      smc_.emplace(spec.priors(), spec.observed(), spec.uncertainties(), spec.smc);
    else
      rejection_.emplace(spec.priors(), spec.observed(), spec.uncertainties(), spec.rejection);
  }
  bool finished() const { return smc_ ? smc_->finished() : rejection_->complete(); }
  bool complete() const { return smc_ ? smc_->generationComplete() : false; }
  void advance() { smc_->advance(); }
  int generation() const { return smc_ ? smc_->generation() : 0; }
  std::size_t nextUntold() const { return smc_ ? smc_->nextUntold() : rejection_->nextUntold(); }
  std::size_t limit() const { return smc_ ? smc_->candidateLimit() : rejection_->settings().candidates; }
  bool isTold(std::size_t j) const { return smc_ ? smc_->isTold(j) : rejection_->isTold(j); }
  std::vector<double> candidate(std::size_t j) const { return smc_ ? smc_->candidate(j) : rejection_->candidate(j); }
  void tell(int generation, std::size_t j, std::span<const double> statistics) {
    if (smc_)
      smc_->tell(generation, j, statistics);
    else
      rejection_->tell(j, statistics);
  }
  std::vector<abc::Generation> generations() const {
    return smc_ ? smc_->history() : std::vector<abc::Generation>{rejection_->result()};
  }
  std::string stopReason() const {
    return smc_ ? smc_->stopReason() : fmt::format("all {} candidates simulated", rejection_->settings().candidates);
  }
  std::uint64_t candidates() const { return smc_ ? smc_->simulations() : rejection_->settings().candidates; }
  /// Accepted of the current generation so far; for rejection ABC, the candidates simulated.
  CalibrationStatus status() const {
    if (smc_) return {smc_->generation(), smc_->acceptedCount(), smc_->settings().particles, smc_->nextUntold()};
    return {0, rejection_->nextUntold(), rejection_->settings().candidates, rejection_->nextUntold()};
  }

 private:
  std::optional<abc::AbcSmc> smc_;
  std::optional<abc::AbcRejection> rejection_;
};

/// What the database holds, kept up to date as runs finish.
struct Stored {
  std::map<std::pair<int, std::int64_t>, CandidatePoint> candidates;  ///< by (generation, candidate)
  std::map<std::int64_t, std::vector<std::vector<double>>> values;    ///< [point][statistic][replicate]
  std::set<std::pair<std::int64_t, std::uint32_t>> done;              ///< (point, replicate)

  explicit Stored(const CampaignStore& store) {
    for (auto& c : store.candidates()) candidates[{c.generation, c.candidate}] = std::move(c);
    values = store.pointResults();
    for (const auto& [key, is_done] : store.runStatus())
      if (is_done) done.insert({key.point, key.replicate});
  }
  bool complete(const CandidatePoint& c, int replicates) const {
    for (int r = 0; r < replicates; ++r)
      if (!done.contains({c.point, static_cast<std::uint32_t>(r)})) return false;
    return true;
  }
  /// Mean over the replicates where it is defined of each of the first `count` statistics.
  std::vector<double> means(const CandidatePoint& c, std::size_t count) const {
    std::vector<double> out(count, kNaN);
    const auto it = values.find(c.point);
    if (it == values.end()) return out;
    for (std::size_t k = 0; k < count; ++k) {
      double sum = 0;
      int n = 0;
      for (const double v : it->second[k])
        if (!std::isnan(v)) sum += v, ++n;
      if (n > 0) out[k] = sum / n;
    }
    return out;
  }
};

/// The run seed of candidate `candidate` of `generation`: each candidate draws its own random streams,
/// so that the spread of its statistics is the model's noise, which ABC's posterior must account for
/// (with one seed for all, every candidate would meet the same noise and the posterior would be
/// that of one realisation). SplitMix64's finaliser (Steele, Lea & Flood 2014) mixes the three.
std::int64_t candidateSeed(std::uint64_t seed, int generation, std::int64_t candidate) {
  std::uint64_t z = seed;
  for (const std::uint64_t part :
       {static_cast<std::uint64_t>(static_cast<std::int64_t>(generation)), static_cast<std::uint64_t>(candidate)}) {
    z += 0x9e3779b97f4a7c15ULL + part;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
  }
  // Within run.seed's range, [0, 2^53): a seed is also written into TOML and JSON, as a double there.
  return static_cast<std::int64_t>(z >> 11);
}

bool sameBits(std::span<const double> a, std::span<const double> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// Candidate `c`'s parameters, with its own run seed.
Params candidateParams(const CalibrationSpec& spec, const CandidatePoint& c) {
  Scenario s = candidateScenario(spec, c.values);
  // Recomputed, not read from `c`: candidates read back from the database carry no seed.
  s.params.run.seed = candidateSeed(static_cast<std::uint64_t>(spec.base.params.run.seed), c.generation, c.candidate);
  return s.params;
}

/// Simulates the pending replicates of `points` with `runner` and stores them (as they finish, and
/// on the way out of an interruption). Candidates whose values break a cross-parameter rule are
/// stored with every statistic undefined, without a simulation.
void simulate(const CalibrationSpec& spec, CampaignStore& store, Stored& stored,
              const std::vector<CandidatePoint>& points, int threads, const CalibrationRunner& runner,
              const std::atomic<bool>* stop, std::int64_t& runs_done) {
  const std::size_t kept = calibrationStatistics(spec).size();
  const RunSaver save = [&](std::span<const RunOutput> runs) {
    store.saveRuns(runs);
    for (const auto& out : runs) {
      stored.done.insert({out.key.point, out.key.replicate});
      auto& cell = stored.values[out.key.point];
      if (cell.empty()) cell.assign(kept, std::vector<double>(static_cast<std::size_t>(spec.replicates), kNaN));
      for (std::size_t k = 0; k < kept; ++k) cell[k][out.key.replicate] = out.outcomes[k];
    }
    runs_done += static_cast<std::int64_t>(runs.size());
  };
  std::vector<CandidatePoint> round;  // the candidates with runs to simulate
  std::vector<RunKey> pending;
  std::vector<RunOutput> undefined;
  for (const auto& c : points) {
    const bool valid = validateParams(candidateParams(spec, c)).empty();
    bool runs = false;
    for (int r = 0; r < spec.replicates; ++r) {
      const RunKey key{c.point, static_cast<std::uint32_t>(r)};
      if (stored.done.contains({key.point, key.replicate})) continue;
      if (valid) {
        pending.push_back(key);
        runs = true;
      } else {
        undefined.push_back({key, std::vector<double>(kept, kNaN), {}});
      }
    }
    if (runs) round.push_back(c);
  }
  save(undefined);
  if (pending.empty()) return;
  const CampaignWork work = calibrationWork(spec, round, threads);
  if (runner.run)
    runner.run(round, work, pending, save, stop);
  else
    runPending(save, work, pending, {}, nullptr, stop);
}

/// Candidates simulated at once: enough to keep every worker of every process busy for a while, few
/// enough that the ones past the end of a generation (simulated, then not needed) cost little.
std::size_t batchSize(const CalibrationSpec& spec, int threads, int processes) {
  const auto workers =
      static_cast<std::size_t>(resolveThreads(threads, 1 << 20)) * static_cast<std::size_t>(std::max(processes, 1));
  const std::size_t per_worker = std::max<std::size_t>(2, 16 / static_cast<std::size_t>(spec.replicates));
  return workers * per_worker;
}

/// The statistics to check, as (index among the kept statistics, is a target): the targets, then
/// those of `check`. Throws InputError for a check the database does not keep.
std::vector<std::pair<std::size_t, bool>> checkedStatistics(const CalibrationSpec& spec,
                                                            const std::vector<std::string>& check) {
  const auto kept = calibrationStatistics(spec);
  std::vector<std::pair<std::size_t, bool>> wanted;
  for (std::size_t k = 0; k < spec.targets.size(); ++k) wanted.push_back({k, true});
  for (const auto& text : check) {
    const std::string canonical = parseStatistic(text, "--check").text();
    const auto it = std::find(kept.begin(), kept.end(), canonical);
    if (it == kept.end())
      throw InputError("--check", 0, text,
                       "not kept by this calibration: a check can be a target or a statistic with its default "
                       "arguments (pilotsim statistics)");
    const auto k = static_cast<std::size_t>(it - kept.begin());
    if (k >= spec.targets.size()) wanted.push_back({k, false});
  }
  return wanted;
}

std::vector<PredictiveCheck> predictiveChecks(const CalibrationSpec& spec, const abc::Generation& posterior,
                                              const std::vector<std::vector<double>>& predictive,
                                              const std::vector<std::pair<std::size_t, bool>>& wanted) {
  const auto kept = calibrationStatistics(spec);
  std::vector<PredictiveCheck> out;
  for (const auto& [k, target] : wanted) {
    PredictiveCheck c;
    c.statistic = kept[k];
    c.target = target;
    c.observed = target ? spec.targets[k].observed : kNaN;
    c.uncertainty = target ? spec.targets[k].uncertainty : kNaN;
    std::vector<double> values, weights;
    double within = 0, total = 0;
    for (std::size_t i = 0; i < posterior.particles.size() && i < predictive.size(); ++i) {
      const double v = predictive[i][k];
      if (std::isnan(v)) continue;
      values.push_back(v);
      weights.push_back(posterior.particles[i].weight);
      total += posterior.particles[i].weight;
      if (target && std::fabs(v - c.observed) <= c.uncertainty) within += posterior.particles[i].weight;
    }
    c.defined = static_cast<int>(values.size());
    if (values.empty()) {
      c.median = c.lo90 = c.hi90 = c.share_within = kNaN;
    } else {
      c.median = abc::weightedQuantile(values, weights, 0.5);
      c.lo90 = abc::weightedQuantile(values, weights, 0.05);
      c.hi90 = abc::weightedQuantile(values, weights, 0.95);
      c.share_within = target ? within / total : kNaN;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

CampaignWork calibrationWork(const CalibrationSpec& spec, std::span<const CandidatePoint> candidates, int threads) {
  struct Round {
    std::map<std::int64_t, Params> params;  // by point; jobs point into it, and it does not move
    std::vector<Statistic> statistics;
  };
  auto round = std::make_shared<Round>();
  for (const auto& text : calibrationStatistics(spec)) round->statistics.push_back(parseStatistic(text));
  for (const auto& c : candidates) round->params.emplace(c.point, candidateParams(spec, c));
  CampaignWork work;
  work.months_per_run = spec.base.params.run.burn_in + spec.base.params.run.months;
  work.threads = threads;
  work.run = [round, threads, months = spec.base.params.run.months](std::span<const RunKey> keys, const RunSink& sink,
                                                                    Progress* progress, const std::atomic<bool>* stop) {
    std::vector<Job> jobs;
    for (const RunKey& key : keys) {
      const auto it = round->params.find(key.point);
      if (it == round->params.end())
        throw std::logic_error(fmt::format("run of point {} is not one of the round's candidates", key.point));
      jobs.push_back({&it->second, key.replicate});
    }
    runJobs(
        jobs, threads,
        [&](std::size_t job, RunResult&& result) {
          RunOutput out;
          out.key = keys[job];
          for (const auto& s : round->statistics) out.outcomes.push_back(computeStatistic(s, result, months));
          sink(std::move(out));
        },
        progress, stop);
  };
  return work;
}

// Per candidate: point, generation, index, the number of values, the values. Point numbers and
// indices are below 2^53, so they are exact as doubles.
std::vector<double> encodeCandidates(std::span<const CandidatePoint> candidates) {
  std::vector<double> out;
  for (const auto& c : candidates) {
    out.insert(out.end(), {static_cast<double>(c.point), static_cast<double>(c.generation),
                           static_cast<double>(c.candidate), static_cast<double>(c.values.size())});
    out.insert(out.end(), c.values.begin(), c.values.end());
  }
  return out;
}

std::vector<CandidatePoint> decodeCandidates(std::span<const double> numbers) {
  std::vector<CandidatePoint> out;
  std::size_t i = 0;
  while (i < numbers.size()) {
    if (i + 4 > numbers.size()) throw std::runtime_error("a round of candidates ends in the middle of one");
    CandidatePoint c;
    c.point = static_cast<std::int64_t>(numbers[i]);
    c.generation = static_cast<int>(numbers[i + 1]);
    c.candidate = static_cast<std::int64_t>(numbers[i + 2]);
    const auto count = static_cast<std::size_t>(numbers[i + 3]);
    i += 4;
    if (count > numbers.size() - i) throw std::runtime_error("a round of candidates ends in the middle of one");
    c.values.assign(numbers.begin() + static_cast<std::ptrdiff_t>(i),
                    numbers.begin() + static_cast<std::ptrdiff_t>(i + count));
    i += count;
    out.push_back(std::move(c));
  }
  return out;
}

void checkCheckedStatistics(const CalibrationSpec& spec, const std::vector<std::string>& check) {
  checkedStatistics(spec, check);
}

std::vector<std::string> calibrationStatistics(const CalibrationSpec& spec) {
  std::vector<std::string> out;
  for (const auto& t : spec.targets) out.push_back(t.statistic.text());
  for (const auto& info : statisticTable()) {
    const std::string text = parseStatistic(info.key).text();
    if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
  }
  return out;
}

bool isCalibrationDefinition(const std::string& text) { return text.starts_with(kCalibrationMarker); }

void openCalibration(const CalibrationSpec& spec, CampaignStore& store, const std::string& command) {
  // Every candidate is a valid sampler setting: checks the priors and settings before anything is stored.
  const Sampler check(spec);
  const std::string text = definitionText(spec);
  if (!store.defined()) {
    CampaignDefinition d;
    d.campaign_file = spec.file;
    d.campaign_text = text;
    d.base_toml = toToml(spec.base);
    d.program_version = std::string(programVersion());
    d.command = command;
    d.replicates = spec.replicates;
    d.seed = spec.base.params.run.seed;
    d.outcomes = calibrationStatistics(spec);
    d.method = spec.method == CalibrationMethod::Smc ? "abc-smc" : "abc-rejection";
    sensitivity::Design factors;
    for (const auto& p : spec.parameters) {
      factors.factors.push_back(p.key);
      factors.types.push_back(sensitivity::ValueType::Real);
    }
    store.define(d, factors);
    return;
  }
  const CampaignDefinition stored = store.definition();
  if (!isCalibrationDefinition(stored.campaign_text))
    throw InputError(store.path().string(), 0, "",
                     fmt::format("this database holds {} ({}), not a calibration; give another --db",
                                 isRobustnessDefinition(stored.campaign_text) ? "a robustness analysis of the claims"
                                                                              : "a campaign of 'pilotsim sweep'",
                                 stored.campaign_file));
  if (stored.campaign_text != text)
    throw InputError(store.path().string(), 0, "",
                     fmt::format("this database holds another calibration (started by: {}); its runs would not "
                                 "belong to this one. Repeat that command to resume it, or give another --db",
                                 stored.command));
  checkSameProgram(store, stored, "calibration");
}

CalibrationResult runCalibration(const CalibrationSpec& spec, CampaignStore& store, int threads,
                                 const std::vector<std::string>& check, const std::atomic<bool>* stop,
                                 const CalibrationCallbacks& callbacks, const CalibrationRunner& runner) {
  const auto checked = checkedStatistics(spec, check);  // a bad --check is refused before any run
  Sampler sampler(spec);
  Stored stored(store);
  CalibrationResult result;
  const std::size_t targets = spec.targets.size();
  const std::uint64_t seed = static_cast<std::uint64_t>(spec.base.params.run.seed);
  const std::size_t batch = batchSize(spec, threads, runner.processes);
  const auto fail = [&](const std::string& what) { throw InputError(store.path().string(), 0, "", what); };

  while (!sampler.finished()) {
    if (sampler.complete()) {
      sampler.advance();
      const auto closed = sampler.generations();
      if (callbacks.generation_closed && !closed.empty()) callbacks.generation_closed(closed.back());
      continue;
    }
    const int g = sampler.generation();
    // Tell what is stored of this generation, and find what is stored but not finished.
    std::vector<CandidatePoint> unfinished;
    for (auto it = stored.candidates.lower_bound({g, 0}); it != stored.candidates.end() && it->first.first == g; ++it) {
      const auto j = static_cast<std::size_t>(it->second.candidate);
      if (sampler.isTold(j) || j < sampler.nextUntold()) continue;
      if (!sameBits(it->second.values, sampler.candidate(j)))
        fail(
            fmt::format("candidate {} of generation {} is stored with other values than this program proposes; "
                        "the database was not made by this calibration",
                        j, g));
      if (stored.complete(it->second, spec.replicates))
        sampler.tell(g, j, stored.means(it->second, targets));
      else
        unfinished.push_back(it->second);
      if (sampler.complete() || sampler.finished()) break;
    }
    if (callbacks.batch_done) {
      CalibrationStatus status = sampler.status();
      status.runs = result.runs_done_now;
      callbacks.batch_done(status);
    }
    if (sampler.complete() || sampler.finished()) continue;
    if (unfinished.empty()) {
      // New candidates from the lowest untold one, below the sampler's limit.
      std::vector<CandidatePoint> fresh;
      for (std::size_t j = sampler.nextUntold(); j < sampler.limit() && fresh.size() < batch; ++j)
        if (!stored.candidates.contains({g, static_cast<std::int64_t>(j)}))
          fresh.push_back({0, g, static_cast<std::int64_t>(j), sampler.candidate(j), candidateSeed(seed, g, j)});
      if (fresh.empty()) fail("the calibration needs a candidate it has stored and cannot run: a damaged database");
      const auto points = store.addCandidates(fresh);
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        fresh[i].point = points[i];
        stored.candidates[{g, fresh[i].candidate}] = fresh[i];
      }
      unfinished = std::move(fresh);
    }
    simulate(spec, store, stored, unfinished, threads, runner, stop, result.runs_done_now);
  }
  result.generations = sampler.generations();
  result.stop_reason = sampler.stopReason();
  result.candidates = sampler.candidates();
  if (result.generations.empty() || result.generations.back().particles.empty())
    fail("the calibration accepted no candidate: widen the priors or loosen the targets' uncertainties");
  const abc::Generation& posterior = result.generations.back();
  result.posterior = abc::posteriorSummary(posterior, spec.priors());

  // The posterior predictive runs: each particle again, on fresh random streams.
  std::vector<CandidatePoint> predictive;
  for (std::size_t i = 0; i < posterior.particles.size(); ++i) {
    const auto key = std::make_pair(kPredictiveGeneration, static_cast<std::int64_t>(i));
    if (!stored.candidates.contains(key))
      predictive.push_back({0, kPredictiveGeneration, static_cast<std::int64_t>(i), posterior.particles[i].theta,
                            candidateSeed(seed, kPredictiveGeneration, static_cast<std::int64_t>(i))});
  }
  if (!predictive.empty()) {
    const auto points = store.addCandidates(predictive);
    for (std::size_t i = 0; i < predictive.size(); ++i) {
      predictive[i].point = points[i];
      stored.candidates[{kPredictiveGeneration, predictive[i].candidate}] = predictive[i];
    }
  }
  std::vector<CandidatePoint> all;
  for (std::size_t i = 0; i < posterior.particles.size(); ++i) {
    const auto& c = stored.candidates.at({kPredictiveGeneration, static_cast<std::int64_t>(i)});
    if (!sameBits(c.values, posterior.particles[i].theta))
      fail("the stored predictive runs are of another posterior: the database was not made by this calibration");
    all.push_back(c);
  }
  if (callbacks.batch_done) callbacks.batch_done({kPredictiveGeneration, 0, all.size(), 0, result.runs_done_now});
  simulate(spec, store, stored, all, threads, runner, stop, result.runs_done_now);
  const std::size_t kept = calibrationStatistics(spec).size();
  for (const auto& c : all) result.predictive.push_back(stored.means(c, kept));
  result.checks = predictiveChecks(spec, posterior, result.predictive, checked);
  result.runs_stored = store.runCount();
  return result;
}

}  // namespace pilotsim
