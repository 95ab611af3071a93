// Claim: the invariant table's names, the runtimes of a scope and the scope test.
#include "campaign/claim.h"

#include <algorithm>

#include "campaign/scope_list.h"
#include "fuzz/program.h"
#include "model/op_support.h"

namespace refsim::campaign {

namespace {

struct Walk {
  const Scope& scope;
  std::uint64_t nodes = 0;
  bool ok = true;

  void ops(const std::vector<Op>& list) {
    for (const Op& op : list) {
      ++nodes;
      if (!listed(scope.ops, op.code)) ok = false;
      // The runtime's own operations (stack references, _Py_RefcntAdd) are the runtime's code, which
      // scope.ops lists; `origins` says which code's Py_INCREF / Py_DECREF may run.
      if (op.code != OpCode::Gc && op.code != OpCode::Repeat && !runtime_only(op.code) && !listed(scope.origins, op.by))
        ok = false;
      if ((op.code == OpCode::Incref || op.code == OpCode::Decref || op.code == OpCode::Repeat) &&
          op.count > scope.max_count)
        ok = false;
      if (op.code == OpCode::Repeat) ops(op.body);
    }
  }
};

/// Every reference released once: one object, top-level increfs, decrefs and the runtime's own
/// operations, never more released than held, no reference taken once none is held (the object is
/// gone), no stack reference left open, nothing held at the end: exactly a mortal_accounting ledger
/// (fuzz/FORMAT.md "Ledger layout").
bool paired(const Scenario& s) { return fuzz::ledger_of(s).has_value(); }

}  // namespace

std::vector<RuntimeSpec> runtimes_of(const Scope& scope) {
  std::vector<RuntimeSpec> out;
  for (Version v : scope.versions)
    for (unsigned bits : scope.widths)
      for (bool debug : scope.debug)
        for (Strategy strategy : scope.strategies) {
          Scenario probe;
          probe.runtime = RuntimeSpec{v, Width{bits}, debug, strategy, {}};
          if (!refsim::check(probe)) out.push_back(probe.runtime);
        }
  return out;
}

bool in_scope(const Scope& scope, const Scenario& s) {
  const RuntimeSpec& rt = s.runtime;
  if (!listed(scope.versions, rt.version) || !listed(scope.widths, rt.width.bits) ||
      !listed(scope.debug, rt.debug) || !listed(scope.strategies, rt.strategy))
    return false;
  if (s.objects.size() > scope.max_objects) return false;
  for (const ObjectSpec& o : s.objects)
    if (!listed(scope.kinds, o.kind) || o.word) return false;
  Walk walk{scope};
  walk.ops(s.ops);
  if (!walk.ok || walk.nodes > scope.max_ops) return false;
  if (expanded_steps(s.ops) > scope.max_steps) return false;
  return !scope.paired || paired(s);
}

bool in_claim_scope(const Claim& claim, const ClaimScenario& scenario) {
  if (const auto* threaded = std::get_if<ft::FtScenario>(&scenario))
    return claim.ft_scope && ft_in_scope(*claim.ft_scope, *threaded);
  return !claim.ft_scope && in_scope(claim.scope, std::get<Scenario>(scenario));
}

}  // namespace refsim::campaign
