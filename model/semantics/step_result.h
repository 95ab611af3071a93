// StepResult: what one single refcount operation of some compiled code does to a word, as the
// semantics functions (semantics/v311.h, draft.h, v312.h, v314.h) return it.
#pragma once

#include "model/width.h"

namespace refsim {

/// The result of one incref, decref or Py_SET_REFCNT on a word.
struct StepResult {
  Word word = 0;          ///< the word as the C code leaves it (before any tp_dealloc)
  bool skipped = false;   ///< the code returned early (immortal); the word is unchanged
  bool dealloc = false;   ///< the code's dealloc condition held: it calls _Py_Dealloc
  bool negative = false;  ///< the debug negative-refcount check fired (fatal)
  bool overflow = false;  ///< a signed Py_ssize_t operation overflowed (UB; wrapped)

  /// The code raised no event of its own: no _Py_Dealloc, no debug check, no overflow. (Whether the
  /// runtime's immortality test changed is the caller's to ask.)
  bool eventless() const { return !dealloc && !negative && !overflow; }
};

}  // namespace refsim
