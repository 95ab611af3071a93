// Scenario writer: a Scenario back to a `refsim-scenario/1` document (for counterexamples, fuzz
// findings and `refsim decode`). parse_scenario(write) gives the same Scenario back.
#pragma once

#include <nlohmann/json.hpp>

#include "model/scenario.h"

namespace refsim {

/// The scenario as a JSON document, with `expect` added when it is not null.
nlohmann::ordered_json scenario_json(const Scenario& scenario,
                                     const nlohmann::ordered_json& expect = nullptr);

}  // namespace refsim
