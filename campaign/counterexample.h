// Counterexample: the smallest scenario in a claim's scope that still shows one violation
// signature (fewest operations, then smallest counts, then fewest objects; one operation whenever
// one exists), and the runtimes and strategies that the same scenario breaks.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "campaign/claim.h"
#include "campaign/minimizer.h"
#include "campaign/violation.h"

namespace refsim::campaign {

/// Whether `scenario` is a counterexample with that signature: in the claim's scope, run to its end
/// within the claims target's work bound (claim_max_work), and breaking the claim with exactly that
/// signature.
bool shows(const Claim& claim, const std::string& signature, const ClaimScenario& scenario);
bool shows(const Claim& claim, const std::string& signature, const Scenario& scenario);  ///< without a copy

struct Minimal {
  ClaimScenario scenario;
  Violation violation;       ///< the violation it shows
  std::uint64_t tries = 0;   ///< candidate scenarios run
  bool exhausted = false;    ///< no limit cut the search short
};

/// Shrinks `start` (which shows `signature`) with the structural minimizer, then looks for a
/// single operation (every kind, operation and origin of the scope on each runtime of the
/// signature's family and width, the count found by bisection) that shows it too, and keeps the
/// smaller of the two. A free-threaded claim's scenario goes to minimize_ft_counterexample.
Minimal minimize_counterexample(const Claim& claim, const std::string& signature, const ClaimScenario& start,
                                const MinimizeLimits& limits);

/// Every runtime (versions x widths 64 and 32 x builds x the strategies that apply) on which the
/// scenario, with its runtime replaced, still breaks the same invariant: "3.12/64/release/as-shipped"
/// (a free-threaded scenario: every free-threaded build, "3.14t/64/release").
std::vector<std::string> runtimes_broken(const Claim& claim, Invariant invariant, const ClaimScenario& scenario);

/// The size of a claim scenario in its minimizer's order, as a tuple both kinds compare by:
/// operations, single steps, then threads and objects.
bool smaller(const ClaimScenario& a, const ClaimScenario& b);

}  // namespace refsim::campaign
