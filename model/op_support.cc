// Op support: the versions that have the runtime's own operations (their family rows say).
#include "model/op_support.h"

#include "model/semantics/rows.h"

namespace refsim {

std::optional<std::string> op_unavailable(OpCode code, const RuntimeSpec& runtime) {
  if (!runtime_only(code)) return std::nullopt;
  const Family family = family_of(runtime.version);
  const std::string version(name_of(runtime.version));
  if (code == OpCode::RefcntAdd) {
    if (has_refcnt_add(family)) return std::nullopt;
    return "version " + version + " has no _Py_RefcntAdd (it came with 3.12)";
  }
  if (has_stack_refs(family)) return std::nullopt;
  if (code == OpCode::StackNewMortal || code == OpCode::StackImmortal)
    return "version " + version + " has no LOAD_CONST_MORTAL or LOAD_CONST_IMMORTAL (LOAD_CONST is specialized "
           "from 3.14 on)" + (has_refcnt_add(family) ? ": its LOAD_CONST is Py_INCREF by core" : "");
  if (has_refcnt_add(family))  // 3.12 and 3.13: the runtime's own code, but no stack references yet
    return "the " + version + " interpreter loop takes and releases references with Py_INCREF / "
           "Py_DECREF: write incref / decref by core";
  return "version " + version + " has no stack references (they are modelled from 3.14 on)";
}

}  // namespace refsim
