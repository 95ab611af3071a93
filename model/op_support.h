// Op support: which operations a runtime has. Py_INCREF / Py_DECREF / Py_SET_REFCNT exist
// everywhere; the interpreter loop's stack references as modelled exist from 3.14 on (3.12 and 3.13
// run Py_INCREF / Py_DECREF there: `core`); _Py_RefcntAdd from 3.12 on (3.11 and the drafts have
// none). docs/SCENARIO-OPS.md.
#pragma once

#include <optional>
#include <string>

#include "model/scenario.h"

namespace refsim {

/// Why `code` cannot run on this runtime, or nothing when it can.
std::optional<std::string> op_unavailable(OpCode code, const RuntimeSpec& runtime);

/// Whether `code` is one of the runtime's own operations (stack references, _Py_RefcntAdd), which
/// always run as the runtime's code and take no `by`: every operation from StackNew on in OpCode.
constexpr bool runtime_only(OpCode code) { return code >= OpCode::StackNew; }

/// The operations that open a stack reference on an object (LOAD_CONST, a call's result, and the
/// specialized LOAD_CONST_MORTAL and LOAD_CONST_IMMORTAL); generators draw from this list.
constexpr OpCode kStackOpens[] = {OpCode::StackNew, OpCode::StackSteal, OpCode::StackNewMortal,
                                  OpCode::StackImmortal};

/// Whether `code` opens a stack reference on an object (one of kStackOpens).
constexpr bool opens_stack_ref(OpCode code) {
  for (OpCode open : kStackOpens)
    if (open == code) return true;
  return false;
}

/// The largest n of a refcnt_add: 2^(bits - 2), far below any overflow of the 3.14 sum.
constexpr Word refcnt_add_max(Width w) { return Word{1} << (w.bits - 2); }

}  // namespace refsim
