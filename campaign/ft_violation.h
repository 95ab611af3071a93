// Free-threaded violations: a free-threaded claim's invariants checked on the free-threaded fast
// engine's events (model/freethreaded/ft_outcome.h), and the re-run of a counterexample on every
// free-threaded build. The invariants mean there what docs/CLAIMS.md's table says of them.
#pragma once

#include <string>
#include <vector>

#include "campaign/violation.h"

namespace refsim::campaign {

/// Most events of one free-threaded claim run that are looked at; a run with more shows nothing
/// (a claim scenario has at most 64 operations, each raising a few events).
inline constexpr std::uint64_t kFtClaimMaxEvents = 4096;

/// The claim's broken invariants on the scenario (the free-threaded fast engine, at most
/// claim_max_work(claim) units of its work, ended once an event has broken each invariant), each
/// once, in the claim's order; none, and gave_up set, when the run was cut short (the work limit, or
/// more events than are looked at).
RunVerdict ft_check_claim(const Claim& claim, const ft::FtScenario& scenario);

/// Every free-threaded build (versions x widths 64 and 32 x release and debug) on which the
/// scenario, with its build replaced, still breaks the invariant: "3.14t/64/release".
std::vector<std::string> ft_builds_broken(const Claim& claim, Invariant invariant, const ft::FtScenario& scenario);

}  // namespace refsim::campaign
