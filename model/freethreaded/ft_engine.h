// The free-threaded engine: runs an FtScenario. Two loops share one single-step function: the
// stepwise reference (one single operation at a time) and the fast engine, which jumps over the
// quiet stretches of a counted operation in either field (the cells are in ft_jump.h).
#pragma once

#include <cstdint>
#include <functional>

#include "model/engine.h"
#include "model/freethreaded/ft_outcome.h"
#include "model/freethreaded/ft_scenario.h"

namespace refsim::ft {

/// Runs a scenario that passed check(). The fast and stepwise engines give equal outcomes.
/// `max_work` bounds the engine's own work (operations visited, single steps run one at a time,
/// repeat iterations): past it the run stops with FtOutcome::gave_up (the claims campaign's bound,
/// like RunLimits::max_work of the default engine); the default never gives up. `enough`, when set,
/// is asked after each kept event as RunLimits::enough is: true ends the run there with
/// FtOutcome::ended_early.
using FtEnough = std::function<bool(const FtEventRecord& kept, bool created_immortal)>;
FtOutcome run(const FtScenario& scenario, EngineKind kind = EngineKind::Fast, std::uint64_t max_events = 10000,
              std::uint64_t max_work = ~std::uint64_t{0}, const FtEnough& enough = {});

}  // namespace refsim::ft
