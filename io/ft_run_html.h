// Free-threaded run HTML: the section `refsim run --format html` draws for one free-threaded report
// entry (io/ft_report_json.h): per object, its two counts (ob_ref_local and the shared count, a
// signed log scale) over the steps (log scale), and every kept event as a marker.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace refsim::ft {

/// A heading, a line on the run and a chart per object. Each event marker carries data-kind,
/// data-step, data-local and data-shared-count (the report's decimal strings) and data-owner, so a
/// test can check them against the report; each chart data-object and data-steps.
std::string ft_run_section(const nlohmann::ordered_json& report);

}  // namespace refsim::ft
