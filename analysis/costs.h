// Costs: what each strategy adds to the refcount hot path, stated from its algorithm
// (docs/semantics-strategies.md): tests and branches per incref and decref, and memory written per
// operation on an immortal object. Measured figures live in bench/.
#pragma once

#include <string_view>
#include <vector>

#include "model/names.h"

namespace refsim::analysis {

struct StrategyCost {
  Strategy strategy = Strategy::AsShipped;
  std::string_view incref;            ///< extra tests/branches per incref, against 3.11's plain ++
  std::string_view decref;            ///< extra tests/branches per decref, against 3.11's --/zero test
  std::string_view immortal_writes;   ///< memory written per incref/decref of an immortal object
  std::string_view elsewhere;         ///< what it costs off the hot path
};

/// One row per strategy, in table order.
const std::vector<StrategyCost>& strategy_costs();

}  // namespace refsim::analysis
