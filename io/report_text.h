// Report text: a report (report_json's output) rendered for people, for `--format text`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace refsim {

/// Renders one report: scenario, runtime, outcome, steps, the events and final objects as tables,
/// and the expect result (`expect_failures` is nullopt when the scenario has no expect block).
std::string report_text(const nlohmann::ordered_json& report,
                        const std::optional<std::vector<std::string>>& expect_failures);

/// A decimal number with thousands separators ("1,879,048,192"; "-12,345").
std::string with_separators(std::string_view digits);

}  // namespace refsim
