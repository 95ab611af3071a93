// Replay command: `refsim replay PATH...` replays fuzz inputs and scenarios, checks regression
// inputs against their recorded behaviour, groups findings by signature and reports them.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/target.h"
#include "tools/run_command.h"

namespace refsim::tools {

struct ReplayOptions {
  std::vector<std::string> paths;      ///< files or folders (recursive)
  std::optional<fuzz::Target> target;  ///< --target: for binary inputs whose path does not tell it
  std::optional<std::string> report;   ///< --report OUT: refsim-replay/2 JSON
  std::optional<std::string> junit;    ///< --junit OUT: JUnit XML, a test case per input
  std::optional<std::string> sarif;    ///< --sarif OUT: SARIF 2.1.0, a result per finding group
  OutputFormat format = OutputFormat::Json;
};

/// Every file is read and decoded before anything runs (bad input: one `refsim: ` line, exit 2,
/// nothing written; so is a PATH with nothing to replay). Then:
///  - `*.json`: a scenario; its expect block must hold (as `refsim run`), and the scenario_json
///    target's checks (write/parse and report round trips) must find nothing;
///  - `*.expected`, `*.md`, `README*`, hidden files: skipped;
///  - anything else: a fuzz input of the target named by --target, else by the path, else by its
///    `.expected` sidecar. With a sidecar (a regression input) the findings' signatures and first
///    step must be the recorded ones; without one, the input must decode (scenario_json inputs
///    may be invalid JSON on purpose) and findings of targets whose findings are bugs
///    (engine_equivalence, scenario_json) fail the replay (as fuzz::replay, which ctest runs).
/// Writes the refsim-replay/2 report to --report or stdout (text with --format text), JUnit XML to
/// --junit and SARIF to --sarif, one line per failure on `err`, and returns ExpectFailed (1) when
/// anything failed, else Ok.
ExitStatus replay_command(const ReplayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
