// Driver: runs one libFuzzer binary for a fixed time as a child process (in process for one job,
// fork mode for several), folds its output into a FuzzerStatus, counts the claims the target
// reports broken, shows progress, and stops it at the deadline or on request.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <set>
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
  /// Where the target writes the first input of each violation signature (crash-<sha1>), so that
  /// fork mode's claims broken can be counted from the folder.
  std::optional<std::filesystem::path> findings;
  std::map<std::string, std::string> env;       ///< for the target (REFSIM_CLAIMS_FILE, ...)
  std::vector<std::string> extra;               ///< libFuzzer flags given after `--`, last
  std::uint32_t seed = 1;                       ///< -seed (never 0: libFuzzer would pick one)
  std::chrono::seconds time{60};
  unsigned jobs = 1;                            ///< 1: in process; more: -fork=jobs
  unsigned timeout_seconds = 10;                ///< -timeout: one input running longer is a finding
  const volatile std::sig_atomic_t* stop = nullptr;  ///< set by a signal handler: stop early
  bool terminal = false;                        ///< progress redrawn in place (else a few lines: plain_period)
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
  std::set<std::string> broken;        ///< claims reported broken ("refsim-fuzz: violated ID/...")
};

/// The libFuzzer command line for these options: in process for one job (the claims target never
/// aborts on a violation), fork mode with crashes/timeouts/ooms ignored for several; final stats
/// printed; the extra flags last, so that they override.
std::vector<std::string> libfuzzer_command(const DriverOptions& options);

/// Runs libFuzzer until the time is up (SIGTERM to its process group at the deadline: fork mode
/// itself only stops between jobs, which overruns) or `stop` is set; progress goes to `progress`.
DriverResult drive(const DriverOptions& options, std::ostream& progress);

}  // namespace refsim::campaign
