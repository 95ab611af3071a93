// Free-threaded report text: one refsim-report/2 entry of a free-threaded run (io/ft_report_json.h)
// laid out like the default build's text (io/report_text.h): aligned tables, long event lists
// elided, names escaped, numbers with separators.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace refsim::ft {

/// Scenario, runtime and threads, outcome, the events and the final objects as tables (both fields,
/// the owner, the shared state, Py_REFCNT), and the result of the entry's `expect`.
std::string ft_report_text(const nlohmann::ordered_json& report);

}  // namespace refsim::ft
