// The free-threaded engine: runs an FtScenario. Two loops share one single-step function: the
// stepwise reference (one single operation at a time) and the fast engine, which jumps over the
// quiet stretches of a counted operation in either field (the cells are in ft_jump.h).
#pragma once

#include <cstdint>

#include "model/engine.h"
#include "model/freethreaded/ft_outcome.h"
#include "model/freethreaded/ft_scenario.h"

namespace refsim::ft {

/// Runs a scenario that passed check(). The fast and stepwise engines give equal outcomes.
FtOutcome run(const FtScenario& scenario, EngineKind kind = EngineKind::Fast, std::uint64_t max_events = 10000);

}  // namespace refsim::ft
