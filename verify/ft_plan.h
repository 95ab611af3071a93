// FtPlan: decides whether a scenario with threads can run faithfully on a free-threaded
// interpreter, and writes it as the free-threaded probe's program (threads, objects with their
// owners, the operation tree with each operation's thread and code slot).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/freethreaded/ft_scenario.h"
#include "verify/interpreter.h"

namespace refsim::verify {

/// Threads the probe can run (MAX_THREADS in ft_probe.c.inc): the main thread and 7 pthreads.
inline constexpr std::size_t kMaxFtThreads = 8;

/// Immortal objects the probe has: None, True, False, Ellipsis, NotImplemented.
inline constexpr std::size_t kMaxFtImmortals = 5;

/// Why the scenario's runtime is not this interpreter (free-threaded or not, version, width, debug
/// build), or nullopt when it is. The draft runtime and the scaled widths exist only in the model.
std::optional<std::string> ft_runtime_mismatch(const ft::FtScenario& scenario, const Interpreter& interpreter);

struct FtPlan {
  std::string program;  ///< the probe's input (ft_probe.c.inc, probe_run)
  std::uint64_t steps = 0;
};

/// The `by` of every incref, decref, set_refcnt and refcnt of a scenario document, in the order a
/// depth-first walk meets them ("core" where absent). The document passed parse_ft_scenario.
std::vector<std::string> ft_origins(std::string_view document);

/// The program, or why the scenario cannot run faithfully: a runtime mismatch, an origin with no
/// code slot, a thread the probe cannot give, the main thread's exit, too many immortal objects,
/// or too many steps without `allow_slow`. `origins` as ft_origins gives them.
std::variant<FtPlan, std::string> plan_ft_scenario(const ft::FtScenario& scenario, const std::vector<std::string>& origins,
                                                   const Interpreter& interpreter, bool allow_slow);

}  // namespace refsim::verify
