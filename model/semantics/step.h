// Step: what one single refcount operation of some compiled code does to a word.
// The semantics functions (one inline header per arithmetic, so that a runtime's step table can
// compile them at its width) return it; the engine turns it into events. No I/O, no objects here.
#pragma once

#include <vector>

#include "model/names.h"
#include "model/semantics/draft.h"
#include "model/semantics/step_result.h"
#include "model/semantics/v311.h"
#include "model/semantics/v312.h"
#include "model/semantics/v314.h"
#include "model/width.h"

namespace refsim {

// Arith, the arithmetic one piece of compiled code uses, is a names.def table (model/names.h).

/// The compiled code that touches the word: its arithmetic, debug build and (drafts) immortal bit.
struct Code {
  Arith arith = Arith::Full311;
  bool debug = false;
  Word bit = 0;  ///< the immortal bit, for Draft and Margin
};

/// A boundary of the word: `value` modulo 2^mod_bits, where some predicate of some code may change
/// between value - 1 and value. A stretch of +1/-1 steps that touches no cut behaves uniformly.
/// Every predicate a cut guards repeats with period 2^mod_bits, so that moving the word by a multiple
/// of every shorter modulus, inside one cell of the full-word cuts, changes nothing.
struct Cut {
  Word value;
  unsigned mod_bits;
};
using Cuts = std::vector<Cut>;

/// Dispatch on the code.
StepResult incref(const Code& code, Width w, Word word);
StepResult decref(const Code& code, Width w, Word word);
StepResult set_refcnt(const Code& code, Width w, Word word, Word value);
/// Appends every boundary of this code's operations (and its immortality test) at this width.
void add_cuts(const Code& code, Width w, Cuts& cuts);

}  // namespace refsim
