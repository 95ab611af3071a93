// Constants: every refcount constant of every version, as a function of the width.
// At 64 and 32 they equal the real values (docs/SEMANTICS.md, Summary); at 16 and 8 they are the same
// formulas on the scaled word. Each cites where the real value comes from.
#pragma once

#include "model/width.h"

namespace refsim::constants {

// --- 3.11 -------------------------------------------------------------------------------------
/// _PyObject_IMMORTAL_INIT's 999999999 (3.11 pycore_object.h), the core static singletons' start.
/// Scaled widths keep its top bits: 999999999 >> (32 - bits) (0x3b9a at 16, 0x3b at 8).
constexpr Word v311_static_init(Width w) {
  return w.bits >= 32 ? Word{999999999} : Word{999999999} >> (32 - w.bits);
}

// --- PEP 683 drafts ---------------------------------------------------------------------------
/// Round 2 / PR 19474 (Dec 2021): _Py_IMMORTAL_BIT = 1 << (N - 4).
constexpr Word r2_bit(Width w) { return Word{1} << (w.bits - 4); }
/// Round 3 as published ("e.g. 2^62"; 32-bit example 2^30): bit N - 2.
constexpr Word r3_bit(Width w) { return Word{1} << (w.bits - 2); }
/// _Py_IMMORTAL_REFCNT = BIT + BIT / 2 in every draft.
constexpr Word draft_refcnt(Word bit) { return bit + bit / 2; }

// --- 3.12 / 3.13 ------------------------------------------------------------------------------
/// _Py_IMMORTAL_REFCNT: UINT_MAX of the low half on the 64-bit layout (0xFFFFFFFF),
/// UINT_MAX >> 2 on the 32-bit layout (0x3FFFFFFF) [3.12.1 object.h:110,125].
constexpr Word v312_immortal(Width w) {
  return w.split() ? w.half_mask() : w.mask() >> 2;
}
/// The 64-bit test bit: (int32_t)ob_refcnt < 0, bit 31 of the low half.
constexpr Word v312_test_bit(Width w) { return Word{1} << (w.half() - 1); }

// --- 3.14 / 3.15, 64-bit layout ---------------------------------------------------------------
/// _Py_IMMORTAL_INITIAL_REFCNT = 3 << 30 in the u32 ob_refcnt [3.14.7 refcount.h:49].
constexpr Word v314_initial_lo(Width w) { return Word{3} << (w.half() - 2); }
/// _Py_IMMORTAL_MINIMUM_REFCNT = 1 << 31 [refcount.h:50].
constexpr Word v314_minimum_lo(Width w) { return Word{1} << (w.half() - 1); }
/// ob_flags is the top quarter of the word (bits 48..63 at 64, 12..15 at 16).
constexpr unsigned v314_flags_shift(Width w) { return w.bits * 3 / 4; }
/// ob_overflow is the quarter below it (bits 32..47).
constexpr Word v314_overflow_mask(Width w) {
  return ((Word{1} << (w.bits / 4)) - 1) << w.half();
}
constexpr Word v314_flags_mask(Width w) { return w.mask() & ~(w.half_mask() | v314_overflow_mask(w)); }
constexpr Word kImmortalFlag = 1;  ///< _Py_IMMORTAL_FLAGS
constexpr Word kStaticFlag = 4;    ///< _Py_STATICALLY_ALLOCATED_FLAG
/// _Py_STATIC_IMMORTAL_INITIAL_REFCNT = INITIAL | (STATIC|IMMORTAL) << 48 = 0x0005_0000_C000_0000.
constexpr Word v314_static_initial64(Width w) {
  return v314_initial_lo(w) | ((kStaticFlag | kImmortalFlag) << v314_flags_shift(w));
}
/// What _Py_SetImmortal writes on a fresh heap object: flags = 1, lo = INITIAL.
constexpr Word v314_runtime_initial64(Width w) {
  return v314_initial_lo(w) | (kImmortalFlag << v314_flags_shift(w));
}
/// The debug build's "very large" window: lo > UINT32_MAX - (1 << 20) [refcount.h:388-406].
/// Scaled as 2^(half * 5 / 8): 2^20 at 64, 2^5 at 16.
constexpr Word v314_debug_margin(Width w) { return Word{1} << (w.half() * 5 / 8); }
constexpr Word v314_debug_lo_limit(Width w) { return w.half_mask() - v314_debug_margin(w); }

// --- 3.14 / 3.15, 32-bit layout ---------------------------------------------------------------
constexpr Word v314_minimum32(Width w) { return Word{1} << (w.bits - 2); }         // 0x40000000
constexpr Word v314_initial32(Width w) { return Word{5} << (w.bits - 4); }         // 0x50000000
constexpr Word v314_static_minimum32(Width w) { return Word{6} << (w.bits - 4); }  // 0x60000000
constexpr Word v314_static_initial32(Width w) { return Word{7} << (w.bits - 4); }  // 0x70000000

}  // namespace refsim::constants
