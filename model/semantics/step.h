// Step: what one single refcount operation of some compiled code does to a word.
// The semantics functions (one inline header per arithmetic, so that a runtime's step table can
// compile them at its width) return it; the engine turns it into events. No I/O, no objects here.
#pragma once

#include "model/names.h"
#include "model/semantics/cut.h"
#include "model/semantics/rows.h"
#include "model/semantics/step_result.h"
#include "model/width.h"

namespace refsim {

// Arith, the arithmetic one piece of compiled code uses, is a names.def table (model/names.h); each
// row names its traits (model/semantics/rows.h).

/// The compiled code that touches the word: its arithmetic, debug build and (drafts) immortal bit.
struct Code {
  Arith arith = Arith::Full311;
  bool debug = false;
  Word bit = 0;  ///< the immortal bit, for Draft and Margin
};

/// Dispatch on the code.
StepResult incref(const Code& code, Width w, Word word);
StepResult decref(const Code& code, Width w, Word word);
StepResult set_refcnt(const Code& code, Width w, Word word, Word value);
/// Appends every boundary of this code's operations (and its immortality test) at this width.
void add_cuts(const Code& code, Width w, Cuts& cuts);

}  // namespace refsim
