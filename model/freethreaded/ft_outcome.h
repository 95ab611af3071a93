// FtOutcome: what a free-threaded run produced (events with the fields after them, the final objects,
// whether the process stopped), and the event kinds with their report names.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "model/freethreaded/ft_object.h"
#include "model/names.h"
#include "model/outcome.h"

namespace refsim::ft {

/// Event kinds of a free-threaded run, in the order the events of one step are reported.
enum class FtEventKind : std::uint8_t {
  NegativeRefcount,     ///< debug: _Py_NegativeRefcount (fatal)
  AssertFailed,         ///< debug: an assert() of the modelled code failed (fatal)
  UseAfterFree,         ///< an operation or a queued merge on a freed object (fatal)
  ImmortalByOverflow,   ///< an increment made the object immortal (local all ones; the draft: shared)
  LocalWrapped,         ///< release: an owner decref at local 0 stored all ones
  ImmortalBySetRefcnt,  ///< Py_SET_REFCNT made the object immortal
  Queued,               ///< another thread's release stored _Py_REF_QUEUED and queued the object
  QueueReleasedAtOnce,  ///< _Py_brc_queue_object found ob_tid 0 and released at once
  Merged,               ///< the two fields merged: ob_tid 0, _Py_REF_MERGED
  Deimmortalized,       ///< an immortal object became mortal again (a release merge; the draft: a wrap)
  SharedNegative,       ///< the shared count of a live object went below zero
  Dealloc,              ///< _Py_Dealloc ran (premature when paired references remain)
  Refcnt,               ///< what a Py_REFCNT read returned (the `refcnt` op)
  Leak,                 ///< at the end: created mortal, alive, no paired reference, nothing queued
};

}  // namespace refsim::ft

namespace refsim {

/// Every free-threaded event kind with its report name, in enum order: name_of, parse_name and
/// values_of of model/names.h read it.
template <> struct Names<ft::FtEventKind> {
  using FtEventKind = ft::FtEventKind;
  static constexpr NameRow<FtEventKind> rows[] = {
      {FtEventKind::NegativeRefcount, "negative-refcount", "debug build: _Py_NegativeRefcount (fatal)"},
      {FtEventKind::AssertFailed, "assert-failed", "debug build: an assert() of the modelled code (fatal)"},
      {FtEventKind::UseAfterFree, "use-after-free", "an operation or queued merge on a freed object (fatal)"},
      {FtEventKind::ImmortalByOverflow, "immortal-by-overflow", "an increment made the object immortal"},
      {FtEventKind::LocalWrapped, "local-wrapped", "release: owner decref at local 0 stored all ones"},
      {FtEventKind::ImmortalBySetRefcnt, "immortal-by-set-refcnt", "Py_SET_REFCNT made the object immortal"},
      {FtEventKind::Queued, "queued", "another thread's release queued the object to its owner"},
      {FtEventKind::QueueReleasedAtOnce, "queue-released-at-once", "queued object found unowned: released"},
      {FtEventKind::Merged, "merged", "local merged into shared: ob_tid 0, state merged"},
      {FtEventKind::Deimmortalized, "deimmortalized", "an immortal object became mortal again"},
      {FtEventKind::SharedNegative, "shared-negative", "the shared count went below zero"},
      {FtEventKind::Dealloc, "dealloc", "_Py_Dealloc ran"},
      {FtEventKind::Refcnt, "refcnt", "the value a Py_REFCNT read returned"},
      {FtEventKind::Leak, "leak", "at the end: alive, created mortal, no paired reference, nothing queued"},
  };
};

}  // namespace refsim

namespace refsim::ft {

constexpr bool fatal(FtEventKind kind) {
  return kind == FtEventKind::NegativeRefcount || kind == FtEventKind::AssertFailed ||
         kind == FtEventKind::UseAfterFree;
}

/// No thread (leaks) or no queue.
inline constexpr std::size_t kNone = static_cast<std::size_t>(-1);

/// An object during and after a run: its fields, its paired references, whose queue holds it.
struct FtObjState {
  FtObject o;
  Int128 logical = 0;
  bool created_immortal = false;
  std::size_t queued_for = kNone;  ///< the thread whose brc queue holds the object
  friend bool operator==(const FtObjState&, const FtObjState&) = default;
};

struct FtEventRecord {
  FtEventKind kind = FtEventKind::Dealloc;
  std::size_t obj = 0;
  std::uint64_t step = 0;
  std::optional<OpPath> op;       ///< null for leaks
  std::size_t thread = kNone;     ///< the thread that ran the operation
  FtObject after;                 ///< the fields after the step
  bool premature = false;         ///< dealloc
  std::int64_t refcnt = 0;        ///< refcnt: what Py_REFCNT returned
  friend bool operator==(const FtEventRecord&, const FtEventRecord&) = default;
};

struct FtStopped {
  std::uint64_t step = 0;
  OpPath op;
  std::size_t obj = 0;
  FtEventKind event = FtEventKind::UseAfterFree;
  friend bool operator==(const FtStopped&, const FtStopped&) = default;
};

struct FtOutcome {
  bool crashed = false;
  bool gave_up = false;  ///< the work bound of run() stopped it: the end is not the scenario's
  /// run()'s `enough` accepted a kept event and the run ended there: no leak was judged. Never set
  /// together with `crashed` or `gave_up`.
  bool ended_early = false;
  std::uint64_t steps = 0;
  std::optional<FtStopped> stopped;
  std::vector<FtEventRecord> events;  ///< the first max_events events
  std::uint64_t events_total = 0;
  std::vector<FtObjState> objects;
  std::vector<bool> exited;  ///< per thread
  friend bool operator==(const FtOutcome&, const FtOutcome&) = default;
};

}  // namespace refsim::ft
