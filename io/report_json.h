// Report JSON: a run's outcome as the contract's `refsim-report/1` document, and back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/outcome.h"
#include "model/scenario.h"

namespace refsim {

inline constexpr std::string_view kReportFormat = "refsim-report/1";
inline constexpr std::string_view kToolName = "refsim";
/// Keep equal to the project VERSION in CMakeLists.txt (a test checks it).
inline constexpr std::string_view kToolVersion = "0.1.0";

/// A word as reports write it: "0x" and lower-case hex, zero-padded to the width.
std::string hex_word(Width width, Word word);

/// The report of one run (docs/FORMATS.md, Report), plus `events_total` and, when events were
/// dropped, `events_truncated: true`. `sha256` is the digest of the scenario file's bytes.
nlohmann::ordered_json report_json(const Scenario& scenario, const Outcome& outcome,
                                   std::string_view sha256);

/// The text of a report, or of an array of reports, as files and stdout carry it: one line per
/// field, one line per event and per object, each small record on one line (diff-friendly).
std::string dump_report(const nlohmann::ordered_json& report_or_reports);

/// Reads a report back into an Outcome (for round trips). `created_immortal`, which the report
/// does not carry, is recomputed from the scenario. Nullopt when the report does not fit the
/// scenario or is not a well-formed report.
std::optional<Outcome> outcome_from_report_json(const Scenario& scenario,
                                                const nlohmann::ordered_json& report);

}  // namespace refsim
