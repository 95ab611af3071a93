// Engine: executes a scenario on a runtime and returns its outcome. Two loops share the semantics:
// the stepwise reference (one single operation at a time) and the fast engine, which jumps over
// stretches and repeat iterations that cross no boundary.
#pragma once

#include <cstdint>
#include <functional>

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
  /// Keep an event only when no kept event is the same but for its step; the others are counted in
  /// events_total only. A caller that asks whether some event breaks a rule (a claim) loses nothing,
  /// and the fast engine may then jump the rounds of an exact cycle with events: every later round's
  /// events repeat the last round's, step numbers aside.
  bool distinct_events = false;
  /// With distinct_events: an event that differs from a kept one only in its step and its words is
  /// the same too (a claim's check, whose verdict reads no words). Then each round of a counted
  /// operation's translated cycle (the word moved by the same amount, the same events at the moved
  /// words) repeats the last round's events, and the fast engine may jump such rounds as it jumps an
  /// exact cycle's.
  bool distinct_ignores_words = false;
  /// The most work the run may do, in the engine's own units: one per operation the loop visits
  /// (straight-line singles included), one per round of an operation's count (a literal step or a
  /// jump) and one per repeat iteration run literally. Jumped steps, iterations and cycles cost
  /// nothing, so the work is what the run costs, whatever its counts. A run that needs more stops
  /// with Outcome::gave_up (docs/DESIGN.md "Work and giving up").
  std::uint64_t max_work = UINT64_MAX;
  /// Asked after each kept event, with whether its object was created immortal: true when the caller
  /// has what it needs (a claim's check: an event that breaks each of its invariants), and the run
  /// ends there with Outcome::ended_early. Kept events are in the order they happened, so the first
  /// event of each kind the caller looks for is the one a whole run keeps. Unset: the run goes on.
  std::function<bool(const Event& kept, bool created_immortal)> enough = nullptr;
};

/// Runs a scenario that passed check(). Never throws for any checked scenario.
Outcome run(const Scenario& scenario, EngineKind kind = EngineKind::Fast, const RunLimits& limits = {});

}  // namespace refsim
