// A free-threaded scenario as refsim-scenario/2 JSON (docs/SCENARIO-THREADS.md), the form
// io/ft_scenario_json.h reads back: `refsim decode` prints the ft_engine fuzz inputs with it.
#pragma once

#include <nlohmann/json.hpp>

#include "model/freethreaded/ft_scenario.h"

namespace refsim {

/// The scenario as JSON; counts, values and field words are decimal strings (the JSON integer rule).
nlohmann::ordered_json ft_scenario_json(const ft::FtScenario& scenario);

}  // namespace refsim
