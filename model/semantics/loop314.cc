// The 3.14 / 3.15 interpreter loop's stack references, default (GIL) build. Read in python/cpython
// Include/internal/pycore_stackref.h @ e74f84c938309178c7043e8479777fc7469d1de9 (the GIL branch:
// PyStackRef_FromPyObjectSteal, _PyStackRef_FromPyObjectNew, PyStackRef_DUP, PyStackRef_CLOSE; and
// at 3.14.7 _PyStackRef_FromPyObjectNewMortal :588, PyStackRef_FromPyObjectImmortal :600) and
// Include/internal/pycore_object.h of 3.14 (_Py_INCREF_MORTAL, Py_DECREF_MORTAL). Whether a
// reference is counted is decided when it is created and stays with it.
#include "model/constants.h"
#include "model/semantics/loop.h"

namespace refsim {

namespace {

/// Bit 0 of ob_flags (_Py_IMMORTAL_FLAGS == Py_TAG_REFCNT) on the 64-bit layout.
Word flag_bit(Width w) { return constants::kImmortalFlag << constants::v314_flags_shift(w); }

/// _Py_IsStaticImmortal (3.14.7 Include/refcount.h:139-146): on 64-bit `ob_flags &
/// _Py_STATICALLY_ALLOCATED_FLAG`, whatever the count; on 32-bit `op->ob_refcnt >=
/// _Py_STATIC_IMMORTAL_MINIMUM_REFCNT` (0x60000000), signed.
bool static_immortal_314(Width w, Word word) {
  if (w.split()) return (word & (constants::kStaticFlag << constants::v314_flags_shift(w))) != 0;
  return w.sN(word) >= static_cast<std::int64_t>(constants::v314_static_minimum32(w));
}

/// _Py_INCREF_MORTAL (3.14.7 Include/internal/pycore_object.h:1017-1027): `op->ob_refcnt++` with no
/// immortality test; ob_refcnt is the uint32 low half on 64-bit (it wraps without carry) and the
/// signed Py_ssize_t on 32-bit. A debug build (assertions on) first asserts
/// `!_Py_IsStaticImmortal(op)`: the check fires and the process aborts.
StepResult incref_mortal_314(Width w, Word word, bool debug) {
  if (debug && static_immortal_314(w, word)) return {.word = word, .negative = true};
  if (w.split()) return {.word = w.with_lo(word, w.lo(word) + 1)};
  return incref_311(w, word);
}

/// Py_DECREF_MORTAL (pycore_object.h:439-452, the Py_REF_DEBUG one): `if (--op->ob_refcnt == 0)
/// _Py_Dealloc(op)`, no immortality test. The debug build first calls _Py_NegativeRefcount when
/// `op->ob_refcnt <= 0` (on 64-bit the uint32 low half is 0, on 32-bit the signed word is <= 0),
/// then asserts `!_Py_IsStaticImmortal(op)`.
StepResult decref_mortal_314(Width w, Word word, bool debug) {
  if (w.split()) {
    if (debug && (w.lo(word) == 0 || static_immortal_314(w, word))) return {.word = word, .negative = true};
    const Word next = (w.lo(word) - 1) & w.half_mask();
    return {.word = w.with_lo(word, next), .dealloc = next == 0};
  }
  if (debug && (w.sN(word) <= 0 || static_immortal_314(w, word))) return {.word = word, .negative = true};
  return decref_311(w, word, false);
}

/// Without immortality (no-immortals) the loop counts every reference with full-word ++ / --.
bool full_word(const Code& core) { return plain_full_word(core.arith); }

}  // namespace

StepResult loop_new(const Code& core, Width w, Word word) {
  if (full_word(core)) return incref_311(w, word);
  if (immortal_314(w, word)) return {.word = word, .skipped = true};
  return incref_mortal_314(w, word, core.debug);
}

/// PyStackRef_FromPyObjectSteal (pycore_stackref.h:543-554): counted unless the flag bit (64-bit) or
/// the immortality test (32-bit) says otherwise; a debug build then runs PyStackRef_CheckValid
/// (:483-497), which asserts that a counted reference is not to a statically allocated object.
StepResult loop_steal(const Code& core, Width w, Word word) {
  if (full_word(core)) return {.word = word};
  const bool uncounted = w.split() ? (word & flag_bit(w)) != 0 : immortal_314(w, word);
  return {.word = word, .skipped = uncounted, .negative = core.debug && !uncounted && static_immortal_314(w, word)};
}

/// _PyStackRef_FromPyObjectNewMortal (:588-595): _Py_INCREF_MORTAL, then PyStackRef_CheckValid of
/// the counted reference, which looks at the word after the increment (32-bit: 0x5fffffff + 1).
StepResult loop_new_mortal(const Code& core, Width w, Word word) {
  StepResult r = loop_dup_counted(core, w, word);
  if (core.debug && !full_word(core) && !r.negative && static_immortal_314(w, r.word)) r.negative = true;
  return r;
}

/// PyStackRef_FromPyObjectImmortal (pycore_stackref.h:600-604, LOAD_CONST_IMMORTAL): an uncounted
/// reference; a debug build first asserts `_Py_IsImmortal(obj)`, which a word made mortal after the
/// instruction was specialized fails.
StepResult loop_immortal(const Code& core, Width w, Word word) {
  if (full_word(core)) return incref_311(w, word);
  return {.word = word, .skipped = true, .negative = core.debug && !immortal_314(w, word)};
}

StepResult loop_dup_counted(const Code& core, Width w, Word word) {
  if (full_word(core)) return incref_311(w, word);
  return incref_mortal_314(w, word, core.debug);
}

StepResult loop_close_counted(const Code& core, Width w, Word word) {
  if (full_word(core)) return decref_311(w, word, core.debug);
  return decref_mortal_314(w, word, core.debug);
}

StepResult loop_steal_release(const Code& core, Width w, Word word) {
  const StepResult stolen = loop_steal(core, w, word);
  if (stolen.skipped || stolen.negative) return stolen;
  return loop_close_counted(core, w, word);
}

void add_loop_cuts(Width w, bool debug, Cuts& cuts) {
  if (w.split()) {
    const unsigned period_bits = constants::v314_flags_shift(w) + 1;
    cuts.push_back({0, period_bits});
    cuts.push_back({flag_bit(w), period_bits});
  }
  if (!debug) return;
  if (!w.split()) {
    cut_full(cuts, w, constants::v314_static_minimum32(w));
    return;
  }
  const unsigned static_period_bits = constants::v314_flags_shift(w) + 3;
  cuts.push_back({0, static_period_bits});
  cuts.push_back({constants::kStaticFlag << constants::v314_flags_shift(w), static_period_bits});
}

}  // namespace refsim
