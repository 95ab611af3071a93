// Op support: the versions that have the runtime's own operations.
#include "model/op_support.h"

namespace refsim {

std::optional<std::string> op_unavailable(OpCode code, const RuntimeSpec& runtime) {
  if (!runtime_only(code)) return std::nullopt;
  const Family family = family_of(runtime.version);
  const std::string version(name_of(runtime.version));
  if (code == OpCode::RefcntAdd) {
    if (family == Family::V312 || family == Family::V314) return std::nullopt;
    return "version " + version + " has no _Py_RefcntAdd (it came with 3.12)";
  }
  if (family == Family::V314) return std::nullopt;
  if (family == Family::V312)
    return "the " + version + " interpreter loop takes and releases references with Py_INCREF / "
           "Py_DECREF: write incref / decref by core";
  return "version " + version + " has no stack references (they are modelled from 3.14 on)";
}

}  // namespace refsim
