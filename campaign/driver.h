// Driver: runs one libFuzzer binary in fork mode for a fixed time as a child process, folds its
// output into a FuzzerStatus, shows progress, and stops it at the deadline or on request.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "campaign/child_process.h"
#include "campaign/libfuzzer_output.h"

namespace refsim::campaign {

struct DriverOptions {
  std::filesystem::path fuzzer;                 ///< the libFuzzer binary
  std::vector<std::filesystem::path> corpora;   ///< first: the work corpus (written); then read-only seeds
  std::filesystem::path artifacts;              ///< artifact folder (created by the caller)
  std::filesystem::path temp;                   ///< TMPDIR for fork mode's job files
  std::optional<std::filesystem::path> dict;    ///< -dict
  /// Where the target writes the first input of each new signature (finding-<sha1>) instead of
  /// aborting, so that findings do not end fork-mode jobs (REFSIM_FUZZ_FINDINGS_DIR).
  std::optional<std::filesystem::path> findings;
  /// Signatures the target must not report, one per line (REFSIM_FUZZ_SKIP_FILE).
  std::optional<std::filesystem::path> skip;
  std::uint32_t seed = 1;                       ///< -seed (never 0: libFuzzer would pick one)
  std::chrono::seconds time{60};
  unsigned jobs = 1;                            ///< -fork=jobs
  unsigned timeout_seconds = 10;                ///< -timeout: one input running longer is a finding
  const volatile std::sig_atomic_t* stop = nullptr;  ///< set by a signal handler: stop early
  bool terminal = false;                        ///< progress redrawn in place (else a line every 10 s)
};

struct DriverResult {
  FuzzerStatus status;
  std::chrono::milliseconds elapsed{0};
  bool completed = false;    ///< ran for the time asked (libFuzzer ended on its own or at the deadline)
  bool interrupted = false;  ///< stopped early by `stop`
  std::optional<ChildExit> exit;
  std::optional<std::string> error;    ///< libFuzzer could not start or failed on its own
  std::deque<std::string> last_lines;  ///< its last lines of output, for error messages
  std::vector<std::string> command;    ///< the command line run
};

/// The libFuzzer command line for these options: fork mode (also for one job, so that a finding
/// does not end the run), crashes/timeouts/ooms ignored, final stats printed.
std::vector<std::string> libfuzzer_command(const DriverOptions& options);

/// Runs libFuzzer until the time is up (SIGTERM to its process group at the deadline: fork mode
/// itself only stops between jobs, which overruns) or `stop` is set; progress goes to `progress`.
DriverResult drive(const DriverOptions& options, std::ostream& progress);

}  // namespace refsim::campaign
