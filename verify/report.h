// Report: the verdicts of one `refsim verify` as the versioned JSON document refsim-verify/3
// (docs/schemas/refsim-verify-3.schema.json) and as text, real and model side by side.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario.h"
#include "verify/compare.h"
#include "verify/interpreter.h"
#include "verify/observation.h"
#include "verify/verdict.h"

namespace refsim::verify {

/// /1 plus the scenarios --skip-refused left out (docs/VERIFY.md, The report).
inline constexpr std::string_view kVerifyFormat = "refsim-verify/3";

using Verdict = BasicVerdict<Scenario, Observation>;

struct RunInfo {
  Interpreter interpreter;
  std::vector<std::string> compiler;
  std::vector<std::string> ext_versions;
  double seconds = 0;
  std::vector<Refusal> refused;  ///< --skip-refused: the scenarios left out, in input order
};

nlohmann::ordered_json verify_report_json(const RunInfo& info, const std::vector<Verdict>& verdicts, int exit_status);

/// Per scenario: a header, then real and model in two columns (starting words, words after each
/// top-level operation, events, outcome), then the disagreements.
std::string verify_report_text(const RunInfo& info, const std::vector<Verdict>& verdicts);

}  // namespace refsim::verify
