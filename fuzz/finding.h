// Finding: what a target checks, as a result value. The libFuzzer target only calls check() and
// aborts when the result holds a finding, so that libFuzzer records the input.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fuzz/target.h"
#include "model/engine.h"
#include "model/scenario.h"

namespace refsim::fuzz {

struct Finding {
  Target target;
  /// Groups findings: version/width/debug|release/strategy/kind/event[/action], e.g.
  /// "3.12/32/release/as-shipped/none/deimmortalized" or
  /// "pep683-r3/32/release/as-shipped/none/dealloc/fatal"; engine_equivalence uses
  /// ".../engine-mismatch", mortal_accounting ".../heap/dealloc/freed/premature", ".../leak",
  /// ".../use-after-free"; scenario_json ".../roundtrip-mismatch", ".../report-mismatch".
  std::string signature;
  Scenario scenario;        ///< the scenario the input stands for: the reproducer
  std::uint64_t step = 0;   ///< first step at which the finding shows
  std::string message;      ///< one line for people
};

/// engine_equivalence compares with the stepwise reference only up to this many expanded steps
/// (FORMAT.md "Bounded work"); larger scenarios run the fast engine alone.
inline constexpr std::uint64_t kStepwiseLimit = std::uint64_t{1} << 16;
/// The most work units a scenario may have for the targets to run it: repeat iterations (counts
/// multiplied along nesting), the periodic resets of periodic-reset, and the cut crossings of
/// single operations (count / the shortest period of the cuts of the operation's code). The fast
/// engine jumps from cut to cut and over exact cycles of one operation, but not over cycles of a
/// repeat body that keep producing events, nor across periodic resets, nor over a full-word count
/// that crosses low-half cuts 2^32 times (found by this fuzzer: `repeat 2^58 {decref true by
/// ext-3.11 x7}` on 3.14 32-bit takes minutes; so do 2^32 steps with period 1001 and a decref of
/// 2^64-2^32 by ext-3.11 on 3.12 64-bit). Larger scenarios are skipped (no finding).
inline constexpr std::uint64_t kMaxWork = std::uint64_t{1} << 16;
/// The work units of a scenario (see kMaxWork), saturated at UINT64_MAX.
std::uint64_t work_units(const Scenario& scenario);

/// Events kept per run: beyond it the fast engine may jump over cycles that still have events.
inline constexpr std::uint64_t kMaxEvents = 256;

/// Decodes and runs one input as the target does; empty when the input is rejected or clean.
/// One finding per distinct signature, in order of first appearance. Never throws, never
/// crashes, bounded time for every input.
std::vector<Finding> check(Target target, std::span<const std::uint8_t> bytes);

/// The findings of one decoded scenario (check() without the decoding).
std::vector<Finding> check_scenario(Target target, const Scenario& scenario);

/// "version/width/debug|release/strategy": the prefix of every signature on this runtime.
std::string runtime_signature(const RuntimeSpec& runtime);

}  // namespace refsim::fuzz
