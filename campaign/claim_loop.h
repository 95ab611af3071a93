// Claim loop: refsim campaign's own fuzzing loop, in process and without coverage instrumentation.
// It draws claim inputs (claim_input.h) at random and mutates the ones that broke a claim, checks
// each one as the claims target does, and keeps the first input of every violation signature as
// <artifacts>/crash-<sha1>, the name libFuzzer gives. `--engine libfuzzer` runs the libFuzzer
// target instead (driver.h); both leave the same artifacts for triage.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

#include "campaign/claim_input.h"

namespace refsim::campaign {

struct LoopOptions {
  std::uint32_t seed = 1;
  std::chrono::seconds time{60};
  std::filesystem::path artifacts;                   ///< crash-<sha1> files go here (created by the caller)
  const volatile std::sig_atomic_t* stop = nullptr;  ///< set by a signal handler: stop early
  bool terminal = false;                             ///< progress redrawn in place
  bool until_broken = false;                         ///< stop once every claim is broken
};

struct LoopResult {
  std::uint64_t execs = 0;                 ///< inputs run (skipped ones, over the work bound, included)
  std::vector<std::uint64_t> per_claim;    ///< inputs that tested each claim
  std::vector<std::uint64_t> gave_up;      ///< of those, runs the engine gave up at the claim's work limit
  std::set<std::string> signatures;        ///< violation signatures seen
  /// Per claim, when its first violation came, in microseconds: wall time, and this process's CPU
  /// time (the figure that does not depend on what else the machine runs); -1: never.
  std::vector<std::int64_t> first_wall_us, first_cpu_us;
  std::chrono::milliseconds elapsed{0};
  bool interrupted = false;
  std::string error;                       ///< an artifact could not be written
};

/// Runs until the time is up or `stop` is set; progress (executions, exec/s, claims broken) goes to
/// `progress`. The same seed gives the same inputs in the same order.
LoopResult run_claim_loop(const ClaimSet& set, const LoopOptions& options, std::ostream& progress);

}  // namespace refsim::campaign
