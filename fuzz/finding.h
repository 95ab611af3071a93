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
/// The most work a target's run may do, in the engine's own units (RunLimits::max_work): a run that
/// needs more gives up, and the target reports nothing for it. The fast engine jumps single
/// operations of any count and exact cycles, so what it gives up on are the shapes it still walks one
/// piece at a time (e.g. 2^40 ext-3.11 decrefs of 3.12 32-bit None with a periodic reset every 1001,
/// whose drain rounds rarely meet the same phase of the period: one piece per period). This is
/// the guarantee of bounded time per input. A run that gives up costs the whole limit, about 30 ns
/// a unit as shipped and several times that under coverage instrumentation, so the limit sets the
/// fuzzers' speed: at 2^20 the 3% of a custom-mutator corpus that gave up took 94% of the time
/// (docs/FUZZING.md, "The work limit").
inline constexpr std::uint64_t kMaxWork = std::uint64_t{1} << 16;

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
