// Free-threaded scenario JSON: a refsim-scenario/2 document whose runtime is "3.13t", "3.14t" or
// "3.15t" (docs/SCENARIO-THREADS.md), decoded into a checked FtScenario and its `expect` block.
#pragma once

#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "model/freethreaded/ft_scenario.h"

namespace refsim::ft {

struct FtScenarioFile {
  FtScenario scenario;
  nlohmann::ordered_json expect;  ///< null when absent
};

/// Whether BYTES is a JSON object whose runtime.version names a free-threaded runtime (the run
/// command's dispatch; anything else goes to refsim::parse_scenario).
bool names_free_threaded_runtime(std::string_view bytes);

/// Decodes and checks a free-threaded scenario. Never throws for any input.
std::variant<FtScenarioFile, SpecError> parse_ft_scenario(std::string_view bytes, std::string_view default_name);

}  // namespace refsim::ft
