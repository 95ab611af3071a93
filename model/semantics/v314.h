// 3.14 and main inline code [3.14.7 refcount.h]. 64-bit: the u32 ob_refcnt with ob_overflow and
// ob_flags above it; incref ratchets up to _Py_IMMORTAL_INITIAL_REFCNT, decref is a u32 decrement
// without borrow. 32-bit: a signed threshold.
#pragma once

#include "model/constants.h"
#include "model/semantics/step_result.h"
#include "model/semantics/v311.h"

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

/// Py_SET_REFCNT: ignored on immortal objects; 64-bit writes only the u32 (truncating the value,
/// keeping ob_overflow and ob_flags) [refcount.h:152-170]; 32-bit the whole word.
inline StepResult set_314(Width w, Word word, Word value) {
  if (immortal_314(w, word)) return {.word = word, .skipped = true};
  if (w.split()) return {.word = w.with_lo(word, value)};
  return set_311(w, word, value);
}

}  // namespace refsim
