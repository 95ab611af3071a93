// FtReport: the verdicts of `refsim verify` on a free-threaded interpreter as the versioned JSON
// document refsim-verify/2 (docs/schemas/refsim-verify-2.schema.json: /1's shape, with both refcount
// fields and the owner wherever /1 has a word) and as text, real and model side by side.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/freethreaded/ft_scenario.h"
#include "verify/ft_observation.h"
#include "verify/report.h"

namespace refsim::verify {

/// /2 plus the scenarios --skip-refused left out (docs/VERIFY.md, Free-threaded builds).
inline constexpr std::string_view kFtVerifyFormat = "refsim-verify/4";

using FtVerdict = BasicVerdict<ft::FtScenario, FtObservation>;

nlohmann::ordered_json ft_verify_report_json(const RunInfo& info, const std::vector<FtVerdict>& verdicts, int exit_status);

/// Per scenario: a header, then real and model in two columns (starting fields, fields after each
/// top-level operation, events, outcome), then the disagreements.
std::string ft_verify_report_text(const RunInfo& info, const std::vector<FtVerdict>& verdicts);

}  // namespace refsim::verify
