// Free-threaded report JSON: an FtScenario's outcome as one entry of a refsim-report/2 document, with
// both fields, the owner, the shared state and Py_REFCNT per object and per event (its text:
// io/ft_report_text.h).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/freethreaded/ft_outcome.h"
#include "model/freethreaded/ft_scenario.h"

namespace refsim::ft {

/// The entry (docs/SCENARIO-THREADS.md, Reports). Counts are decimal strings, ob_ref_shared a
/// "0x..." word of the build's width.
nlohmann::ordered_json ft_report_json(const FtScenario& scenario, const FtOutcome& outcome, std::string_view sha256);

}  // namespace refsim::ft
