// Claim input: how the claims fuzz target reads its bytes. The first byte picks a claim; the rest
// is a scenario drawn from that claim's scope only, so that every input tests some claim and no
// execution is spent outside what the claims are about (docs/CLAIMS.md, "Inputs").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "campaign/claim.h"

namespace refsim::campaign {

/// A claim set prepared for decoding: each claim's runtimes, computed once.
class ClaimSet {
 public:
  explicit ClaimSet(std::vector<Claim> claims);
  const std::vector<Claim>& claims() const { return claims_; }
  const std::vector<RuntimeSpec>& runtimes(std::size_t claim) const { return runtimes_[claim]; }
  /// A free-threaded claim's builds (empty for the others).
  const std::vector<ft::FtBuild>& builds(std::size_t claim) const { return builds_[claim]; }

 private:
  std::vector<Claim> claims_;
  std::vector<std::vector<RuntimeSpec>> runtimes_;
  std::vector<std::vector<ft::FtBuild>> builds_;
};

/// The most units of the engine's work (RunLimits::max_work) a run of one of `claim`'s scenarios
/// may take: kClaimWorkPerOp per operation of its scope (max_ops), and never under
/// kClaimMinWork. Every operation is visited once and each round of its count (a literal step,
/// or a jump to the next boundary) costs one, so an input whose operations cross at most 15
/// boundaries each always finishes; one that needs more gives up and is counted as such, never as a
/// check. Measured on the claim loop's inputs (docs/CLAIMS.md, "The work limit"): 16 per operation
/// costs what 2^6 flat did, 64 per operation cost 2.5 times as much for 5% fewer runs given up.
/// The floor of 2^8 let a 64-bit word under a reset strategy go round its first two tp_dealloc
/// cycles (about 35 units each: the translated bands to 0, then the same from the reset word), after
/// which the exact cycle is jumped: 2^6 gave up on 2.1% of a whole-catalog campaign's runs, 2^8 on
/// 0.6%, for 8.5% fewer executions per second. 2^9 lets up to four such huge counts each do so:
/// with the periodic reset's rounds jumped (model/engine/reset_jumps.cc), 2^8 gave up on 3,191 of
/// 17,389,056 runs (869,452 per second), 2^9 on 3 of 17,827,584 (891,379 per second).
std::uint64_t claim_max_work(const Claim& claim);
inline constexpr std::uint64_t kClaimWorkPerOp = 16;
inline constexpr std::uint64_t kClaimMinWork = std::uint64_t{1} << 9;

struct ClaimInput {
  std::size_t claim = 0;  ///< index into the set
  ClaimScenario scenario;  ///< in the claim's scope (free-threaded for a claim with an ft_scope)
};

/// The claim and scenario an input stands for; nullopt when it is too short to name a runtime
/// and one object. Every byte string of that length or more decodes; counts are clamped to the
/// scope's bounds (a count beyond max_count becomes max_count), so the bounds themselves are
/// reachable. The scenario is in scope (in_scope) and passes refsim::check.
std::optional<ClaimInput> decode_claim_input(const ClaimSet& set, std::span<const std::uint8_t> bytes);

/// The free-threaded decoder (ft_claim_input.cc): the bytes after the claim's, for a claim with an
/// ft_scope, into a scenario in that scope that passes ft::check, on one of `builds`.
ft::FtScenario decode_ft_claim_scenario(const Claim& claim, const std::vector<ft::FtBuild>& builds,
                                        std::span<const std::uint8_t> bytes);

}  // namespace refsim::campaign
