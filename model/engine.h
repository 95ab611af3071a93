// Engine: executes a scenario on a runtime and returns its outcome. Two loops share the semantics:
// the stepwise reference (one single operation at a time) and the fast engine, which jumps over
// stretches and repeat iterations that cross no boundary.
#pragma once

#include <cstdint>

#include "model/outcome.h"
#include "model/scenario.h"

namespace refsim {

enum class EngineKind { Fast, Stepwise };

struct RunLimits {
  /// Events kept in the outcome; later events are counted in events_total only.
  std::uint64_t max_events = 10000;
  /// Also keep the first event of each kind that comes after the first `max_events` (so that
  /// `max_events = 0` keeps exactly the first event of each kind, in order of occurrence).
  bool first_of_each_kind = false;
};

/// Runs a scenario that passed check(). Never throws for any checked scenario.
Outcome run(const Scenario& scenario, EngineKind kind = EngineKind::Fast, const RunLimits& limits = {});

}  // namespace refsim
