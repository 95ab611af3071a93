// Search: the "must fail" half of the suite. A property that should fail runs through RapidCheck's
// search and shrinking with a silent listener (its failure is the expected result, not a failure of
// the suite), and its shrunk counterexample comes back to the test, which compares it with the
// minimum that docs/SEMANTICS.md implies, computed independently of the run.
//
// Which case is "the shrunk counterexample": RapidCheck shrinks by accepting any smaller failing
// case (smaller in its own order: fewer commands, smaller drawn values) until none of its shrinks
// fails, then runs that minimal case once more (to describe it) before returning: the last failing
// evaluation is RapidCheck's minimum. The search also records the smallest failing case it evaluated
// by (operations, total count); the tests require RapidCheck's minimum to be the expected one and no
// evaluated failing case to be smaller than it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"

namespace refsim::props {

using U128 = unsigned __int128;

/// How big a counterexample is: fewest scenario operations first, then the smallest total count.
struct Size {
  std::size_t ops = 0;
  U128 total = 0;
  friend bool operator<(const Size& a, const Size& b) {
    return a.ops != b.ops ? a.ops < b.ops : a.total < b.total;
  }
  friend bool operator==(const Size& a, const Size& b) = default;
};
Size size_of(const Scenario& s);

struct Found {
  bool failed = false;
  std::optional<Scenario> shrunk;    ///< the last failing evaluation: RapidCheck's minimal case
  std::optional<Scenario> smallest;  ///< the smallest failing case evaluated, by Size
  std::string report;                ///< RapidCheck's message (with the counterexample)
  std::string reproduce;             ///< the RC_PARAMS value that replays the minimal case
  int evaluations = 0;
  int cases = 0;                     ///< cases run before the first failure
};

/// Runs the property "`fails` never holds on what `draw` draws" (draw runs inside the property, so
/// everything it draws shrinks) for at most `max_cases` cases (0: ten times max_success, at least
/// 1000), with RC_PARAMS' seed and size.
Found search(const std::string& id, const std::function<Scenario()>& draw,
             const std::function<bool(const Scenario&)>& fails, int max_cases = 0,
             std::uint64_t seed_offset = 0);

/// RapidCheck's shrinking is greedy: from different first failures it may end in different local
/// minima (a case none of whose shrinks fails). `restarts` searches with seeds derived from the
/// configured one; the result is the smallest of their shrunk counterexamples (by Size), with every
/// search kept for the report.
struct Searches {
  std::vector<Found> runs;
  std::optional<Scenario> best;  ///< the smallest shrunk counterexample of all runs
  std::size_t best_run = 0;
  /// How many runs shrank to `s` exactly.
  int runs_ending_at(const Scenario& s) const;
};
Searches search_restarts(const std::string& id, const std::function<Scenario()>& draw,
                         const std::function<bool(const Scenario&)>& fails, int restarts);

/// The scenario as one line of JSON (for the test log).
std::string one_line(const Scenario& s);

}  // namespace refsim::props
