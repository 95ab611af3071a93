// 3.14 and main inline code [3.14.7 refcount.h]. 64-bit: the u32 ob_refcnt with ob_overflow and
// ob_flags above it; incref ratchets up to _Py_IMMORTAL_INITIAL_REFCNT, decref is a u32 decrement
// without borrow. 32-bit: a signed threshold. The code row V314 (Code314) and the family row V314
// (Family314).
#pragma once

#include "model/constants.h"
#include "model/semantics/step_result.h"
#include "model/semantics/v311.h"
#include "model/semantics/v312.h"

namespace refsim {

/// _Py_IsImmortal: (int32_t)ob_refcnt < 0 (64-bit); ob_refcnt >= _Py_IMMORTAL_MINIMUM_REFCNT,
/// signed (32-bit) [refcount.h:125-135].
inline bool immortal_314(Width w, Word word) {
  if (w.split()) return w.lo(word) >= constants::v314_minimum_lo(w);
  return w.sN(word) >= static_cast<std::int64_t>(constants::v314_minimum32(w));
}

/// Py_INCREF. 64-bit: if (cur >= _Py_IMMORTAL_INITIAL_REFCNT) return; else ob_refcnt = cur + 1
/// (no carry) [refcount.h:280-289]. 32-bit: return if immortal, else ++.
inline StepResult incref_314(Width w, Word word) {
  if (w.split()) {
    const Word cur = w.lo(word);
    if (cur >= constants::v314_initial_lo(w)) return {.word = word, .skipped = true};
    return {.word = w.with_lo(word, cur + 1)};
  }
  if (immortal_314(w, word)) return {.word = word, .skipped = true};
  return incref_311(w, word);
}

/// Py_DECREF. Debug first: 64-bit ob_refcnt_full <= 0 || ob_refcnt > UINT32_MAX - (1 << 20);
/// 32-bit ob_refcnt <= 0 [refcount.h:388-406]. Then skip if immortal; 64-bit: u32 --, dealloc when
/// the low half reaches 0 whatever ob_overflow holds [refcount.h:410-424]; 32-bit: --, dealloc at 0.
inline StepResult decref_314(Width w, Word word, bool debug) {
  if (debug) {
    const bool negative = w.sN(word) <= 0 ||
                          (w.split() && w.lo(word) > constants::v314_debug_lo_limit(w));
    if (negative) return {.word = word, .negative = true};
  }
  if (immortal_314(w, word)) return {.word = word, .skipped = true};
  if (w.split()) {
    const Word next = (w.lo(word) - 1) & w.half_mask();
    return {.word = w.with_lo(word, next), .dealloc = next == 0};
  }
  return decref_311(w, word, false);
}

/// Py_SET_REFCNT: first `assert(refcnt >= 0)`, live in code built without NDEBUG (the debug
/// runtime's own code; extensions are modelled as release-built) [3.14.7 refcount.h:153]; then
/// ignored on immortal objects; 64-bit writes only the u32 (truncating the value, keeping
/// ob_overflow and ob_flags) [refcount.h:163-170]; 32-bit the whole word.
inline StepResult set_314(Width w, Word word, Word value, bool debug) {
  if (debug && w.sN(value) < 0) return {.word = word, .negative = true};
  if (immortal_314(w, word)) return {.word = word, .skipped = true};
  if (w.split()) return {.word = w.with_lo(word, value)};
  return set_311(w, word, value);
}

/// _Py_RefcntAdd: skip when immortal; new = Py_REFCNT + n, stored as _Py_IMMORTAL_INITIAL_REFCNT once
/// it reaches _Py_IMMORTAL_MINIMUM_REFCNT, into the uint32 low half on 64-bit [3.14
/// internal/pycore_object.h _Py_RefcntAdd, gh-127705]. No debug check (only _Py_AddRefTotal).
inline StepResult add_314(Width w, Word word, Word n) {
  if (immortal_314(w, word)) return {.word = word, .skipped = true};
  if (w.split()) {
    // Py_REFCNT is the zero-extended low half; the sum cannot overflow a 64-bit Py_ssize_t once n
    // is below 2^63 - 2^32 (check() keeps it below the sign bit minus the low half).
    const Word sum = w.lo(word) + n;
    const Word stored = sum >= constants::v314_minimum_lo(w) ? constants::v314_initial_lo(w) : sum;
    return {.word = w.with_lo(word, stored)};
  }
  StepResult r = add_311(w, word, n);
  if (!r.overflow && w.sN(r.word) >= static_cast<std::int64_t>(constants::v314_minimum32(w)))
    r.word = constants::v314_initial32(w);
  return r;
}

/// The code row V314: 3.14 / 3.15 inline code.
struct Code314 {
  static constexpr Arith kTest = Arith::V314;
  static constexpr bool kPlainFullWord = false;
  static bool immortal(Width w, Word word, Word) { return immortal_314(w, word); }
  static StepResult incref(Width w, Word word, Word) { return incref_314(w, word); }
  static StepResult decref(Width w, Word word, Word, bool debug) { return decref_314(w, word, debug); }
  static StepResult set(Width w, Word word, Word value, Word, bool debug) { return set_314(w, word, value, debug); }
  static StepResult refcnt_add(Width w, Word word, Word n) { return add_314(w, word, n); }
  static void cuts(Cuts& cuts, Width w, Word) {
    cut_common(cuts, w);
    cut_low_half(cuts, w);
    if (w.split()) {
      cut_low(cuts, w, constants::v314_initial_lo(w));
      cut_low(cuts, w, constants::v314_minimum_lo(w));
      cut_low(cuts, w, constants::v314_debug_lo_limit(w) + 1);
    } else {
      cut_full(cuts, w, constants::v314_minimum32(w));
    }
  }
};

/// The family row V314: 3.14 and 3.15.
struct Family314 {
  static constexpr Arith kCode = Arith::V314;
  static constexpr bool kResetOnMargin = false;
  static constexpr bool kRefcntAdd = true;
  static constexpr bool kStackRefs = true;  // model/semantics/loop314.cc
  static Word bit(Version, Width) { return 0; }
  /// Statics: _Py_STATIC_IMMORTAL_INITIAL_REFCNT; an interned str: what _Py_SetImmortal writes.
  static Word initial_word(Version, Kind kind, Width w, Int128, Word) {
    if (kind == Kind::InternedStr)  // _Py_SetImmortal on a heap string
      return w.split() ? constants::v314_runtime_initial64(w) : constants::v314_initial32(w);
    return w.split() ? constants::v314_static_initial64(w) : constants::v314_static_initial32(w);
  }
  /// _Py_SetImmortalUntracked: return if already immortal; else ob_flags = _Py_IMMORTAL_FLAGS and
  /// ob_refcnt = INITIAL, ob_overflow untouched [3.14.7 object.c:2681-2705].
  static Word reset(Width w, Word word, Word) {
    if (immortal_314(w, word)) return word;
    if (!w.split()) return constants::v314_initial32(w);
    return (word & constants::v314_overflow_mask(w)) | constants::v314_runtime_initial64(w);
  }
  /// Py_REFCNT: the zero-extended u32 ob_refcnt on 64-bit [refcount.h:104-121].
  static std::int64_t refcnt(Width w, Word word) {
    return w.split() ? static_cast<std::int64_t>(w.lo(word)) : w.sN(word);
  }
  static Action dealloc(Version, Kind kind, bool debug) { return dealloc_since_312(kind, debug, debug); }
};

}  // namespace refsim
