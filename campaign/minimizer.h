// Minimizer: shrinks a scenario structurally while a predicate (the same finding still shows)
// holds: removes operations, merges neighbours, unwraps repeats, lowers counts by bisection
// (alone, or an incref with the last decref so that paired references stay paired), drops unused
// objects.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "model/scenario.h"

namespace refsim::campaign {

/// The order the minimizer descends: fewer operation nodes (repeats and their bodies counted),
/// then fewer expanded single steps, then fewer objects.
struct ScenarioSize {
  std::uint64_t ops = 0;
  unsigned __int128 steps = 0;
  std::uint64_t objects = 0;
  friend bool operator<(const ScenarioSize& a, const ScenarioSize& b) {
    if (a.ops != b.ops) return a.ops < b.ops;
    if (a.steps != b.steps) return a.steps < b.steps;
    return a.objects < b.objects;
  }
  friend bool operator==(const ScenarioSize&, const ScenarioSize&) = default;
};

/// The size of a scenario in the minimizer's order.
ScenarioSize size_of(const Scenario& scenario);

/// Number of operation nodes, counting every nested one.
std::uint64_t count_ops(const std::vector<Op>& ops);

struct MinimizeLimits {
  std::chrono::milliseconds time{10000};  ///< wall-clock budget
  std::uint64_t max_tries = 20000;        ///< predicate calls
  std::function<bool()> stop;             ///< when set and true, stop early (e.g. a second Ctrl-C)
  std::function<void(const Scenario&)> on_better;  ///< called with each accepted, smaller scenario
};

struct MinimizeResult {
  Scenario scenario;        ///< the smallest scenario found for which the predicate holds
  std::uint64_t tries = 0;  ///< predicate calls made
  bool exhausted = false;   ///< true when no single reduction was left (not stopped by a limit)
};

/// The smallest count n in [lo, hi] for which `shows(n)` is true, by bisection, given that it is
/// true at hi (counterexamples' counts: the first count at which an edge is crossed). `stop`, when
/// it returns true, ends the search with the smallest count found so far.
std::uint64_t lowest_count(std::uint64_t lo, std::uint64_t hi, const std::function<bool(std::uint64_t)>& shows,
                           const std::function<bool()>& stop = {});

/// The smallest count in [1, top] whose single operation shows the violation, or nullopt: `top`
/// halved until one shows it (a huge count can give up at the claim's work limit where a smaller
/// one shows it), then lowest_count below that. `stop` as for lowest_count.
std::optional<std::uint64_t> smallest_showing_count(std::uint64_t top, const std::function<bool(std::uint64_t)>& shows,
                                                    const std::function<bool()>& stop = {});

/// Shrinks `start` (for which `holds` must be true) to a local minimum: no single reduction
/// (remove an op; remove an incref and a release of the same amount, or a stack reference's opening
/// and close, together; fold a release into the last one; merge neighbours; unwrap a repeat; lower
/// a count by bisection, or a take and the last release together; drop an unreferenced object) that
/// makes the scenario smaller in ScenarioSize's order keeps `holds` true, or a limit was reached. Every candidate passes
/// refsim::check() before `holds` sees it; the result is always one for which `holds` was true.
MinimizeResult minimize(const Scenario& start, const std::function<bool(const Scenario&)>& holds,
                        const MinimizeLimits& limits = {});

}  // namespace refsim::campaign
