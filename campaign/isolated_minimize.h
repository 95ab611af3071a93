// Isolated minimization: the minimizer in a child process, so that a candidate whose check never
// ends (the fast engine does not jump every shape) cannot hang the campaign past its budget.
#pragma once

#include <optional>
#include <string>

#include "campaign/file_io.h"
#include "campaign/minimizer.h"
#include "fuzz/target.h"

namespace refsim::campaign {

struct IsolatedResult {
  std::optional<Bytes> best;  ///< the encoding of the smallest scenario that kept the signature
  std::uint64_t tries = 0;    ///< predicate calls, when the child finished by itself
  bool killed = false;        ///< the child overran its budget (by more than a second) and was killed
};

/// Minimizes `start` while `fuzz::check(target, encode(s))` still shows `signature`, in a forked
/// child that reports each improvement over a pipe. The child gets `limits`; it is killed one
/// second after `limits.time`, or when `limits.stop` turns true; the last improvement received
/// counts. `best` is empty when nothing smaller was found.
IsolatedResult minimize_isolated(fuzz::Target target, const Scenario& start, const std::string& signature,
                                 const MinimizeLimits& limits);

}  // namespace refsim::campaign
