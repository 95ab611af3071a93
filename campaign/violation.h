// Violation: a claim's invariant broken by one run, with the event that broke it. Its signature
// is the claim, the invariant and the smallest context that tells genuinely different
// counterexamples apart: the runtime's arithmetic family and its width
// ("none-immortal-64/stays-immortal/3.12-3.13/64"), so that a claim has a handful, not thousands.
#pragma once

#include <string>
#include <vector>

#include "campaign/claim.h"
#include "campaign/claim_input.h"
#include "model/outcome.h"

namespace refsim::campaign {

struct Violation {
  Invariant invariant;
  Event event;            ///< the first event that breaks it
  std::string signature;  ///< claim/invariant/family/width
};

/// The family's label in signatures ("3.11", "pep683-drafts", "3.12-3.13", "3.14-3.15"): its
/// REFSIM_FAMILY row's label column (model/names.def).
std::string_view family_name(Family family);

/// The signature of a violation of `claim`'s `invariant` on `runtime`.
std::string signature_of(const Claim& claim, Invariant invariant, const RuntimeSpec& runtime);

/// The events of one run that an invariant forbids (pure: no scope test).
bool breaks(Invariant invariant, const Event& event, const Outcome& outcome);

/// Runs the scenario (fast engine, at most kClaimMaxWork units of the engine's work) and returns
/// the claim's broken invariants, each once, in the claim's order; none when the engine gave up.
/// Does not look at the scope.
std::vector<Violation> violations(const Claim& claim, const Scenario& scenario);

/// One input as the claims target runs it: decoded (claim_input.h; nullopt when it does not
/// decode), its claim and the violations it shows.
struct CheckedInput {
  std::size_t claim = 0;
  std::vector<Violation> violations;
};
std::optional<CheckedInput> check_claim_input(const ClaimSet& set, std::span<const std::uint8_t> bytes);

/// One line for people: what happened, where and by which code, e.g.
/// `"none" (none) loses immortality at step 2,147,483,648: decref by ext-3.11, word 0x...ffffffff -> 0x...7fffffff`.
std::string explain(const Scenario& scenario, const Violation& violation);

/// The scenario in one line, e.g. `3.12/64/release/as-shipped: decref none by ext-3.11 x2147483648`.
std::string one_line(const Scenario& scenario);

}  // namespace refsim::campaign
