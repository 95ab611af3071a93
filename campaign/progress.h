// Progress: the campaign's status line (elapsed and remaining time, executions, exec/s, coverage,
// claims broken), redrawn in place on a terminal and printed a few times otherwise (plain_period).
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "campaign/libfuzzer_output.h"

namespace refsim::campaign {

/// "1,234,567"
std::string grouped(std::uint64_t n);

/// "1 claim", "2,000 claims": the count grouped and the noun, plural unless the count is 1.
std::string counted(std::uint64_t n, const std::string& noun);

/// How often a status line is printed off a terminal during a run of `total`: every minute, and at
/// most about four times in all (a run prints its start, these, and its end).
std::chrono::milliseconds plain_period(std::chrono::seconds total);

/// "01:05" for 65 s, "1:02:03" from an hour on.
std::string clock_text(std::chrono::seconds s);

/// The status line for `status` at `elapsed` of `total`, e.g.
/// "00:12 elapsed, 00:48 left | 1,234,567 execs, 102,880 exec/s | cov 312 | 3 claims broken"
/// (crashes, timeouts and ooms of refsim itself are added when there are any).
/// exec/s is executions over elapsed time: fork mode's own figure is per job and often 0.
std::string status_line(const FuzzerStatus& status, std::chrono::milliseconds elapsed,
                        std::chrono::seconds total);

class ProgressDisplay {
 public:
  /// `terminal`: redraw one line in place (\r, erase to end of line) at most every `tty_period`;
  /// otherwise write a full line every `plain_period`.
  ProgressDisplay(std::ostream& out, bool terminal,
                  std::chrono::milliseconds tty_period = std::chrono::milliseconds(250),
                  std::chrono::milliseconds plain_period = std::chrono::milliseconds(10000));

  /// Shows `line` when its period has passed since the last one (or `force`), unless it is the line
  /// shown last.
  void update(const std::string& line, std::chrono::milliseconds elapsed, bool force = false);

  /// Ends the in-place line (a newline on a terminal) before other output.
  void finish();

 private:
  std::ostream& out_;
  bool terminal_;
  std::chrono::milliseconds tty_period_, plain_period_;
  std::chrono::milliseconds last_{-1};
  bool drawn_ = false;
  std::string shown_;  ///< the line shown last
};

}  // namespace refsim::campaign
