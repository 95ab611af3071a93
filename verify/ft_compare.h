// FtCompare: a real free-threaded run against the model's, item by item; each disagreement is one
// line that gives both sides (fields as "owner, local, shared").
#pragma once

#include <string>
#include <vector>

#include "model/freethreaded/ft_scenario.h"
#include "verify/compare.h"
#include "verify/ft_observation.h"

namespace refsim::verify {

/// An object's fields as text: "owner main, local 1, shared 0x...02 (queued), mortal" or "freed (...)".
std::string describe_fields(const ft::FtScenario& scenario, const FtSeenObject& o);

/// An event as text: kind, object, step, operation path, the fields after it (and Py_REFCNT's value).
std::string describe_ft_event(const ft::FtScenario& scenario, const FtSeenEvent& e);

/// Compares `real` with `model` (the model run from the real starting fields of the interpreter's
/// own objects). Starting fields that the model took from the real run are notes.
Comparison compare_ft(const ft::FtScenario& scenario, const FtObservation& real, const FtObservation& model,
                      const std::vector<FtSeenObject>& model_default);

}  // namespace refsim::verify
