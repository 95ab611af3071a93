// libFuzzer's output: reads the status lines libFuzzer prints on stderr (plain and fork mode)
// into one running tally of executions, coverage and findings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refsim::campaign {

/// What libFuzzer has reported so far. Counters only grow; unset fields were never reported.
struct FuzzerStatus {
  std::uint64_t execs = 0;                ///< `#N`: executions so far (all jobs in fork mode)
  std::optional<std::uint64_t> cov;       ///< `cov: C`: covered edges (PCs)
  std::optional<std::uint64_t> ft;        ///< `ft: F`: features
  std::optional<std::uint64_t> corpus;    ///< `corp: N` (fork) or `corp: N/Sb` (plain)
  std::optional<std::uint64_t> exec_per_sec;  ///< libFuzzer's own figure (fork mode: often 0)
  std::uint64_t crashes = 0;              ///< fork mode's `oom/timeout/crash: O/T/C`, or plain crashes
  std::uint64_t findings = 0;             ///< claims broken so far (set by the driver)
  std::uint64_t timeouts = 0;
  std::uint64_t ooms = 0;
  std::optional<std::uint64_t> jobs_done; ///< fork mode's `job: J`
  std::optional<std::uint64_t> final_execs;  ///< `stat::number_of_executed_units`
  std::optional<std::string> seed;        ///< `INFO: Seed: S`
};

/// Which kind of line it was (for the driver: status lines refresh the display).
enum class LineKind { Status, Crash, Seed, FinalStat, Other };

/// Folds one line of libFuzzer output (without its newline) into `status`. Recognises:
///   "#4663322: cov: 5 ft: 10 corp: 8 exec/s 558785 oom/timeout/crash: 0/0/1 time: 8s job: 3 ..."
///   "#1048576\tpulse  cov: 9 ft: 12 corp: 5/17b lim: 8 exec/s: 349525 rss: 30Mb"
///   "#12\tNEW    cov: 4 ft: 4 corp: 2/3b lim: 4 exec/s: 0 rss: 29Mb L: 2/2 MS: 1 ChangeBit-"
///   "==123== ERROR: libFuzzer: deadly signal" (plain mode; fork mode counts in its status line)
///   "INFO: Seed: 7", "stat::number_of_executed_units: 1234"
/// Anything else (sanitizer reports, stack traces) is Other and changes nothing.
LineKind fold_line(std::string_view line, FuzzerStatus& status);

}  // namespace refsim::campaign
