// Outcome: what a run produced (events, final objects, whether the process crashed).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/names.h"
#include "model/width.h"

namespace refsim {

using OpPath = std::vector<std::uint32_t>;

struct Event {
  EventKind kind = EventKind::Dealloc;
  std::size_t obj = 0;
  std::uint64_t step = 0;
  std::optional<OpPath> op;  ///< null for leaks
  Word word_before = 0;
  Word word_after = 0;
  std::optional<Action> action;  ///< dealloc only
  bool premature = false;        ///< dealloc only

  /// The same event but for its step (a round of a cycle repeating an earlier one).
  bool same_but_step(const Event& o) const {
    return same_but_step_and_words(o) && word_before == o.word_before && word_after == o.word_after;
  }
  /// The same event but for its step and its words (a round of a translated cycle).
  bool same_but_step_and_words(const Event& o) const {
    return kind == o.kind && obj == o.obj && op == o.op && action == o.action && premature == o.premature;
  }

  bool fatal() const {
    return kind == EventKind::NegativeRefcount || kind == EventKind::UseAfterFree ||
           (kind == EventKind::Dealloc && (action == Action::Fatal || action == Action::FreeStatic));
  }
  friend bool operator==(const Event&, const Event&) = default;
};

struct Stopped {
  std::uint64_t step = 0;
  OpPath op;
  std::size_t obj = 0;
  EventKind event = EventKind::Dealloc;
  std::optional<Action> action;
  friend bool operator==(const Stopped&, const Stopped&) = default;
};

struct ObjectState {
  Word word = 0;
  Int128 logical = 0;
  bool freed = false;
  bool created_immortal = false;
  friend bool operator==(const ObjectState&, const ObjectState&) = default;
};

struct Outcome {
  bool crashed = false;
  /// The run did more work than RunLimits::max_work and stopped where it was: steps, events and
  /// objects are those so far, and no leak was judged. Never set together with `crashed`.
  bool gave_up = false;
  /// RunLimits::enough accepted a kept event and the run ended there: steps, events and objects are
  /// those so far, and no leak was judged. Never set together with `crashed` or `gave_up`.
  bool ended_early = false;
  std::uint64_t steps = 0;
  std::optional<Stopped> stopped;
  std::vector<Event> events;       ///< the first `max_events` events
  std::uint64_t events_total = 0;  ///< all events, including those not kept
  std::vector<ObjectState> objects;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

}  // namespace refsim
