// Test helpers: every runtime combination, and one-operation scenarios.
#pragma once

#include <vector>

#include "model/engine.h"
#include "model/runtime.h"
#include "model/outcome.h"
#include "model/scenario.h"

#include <ostream>

namespace refsim::testing {

/// Every (version, debug, applicable strategy) at one width. periodic-reset uses `period`.
std::vector<RuntimeSpec> all_runtimes(unsigned width, std::uint64_t period = 7);

// Under ASan + UBSan (preset asan) and in the fictional-rows build (REFSIM_SAMPLED_SWEEPS) the engine
// tests run on a sample: the exhaustive sweeps run in full in the plain build, the sanitizers look for
// memory errors and UB, which the sample reaches, and the fictional-rows build sweeps its appended
// rows' runtimes in full (sweep) and the real ones, whose code it shares with the plain build, on
// the sample.
#ifdef REFSIM_SAMPLED_SWEEPS
inline constexpr unsigned kSample = 7;  // every 7th runtime of a sweep, a seventh of the random cases
#else
inline constexpr unsigned kSample = 1;
#endif

/// The runtimes of a sweep at one width: all of them (all_runtimes), or every kSample-th and every
/// runtime of a row appended to names.def (REFSIM_EXTRA_FIRST_VERSION and after).
std::vector<RuntimeSpec> sweep(unsigned width);

/// A scenario with one object and one operation.
Scenario one_op(const RuntimeSpec& rt, Kind kind, Word word, OpCode code, Origin by,
                std::uint64_t count, Word value = 5);

/// Runs the fast engine and the stepwise reference on `s` (a valid scenario) and asserts that the
/// whole outcomes are equal; the first differing event is named. `what` says which case failed.
void expect_same(const Scenario& s, const std::string& what, const RunLimits& limits = {});

/// The scenario as indented text, for failure messages.
std::string dump(const Scenario& s);

/// A readable name of a runtime for failure messages.
std::string describe(const RuntimeSpec& rt);

}  // namespace refsim::testing

namespace refsim {
/// gtest printers, so that a failing comparison shows events rather than bytes.
void PrintTo(const Event& e, std::ostream* os);
void PrintTo(const Outcome& o, std::ostream* os);
}  // namespace refsim
