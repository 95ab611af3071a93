// _Py_RefcntAdd(op, n): the runtime's bulk incref (list and tuple repetition, ...), one function per
// version. 3.12 / 3.13: skip when immortal, else a plain full-word `ob_refcnt += n` with no
// saturation [3.12.1 internal/pycore_object.h:59-68; 3.13.0 internal/pycore_object.h:123-151].
// 3.14 / 3.15: skip when immortal; new = Py_REFCNT + n, stored as _Py_IMMORTAL_INITIAL_REFCNT once it
// reaches _Py_IMMORTAL_MINIMUM_REFCNT, into the uint32 low half on 64-bit [3.14 pycore_object.h
// _Py_RefcntAdd, gh-127705]. No debug check in either (only _Py_AddRefTotal).
#include "model/constants.h"
#include "model/semantics/loop.h"

namespace refsim {

namespace {

/// `W + n` on the signed Py_ssize_t of the width: the wrapped sum and whether it overflowed.
StepResult signed_add(Width w, Word word, Word n) {
  const std::int64_t max = static_cast<std::int64_t>(w.sign_bit() - 1);
  const std::int64_t a = w.sN(word);
  const bool overflow = a > 0 && static_cast<std::int64_t>(n) > max - a;
  return {.word = w.wrap(word + n), .overflow = overflow};
}

StepResult add_312(Width w, Word word, Word n) {
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return signed_add(w, word, n);
}

StepResult add_314(Width w, Word word, Word n) {
  if (immortal_314(w, word)) return {.word = word, .skipped = true};
  if (w.split()) {
    // Py_REFCNT is the zero-extended low half; the sum cannot overflow a 64-bit Py_ssize_t once n
    // is below 2^63 - 2^32 (check() keeps it below the sign bit minus the low half).
    const Word sum = w.lo(word) + n;
    const Word stored = sum >= constants::v314_minimum_lo(w) ? constants::v314_initial_lo(w) : sum;
    return {.word = w.with_lo(word, stored)};
  }
  StepResult r = signed_add(w, word, n);
  if (!r.overflow && w.sN(r.word) >= static_cast<std::int64_t>(constants::v314_minimum32(w)))
    r.word = constants::v314_initial32(w);
  return r;
}

}  // namespace

StepResult refcnt_add(const Code& core, Width w, Word word, Word n) {
  switch (core.arith) {
    case Arith::V312: return add_312(w, word, n);
    case Arith::V314: return add_314(w, word, n);
    default: return signed_add(w, word, n);  // no-immortals: nothing is immortal, nothing saturates
  }
}

}  // namespace refsim
