// FtScenario: a validated simulation input for a free-threaded runtime (threads, objects with an
// owner, operations by thread, the owners' merges), independent of JSON. docs/SCENARIO-THREADS.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/freethreaded/ft_build.h"
#include "model/freethreaded/ft_object.h"
#include "model/scenario.h"

namespace refsim::ft {

/// How an object starts: a fresh heap object (owned, local = refs, shared 0), an immortal one
/// (PyObject_HEAD_INIT or _Py_SetImmortal: unowned, local all ones), or one with deferred
/// reference counting (owned, local = refs, then set_deferred: 3.14t and 3.15t shared count
/// _Py_REF_DEFERRED; 3.13t local + 1 and shared _Py_REF_QUEUED, or immortal when the scenario has
/// other threads than the first).
enum class FtKind : std::uint8_t { Heap, Immortal, Deferred };

/// Where an owner merges its queue (Python/brc.c): _Py_brc_merge_refcounts at its eval breaker;
/// the GC, which merges every thread's queue; _Py_brc_remove_thread at thread exit, after which the
/// thread owns nothing that can be queued to it (a release merges at once instead).
enum class MergeAt : std::uint8_t { EvalBreaker, Gc, ThreadExit };

/// incref, decref, set_refcnt and refcnt (a Py_REFCNT read, recorded as an event) act on `obj` from
/// `thread`; merge runs `thread`'s queue (every queue at gc); repeat runs its body `count` times.
enum class FtOpCode : std::uint8_t { Incref, Decref, SetRefcnt, Refcnt, Merge, Repeat };

struct FtOp {
  FtOpCode code = FtOpCode::Incref;
  std::size_t obj = 0;
  std::size_t thread = 0;  ///< index into FtScenario::threads
  std::uint64_t count = 1;
  std::int64_t value = 0;  ///< set_refcnt: a Py_SSIZE_T of the build's width
  MergeAt at = MergeAt::EvalBreaker;
  std::vector<FtOp> body;  ///< repeat
};

struct FtObjectSpec {
  std::string id;
  FtKind kind = FtKind::Heap;
  std::size_t owner = 0;  ///< index into FtScenario::threads; kUnowned: ob_tid 0 (merged)
  std::int64_t refs = 1;  ///< the paired references held at the start (ob_ref_local for heap)
  std::optional<Word> local;   ///< ob_ref_local at the start, else refs (deferred: as set_deferred leaves it)
  std::optional<Word> shared;  ///< ob_ref_shared at the start, else 0 (deferred: as set_deferred leaves it)
};

/// FtObjectSpec::owner of an object that starts unowned (ob_tid == _Py_UNOWNED_TID).
inline constexpr std::size_t kUnowned = static_cast<std::size_t>(-1);

struct FtScenario {
  std::string name;
  FtBuild build;
  std::vector<std::string> threads;  ///< thread i has ob_tid value i + 1 (never 0, _Py_UNOWNED_TID)
  std::vector<FtObjectSpec> objects;
  std::vector<FtOp> ops;
};

/// The thread pointer value (ob_tid) of thread index I.
constexpr Tid tid_of(std::size_t i) { return static_cast<Tid>(i + 1); }

/// Checks what the engine needs beyond well-formed input: a refs value the local field holds, a
/// thread that has not exited, no thread exit inside a repeat, at most 2^64-1 single operations.
std::optional<SpecError> check(const FtScenario& scenario);

/// Single operations (steps) the scenario expands to, saturated at 2^64 (as 128-bit).
unsigned __int128 expanded_steps(const std::vector<FtOp>& ops);

}  // namespace refsim::ft

namespace refsim {

/// The names of object kinds, merge points and operations in scenarios and claims.
template <> struct Names<ft::FtKind> {
  using FtKind = ft::FtKind;
  static constexpr NameRow<FtKind> rows[] = {
      {FtKind::Heap, "heap", "a fresh heap object owned by a thread"},
      {FtKind::Immortal, "immortal", "an immortal object (_Py_SetImmortal): unowned"},
      {FtKind::Deferred, "deferred", "deferred reference counting (3.13t, 3.14t, 3.15t)"},
  };
};
template <> struct Names<ft::MergeAt> {
  using MergeAt = ft::MergeAt;
  static constexpr NameRow<MergeAt> rows[] = {
      {MergeAt::EvalBreaker, "eval-breaker", "_Py_brc_merge_refcounts at the owner's eval breaker"},
      {MergeAt::Gc, "gc", "the GC merges every thread's queue"},
      {MergeAt::ThreadExit, "thread-exit", "_Py_brc_remove_thread"},
  };
};
template <> struct Names<ft::FtOpCode> {
  using FtOpCode = ft::FtOpCode;
  static constexpr NameRow<FtOpCode> rows[] = {
      {FtOpCode::Incref, "incref", "Py_INCREF"},
      {FtOpCode::Decref, "decref", "Py_DECREF"},
      {FtOpCode::SetRefcnt, "set_refcnt", "Py_SET_REFCNT"},
      {FtOpCode::Refcnt, "refcnt", "a Py_REFCNT read"},
      {FtOpCode::Merge, "merge", "the owner merges its queue"},
      {FtOpCode::Repeat, "repeat", "a repeated body"},
  };
};

}  // namespace refsim
