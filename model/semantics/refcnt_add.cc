// _Py_RefcntAdd(op, n): the runtime's bulk incref (list and tuple repetition, ...). Each code row
// that has one declares it beside its step functions (add_312 in v312.h, add_314 in v314.h); code
// that knows no immortality adds on the full signed word (add_311).
#include "model/semantics/loop.h"

namespace refsim {

StepResult refcnt_add(const Code& core, Width w, Word word, Word n) {
  return with_arith(core.arith, [&]<class C>() {
    if constexpr (requires { C::refcnt_add(w, word, n); }) return C::refcnt_add(w, word, n);
    return add_311(w, word, n);  // never reached: op_unavailable keeps it to versions that have one
  });
}

}  // namespace refsim
