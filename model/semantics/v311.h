// 3.11 and earlier, and every ext-3.11 extension: full-word signed ++ / -- [3.11.7 object.h:491-541].
#pragma once

#include "model/semantics/step_result.h"

namespace refsim {

/// Py_INCREF: ob_refcnt++ on the signed Py_ssize_t.
inline StepResult incref_311(Width w, Word word) {
  return {.word = w.wrap(word + 1), .overflow = word == w.sign_bit() - 1};
}

/// Py_DECREF: if (--ob_refcnt == 0) _Py_Dealloc. The debug build then checks the new value:
/// not zero and negative -> _Py_NegativeRefcount [3.11.7 object.h:517-528].
inline StepResult decref_311(Width w, Word word, bool debug) {
  StepResult r{.word = w.wrap(word - 1), .overflow = word == w.sign_bit()};
  if (r.word == 0)
    r.dealloc = true;
  else if (debug && w.sN(r.word) < 0)
    r.negative = true;
  return r;
}

/// Py_SET_REFCNT: the whole word.
inline StepResult set_311(Width w, Word, Word value) { return {.word = w.wrap(value)}; }

}  // namespace refsim
