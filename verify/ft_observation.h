// FtObservation: what one side (a real free-threaded interpreter or the model) did with a scenario
// with threads, in the terms both can give: both refcount fields and the owner of every object,
// the events made of them, how the run ended.
#pragma once

#include <cstdint>
#include <vector>

#include "model/freethreaded/ft_outcome.h"
#include "verify/observation.h"

namespace refsim::verify {

/// FtSeenObject::owner of an unowned object (ob_tid 0, _Py_UNOWNED_TID) and of an ob_tid that is
/// no thread of the scenario.
inline constexpr int kNoOwner = -1;
inline constexpr int kStrangeOwner = -2;

/// An object's fields: the owner as a thread index, ob_ref_local, ob_ref_shared (the word), whether
/// the interpreter's _Py_IsImmortal says immortal, whether freed (then the fields at tp_dealloc).
struct FtSeenObject {
  int owner = kNoOwner;
  Word local = 0;
  Word shared = 0;
  bool immortal = false;
  bool freed = false;
  friend bool operator==(const FtSeenObject&, const FtSeenObject&) = default;
};

/// An event both sides can see, with the fields after its step. Kinds: every FtEventKind but
/// leak (the model's ledger) and queue-released-at-once (a race sequential scenarios cannot
/// interleave); a `queued` that merges in the same step (a release to an exited owner) is seen
/// only as `merged`.
struct FtSeenEvent {
  ft::FtEventKind kind = ft::FtEventKind::Dealloc;
  std::size_t obj = 0;
  std::uint64_t step = 0;
  OpPath op;
  FtSeenObject after;
  std::int64_t refcnt = 0;  ///< refcnt: what Py_REFCNT returned
  friend bool operator==(const FtSeenEvent&, const FtSeenEvent&) = default;
};

using FtObservation = SideRun<FtSeenObject, FtSeenEvent>;

inline constexpr std::size_t kMaxFtSeenEvents = 10000;

}  // namespace refsim::verify
