// Plan: decides whether a scenario can run faithfully on this interpreter, and writes it as the
// probe's program (objects, then the operation tree with each origin's code slot).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/scenario.h"
#include "verify/interpreter.h"

namespace refsim::verify {

/// Single operations a scenario may have without --allow-slow: about a minute at worst on a
/// literal C loop (2^34 steps; 2^33 take seconds).
inline constexpr std::uint64_t kSlowSteps = std::uint64_t{1} << 34;

/// Objects the probe can track (MAX_OBJ in probe_records.c.inc).
inline constexpr std::size_t kMaxObjects = 64;

struct PlanOptions {
  bool allow_slow = false;
  /// Extension origins the probe was built with (slot 2 + index), besides ext-3.11's legacy code.
  std::vector<std::string> ext_versions;
};

/// A word or value as the probe programs write it: lowercase hex digits, no prefix (fscanf's %llx).
std::string hex(std::uint64_t value);

/// Why a scenario of `steps` single operations is refused: more than kSlowSteps without
/// --allow-slow (the count in decimal). Shared by both builds' plans.
std::optional<std::string> slow_refusal(unsigned __int128 steps, bool allow_slow);

/// Why the scenario's runtime is not this interpreter (version, width, debug build, strategy), or
/// nullopt when it is.
std::optional<std::string> runtime_mismatch(const Scenario& scenario, const Interpreter& interpreter);

struct Plan {
  std::string program;  ///< the probe's input (see probe_run.c.inc, probe_run)
  std::uint64_t steps = 0;
};

/// The program, or why the scenario cannot run faithfully: a runtime mismatch, an origin whose code
/// cannot be run here, a gc (the real collector's own traffic), an object kind the probe cannot give
/// twice, or too many steps without `allow_slow`.
std::variant<Plan, std::string> plan_scenario(const Scenario& scenario, const Interpreter& interpreter,
                                              const PlanOptions& options);

/// The probe's code slot for an origin: 0 core (Py_IncRef, Py_DecRef, Py_SET_REFCNT of the
/// interpreter), 1 ext-3.11 (legacy full-word code), 2 + i the i-th extension origin built; or why
/// it cannot run.
std::variant<int, std::string> origin_slot(Origin origin, const Interpreter& interpreter, const PlanOptions& options);

}  // namespace refsim::verify
