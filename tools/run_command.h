// Run command: `refsim run FILE...` with its typed options; decode every file, run, report.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "model/engine.h"

namespace refsim::tools {

/// The exit statuses of the command line (docs/FORMATS.md, Exit statuses).
enum class ExitStatus : int {
  Ok = 0,            ///< ran, and every expect held
  ExpectFailed = 1,  ///< ran, and some expect failed (the report is still written)
  BadInput = 2,      ///< bad input or usage; nothing ran, no report was written
};

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
