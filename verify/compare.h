// Compare: the real run against the model's, item by item, each disagreement one line that gives
// both sides (words as "0x..." at the scenario's width).
#pragma once

#include <string>
#include <vector>

#include "model/scenario.h"
#include "verify/observation.h"

namespace refsim::verify {

struct Comparison {
  std::vector<std::string> disagreements;  ///< empty when the two runs agree
  std::vector<std::string> notes;          ///< starting words that differ where the model expects traffic
};

/// Compares `real` with `model` (the model run from the real starting words; `model_default` is
/// the model's own starting words). A starting word differs as a disagreement only where the model
/// says the object starts immortal (no traffic can move it); elsewhere (3.11's None, a mortal
/// object the interpreter holds) it is a note.
Comparison compare(const Scenario& scenario, const Observation& real, const Observation& model,
                   const std::vector<SeenObject>& model_default);

/// "dealloc of obj at step 3 [0] 0x...1 -> 0x...0 (freed)", for reports and disagreements.
std::string describe_event(const Scenario& scenario, const SeenEvent& event);

}  // namespace refsim::verify
