// The ft_engine check. The ledger: an object's paired references (the scenario's refs, +1 per
// incref, -1 per decref, whoever runs them) plus the references its owner's brc queue holds are what
// Py_REFCNT reports (plus what deferred counting adds: FtBuild::deferred_refcnt_extra), and no free
// is premature, unless an edge excuses it: the object started immortal (its kind, or 3.13t's deferred
// counting with other threads) or at a chosen field value, became immortal or
// wrapped its local count (those events), a Py_SET_REFCNT ran, the process stopped, or the counts
// moved by the scenario could reach the shared count's sign bit or (the draft) its immortal minimum.
#include "fuzz/ft_check.h"

#include <algorithm>

#include "fuzz/ft_codec.h"
#include "model/freethreaded/biased_refcount.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::fuzz {
namespace {

using ft::FtEventKind;

constexpr std::uint64_t kMaxEvents = std::uint64_t{1} << 20;  // more than any decoded run's steps

/// Calls F(op, times) for every operation of OPS that is not a repeat, with the number of times it
/// runs (the counts of the repeats around it multiplied; a decoded input keeps that under 2^18).
template <class F>
void each_single(const std::vector<ft::FtOp>& ops, std::uint64_t times, const F& f) {
  for (const ft::FtOp& op : ops) {
    if (op.code == ft::FtOpCode::Repeat) each_single(op.body, times * op.count, f);
    else f(op, times);
  }
}

/// Increments and decrements of object OBJ, the refs it starts with included.
std::uint64_t moved(const ft::FtScenario& s, std::size_t obj) {
  std::uint64_t total = static_cast<std::uint64_t>(std::max<std::int64_t>(s.objects[obj].refs, 0));
  each_single(s.ops, 1, [&](const ft::FtOp& op, std::uint64_t times) {
    if (op.obj == obj && (op.code == ft::FtOpCode::Incref || op.code == ft::FtOpCode::Decref)) total += op.count * times;
  });
  return total;
}

bool sets_refcnt(const ft::FtScenario& s) {
  bool any = false;
  each_single(s.ops, 1, [&](const ft::FtOp& op, std::uint64_t) { any = any || op.code == ft::FtOpCode::SetRefcnt; });
  return any;
}

/// What deferred counting adds to Py_REFCNT of object OBJ (FtBuild::deferred_refcnt_extra), 0 for
/// any other kind.
std::int64_t deferred_refs(const ft::FtScenario& s, std::size_t obj) {
  return s.objects[obj].kind == ft::FtKind::Deferred ? s.build.deferred_refcnt_extra() : 0;
}

bool excused(const ft::FtScenario& s, const ft::FtOutcome& out, std::size_t obj) {
  const ft::FtObjectSpec& spec = s.objects[obj];
  if (out.crashed || out.objects[obj].created_immortal || spec.local || spec.shared) return true;
  if (sets_refcnt(s)) return true;
  for (const ft::FtEventRecord& e : out.events)
    if (e.obj == obj && (e.kind == FtEventKind::ImmortalByOverflow || e.kind == FtEventKind::LocalWrapped ||
                         e.kind == FtEventKind::ImmortalBySetRefcnt || e.kind == FtEventKind::Deimmortalized))
      return true;
  const ft::FtBuild& b = s.build;
  std::uint64_t bound = std::uint64_t{1} << (b.shared_bits() - 3);
  if (b.narrow()) bound = std::min<std::uint64_t>(bound, b.immortal_min_shared());
  return moved(s, obj) + static_cast<std::uint64_t>(deferred_refs(s, obj)) >= bound;
}

std::string where(const ft::FtScenario& s, std::size_t obj) {
  return std::string(s.build.info().name) + "/" + std::to_string(s.build.ssize_bits) +
         (s.build.debug ? "/debug " : "/release ") + s.objects[obj].id;
}

}  // namespace

std::vector<std::string> check_ft(std::span<const std::uint8_t> bytes, FtCheckStats* stats) {
  const auto decoded = decode_ft(bytes);
  if (!std::holds_alternative<ft::FtScenario>(decoded)) return {};
  if (stats) stats->decoded = true;
  const ft::FtScenario& s = std::get<ft::FtScenario>(decoded);
  const ft::FtOutcome fast = ft::run(s, EngineKind::Fast, kMaxEvents);
  const ft::FtOutcome stepwise = ft::run(s, EngineKind::Stepwise, kMaxEvents);
  if (!(fast == stepwise)) {
    return {"fast-vs-stepwise: " + std::string(s.build.info().name) + "/" + std::to_string(s.build.ssize_bits) +
            ": steps " + std::to_string(fast.steps) + " vs " + std::to_string(stepwise.steps) + ", events " +
            std::to_string(fast.events_total) + " vs " + std::to_string(stepwise.events_total)};
  }
  std::vector<std::string> findings;
  for (std::size_t i = 0; i < s.objects.size(); ++i) {
    if (excused(s, stepwise, i)) continue;
    if (stats) ++stats->ledger_objects;
    const ft::FtObjState& o = stepwise.objects[i];
    const Int128 expected = o.logical + o.o.queue_entries + deferred_refs(s, i);
    if (!o.o.freed && Int128(ft::refcnt(s.build, o.o)) != expected)
      findings.push_back("ledger: " + where(s, i) + ": Py_REFCNT " + std::to_string(ft::refcnt(s.build, o.o)) +
                         " is not the paired and queued references");
    for (const ft::FtEventRecord& e : stepwise.events)
      if (e.obj == i && e.kind == FtEventKind::Dealloc && e.premature)
        findings.push_back("ledger: " + where(s, i) + ": freed at step " + std::to_string(e.step) +
                           " with paired references left");
  }
  return findings;
}

}  // namespace refsim::fuzz
