// PEP 683 drafts (round 2, PR 19474 Dec 2021; round 3): "no-op for objects with the magic refcount
// (or its most significant bit)", otherwise 3.11's arithmetic [docs/semantics-pep683-drafts.md].
// Jewett's reset-on-margin (python-dev, 2022-03-10) is core code of a bit-test design.
#pragma once

#include "model/semantics/step_result.h"
#include "model/semantics/v311.h"

namespace refsim {

inline bool immortal_draft(Word word, Word bit) { return (word & bit) != 0; }

inline StepResult incref_draft(Width w, Word word, Word bit) {
  if (immortal_draft(word, bit)) return {.word = word, .skipped = true};
  return incref_311(w, word);
}

/// The drafts never specified a debug check; refsim keeps 3.11's (after the decrement).
inline StepResult decref_draft(Width w, Word word, Word bit, bool debug) {
  if (immortal_draft(word, bit)) return {.word = word, .skipped = true};
  return decref_311(w, word, debug);
}

/// "Py_SET_REFCNT() and _Py_NewReference() will now ignore immortal objects".
inline StepResult set_draft(Width w, Word word, Word value, Word bit) {
  if (immortal_draft(word, bit)) return {.word = word, .skipped = true};
  return set_311(w, word, value);
}

/// Jewett: incref is a plain +1 that never skips ("it still doesn't prevent rollover").
inline StepResult incref_margin(Width w, Word word) { return incref_311(w, word); }

/// Jewett: W - 1; when (W & ~B) == 0, dealloc if W == 0, else the margin B/2 is added back.
inline StepResult decref_margin(Width w, Word word, Word bit, bool debug) {
  StepResult r{.word = w.wrap(word - 1), .overflow = word == w.sign_bit()};
  if ((r.word & ~bit) == 0) {
    if (r.word == 0) {
      r.dealloc = true;
      return r;
    }
    r.word += bit / 2;
  }
  if (debug && w.sN(r.word) < 0) r.negative = true;
  return r;
}

}  // namespace refsim
