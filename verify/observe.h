// Observe: runs one scenario's program on the real interpreter in a fresh child process and reads
// its records (and any fatal error text or signal) into an Observation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "model/names.h"
#include "verify/observation.h"

namespace refsim::verify {

/// Called with the step count each time the probe reports progress (every 2^30 steps).
using Progress = std::function<void(std::uint64_t step)>;

/// A record line "@tag field ...": its tag and fields; false for any other line (the interpreter's own).
bool split_record(const std::string& line, std::string& tag, std::vector<std::string>& fields);

/// A record's operation path "1.0" (empty text: the empty path) and a hex field.
OpPath parse_path(const std::string& text);
Word parse_hex(const std::string& text);

/// What a child probe printed (progress records taken out) and how it ended ("" for exit status 0).
struct ProbeRun {
  std::vector<std::string> lines;
  std::string ended;
};

/// Runs `python -I -S -c <driver> MODULE_DIR PROGRAM_FILE` to its end: the probe of either build.
/// The reason when the child could not be started.
std::variant<ProbeRun, std::string> run_probe(const std::string& python, const std::string& module_dir,
                                              const std::string& program_file, const Progress& progress);

/// Runs `python -I -S -c <driver> MODULE_DIR PROGRAM_FILE`. `kinds` are the scenario's object kinds
/// (they tell what a returning tp_dealloc did). The reason when the probe could not start or run
/// its setup (an unusable interpreter, not a finding).
std::variant<Observation, std::string> observe_real(const std::string& python, const std::string& module_dir,
                                                    const std::string& program_file, const std::vector<Kind>& kinds,
                                                    const Progress& progress);

/// Reads the probe's records and the child's other output lines into an Observation; `ended` is
/// how the child ended ("" when it exited with status 0). Exposed for tests.
std::variant<Observation, std::string> read_records(const std::vector<std::string>& lines, const std::vector<Kind>& kinds,
                                                    const std::string& ended);

}  // namespace refsim::verify
