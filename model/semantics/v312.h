// 3.12 and 3.13 inline code (core, and extensions built with those headers, limited < 3.12):
// 64-bit saturating low-half incref and full-word decrement with borrow; 32-bit immortal by
// equality [3.12.1 object.h:240-246, 625-709; 3.13.0 object.h:355-364, 794-951].
#pragma once

#include "model/constants.h"
#include "model/semantics/step_result.h"
#include "model/semantics/v311.h"

namespace refsim {

/// _Py_IsImmortal: (int32_t)ob_refcnt < 0 on 64-bit; ob_refcnt == _Py_IMMORTAL_REFCNT on 32-bit.
inline bool immortal_312(Width w, Word word) {
  if (w.split()) return (word & constants::v312_test_bit(w)) != 0;
  return w.wrap(word) == constants::v312_immortal(w);
}

/// Py_INCREF. 64-bit: new = lo32 + 1 (u32); if new == 0 return; else lo32 = new, no carry.
/// 32-bit: return if immortal, else ob_refcnt++ (signed).
inline StepResult incref_312(Width w, Word word) {
  if (w.split()) {
    const Word next = (w.lo(word) + 1) & w.half_mask();
    if (next == 0) return {.word = word, .skipped = true};
    return {.word = w.with_lo(word, next)};
  }
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return incref_311(w, word);
}

/// Py_DECREF. Debug: _Py_NegativeRefcount when the full signed word is <= 0, tested first, immortal
/// objects included [3.12.1 object.h:679-694]. Then skip if immortal, else full-word --, dealloc at 0.
inline StepResult decref_312(Width w, Word word, bool debug) {
  if (debug && w.sN(word) <= 0) return {.word = word, .negative = true};
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return decref_311(w, word, false);
}

/// Py_SET_REFCNT: ignored on immortal objects, else the whole word.
inline StepResult set_312(Width w, Word word, Word value) {
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return set_311(w, word, value);
}

}  // namespace refsim
