// Repeat jumps: a repeat block's iterations. The first is run literally while a Frame traces what
// it did to every object; the fast engine then applies as many identical iterations as provably
// behave the same (model/jump.h's iterations_like), and counts exact cycles of whole iterations at
// once (a Snapshot of every object, and the phase of the periodic reset, is the cycle's mark), and
// translated cycles: iterations since a mark that moved every object's word by a translation that
// keeps each of its moves in an equivalent place (a Frame traces them all since the mark).
#include "model/engine/machine.h"

#include <array>

namespace refsim::engine {

Machine::Block& Machine::block_of(const Op& repeat) {
  auto [at, added] = blocks_.try_emplace(&repeat);
  if (added) at->second.length = static_cast<std::uint64_t>(expanded_steps(repeat.body));
  return at->second;
}

void Machine::exec_repeat(const Op& op) {
  const std::uint64_t len = block_of(op).length;
  std::uint64_t remaining = op.count;
  if (len == 0) {  // only gc: one pass does all an idempotent reset can do
    if (remaining > 0) exec_ops(op.body);
    return;
  }
  // Whole iterations that bring every object back to a marked state form an exact cycle (of one
  // or many iterations, events included): such cycles are counted at once when they have no
  // events, events are no longer kept, or only distinct ones are (may_repeat_exact).
  CycleMark<Snapshot> mark;
  // Translated cycles: whole iterations since a mark that moved every object they moved by a
  // translation. They nest (a legacy incref through the 3.14 64-bit layout's upper half: the same
  // few iterations per 2^32 increfs, and those, jumped, the same per 2^49, where the flag bit
  // comes back), so there are two marks: the fine one (last) is set afresh after every jump, the
  // coarse one (first) survives the fine one's jumps. Each has a frame, pushed when it was set,
  // that traces every move since: literal iterations merge into the top one, jumps note into it,
  // and a frame merges into the one below when it is popped.
  std::array<CycleMark<Snapshot>, 2> moved;
  const std::size_t base = frames_.size();
  // Starts the traces of marks `level` and finer afresh (the finer marks are cleared). The first
  // marks are set after the first iteration: a block that ends there pushes no frame.
  const auto restart = [&](std::size_t level) {
    while (frames_.size() > base + level) pop_frame();
    while (frames_.size() < base + moved.size()) push_frame();
    for (std::size_t l = level + 1; l < moved.size(); ++l) moved[l].clear();
  };
  while (remaining > 0 && running() && spend(1)) {
    push_frame();
    exec_ops(op.body);
    Frame frame = pop_frame();
    --remaining;
    if (!may_jump(Jump::Stretch) || remaining == 0 || !running()) continue;
    remaining -= jump(frame, len, remaining);
    if (remaining == 0 || !may_jump(Jump::ExactCycle)) continue;
    // Under the periodic reset, rounds that meet the resets at moving places but stay near home.
    if (const std::uint64_t n = jump_reset_periods(op, len, remaining); n > 0) {
      remaining -= n;
      mark.clear();
      moved[0].clear();
      restart(0);
      continue;
    }
    if (const Snapshot* m = mark.get(); m && same_state(*m) && m->remaining > remaining) {
      remaining -= jump_cycles(*m, len, remaining);
      mark.clear();
      moved[0].clear();
      restart(0);
    } else {
      for (std::size_t l = moved.size(); l-- > 0;) {
        const Snapshot* t = moved[l].get();
        if (!t || t->remaining <= remaining) continue;
        if (const std::uint64_t n = jump_translated(*t, base + l, len, remaining); n > 0) {
          remaining -= n;
          moved[l].clear();
          restart(l);
          break;
        }
      }
    }
    mark.advance([&] { return snapshot(remaining); });
    for (std::size_t l = 0; l < moved.size(); ++l)
      moved[l].advance([&] {
        restart(l);
        return snapshot(remaining);
      });
  }
  while (frames_.size() > base) pop_frame();
}

Machine::Snapshot Machine::snapshot(std::uint64_t remaining) const {
  Snapshot s{.legacy = legacy_ran_, .remaining = remaining, .steps = steps_, .events = out_.events_total,
             .reset_sensitive = reset_sensitive_, .deallocs = deallocs_};
  for (const Obj& o : objects_) {
    s.words.push_back(o.word);
    s.freed.push_back(o.freed);
    s.logical.push_back(o.logical);
  }
  return s;
}

bool Machine::same_state(const Snapshot& s) const {
  if (s.legacy != legacy_ran_) return false;
  if (!same_phase(phase_at(s.steps), s.reset_sensitive)) return false;
  for (std::size_t i = 0; i < objects_.size(); ++i)
    if (objects_[i].word != s.words[i] || objects_[i].freed != s.freed[i]) return false;
  return true;
}

std::uint64_t Machine::jump_cycles(const Snapshot& mark, std::uint64_t len, std::uint64_t remaining) {
  const std::uint64_t cycle_events = out_.events_total - mark.events;
  if (!may_repeat_exact(cycle_events, mark.deallocs, false)) return 0;
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

Trace Machine::traced_since(std::size_t first, std::size_t i) const {
  Trace t = frames_[first].objects[i];
  for (std::size_t f = first + 1; f < frames_.size(); ++f) absorb(t, frames_[f].objects[i]);
  return t;
}

std::uint64_t Machine::jump_translated(const Snapshot& mark, std::size_t first, std::uint64_t len,
                                       std::uint64_t remaining) {
  // A periodic reset depends on the word, which a translation moves; the logical counts follow the
  // jumped iterations, the legacy flag must not change.
  if (!may_jump(Jump::TranslatedCycle) || mark.legacy != legacy_ran_) return 0;
  for (std::size_t f = first; f < frames_.size(); ++f)
    if (frames_[f].reset_changed) return 0;
  const std::uint64_t cycle_events = out_.events_total - mark.events;
  if (!may_repeat(cycle_events)) return 0;
  const std::uint64_t period = mark.remaining - remaining;
  std::uint64_t cycles = remaining / period;
  bool translated = false;
  for (std::size_t i = 0; i < objects_.size() && cycles > 0; ++i) {
    const Obj& o = objects_[i];
    if (o.freed != mark.freed[i]) return 0;
    if (o.word == mark.words[i]) continue;  // untouched, or back where it started: repeats as is
    cycles = std::min(cycles, iterations_like(rt_, traced_since(first, i), o.word, true));
    translated = true;
  }
  if (!translated || cycles == 0) return 0;
  // The moves since the mark, and the jumped ones, belong to the frame below the mark's.
  std::vector<Trace> since;
  for (std::size_t i = 0; i < objects_.size(); ++i) since.push_back(traced_since(first, i));
  while (frames_.size() > first) pop_frame();
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    Obj& o = objects_[i];
    o.logical += Int128(cycles) * (o.logical - mark.logical[i]);
    if (o.word != since[i].start) repeat_move(i, since[i], cycles);
  }
  steps_ += cycles * period * len;  // within the scenario's checked total of steps
  out_.events_total += cycles * cycle_events;
  return cycles * period;
}

std::uint64_t Machine::jump(const Frame& frame, std::uint64_t len, std::uint64_t remaining) {
  if (frame.legacy != legacy_ran_ || frame.reset_changed) return 0;
  const std::uint64_t iteration_events = out_.events_total - frame.events;
  // With events, only an exact cycle whose events are no longer kept can be jumped.
  if (!may_repeat(iteration_events)) return 0;
  std::uint64_t n = remaining;
  // The iterations stop at the next periodic reset, unless none on the way could change a word: the
  // literal iteration had no reset-sensitive move, nor has any object now, and the repeated ones
  // stay in its cells (or translate them) and so have none either.
  if (periodic_active()) n = std::min(n, reset_room(frame.reset_sensitive == reset_sensitive_) / len);
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
    if (o.word != t.start) repeat_move(i, t, n);
  }
  steps_ += n * len;
  out_.events_total += n * iteration_events;
  after_steps();
  return n;
}

void Machine::repeat_move(std::size_t i, const Trace& t, std::uint64_t times) {
  Obj& o = objects_[i];
  // Every repetition covers the traced range, translated: the last one reaches furthest, and the
  // enclosing iteration must see that whole range.
  if (o.word > t.start) {
    const Word shift = (o.word - t.start) * times;
    o.word += shift;
    note(i, t.lo + shift, t.hi + shift, Move::Stretch, t.origins);
  } else {
    const Word shift = (t.start - o.word) * times;
    o.word -= shift;
    note(i, t.lo - shift, t.hi - shift, Move::Stretch, t.origins);
  }
}

void Machine::push_frame() {
  Frame f;
  f.events = out_.events_total;
  f.reset_sensitive = reset_sensitive_;
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
    for (std::size_t i = 0; i < objects_.size(); ++i) absorb(parent.objects[i], f.objects[i]);
  }
  return f;
}

void Machine::absorb(Trace& into, const Trace& later) {
  if (!later.touched) return;
  into.touched = true;
  into.discontinuous |= later.discontinuous;
  into.written |= later.written;
  into.origins |= later.origins;
  into.lo = std::min(into.lo, later.lo);
  into.hi = std::max(into.hi, later.hi);
}

}  // namespace refsim::engine
