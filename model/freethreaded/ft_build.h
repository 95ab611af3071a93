// FtBuild: one free-threaded CPython build (3.13t, 3.14t, 3.15t or the gh153202 draft; Py_ssize_t
// width; release or debug).
#pragma once

#include <cstdint>

#include "model/names.h"
#include "model/width.h"

namespace refsim::ft {

using refsim::Word;  ///< a field's bits, zero-extended to 64

/// The free-threaded versions and the draft gh153202 (docs/FREE-THREADED.md, gh-153202). Where the
/// released versions differ is data in kFtVersions; the draft's other field layout is a code branch.
enum class FtVersion : std::uint8_t { v313t, v314t, v315t, gh153202 };

/// The refcount fields and where immortality lives.
enum class FtLayout : std::uint8_t {
  /// 3.13t-3.15t: uint32_t ob_ref_local (all ones: immortal), Py_ssize_t ob_ref_shared.
  kWideLocal,
  /// gh-153202 prototype: uint8_t ob_ref_local whose owner increments spill into an int32_t
  /// ob_ref_shared; immortal when the shared count reaches _Py_IMMORTAL_MINIMUM_SHARED_REFCNT.
  kNarrowLocal,
};

/// What _PyObject_SetDeferredRefcount does to an owned object with shared 0 (docs/FREE-THREADED.md,
/// Deferred reference counting). Deferred objects are top-level functions, modules, heap types.
enum class DeferredScheme : std::uint8_t {
  /// 3.14t, 3.15t: the shared count becomes _Py_REF_DEFERRED, PY_SSIZE_T_MAX / 8 (3.14.7
  /// Include/internal/pycore_object.h line 28, Objects/object.c line 2710; main).
  kSharedCountDeferred,
  /// 3.13t: _Py_SetImmortal once the interpreter's gc.immortalize is 1, which the first non-main
  /// thread state sets (making every deferred object alive then immortal); before that, one more
  /// local reference and the shared word _Py_REF_QUEUED (3.13.0 Objects/object.c lines 2451-2468,
  /// Python/pystate.c lines 1590-1594, Python/gc_free_threading.c lines 1838-1859).
  kLocalPlusOneOrImmortal,
  /// The gh-153202 draft: its _Py_REF_DEFERRED is not settled; a deferred object is refused.
  kNotModelled,
};

/// What Py_REFCNT returns for an immortal object (local == all ones).
enum class ImmortalReport : std::uint8_t {
  /// 3.13: _Py_IMMORTAL_REFCNT, UINT_MAX on 64-bit and UINT_MAX >> 2 on 32-bit
  /// (3.13.0 Include/object.h lines 91 and 106, Py_REFCNT line 322).
  kImmortalRefcnt,
  /// 3.14 and main: _Py_IMMORTAL_INITIAL_REFCNT, 3 << 30 on 64-bit and 5 << 28 on 32-bit
  /// (3.14.7 Include/refcount.h lines 49, 67 and _Py_REFCNT line 105; main).
  kImmortalInitialRefcnt,
};

struct FtVersionRow {
  FtVersion version;
  const char* name;
  ImmortalReport immortal_report;
  /// Py_SET_REFCNT starts with assert(refcnt >= 0) (3.14.7 Include/refcount.h line 153, main;
  /// absent in 3.13.0 Include/object.h lines 379-419).
  bool set_refcnt_asserts_non_negative;
  DeferredScheme deferred;
  FtLayout layout;

  /// Whether deferred reference counting is modelled here (an object of kind deferred exists).
  constexpr bool deferred_modelled() const { return deferred != DeferredScheme::kNotModelled; }
};

inline constexpr FtVersionRow kFtVersions[] = {
    {FtVersion::v313t, "3.13t", ImmortalReport::kImmortalRefcnt, false, DeferredScheme::kLocalPlusOneOrImmortal,
     FtLayout::kWideLocal},
    {FtVersion::v314t, "3.14t", ImmortalReport::kImmortalInitialRefcnt, true, DeferredScheme::kSharedCountDeferred,
     FtLayout::kWideLocal},
    {FtVersion::v315t, "3.15t", ImmortalReport::kImmortalInitialRefcnt, true, DeferredScheme::kSharedCountDeferred,
     FtLayout::kWideLocal},
    // The prototype's Py_REFCNT returns _Py_IMMORTAL_INITIAL_REFCNT and Py_SET_REFCNT asserts
    // refcnt >= 0 (its Include/refcount.h); its _Py_REF_DEFERRED is not settled (docs), not modelled.
    {FtVersion::gh153202, "gh153202-proto", ImmortalReport::kImmortalInitialRefcnt, true, DeferredScheme::kNotModelled,
     FtLayout::kNarrowLocal},
};

constexpr const FtVersionRow& row(FtVersion v) { return kFtVersions[static_cast<int>(v)]; }

/// A build: version, Py_ssize_t width and Py_REF_DEBUG. Widths 64 and 32 are real; 16 and 8 are the
/// scaled copies of the 64-bit layout (local half as wide as Py_ssize_t) and of the 32-bit layout
/// (local as wide as Py_ssize_t), for exhaustive checks. The draft's fields are uint8_t and int32_t
/// at both real widths and 4 and 8 bits at both scaled ones.
struct FtBuild {
  FtVersion version = FtVersion::v314t;
  unsigned ssize_bits = 64;
  bool debug = false;

  static constexpr bool valid_bits(unsigned b) { return b == 8 || b == 16 || b == 32 || b == 64; }
  constexpr const FtVersionRow& info() const { return row(version); }

  constexpr bool narrow() const { return info().layout == FtLayout::kNarrowLocal; }
  constexpr bool scaled() const { return ssize_bits <= 16; }
  /// ob_ref_local is uint32_t on every real build: half of a 64-bit word, all of a 32-bit one
  /// (the draft: uint8_t).
  constexpr unsigned local_bits() const {
    if (narrow()) return scaled() ? 4 : 8;
    return (ssize_bits == 64 || ssize_bits == 16) ? ssize_bits / 2 : ssize_bits;
  }
  /// ob_ref_shared is a Py_ssize_t (the draft: int32_t).
  constexpr unsigned shared_bits() const { return narrow() ? (scaled() ? 8 : 32) : ssize_bits; }
  /// _Py_IMMORTAL_REFCNT_LOCAL (UINT32_MAX, scaled).
  constexpr Word local_max() const { return (Word{1} << local_bits()) - 1; }
  constexpr Word ssize_mask() const { return Width{ssize_bits}.mask(); }
  constexpr Word wrap(Word w) const { return w & ssize_mask(); }
  /// W read as a signed Py_ssize_t of this width.
  constexpr std::int64_t signed_of(Word w) const { return Width{ssize_bits}.sN(w); }
  /// PY_SSIZE_T_MAX.
  constexpr std::int64_t ssize_max() const { return static_cast<std::int64_t>(ssize_mask() >> 1); }
  constexpr Word shared_mask() const { return Width{shared_bits()}.mask(); }
  constexpr Word wrap_shared(Word w) const { return w & shared_mask(); }
  /// W read as the signed ob_ref_shared of this build.
  constexpr std::int64_t signed_shared(Word w) const { return Width{shared_bits()}.sN(w); }
  /// The largest count ob_ref_shared can hold above its two flag bits: PY_SSIZE_T_MAX >> 2
  /// (the draft: _Py_REF_SHARED_COUNT_MAX, INT32_MAX >> 2).
  constexpr std::int64_t shared_count_max() const { return static_cast<std::int64_t>(shared_mask() >> 1) >> 2; }
  /// The draft's _Py_IMMORTAL_MINIMUM_SHARED_REFCNT (COUNT_MAX - COUNT_MAX / 4) and
  /// _Py_IMMORTAL_INITIAL_SHARED_REFCNT (halfway from it to COUNT_MAX).
  constexpr std::int64_t immortal_min_shared() const { return shared_count_max() - shared_count_max() / 4; }
  constexpr std::int64_t immortal_initial_shared() const {
    return immortal_min_shared() + (shared_count_max() - immortal_min_shared()) / 2;
  }
  /// _Py_REF_DEFERRED = PY_SSIZE_T_MAX / 8.
  constexpr std::int64_t ref_deferred() const { return ssize_max() / 8; }
  /// What deferred counting adds to Py_REFCNT of a deferred object it left mortal: _Py_REF_DEFERRED
  /// in the shared count (3.14t, 3.15t), one local reference (3.13t), nothing where not modelled.
  constexpr std::int64_t deferred_refcnt_extra() const {
    switch (info().deferred) {
      case DeferredScheme::kSharedCountDeferred: return ref_deferred();
      case DeferredScheme::kLocalPlusOneOrImmortal: return 1;
      case DeferredScheme::kNotModelled: return 0;
    }
    return 0;
  }
  /// What Py_REFCNT reports for an immortal object on this build (see ImmortalReport).
  std::int64_t immortal_refcnt() const;
};

}  // namespace refsim::ft

namespace refsim {

/// The runtime names of scenarios, compare filters and claims.
template <> struct Names<ft::FtVersion> {
  using FtVersion = ft::FtVersion;
  static constexpr NameRow<FtVersion> rows[] = {
      {FtVersion::v313t, "3.13t", "free-threaded 3.13"},
      {FtVersion::v314t, "3.14t", "free-threaded 3.14"},
      {FtVersion::v315t, "3.15t", "free-threaded 3.15"},
      {FtVersion::gh153202, "gh153202-proto", "the gh-153202 draft: 8-bit local, spill into a 32-bit shared count"},
  };
};

}  // namespace refsim
