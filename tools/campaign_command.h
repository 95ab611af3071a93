// Campaign command: `refsim campaign` runs a libFuzzer target for a fixed time, then replays what
// it found, minimizes and files new findings into the corpus and writes a JSON report.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>

#include "fuzz/target.h"
#include "tools/run_command.h"

namespace refsim::tools {

struct CampaignOptions {
  fuzz::Target target = fuzz::Target::ImmortalSafety;
  std::chrono::seconds time{60};
  unsigned jobs = 1;
  std::filesystem::path corpus = "corpus";   ///< corpus root: seeds read, regression/ written
  std::optional<std::uint32_t> seed;         ///< else a random one, printed first
  std::filesystem::path out;                 ///< work corpus, artifacts, report (default fuzz-out/<target>)
  std::optional<std::filesystem::path> report;  ///< default <out>/report.json
  std::filesystem::path fuzzer;              ///< the libFuzzer binary
  bool file_findings = true;                 ///< false: --no-file, the corpus is not touched
  std::chrono::seconds minimize_time{30};    ///< shared by the new findings
  bool terminal = false;                     ///< stderr is a terminal: redraw progress in place
  /// Counts SIGINT/SIGTERM: the first stops libFuzzer (triage and report still follow), the
  /// second also cuts minimization short.
  const volatile std::sig_atomic_t* signals = nullptr;
};

/// Runs the campaign. Progress and `refsim: ` lines go to `err`, a summary to `out`. Returns
/// ExpectFailed (1) when there are new findings, BadInput (2) for bad input (a missing fuzzer
/// binary: with the command that builds it) or when libFuzzer failed, else Ok.
ExitStatus campaign_command(const CampaignOptions& options, std::ostream& out, std::ostream& err);

}  // namespace refsim::tools
