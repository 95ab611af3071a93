// Step: what one single refcount operation of some compiled code does to a word.
// The semantics functions return it; the engine turns it into events. No I/O, no objects here.
#pragma once

#include <vector>

#include "model/width.h"

namespace refsim {

/// The result of one incref, decref or Py_SET_REFCNT on a word.
struct StepResult {
  Word word = 0;          ///< the word as the C code leaves it (before any tp_dealloc)
  bool skipped = false;   ///< the code returned early (immortal); the word is unchanged
  bool dealloc = false;   ///< the code's dealloc condition held: it calls _Py_Dealloc
  bool negative = false;  ///< the debug negative-refcount check fired (fatal)
  bool overflow = false;  ///< a signed Py_ssize_t operation overflowed (UB; wrapped)
};

/// The arithmetic one piece of compiled code uses.
enum class Arith {
  Full311,  ///< 3.11 and ext-3.11: full-word ++ / -- (signed)
  Draft,    ///< PEP 683 drafts: bit test, then full-word ++ / --
  V312,     ///< 3.12/3.13 inline code
  V314,     ///< 3.14/3.15 inline code
  Margin,   ///< Jewett's reset-on-margin (core code of a bit-test draft)
};

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

// One function per arithmetic and operation (semantics/*.cc).
StepResult incref_311(Width w, Word word);
StepResult decref_311(Width w, Word word, bool debug);
StepResult set_311(Width w, Word word, Word value);

StepResult incref_draft(Width w, Word word, Word bit);
StepResult decref_draft(Width w, Word word, Word bit, bool debug);
StepResult set_draft(Width w, Word word, Word value, Word bit);
StepResult incref_margin(Width w, Word word);
StepResult decref_margin(Width w, Word word, Word bit, bool debug);

StepResult incref_312(Width w, Word word);
StepResult decref_312(Width w, Word word, bool debug);
StepResult set_312(Width w, Word word, Word value);

StepResult incref_314(Width w, Word word);
StepResult decref_314(Width w, Word word, bool debug);
StepResult set_314(Width w, Word word, Word value);

/// Immortality tests (_Py_IsImmortal) of each arithmetic.
bool immortal_draft(Word word, Word bit);
bool immortal_312(Width w, Word word);
bool immortal_314(Width w, Word word);

/// Dispatch on the code.
StepResult incref(const Code& code, Width w, Word word);
StepResult decref(const Code& code, Width w, Word word);
StepResult set_refcnt(const Code& code, Width w, Word word, Word value);
/// Appends every boundary of this code's operations (and its immortality test) at this width.
void add_cuts(const Code& code, Width w, Cuts& cuts);

}  // namespace refsim
