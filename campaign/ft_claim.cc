// Free-threaded claims: the builds of a scope, the signature's family and the scope test.
#include "campaign/ft_claim.h"

#include <algorithm>

#include "campaign/scope_list.h"

namespace refsim::campaign {

namespace {

/// Every reference released once: one object, increfs and decrefs by any thread (merges and reads
/// between them), never more released than held, none taken once none is held, none held at the end.
bool paired(const ft::FtScenario& s) {
  if (s.objects.size() != 1 || s.objects[0].kind != ft::FtKind::Heap) return false;
  unsigned __int128 held = static_cast<unsigned __int128>(std::max<std::int64_t>(s.objects[0].refs, 0));
  for (const ft::FtOp& op : s.ops) {
    if (op.code == ft::FtOpCode::Incref && held > 0) held += op.count;
    else if (op.code == ft::FtOpCode::Decref && op.count <= held) held -= op.count;
    else if (op.code != ft::FtOpCode::Merge && op.code != ft::FtOpCode::Refcnt) return false;
  }
  return held == 0;
}

}  // namespace

bool kind_on(const ft::FtBuild& build, ft::FtKind kind) {
  return kind != ft::FtKind::Deferred || build.info().deferred_modelled();
}

std::vector<ft::FtBuild> ft_builds_of(const FtScope& scope) {
  std::vector<ft::FtBuild> out;
  for (ft::FtVersion v : scope.versions)
    for (unsigned bits : scope.widths)
      for (bool debug : scope.debug) {
        const ft::FtBuild build{v, bits, debug};
        if (std::any_of(scope.kinds.begin(), scope.kinds.end(), [&](ft::FtKind k) { return kind_on(build, k); }))
          out.push_back(build);
      }
  return out;
}

std::string_view ft_family_name(ft::FtVersion version) {
  switch (version) {
    case ft::FtVersion::v313t: return "3.13t";
    case ft::FtVersion::v314t:
    case ft::FtVersion::v315t: return "3.14t-3.15t";
    case ft::FtVersion::gh153202: return "gh153202-proto";
  }
  return "?";
}

std::string thread_name(std::size_t i) { return i == 0 ? "main" : "t" + std::to_string(i + 1); }

std::string ft_build_name(const ft::FtBuild& b) {
  return std::string(b.info().name) + "/" + std::to_string(b.ssize_bits) + (b.debug ? "/debug" : "/release");
}

FtActor actor_of(const ft::FtScenario& s, const ft::FtOp& op) {
  return s.objects[op.obj].owner == op.thread ? FtActor::Owner : FtActor::Other;
}

bool ft_in_scope(const FtScope& scope, const ft::FtScenario& s) {
  const ft::FtBuild& b = s.build;
  if (!listed(scope.versions, b.version) || !listed(scope.widths, b.ssize_bits) || !listed(scope.debug, b.debug))
    return false;
  if (s.objects.empty() || s.objects.size() > scope.max_objects || s.threads.empty() ||
      s.threads.size() > scope.max_threads || s.ops.size() > scope.max_ops)
    return false;
  for (const ft::FtObjectSpec& o : s.objects) {
    if (!listed(scope.kinds, o.kind) || !kind_on(b, o.kind) || o.local || o.shared || o.refs != 1) return false;
    if ((o.kind == ft::FtKind::Immortal) != (o.owner == ft::kUnowned)) return false;
  }
  for (const ft::FtOp& op : s.ops) {
    if (!listed(scope.ops, op.code)) return false;
    if (op.code == ft::FtOpCode::Merge && !listed(scope.merges, op.at)) return false;
    if (op.code == ft::FtOpCode::Repeat) return false;
    if (op.code == ft::FtOpCode::Merge) continue;
    if (!listed(scope.threads, actor_of(s, op))) return false;
    if ((op.code == ft::FtOpCode::Incref || op.code == ft::FtOpCode::Decref) && op.count > scope.max_count) return false;
    if (op.code == ft::FtOpCode::SetRefcnt && (op.value < 0 || static_cast<std::uint64_t>(op.value) > scope.max_count))
      return false;
  }
  if (ft::expanded_steps(s.ops) > scope.max_steps) return false;
  return !scope.paired || paired(s);
}

}  // namespace refsim::campaign
