// Observation: what one side (the real interpreter or the model) did with a scenario, in the terms
// both can give: words, immortality, events with their steps and words, how the run ended.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/names.h"
#include "model/outcome.h"

namespace refsim::verify {

/// One event both sides can see. Kinds: dealloc, deimmortalized, reimmortalized,
/// accidental-immortal, negative-refcount, use-after-free (leak and signed-overflow are the
/// model's alone: logical counts and C's undefined behaviour are not observable).
struct SeenEvent {
  EventKind kind = EventKind::Dealloc;
  std::size_t obj = 0;
  std::uint64_t step = 0;
  OpPath op;
  Word word_before = 0;
  Word word_after = 0;
  std::optional<Action> action;  ///< dealloc only
  friend bool operator==(const SeenEvent&, const SeenEvent&) = default;
};

/// An object's state: its word, whether the interpreter's test calls it immortal, whether freed.
struct SeenObject {
  Word word = 0;
  bool immortal = false;
  bool freed = false;
  friend bool operator==(const SeenObject&, const SeenObject&) = default;
};

/// What one side did with a scenario, in a build's terms: OBJECT and EVENT are its seen object and
/// event (the default build's words, or a free-threaded build's fields, verify/ft_observation.h).
template <class Object, class Event>
struct SideRun {
  std::vector<Object> start;                  ///< before the first operation
  std::vector<std::vector<Object>> after_op;  ///< after each top-level operation that completed
  std::vector<Event> events;                  ///< the first kMaxSeenEvents
  std::uint64_t events_total = 0;
  bool events_truncated = false;
  std::uint64_t steps = 0;                    ///< single operations done
  bool crashed = false;
  std::optional<Event> stopped;               ///< the event that ended the run
  std::vector<Object> objects;                ///< at the end
  std::string detail;                         ///< real side: how the child ended, a fatal error line
};

using Observation = SideRun<SeenObject, SeenEvent>;

inline constexpr std::size_t kMaxSeenEvents = 10000;

/// Whether the real side can observe events of this kind.
inline bool observable(EventKind kind) {
  return kind != EventKind::Leak && kind != EventKind::SignedOverflow;
}

}  // namespace refsim::verify
