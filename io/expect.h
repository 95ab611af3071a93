// Expect: a scenario's `expect` block, validated when the file is decoded and checked against the
// report once the scenario has run. Listed fields must match; unlisted ones are free.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario.h"

namespace refsim {

/// Validates an `expect` block: known keys only, well-typed values, known names and object ids.
/// Paths start with "expect" (e.g. `expect.events[0].kind`).
std::optional<SpecError> validate_expect(const nlohmann::ordered_json& expect, const Scenario& scenario);

/// Checks a validated `expect` block against a report (report_json's output):
///  - `outcome`, `steps`, `events_total`: equal (numbers by value);
///  - `stopped`: null, or a partial match of the report's `stopped`;
///  - `events`: each listed event matches (partially, `detail` too) a report event, in that order,
///    as a subsequence;
///  - `objects`: each listed object matches (partially) the report's object with that `id`.
/// Words and numbers compare by value: "0x40000000", 1073741824 and "1073741824" are equal.
/// Returns one readable line per failure; empty when everything held.
std::vector<std::string> check_expect(const nlohmann::ordered_json& expect,
                                      const nlohmann::ordered_json& report);

}  // namespace refsim
