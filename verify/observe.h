// Observe: runs one scenario's program on the real interpreter in a fresh child process and reads
// its records (and any fatal error text or signal) into an Observation.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "io/report_text.h"
#include "model/names.h"
#include "verify/observation.h"
#include "verify/silence.h"

namespace refsim::verify {

/// Called with the step count each time the probe reports progress (every 2^30 steps).
using Progress = std::function<void(std::uint64_t step)>;

/// A record line "@tag field ...": its tag and fields; false for any other line (the interpreter's own).
bool split_record(const std::string& line, std::string& tag, std::vector<std::string>& fields);

/// A record's operation path "1.0" (empty text: the empty path) and a hex field.
OpPath parse_path(const std::string& text);
Word parse_hex(const std::string& text);

/// Calls RECORD(tag, fields) for each record line in order, the other lines collected into TEXT (the
/// interpreter's own messages); the first reason RECORD returns ends the reading.
template <class Record>
std::optional<std::string> each_record(const std::vector<std::string>& lines, std::string& text, Record record) {
  std::string tag;
  std::vector<std::string> fields;
  for (const std::string& line : lines) {
    if (!split_record(line, tag, fields)) text += line + "\n";
    else if (auto reason = record(tag, fields)) return reason;
  }
  return std::nullopt;
}

/// The end of reading a probe's records, for either build: the fatal error line into the detail, a
/// child killed without a record is a crash, the final objects. The reason when the probe never
/// started (fewer start records than `objects`): an unusable interpreter, not a finding.
template <class Run>
std::optional<std::string> finish_records(Run& seen, const std::string& text, const std::string& ended, std::size_t objects,
                                          bool finished) {
  const std::size_t fatal = text.find("Fatal Python error");
  if (fatal != std::string::npos)
    seen.detail += (seen.detail.empty() ? "" : "; ") + printable(text.substr(fatal, text.find('\n', fatal) - fatal));
  if (seen.start.size() != objects)
    return "the probe did not start (" + (ended.empty() ? "exit status 0" : ended) + "): " + text.substr(0, 300);
  if (!finished && !seen.crashed) {  // killed without a record: a crash all the same
    seen.crashed = true;
    seen.detail = ended + (seen.detail.empty() ? "" : "; " + seen.detail);
  }
  if (!seen.crashed) seen.objects = seen.after_op.empty() ? seen.start : seen.after_op.back();
  return std::nullopt;
}

/// What a child probe printed (progress records taken out) and how it ended ("" for exit status 0).
struct ProbeRun {
  std::vector<std::string> lines;
  std::string ended;
};

/// Runs `python -I -S -c <driver> MODULE_DIR PROGRAM_FILE` to its end: the probe of either build.
/// The reason when the child could not be started, or printed nothing (records or progress) for
/// `silence_limit` and was stopped (verify/silence.h).
std::variant<ProbeRun, std::string> run_probe(const std::string& python, const std::string& module_dir,
                                              const std::string& program_file, const Progress& progress,
                                              std::chrono::seconds silence_limit);

/// The two ways a probe run fails, as the reasons begin: the child could not be run, or it ran and
/// its output could not be read (a set-up failure it printed, records cut short, no records).
inline constexpr const char* kProbeNotRun = "could not run the probe: ";
inline constexpr const char* kProbeOutputUnread = "ran the probe, but its output could not be read: ";

/// Runs `python -I -S -c <driver> MODULE_DIR PROGRAM_FILE`. `kinds` are the scenario's object kinds
/// (they tell what a returning tp_dealloc did). The reason when the probe could not start or run
/// its setup (an unusable interpreter, not a finding).
std::variant<Observation, std::string> observe_real(const std::string& python, const std::string& module_dir,
                                                    const std::string& program_file, const std::vector<Kind>& kinds,
                                                    const Progress& progress, std::chrono::seconds silence_limit);

/// Reads the probe's records and the child's other output lines into an Observation; `ended` is
/// how the child ended ("" when it exited with status 0). Exposed for tests.
std::variant<Observation, std::string> read_records(const std::vector<std::string>& lines, const std::vector<Kind>& kinds,
                                                    const std::string& ended);

}  // namespace refsim::verify
