// libFuzzer's output: a small token reader over the lines libFuzzer's Printf calls produce
// (FuzzerLoop.cpp PrintStats, FuzzerFork.cpp's job summary, FuzzerUtil's final stats).
#include "campaign/libfuzzer_output.h"

#include <charconv>

namespace refsim::campaign {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The decimal number at the start of `s` (skipping blanks); advances `s` past it.
std::optional<std::uint64_t> number(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc() || end == s.data()) return std::nullopt;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return value;
}

/// The number after the first occurrence of `key` in `line`.
std::optional<std::uint64_t> field(std::string_view line, std::string_view key) {
  const std::size_t at = line.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(at + key.size());
  return number(rest);
}

/// Keeps the larger value: libFuzzer's counters only grow, and fork mode may report out of order.
void raise(std::optional<std::uint64_t>& slot, std::optional<std::uint64_t> value) {
  if (value && (!slot || *value > *slot)) slot = value;
}
void raise(std::uint64_t& slot, std::optional<std::uint64_t> value) {
  if (value && *value > slot) slot = *value;
}

LineKind status_line(std::string_view line, FuzzerStatus& status) {
  std::string_view rest = line.substr(1);
  const std::optional<std::uint64_t> execs = number(rest);
  if (!execs || rest.empty() || (rest.front() != ':' && rest.front() != '\t')) return LineKind::Other;
  if (line.find("cov: ") == std::string_view::npos && line.find("ft: ") == std::string_view::npos &&
      line.find("corp: ") == std::string_view::npos)
    return LineKind::Other;
  raise(status.execs, execs);
  raise(status.cov, field(line, "cov: "));
  raise(status.ft, field(line, "ft: "));
  if (auto corpus = field(line, "corp: ")) status.corpus = corpus;  // may shrink (REDUCE)
  if (auto rate = field(line, "exec/s: ")) status.exec_per_sec = rate;
  else if (auto fork_rate = field(line, "exec/s ")) status.exec_per_sec = fork_rate;
  if (const std::size_t at = line.find("oom/timeout/crash: "); at != std::string_view::npos) {
    std::string_view counts = line.substr(at + 19);
    const auto ooms = number(counts);
    if (!counts.empty() && counts.front() == '/') counts.remove_prefix(1);
    const auto timeouts = number(counts);
    if (!counts.empty() && counts.front() == '/') counts.remove_prefix(1);
    const auto crashes = number(counts);
    raise(status.ooms, ooms);
    raise(status.timeouts, timeouts);
    raise(status.crashes, crashes);
  }
  raise(status.jobs_done, field(line, " job: "));
  return LineKind::Status;
}

}  // namespace

LineKind fold_line(std::string_view line, FuzzerStatus& status) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (starts_with(line, "#")) return status_line(line, status);
  if (starts_with(line, "INFO: Seed: ")) {
    status.seed = std::string(line.substr(12));
    return LineKind::Seed;
  }
  if (starts_with(line, "stat::number_of_executed_units:")) {
    status.final_execs = field(line, "units:");
    return LineKind::FinalStat;
  }
  // Plain mode only: fork mode echoes the job's "deadly signal" line too but counts the crash in
  // its next status line, so this counter is used only while no fork status has been seen.
  if (starts_with(line, "==") && line.find("ERROR: libFuzzer: ") != std::string_view::npos) {
    if (!status.jobs_done) {
      if (line.find("timeout") != std::string_view::npos) ++status.timeouts;
      else if (line.find("out-of-memory") != std::string_view::npos) ++status.ooms;
      else ++status.crashes;
    }
    return LineKind::Crash;
  }
  return LineKind::Other;
}

}  // namespace refsim::campaign
