// Progress: formatting of counts and times, and the two ways of showing the status line.
#include "campaign/progress.h"

#include <algorithm>
#include <ostream>

namespace refsim::campaign {

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string counted(std::uint64_t n, const std::string& noun) {
  return grouped(n) + " " + noun + (n == 1 ? "" : "s");
}

std::chrono::milliseconds plain_period(std::chrono::seconds total) {
  return std::max<std::chrono::milliseconds>(std::chrono::minutes(1), total / 4);
}

std::string clock_text(std::chrono::seconds s) {
  const long long total = s.count() < 0 ? 0 : s.count();
  auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  const long long h = total / 3600, m = total / 60 % 60, sec = total % 60;
  return (h > 0 ? std::to_string(h) + ":" + two(m) : two(m)) + ":" + two(sec);
}

std::string status_line(const FuzzerStatus& status, std::chrono::milliseconds elapsed,
                        std::chrono::seconds total) {
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  const seconds done = duration_cast<seconds>(elapsed);
  const std::uint64_t rate =
      elapsed.count() > 0 ? static_cast<std::uint64_t>(static_cast<double>(status.execs) * 1000.0 /
                                                       static_cast<double>(elapsed.count()))
                          : 0;
  std::string line = clock_text(done) + " elapsed, " + clock_text(total - done) + " left | " +
                     grouped(status.execs) + " execs, " + grouped(rate) + " exec/s | cov " +
                     (status.cov ? grouped(*status.cov) : "-") + " | " + grouped(status.findings) +
                     (status.findings == 1 ? " claim broken" : " claims broken");
  if (status.crashes) line += ", " + grouped(status.crashes) + (status.crashes == 1 ? " crash" : " crashes");
  if (status.timeouts) line += ", " + grouped(status.timeouts) + " timeouts";
  if (status.ooms) line += ", " + grouped(status.ooms) + " ooms";
  return line;
}

ProgressDisplay::ProgressDisplay(std::ostream& out, bool terminal, std::chrono::milliseconds tty_period,
                                 std::chrono::milliseconds plain_period)
    : out_(out), terminal_(terminal), tty_period_(tty_period), plain_period_(plain_period) {}

void ProgressDisplay::update(const std::string& line, std::chrono::milliseconds elapsed, bool force) {
  const std::chrono::milliseconds period = terminal_ ? tty_period_ : plain_period_;
  if (!force && last_.count() >= 0 && elapsed - last_ < period) return;
  if (line == shown_) return;  // the final line, forced, after the same line at the deadline
  last_ = elapsed;
  shown_ = line;
  if (terminal_) {
    out_ << '\r' << line << "\x1b[K";
    drawn_ = true;
  } else {
    out_ << "campaign: " << line << '\n';
  }
  out_.flush();
}

void ProgressDisplay::finish() {
  if (terminal_ && drawn_) out_ << '\n';
  drawn_ = false;
  out_.flush();
}

}  // namespace refsim::campaign
