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
/// within the claims target's work bound (kClaimMaxWork), and breaking the claim with exactly that
/// signature.
bool shows(const Claim& claim, const std::string& signature, const Scenario& scenario);

struct Minimal {
  Scenario scenario;
  Violation violation;       ///< the violation it shows
  std::uint64_t tries = 0;   ///< candidate scenarios run
  bool exhausted = false;    ///< no limit cut the search short
};

/// Shrinks `start` (which shows `signature`) with the structural minimizer, then looks for a
/// single operation (every kind, operation and origin of the scope on each runtime of the
/// signature's family and width, the count found by bisection) that shows it too, and keeps the
/// smaller of the two.
Minimal minimize_counterexample(const Claim& claim, const std::string& signature, const Scenario& start,
                                const MinimizeLimits& limits);

/// Every runtime (versions x widths 64 and 32 x builds x the strategies that apply) on which the
/// scenario, with its runtime replaced, still breaks the same invariant: "3.12/64/release/as-shipped".
std::vector<std::string> runtimes_broken(const Claim& claim, Invariant invariant, const Scenario& scenario);

}  // namespace refsim::campaign
