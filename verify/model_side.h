// Model side: runs refsim's model on a scenario and describes the run as an Observation, the
// same shape the real interpreter's run has.
#pragma once

#include "model/scenario.h"
#include "verify/observation.h"

namespace refsim::verify {

/// The scenario as the model must run it to be compared with a real run: each object without an
/// explicit word starts at the real starting word (3.11's None starts wherever the interpreter's
/// own references left it, not at 1). Heap objects start at their scenario word either way.
Scenario with_real_start(const Scenario& scenario, const std::vector<SeenObject>& real_start);

/// Runs the model (the fast engine) and observes it: starting words, words after each top-level
/// operation (from runs of each prefix), the observable events, how it ended.
Observation observe_model(const Scenario& scenario);

}  // namespace refsim::verify
