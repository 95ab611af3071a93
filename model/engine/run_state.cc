// Run state: what happens between and around the steps. The periodic reset of a mitigation
// strategy (docs/semantics-strategies.md), the events a run keeps (the first max_events, and with
// first_of_each_kind the first of every later kind; RunLimits::enough may end the run after one) and
// the stop of a crashed run.
#include "model/engine/machine.h"

namespace refsim::engine {

void Machine::periodic_reset(bool at_gc) {
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    Obj& o = objects_[i];
    if (o.freed || !o.created_immortal || !rt_.immortal(o.word)) continue;
    const Word before = o.word;
    o.word = o.initial;
    if (at_gc)
      note(i, before, o.word, Move::Write, 0);
    else if (before != o.word && !frames_.empty())
      frames_.back().reset_changed = true;
  }
}

void Machine::note_reset_sensitive(std::size_t i, Word before, Word after, Move move, OriginSet origins) {
  const Obj& o = objects_[i];
  if (!o.created_immortal) return;
  const Word lo = std::min(before, after), hi = std::max(before, after);
  bool sensitive;
  if (move != Move::Stretch || hi - lo <= 1) {
    sensitive = reset_changes(o, lo) || reset_changes(o, hi);
  } else {
    // Three words or more: inside one cell of the code that moved it (whose cuts include the
    // immortality test's) they all test alike, and two of them are not the initial word; across a
    // cut, count it.
    sensitive = hi - lo > rt_.cell(lo, origins != 0 ? origins : kAllOrigins).up || rt_.immortal(lo);
  }
  if (sensitive) ++reset_sensitive_;
}

void Machine::emit(Event e) {
  ++out_.events_total;
  if (e.kind == EventKind::Dealloc && !objects_[e.obj].created_immortal) {
    ++deallocs_.mortal;
    if (e.premature) ++deallocs_.premature;
  }
  if (limits_.distinct_events && std::any_of(out_.events.begin(), out_.events.end(), [&](const Event& kept) {
        return limits_.distinct_ignores_words ? kept.same_but_step_and_words(e) : kept.same_but_step(e);
      }))
    return;  // counted, not kept
  const bool keep = out_.events.size() < limits_.max_events ||
                    (limits_.first_of_each_kind && std::none_of(out_.events.begin(), out_.events.end(),
                                                               [&](const Event& kept) { return kept.kind == e.kind; }));
  if (!keep) return;
  out_.events.push_back(std::move(e));
  const Event& kept = out_.events.back();
  if (limits_.enough && limits_.enough(kept, objects_[kept.obj].created_immortal)) out_.ended_early = true;
}

void Machine::stop(std::size_t i, EventKind kind, std::optional<Action> action) {
  // The step's events come first (a fatal tp_dealloc is emitted, then the process stops), so an
  // early end they asked for is this crash.
  out_.ended_early = false;
  out_.crashed = true;
  out_.stopped = Stopped{steps_, path_, i, kind, action};
}

}  // namespace refsim::engine
