// FtBuild: one free-threaded CPython build (3.13t, 3.14t, 3.15t; Py_ssize_t width; release or debug).
#pragma once

#include <cstdint>

namespace refsim::ft {

using Word = std::uint64_t;  ///< a field's bits, zero-extended to 64

/// The free-threaded versions. Where they differ is data in kFtVersions, not code branches.
enum class FtVersion : std::uint8_t { v313t, v314t, v315t };

/// What Py_REFCNT returns for an immortal object (local == all ones).
enum class ImmortalReport : std::uint8_t {
  /// 3.13: _Py_IMMORTAL_REFCNT, UINT_MAX on 64-bit and UINT_MAX >> 2 on 32-bit
  /// (3.13.0 Include/object.h lines 91 and 106, Py_REFCNT line 322).
  kImmortalRefcnt,
  /// 3.14 and main: _Py_IMMORTAL_INITIAL_REFCNT, 3 << 30 on 64-bit and 5 << 28 on 32-bit
  /// (main Include/refcount.h, _Py_REFCNT).
  kImmortalInitialRefcnt,
};

struct FtVersionRow {
  FtVersion version;
  const char* name;
  ImmortalReport immortal_report;
  /// Py_SET_REFCNT starts with assert(refcnt >= 0) (main Include/refcount.h; absent in 3.13.0
  /// Include/object.h lines 379-419).
  bool set_refcnt_asserts_non_negative;
  /// _PyObject_SetDeferredRefcount adds _Py_REF_DEFERRED (PY_SSIZE_T_MAX / 8) to the shared count
  /// (main Objects/object.c). 3.13.0's headers define no _Py_REF_DEFERRED (internal/pycore_object.h);
  /// its object.c was not readable here, so 3.13 deferred counting is not modelled.
  bool deferred_adds_to_shared;
};

inline constexpr FtVersionRow kFtVersions[] = {
    {FtVersion::v313t, "3.13t", ImmortalReport::kImmortalRefcnt, false, false},
    {FtVersion::v314t, "3.14t", ImmortalReport::kImmortalInitialRefcnt, false, true},
    {FtVersion::v315t, "3.15t", ImmortalReport::kImmortalInitialRefcnt, true, true},
};

constexpr const FtVersionRow& row(FtVersion v) { return kFtVersions[static_cast<int>(v)]; }

/// A build: version, Py_ssize_t width and Py_REF_DEBUG. Widths 64 and 32 are real; 16 and 8 are the
/// scaled copies of the 64-bit layout (local half as wide as Py_ssize_t) and of the 32-bit layout
/// (local as wide as Py_ssize_t), for exhaustive checks.
struct FtBuild {
  FtVersion version = FtVersion::v314t;
  unsigned ssize_bits = 64;
  bool debug = false;

  static constexpr bool valid_bits(unsigned b) { return b == 8 || b == 16 || b == 32 || b == 64; }
  const FtVersionRow& info() const { return row(version); }

  /// ob_ref_local is uint32_t on every real build: half of a 64-bit word, all of a 32-bit one.
  constexpr unsigned local_bits() const { return (ssize_bits == 64 || ssize_bits == 16) ? ssize_bits / 2 : ssize_bits; }
  /// _Py_IMMORTAL_REFCNT_LOCAL (UINT32_MAX, scaled).
  constexpr Word local_max() const { return (Word{1} << local_bits()) - 1; }
  constexpr Word ssize_mask() const { return ssize_bits == 64 ? ~Word{0} : (Word{1} << ssize_bits) - 1; }
  constexpr Word wrap(Word w) const { return w & ssize_mask(); }
  /// W read as a signed Py_ssize_t of this width.
  constexpr std::int64_t signed_of(Word w) const {
    w &= ssize_mask();
    const Word sign = Word{1} << (ssize_bits - 1);
    return (w & sign) ? static_cast<std::int64_t>(w | ~ssize_mask()) : static_cast<std::int64_t>(w);
  }
  /// PY_SSIZE_T_MAX.
  constexpr std::int64_t ssize_max() const { return static_cast<std::int64_t>(ssize_mask() >> 1); }
  /// The largest count ob_ref_shared can hold above its two flag bits: PY_SSIZE_T_MAX >> 2.
  constexpr std::int64_t shared_count_max() const { return ssize_max() >> 2; }
  /// _Py_REF_DEFERRED = PY_SSIZE_T_MAX / 8.
  constexpr std::int64_t ref_deferred() const { return ssize_max() / 8; }
  /// What Py_REFCNT reports for an immortal object on this build (see ImmortalReport).
  std::int64_t immortal_refcnt() const;
};

}  // namespace refsim::ft
