// Violation: a claim's invariant broken by one run, with the event that broke it. Its signature
// is the claim, the invariant and the smallest context that tells genuinely different
// counterexamples apart: the runtime's arithmetic family and its width
// ("none-immortal-64/stays-immortal/3.12-3.13/64"), so that a claim has a handful, not thousands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "campaign/claim.h"
#include "campaign/claim_input.h"
#include "model/freethreaded/ft_outcome.h"
#include "model/outcome.h"

namespace refsim::campaign {

struct Violation {
  Invariant invariant;
  /// The first event that breaks it: a free-threaded claim's is an ft::FtEventRecord.
  std::variant<Event, ft::FtEventRecord> event;
  std::string signature;  ///< claim/invariant/family/width
};

/// The family's label in signatures ("3.11", "pep683-drafts", "3.12-3.13", "3.14-3.15"): its
/// REFSIM_FAMILY row's label column (model/names.def).
std::string_view family_name(Family family);

/// The signature of a violation of `claim`'s `invariant` on `runtime`.
std::string signature_of(const Claim& claim, Invariant invariant, const RuntimeSpec& runtime);
/// On a free-threaded build: claim/invariant/ft_family_name/width.
std::string signature_of(const Claim& claim, Invariant invariant, const ft::FtBuild& build);

/// The events of one run that an invariant forbids (pure: no scope test).
bool breaks(Invariant invariant, const Event& event, const Outcome& outcome);
/// The same, given whether the event's object was created immortal.
bool breaks(Invariant invariant, const Event& event, bool created_immortal);

/// The events of a free-threaded run that an invariant forbids (pure: no scope test).
bool breaks(Invariant invariant, const ft::FtEventRecord& event, const ft::FtOutcome& outcome, const ft::FtBuild& build);
/// The same, given whether the event's object was created immortal.
bool breaks(Invariant invariant, const ft::FtEventRecord& event, bool created_immortal, const ft::FtBuild& build);

/// The first kept event that breaks each of a claim's invariants, noted as a run keeps its events
/// (in the order they happened): the verdict of the run so far, and its `enough` (RunLimits::enough,
/// ft::run's), true once every invariant has its event, since nothing later changes the verdict.
/// E is Event or ft::FtEventRecord.
template <class E>
class FirstBreaks {
 public:
  explicit FirstBreaks(const Claim& claim) : claim_(claim), first_(claim.invariants.size()) {}
  /// Notes kept event `e`, which breaks invariant `inv` when `breaks_it(inv)`; true once every
  /// invariant is broken.
  template <class BreaksIt>
  bool note(const E& e, BreaksIt breaks_it) {
    bool all = true;
    for (std::size_t i = 0; i < first_.size(); ++i) {
      if (!first_[i] && breaks_it(claim_.invariants[i])) first_[i] = e;
      all = all && first_[i].has_value();
    }
    return all;
  }
  /// The broken invariants, each with its first event, in the claim's order; `signature(inv)`.
  template <class Signature>
  std::vector<Violation> violations(Signature signature) const {
    std::vector<Violation> out;
    for (std::size_t i = 0; i < first_.size(); ++i)
      if (first_[i]) out.push_back({claim_.invariants[i], *first_[i], signature(claim_.invariants[i])});
    return out;
  }

 private:
  const Claim& claim_;
  std::vector<std::optional<E>> first_;
};

/// What one run of a claim's scenario shows: the claim's broken invariants, each once, in the
/// claim's order; or, when the engine gave up at the claim's work limit (claim_max_work), nothing,
/// and `gave_up` set: a run cut short is no check of the claim.
struct RunVerdict {
  std::vector<Violation> violations;
  bool gave_up = false;
};

/// Runs the scenario (fast engine, at most claim_max_work(claim) units of the engine's work; a
/// free-threaded scenario on the free-threaded fast engine), ending it once an event has broken each
/// of the claim's invariants (RunLimits::enough): the verdict is then that of the whole run. Does not
/// look at the scope.
RunVerdict check_claim(const Claim& claim, const ClaimScenario& scenario);
RunVerdict check_claim(const Claim& claim, const Scenario& scenario);  ///< without a copy

/// check_claim's violations only.
std::vector<Violation> violations(const Claim& claim, const ClaimScenario& scenario);
std::vector<Violation> violations(const Claim& claim, const Scenario& scenario);  ///< without a copy

/// One input as the claims target runs it: decoded (claim_input.h; nullopt when it does not
/// decode), its claim and what the run showed.
struct CheckedInput {
  std::size_t claim = 0;
  std::vector<Violation> violations;
  bool gave_up = false;  ///< the run stopped at the claim's work limit: not a check
};
std::optional<CheckedInput> check_claim_input(const ClaimSet& set, std::span<const std::uint8_t> bytes);

/// One line for people: what happened, where and by which code, e.g.
/// `"none" (none) loses immortality at step 2,147,483,648: decref by ext-3.11, word 0x...ffffffff -> 0x...7fffffff`.
std::string explain(const ClaimScenario& scenario, const Violation& violation);

/// The scenario in one line, e.g. `3.12/64/release/as-shipped: decref none by ext-3.11 x2147483648`
/// or `3.14t/64/release: incref heap by main (owner) x4294967294`.
std::string one_line(const ClaimScenario& scenario);

/// The free-threaded halves of the two above (ft_violation.cc).
std::string ft_explain(const ft::FtScenario& scenario, const ft::FtEventRecord& event);
std::string ft_one_line(const ft::FtScenario& scenario);

}  // namespace refsim::campaign
