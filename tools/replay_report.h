// Replay report: what `refsim replay` found, and its four renderings (refsim-replay/2 JSON, text,
// JUnit XML with a test case per input, SARIF with a result per finding group).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaign/finding_groups.h"

namespace refsim::tools {

inline constexpr std::string_view kReplayFormat = "refsim-replay/2";

struct ReplayFailure {
  std::string file;
  std::string kind;  ///< "expect", "regression", "rejected" or "bug"
  std::string message;
};

/// One input replayed: a JUnit test case.
struct ReplayedInput {
  std::string file;
  std::string kind;  ///< "scenario", or the fuzz target's name
  double seconds = 0;
  std::vector<ReplayFailure> failures;
};

struct ReplayRun {
  std::uint64_t scenarios = 0, fuzz_inputs = 0, regression = 0, rejected = 0;
  std::vector<ReplayedInput> inputs;
  campaign::FindingGroups groups;

  std::vector<ReplayFailure> failures() const;
};

/// The refsim-replay/2 document (docs/FORMATS-REPORT.md).
nlohmann::ordered_json replay_json(const ReplayRun& run);
/// The same for people.
std::string replay_text(const ReplayRun& run);
/// JUnit XML: suite "refsim replay", a case per input named by its path, classname
/// "replay.<kind>", failed when the input failed.
std::string replay_junit(const ReplayRun& run);
/// SARIF 2.1.0: a result per finding group, located at the input of its smallest reproducer, the
/// reproducer scenario attached; error for targets whose findings are refsim bugs, else warning.
std::string replay_sarif(const ReplayRun& run);

}  // namespace refsim::tools
