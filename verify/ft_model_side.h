// FtModelSide: runs refsim's free-threaded model on a scenario and describes the run as an
// FtObservation, the shape the real interpreter's run has.
#pragma once

#include "model/freethreaded/ft_scenario.h"
#include "verify/ft_observation.h"

namespace refsim::verify {

/// The scenario as the model must run it to be compared with a real run: an object of the
/// interpreter's own (a deferred function) without explicit fields starts at its real fields.
ft::FtScenario ft_with_real_start(const ft::FtScenario& scenario, const std::vector<FtSeenObject>& real_start);

/// Runs the model (the fast engine) and observes it: starting fields, fields after each top-level
/// operation (from runs of each prefix), the observable events, how it ended.
FtObservation observe_ft_model(const ft::FtScenario& scenario);

}  // namespace refsim::verify
