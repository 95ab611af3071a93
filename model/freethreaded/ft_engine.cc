// The free-threaded engine: the operation tree walk, the single step both engines share, the owners'
// merges and the leak check at the end. The fast engine differs in its straight-line owner steps and
// quiet singles (here), and in run_counted and run_repeat (ft_engine_jumps.cc).
#include "model/freethreaded/ft_engine.h"

#include <algorithm>

#include "model/freethreaded/biased_refcount.h"
#include "model/freethreaded/brc.h"
#include "model/freethreaded/ft_jump.h"
#include "model/freethreaded/ft_runner.h"

namespace refsim::ft {
namespace {

/// The model's event bits, in report order, with the event each one is.
constexpr std::pair<std::uint32_t, FtEventKind> kBitEvents[] = {
    {kImmortalByOverflow, FtEventKind::ImmortalByOverflow},
    {kLocalWrapped, FtEventKind::LocalWrapped},
    {kImmortalBySetRefcnt, FtEventKind::ImmortalBySetRefcnt},
    {kQueued, FtEventKind::Queued},
    {kQueueReleasedAtOnce, FtEventKind::QueueReleasedAtOnce},
    {kMerged, FtEventKind::Merged},
};

/// An object as the scenario starts it: the kind's fields, then the fields the scenario gives. A
/// deferred object that deferred counting made immortal (3.13t with other threads) counts as created
/// immortal.
FtObjState start_state(const FtBuild& b, const FtObjectSpec& spec, std::size_t threads) {
  FtObjState s;
  s.logical = spec.refs;
  if (spec.kind == FtKind::Immortal) {
    s.o = immortal_object(b);
    s.created_immortal = true;
    return s;
  }
  const Tid tid = spec.owner == kUnowned ? kUnownedTid : tid_of(spec.owner);
  s.o = FtObject{tid, static_cast<Word>(spec.refs), 0, false, 0};
  if (spec.kind == FtKind::Deferred) {
    set_deferred(b, s.o, threads > 1);
    s.created_immortal = is_immortal(b, s.o);
  }
  if (spec.local) s.o.local = *spec.local;
  if (spec.shared) s.o.shared = *spec.shared;
  return s;
}

}  // namespace

Runner::Runner(const FtScenario& s, EngineKind kind, std::uint64_t max_events, std::uint64_t max_work,
               const FtEnough& enough)
    : s_(s),
      b_(s.build),
      fast_(kind == EngineKind::Fast),
      narrow_(b_.narrow()),
      local_max_(b_.local_max()),
      max_events_(max_events),
      enough_(enough),
      work_left_(max_work) {
  for (const FtObjectSpec& spec : s.objects) out_.objects.push_back(start_state(b_, spec, s.threads.size()));
  line_start_.resize(s.objects.size());
  out_.exited.assign(s.threads.size(), false);
}

FtOutcome Runner::finish() {
  walk(s_.ops);
  if (!ended())  // leaks are judged at the end of a whole run only
    for (std::size_t i = 0; i < out_.objects.size(); ++i) {
      const FtObjState& s = out_.objects[i];
      if (!s.created_immortal && !s.o.freed && s.logical <= 0 && s.o.queue_entries == 0)
        emit(FtEventKind::Leak, i, nullptr, kNone);
    }
  return std::move(out_);
}

bool Runner::owner_quiet(const FtObjState& s, Tid caller, bool up) const {
  return !narrow_ && s.o.tid == caller && !s.o.freed &&
         (up ? s.o.local + 1 < local_max_ : s.o.local > 1 && s.o.local != local_max_);
}

std::uint32_t Runner::owner_singles(const std::vector<FtOp>& ops, std::uint32_t i) {
  if (ended()) return i;
  const FtOp* const first = ops.data() + i;
  // One unit of work per operation, as the walk pays it: no further than the work left.
  const FtOp* const end = first + std::min<std::uint64_t>(ops.size() - i, work_left_);
  FtObjState* const objects = out_.objects.data();
  for (std::size_t k = 0; k < out_.objects.size(); ++k) line_start_[k] = objects[k].o.local;
  const FtOp* p = first;
  for (; p != end; ++p) {
    const FtOp& op = *p;
    if (op.count != 1 || (op.code != FtOpCode::Incref && op.code != FtOpCode::Decref)) break;
    const bool up = op.code == FtOpCode::Incref;
    FtObjState& s = objects[op.obj];
    if (!owner_quiet(s, tid_of(op.thread), up)) break;
    s.o.local = up ? s.o.local + 1 : s.o.local - 1;
  }
  // Each step moved the logical count with the local one (fewer steps than 2^63 per line).
  for (std::size_t k = 0; k < out_.objects.size(); ++k)
    objects[k].logical += static_cast<std::int64_t>(objects[k].o.local - line_start_[k]);
  const auto ran = static_cast<std::uint32_t>(p - first);
  out_.steps += ran;
  work_left_ -= ran;
  return i + ran;
}

bool Runner::quiet_single(const FtOp& op) {
  const bool up = op.code == FtOpCode::Incref;
  FtObjState& s = out_.objects[op.obj];
  const Tid caller = tid_of(op.thread);
  // The owner's step inside its cell written out (owner_quiet), as it is what an interpreter does
  // most; any other through the table.
  if (owner_quiet(s, caller, up)) {
    s.o.local = up ? s.o.local + 1 : s.o.local - 1;
    s.logical += up ? 1 : -1;
  } else if (quiet_steps(b_, s, caller, up) >= 1) {
    apply_quiet(b_, s, caller, up, 1);
  } else {
    return false;
  }
  ++out_.steps;
  return true;
}

void Runner::walk(const std::vector<FtOp>& ops) {
  for (std::uint32_t i = 0; i < ops.size(); ++i) {
    if (fast_ && !recording_ && !narrow_) {
      i = owner_singles(ops, i);
      if (i == ops.size()) break;
    }
    if (stopped()) break;
    const FtOp& op = ops[i];
    const bool counted = op.code == FtOpCode::Incref || op.code == FtOpCode::Decref;
    if (counted && fast_ && op.count == 1 && !recording_ && quiet_single(op)) continue;  // no event: no path
    path_.push_back(i);
    switch (op.code) {
      case FtOpCode::Repeat: run_repeat(op); break;
      case FtOpCode::Merge: merge(op); break;
      case FtOpCode::Incref:
      case FtOpCode::Decref: run_counted(op); break;
      default: one(op); break;
    }
    path_.pop_back();
  }
}

void Runner::one(const FtOp& op) {
  FtObjState& s = out_.objects[op.obj];
  const Tid caller = tid_of(op.thread);
  ++out_.steps;
  if (s.o.freed) return emit(FtEventKind::UseAfterFree, op.obj, &path_, op.thread);
  const FtObjState before = s;
  std::uint32_t bits = 0;
  switch (op.code) {
    case FtOpCode::Incref:
      s.logical += 1;
      bits = incref(b_, s.o, caller);
      break;
    case FtOpCode::Decref: {
      s.logical -= 1;
      const Tid owner = s.o.tid;
      bits = decref(b_, s.o, caller);
      if ((bits & kQueued) && !(bits & kQueueReleasedAtOnce)) {
        s.queued_for = static_cast<std::size_t>(owner - 1);
        // Python/brc.c _Py_brc_queue_object: the owner is not in the table (it exited), so the
        // queuing thread merges at once with extra -1 and frees at zero.
        if (out_.exited[s.queued_for]) {
          bits |= brc_merge_queued(b_, s.o);
          s.queued_for = kNone;
        }
      }
      break;
    }
    case FtOpCode::SetRefcnt: bits = set_refcnt(b_, s.o, caller, op.value); break;
    default: return emit(FtEventKind::Refcnt, op.obj, &path_, op.thread, refcnt(b_, s.o));
  }
  if (bits & (kNegativeRefcount | kAssertFailed)) s.logical = before.logical;  // the call did not return
  report(bits, before, op.obj, op.thread);
}

void Runner::merge(const FtOp& op) {
  for (std::size_t i = 0; i < out_.objects.size() && !out_.crashed; ++i) {
    FtObjState& s = out_.objects[i];
    if (s.o.queue_entries == 0 || (op.at != MergeAt::Gc && s.queued_for != op.thread)) continue;
    if (s.o.freed) return emit(FtEventKind::UseAfterFree, i, &path_, op.thread);
    const FtObjState before = s;
    const std::uint32_t bits = brc_merge_queued(b_, s.o);
    if (!(bits & kAssertFailed)) s.queued_for = kNone;
    report(bits, before, i, op.thread);
  }
  if (op.at == MergeAt::ThreadExit) out_.exited[op.thread] = true;
}

bool Runner::stopped() {
  if (ended()) return true;
  if (work_left_ == 0) return out_.gave_up = true;
  --work_left_;
  return false;
}

void Runner::report(std::uint32_t bits, const FtObjState& before, std::size_t obj, std::size_t thread) {
  if (bits & kNegativeRefcount) return emit(FtEventKind::NegativeRefcount, obj, &path_, thread);
  if (bits & kAssertFailed) return emit(FtEventKind::AssertFailed, obj, &path_, thread);
  for (const auto& [bit, kind] : kBitEvents)
    if (bits & bit) emit(kind, obj, &path_, thread);
  const FtObjState& s = out_.objects[obj];
  if (!s.o.freed && is_immortal(b_, before.o) && !is_immortal(b_, s.o))
    emit(FtEventKind::Deimmortalized, obj, &path_, thread);
  if (!s.o.freed && shared_count(b_, s.o.shared) < 0 && shared_count(b_, before.o.shared) >= 0)
    emit(FtEventKind::SharedNegative, obj, &path_, thread);
  if (bits & kDealloc) emit(FtEventKind::Dealloc, obj, &path_, thread);
}

void Runner::emit(FtEventKind kind, std::size_t obj, const OpPath* op, std::size_t thread,
                  std::int64_t refcnt_read) {
  const FtObjState& s = out_.objects[obj];
  if (fatal(kind)) {
    out_.crashed = true;
    out_.stopped = FtStopped{out_.steps, op ? *op : OpPath{}, obj, kind};
  }
  ++out_.events_total;
  if (out_.events.size() >= max_events_) return;
  FtEventRecord e{kind, obj, out_.steps, op ? std::optional<OpPath>(*op) : std::nullopt, thread, s.o, false,
                  refcnt_read};
  e.premature = kind == FtEventKind::Dealloc && !s.created_immortal && s.logical > 0;
  out_.events.push_back(std::move(e));
  // Asked of every kept event; after a fatal one (which set `crashed` above) the run is a crash.
  if (enough_ && enough_(out_.events.back(), s.created_immortal) && !out_.crashed) out_.ended_early = true;
}

FtOutcome run(const FtScenario& scenario, EngineKind kind, std::uint64_t max_events, std::uint64_t max_work,
              const FtEnough& enough) {
  return Runner(scenario, kind, max_events, max_work, enough).finish();
}

}  // namespace refsim::ft
