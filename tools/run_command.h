// Run command: `refsim run FILE...` with its typed options; decode every file, run, report.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "model/engine.h"
#include "tools/exit_status.h"

namespace refsim::tools {

enum class OutputFormat { Json, Text, Html };

/// `--engine stepwise` warns on stderr before running a scenario of more single operations (about
/// a second's work for the literal reference).
inline constexpr unsigned __int128 kStepwiseWarnSteps = 100'000'000;

struct RunOptions {
  std::vector<std::string> files;
  std::optional<std::string> report;  ///< --report OUT: the refsim-report/2 document goes there
  OutputFormat format = OutputFormat::Json;
  EngineKind engine = EngineKind::Fast;
  RunLimits limits;
};

/// Runs the command. Writes one refsim-report/2 document (a `reports` entry per file, whatever
/// their number) to --report or `out`, or text with a closing summary to `out`; the `refsim: `
/// lines (expect failures, warnings) go to `err`.
ExitStatus run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
