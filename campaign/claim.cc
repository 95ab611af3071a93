// Claim: the invariant table's names, the runtimes of a scope and the scope test.
#include "campaign/claim.h"

#include <algorithm>

#include "campaign/scope_list.h"

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
      if (op.code != OpCode::Gc && op.code != OpCode::Repeat && !listed(scope.origins, op.by)) ok = false;
      if ((op.code == OpCode::Incref || op.code == OpCode::Decref || op.code == OpCode::Repeat) &&
          op.count > scope.max_count)
        ok = false;
      if (op.code == OpCode::Repeat) ops(op.body);
    }
  }
};

/// Every reference released once: one object, top-level increfs and decrefs, never more released
/// than held, no reference taken once none is held (the object is gone), nothing held at the end.
bool paired(const Scenario& s) {
  if (s.objects.size() != 1) return false;
  unsigned __int128 held = s.objects[0].refs < 0 ? 0 : static_cast<unsigned __int128>(s.objects[0].refs);
  for (const Op& op : s.ops) {
    if (op.code == OpCode::Incref && held > 0) held += op.count;
    else if (op.code == OpCode::Decref && op.count <= held) held -= op.count;
    else return false;
  }
  return held == 0;
}

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
