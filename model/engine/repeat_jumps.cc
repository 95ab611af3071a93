// Repeat jumps: a repeat block's iterations. The first is run literally while a Frame traces what
// it did to every object; the fast engine then applies as many identical iterations as provably
// behave the same (model/jump.h's iterations_like), and counts exact cycles of whole iterations at
// once (a Snapshot of every object, and the phase of the periodic reset, is the cycle's mark).
#include "model/engine/machine.h"

namespace refsim::engine {

void Machine::exec_repeat(const Op& op) {
  // Measured on first entry: straight-line lists pay nothing for the blocks they do not have.
  auto [at, added] = lengths_.try_emplace(&op, 0);
  if (added) at->second = static_cast<std::uint64_t>(expanded_steps(op.body));
  const std::uint64_t len = at->second;
  std::uint64_t remaining = op.count;
  if (len == 0) {  // only gc: one pass does all an idempotent reset can do
    if (remaining > 0) exec_ops(op.body);
    return;
  }
  // Whole iterations that bring every object back to a marked state form an exact cycle (of one
  // or many iterations, events included): such cycles are counted at once when they have no
  // events, events are no longer kept, or only distinct ones are (may_repeat_exact).
  CycleMark<Snapshot> mark;
  while (remaining > 0 && running() && spend(1)) {
    push_frame();
    exec_ops(op.body);
    Frame frame = pop_frame();
    --remaining;
    if (!may_jump(Jump::Stretch) || remaining == 0 || !running()) continue;
    remaining -= jump(frame, len, remaining);
    if (remaining == 0 || !may_jump(Jump::Cycle)) continue;
    if (const Snapshot* m = mark.get(); m && same_state(*m) && m->remaining > remaining) {
      remaining -= jump_cycles(*m, len, remaining);
      mark.clear();
    }
    mark.advance([&] { return snapshot(remaining); });
  }
}

Machine::Snapshot Machine::snapshot(std::uint64_t remaining) const {
  Snapshot s{.legacy = legacy_ran_, .remaining = remaining, .steps = steps_, .events = out_.events_total,
             .mortal_deallocs = mortal_deallocs_};
  for (const Obj& o : objects_) {
    s.words.push_back(o.word);
    s.freed.push_back(o.freed);
    s.logical.push_back(o.logical);
  }
  return s;
}

bool Machine::same_state(const Snapshot& s) const {
  if (s.legacy != legacy_ran_) return false;
  // With a periodic reset active, the same words at another phase are no cycle: the resets would
  // fall elsewhere in the next round.
  if (phase_at(s.steps) != period_phase()) return false;
  for (std::size_t i = 0; i < objects_.size(); ++i)
    if (objects_[i].word != s.words[i] || objects_[i].freed != s.freed[i]) return false;
  return true;
}

std::uint64_t Machine::jump_cycles(const Snapshot& mark, std::uint64_t len, std::uint64_t remaining) {
  const std::uint64_t cycle_events = out_.events_total - mark.events;
  if (!may_repeat_exact(cycle_events, mark.mortal_deallocs)) return 0;
  const std::uint64_t period = mark.remaining - remaining;
  const std::uint64_t cycles = remaining / period;
  if (cycles == 0) return 0;
  steps_ += cycles * period * len;  // within the scenario's checked total of steps
  out_.events_total += cycles * cycle_events;
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    Obj& o = objects_[i];
    o.logical += Int128(cycles) * (o.logical - mark.logical[i]);
    // The enclosing iteration sees written words: only its exact cycles may be jumped.
    note(i, o.word, o.word, Move::Write, 0);
  }
  return cycles * period;
}

std::uint64_t Machine::jump(const Frame& frame, std::uint64_t len, std::uint64_t remaining) {
  if (frame.legacy != legacy_ran_ || frame.reset_changed) return 0;
  const std::uint64_t iteration_events = out_.events_total - frame.events;
  // With events, only an exact cycle whose events are no longer kept can be jumped.
  if (!may_repeat(iteration_events)) return 0;
  std::uint64_t n = remaining;
  if (periodic_active()) n = std::min(n, period_room() / len);
  for (std::size_t i = 0; i < objects_.size() && n > 0; ++i) {
    const Trace& t = frame.objects[i];
    const Obj& o = objects_[i];
    if (o.freed != t.freed) return 0;  // freed in this iteration: the next one is a use after free
    if (!t.touched || o.word == t.start) continue;  // untouched, or back where it started
    // With events or a discontinuous move, only a translation of the whole iteration.
    n = std::min(n, iterations_like(rt_, t, o.word, iteration_events > 0 || t.discontinuous));
  }
  if (n == 0) return 0;
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    const Trace& t = frame.objects[i];
    if (!t.touched) continue;
    Obj& o = objects_[i];
    o.logical += (o.logical - t.logical) * n;
    if (o.word == t.start) continue;
    // Every jumped iteration covers the literal one's range, translated: the last one reaches
    // furthest, and the enclosing iteration must see that whole range.
    if (o.word > t.start) {
      const Word shift = (o.word - t.start) * n;
      o.word += shift;
      note(i, t.lo + shift, t.hi + shift, Move::Stretch, t.origins);
    } else {
      const Word shift = (t.start - o.word) * n;
      o.word -= shift;
      note(i, t.lo - shift, t.hi - shift, Move::Stretch, t.origins);
    }
  }
  steps_ += n * len;
  out_.events_total += n * iteration_events;
  after_steps();
  return n;
}

void Machine::push_frame() {
  Frame f;
  f.events = out_.events_total;
  f.legacy = legacy_ran_;
  f.objects.reserve(objects_.size());
  for (const Obj& o : objects_)
    f.objects.push_back({o.word, o.logical, o.word, o.word, o.freed, false, false});
  frames_.push_back(std::move(f));
}

Frame Machine::pop_frame() {
  Frame f = std::move(frames_.back());
  frames_.pop_back();
  if (!frames_.empty()) {
    Frame& parent = frames_.back();
    parent.reset_changed |= f.reset_changed;
    for (std::size_t i = 0; i < objects_.size(); ++i) {
      Trace& p = parent.objects[i];
      const Trace& c = f.objects[i];
      if (!c.touched) continue;
      p.touched = true;
      p.discontinuous |= c.discontinuous;
      p.written |= c.written;
      p.origins |= c.origins;
      p.lo = std::min(p.lo, c.lo);
      p.hi = std::max(p.hi, c.hi);
    }
  }
  return f;
}

}  // namespace refsim::engine
