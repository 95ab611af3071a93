// Replay: runs corpus inputs through a target's check without libFuzzer, and holds regression
// inputs to their `.expected` sidecars. Used by the replay driver that ctest runs on every build.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "fuzz/target.h"

namespace refsim::fuzz {

struct ReplaySummary {
  std::size_t inputs = 0;    ///< inputs replayed
  std::size_t findings = 0;  ///< findings seen (any signature)
  std::size_t failures = 0;  ///< regression mismatches, bug findings without a sidecar, bad seeds
};

/// Replays every input under `paths` (files, or folders recursively, sidecars skipped, in sorted
/// order). An input with a sidecar must give exactly the recorded signatures (and step, when
/// recorded); one without must decode (except for scenario_json, whose seeds may be invalid on
/// purpose) and, for targets whose findings are bugs, be clean. Writes one line per input and
/// failure to `log`.
ReplaySummary replay(Target target, const std::vector<std::filesystem::path>& paths, std::ostream& log);

}  // namespace refsim::fuzz
