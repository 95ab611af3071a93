// Dispatch: from a Code (arithmetic, debug, bit) to its row's semantics function; and its boundaries.
#include "model/semantics/step.h"

namespace refsim {

StepResult incref(const Code& code, Width w, Word word) {
  return with_arith(code.arith, [&]<class C>() { return C::incref(w, word, code.bit); });
}

StepResult decref(const Code& code, Width w, Word word) {
  return with_arith(code.arith, [&]<class C>() { return C::decref(w, word, code.bit, code.debug); });
}

StepResult set_refcnt(const Code& code, Width w, Word word, Word value) {
  return with_arith(code.arith, [&]<class C>() { return C::set(w, word, value, code.bit, code.debug); });
}

void add_cuts(const Code& code, Width w, Cuts& cuts) {
  with_arith(code.arith, [&]<class C>() { C::cuts(cuts, w, code.bit); });
}

}  // namespace refsim
