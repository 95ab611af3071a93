// Repeat jumps of the free-threaded engine: how many more iterations of a repeat body provably do what
// its last literal iteration did, moved along by the same amount. The fast engine runs one iteration
// literally, recording each counted operation's object state before it; when that iteration raised no
// event and left every object's tid, flags, queue and freed state as they were, each object's local
// count, shared count and ledger moved by a fixed drift. K more iterations then repeat it exactly when
// every recorded operation is quiet (ft_jump.h's cells) both where it ran and K drifts further on, in
// the same cell: each cell is an interval of the one field the operation changes, so everything in
// between is quiet too. Exact cycles with events are the engine's CycleMark (ft_engine.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/freethreaded/ft_outcome.h"

namespace refsim::ft {

/// One counted operation of the literal iteration, with its object's state just before it ran.
struct CountedAt {
  std::size_t obj = 0;
  Tid caller = 0;
  bool up = false;
  std::uint64_t count = 0;
  FtObjState before;
};

/// What one iteration did to one object: its local and shared counts and its ledger moved by these.
struct Drift {
  Int128 local = 0;
  Int128 count = 0;  ///< the shared count (ob_ref_shared >> 2)
  Int128 logical = 0;
};

/// Each object's drift from BEFORE to AFTER, or nothing when an iteration changed anything but the
/// counts (tid, flags, freed, queue) and so cannot be translated.
std::optional<std::vector<Drift>> drift_of(const FtBuild& b, const std::vector<FtObjState>& before,
                                           const std::vector<FtObjState>& after);

/// The most iterations, at most LEFT, that repeat the literal iteration OPS moved along by DRIFT.
std::uint64_t translated_iterations(const FtBuild& b, const std::vector<CountedAt>& ops,
                                    const std::vector<Drift>& drift, std::uint64_t left);

/// Moves STATE along by ITERATIONS drifts (at most translated_iterations).
void apply_drift(const FtBuild& b, std::vector<FtObjState>& state, const std::vector<Drift>& drift,
                 std::uint64_t iterations);

}  // namespace refsim::ft
