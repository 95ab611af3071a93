// FtObject: the refcount fields of one object on a free-threaded build, and the events an operation on
// them can raise.
#pragma once

#include <cstdint>

#include "model/freethreaded/ft_build.h"

namespace refsim::ft {

/// Flags in the low two bits of ob_ref_shared (_Py_REF_SHARED_INIT, _MAYBE_WEAKREF, _QUEUED, _MERGED;
/// 3.13.0 Include/object.h lines 199-202, main Include/refcount.h).
enum SharedFlag : Word { kRefInit = 0, kRefMaybeWeakref = 1, kRefQueued = 2, kRefMerged = 3 };
inline constexpr unsigned kSharedShift = 2;  ///< _Py_REF_SHARED_SHIFT
inline constexpr Word kFlagMask = 3;         ///< _Py_REF_SHARED_FLAG_MASK
inline constexpr Word kUnownedTid = 0;       ///< _Py_UNOWNED_TID

/// A thread is named by its ob_tid value (the thread pointer on CPython; never 0).
using Tid = Word;

struct FtObject {
  Tid tid = 1;         ///< ob_tid: the owner, or 0 (unowned: immortal or merged)
  Word local = 1;      ///< ob_ref_local, uint32 (scaled: 8 bits)
  Word shared = 0;     ///< ob_ref_shared, a Py_ssize_t word: count << 2 | flags
  bool freed = false;  ///< _Py_Dealloc ran
  /// References the brc queue of the owner holds (one per queued release, not yet merged).
  unsigned queue_entries = 0;

  bool operator==(const FtObject&) const = default;
};

/// A fresh heap object as _Py_NewReference leaves it: owned by OWNER, local 1, shared 0.
inline FtObject fresh_object(Tid owner) { return FtObject{owner, 1, 0, false, 0}; }

/// What an operation did, as bits: several can happen in one call (a queued release that merges).
enum FtEvent : std::uint32_t {
  kIgnoredImmortal = 1u << 0,      ///< the field was all ones: the call returned without a change
  kImmortalByOverflow = 1u << 1,   ///< an increment made the object immortal (local all ones; the
                                   ///< draft: the shared count reached the immortal minimum)
  kLocalWrapped = 1u << 2,         ///< release build: owner decref at local 0 stored all ones
  kNegativeRefcount = 1u << 3,     ///< debug build: _Py_NegativeRefcount, a fatal error; no change
  kQueued = 1u << 4,               ///< _Py_DecRefShared stored _Py_REF_QUEUED and queued to the owner
  kMerged = 1u << 5,               ///< the fields were merged: ob_tid 0, flags _Py_REF_MERGED
  kDealloc = 1u << 6,              ///< _Py_Dealloc ran
  kSharedNegative = 1u << 7,       ///< the shared count (ob_ref_shared >> 2) is below zero afterwards
  kImmortalBySetRefcnt = 1u << 8,  ///< Py_SET_REFCNT made the object immortal (owner: above UINT32_MAX,
                                   ///< unowned; exactly UINT32_MAX as uint32, e.g. -1 on 32-bit, owner
                                   ///< kept; the draft: a value in the immortal range)
  kAssertFailed = 1u << 9,         ///< debug build: an assert() of the modelled code fails; no change
  kQueueReleasedAtOnce = 1u << 10, ///< _Py_brc_queue_object found ob_tid 0 and decref'd at once
};

/// The shared count: ob_ref_shared shifted right arithmetically by 2, as a signed value.
inline std::int64_t shared_count(const FtBuild& b, Word shared) { return b.signed_shared(shared) >> kSharedShift; }
/// _Py_REF_SHARED(count, flags) at this width (the shift wraps like the C arithmetic does).
inline Word shared_word(const FtBuild& b, std::int64_t count, Word flags) {
  return b.wrap_shared((static_cast<Word>(count) << kSharedShift) + flags);
}
/// _Py_IsImmortal: local all ones (3.13t-3.15t); the draft: the shared count at least
/// _Py_IMMORTAL_MINIMUM_SHARED_REFCNT (gh-153202 prototype Include/refcount.h).
inline bool is_immortal(const FtBuild& b, const FtObject& o) {
  return b.narrow() ? shared_count(b, o.shared) >= b.immortal_min_shared() : o.local == b.local_max();
}
/// EVENTS, plus kSharedNegative when a live object's shared count is below zero.
inline std::uint32_t with_sign(const FtBuild& b, const FtObject& o, std::uint32_t events) {
  if (!o.freed && shared_count(b, o.shared) < 0) events |= kSharedNegative;
  return events;
}

}  // namespace refsim::ft
