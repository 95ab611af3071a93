// Free-threaded counterexamples: the minimizer's predicate for one signature of a free-threaded
// claim and the minimizer itself (ft_counterexample.cc says in which order it shrinks).
#pragma once

#include <cstdint>
#include <string>
#include <tuple>

#include "campaign/claim.h"
#include "campaign/minimizer.h"

namespace refsim::campaign {

/// The order counterexamples descend: fewer operations, then fewer single steps, then fewer
/// threads, then fewer objects.
struct FtSize {
  std::uint64_t ops = 0;
  unsigned __int128 steps = 0;
  std::uint64_t threads = 0;
  std::uint64_t objects = 0;
  friend bool operator<(const FtSize& a, const FtSize& b) {
    return std::tie(a.ops, a.steps, a.threads, a.objects) < std::tie(b.ops, b.steps, b.threads, b.objects);
  }
};

FtSize ft_size_of(const ft::FtScenario& scenario);

/// Whether the scenario is in the claim's free-threaded scope, passes ft::check and breaks the
/// claim with exactly that signature.
bool ft_shows(const Claim& claim, const std::string& signature, const ft::FtScenario& scenario);

struct FtMinimal {
  ft::FtScenario scenario;
  std::uint64_t tries = 0;  ///< candidate scenarios run
  bool exhausted = false;   ///< no limit cut the search short
};

/// Shrinks START (which shows SIGNATURE) within the limits.
FtMinimal minimize_ft_counterexample(const Claim& claim, const std::string& signature, const ft::FtScenario& start,
                                     const MinimizeLimits& limits);

}  // namespace refsim::campaign
