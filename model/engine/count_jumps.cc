// Count jumps: an operation with a count (n increfs, n decrefs, a set repeated, n bulk adds). The
// fast engine jumps over a stretch that stays inside its boundary-free cell (model/cell.h), over a
// fixed point, and over exact or translated cycles of the word (model/jump.h); what it cannot prove
// uniform it runs as literal steps (model/engine/literal_step.cc).
#include "model/engine/machine.h"

namespace refsim::engine {

void Machine::exec_count(const Op& op) {
  Obj& o = objects_[op.obj];
  const Code& code = rt_.code(op.by);
  const Int128 delta = logical_delta(op);
  if (runs_legacy_code(op.by) && op.count > 0) legacy_ran_ = true;
  std::uint64_t count = op.count;
  // A word that comes back to a marked value (at the same phase of the periodic reset, if one is
  // active) has gone round an exact cycle: its steps and events repeat, so whole cycles are counted
  // at once, when the cycle has no events, events are no longer kept, or only distinct ones are
  // (may_repeat_exact). Only this object changes during the operation (a reset of another object
  // is idempotent: it finds it at its initial word from the first reset on).
  struct Mark {
    Word word;
    std::uint64_t count, events;
    Deallocs deallocs;
    std::uint64_t phase, reset_sensitive;
  };
  // Two marks. `exact` finds exact cycles and survives translated jumps: they are exact shortcuts,
  // so a word seen again is a cycle however the rounds between were run (a legacy decref through
  // the 3.14 64-bit layout's upper half, dealloc reset included, is a cycle of a few dozen rounds,
  // each a translated jump: clearing the one mark after every jump never let it close). `moved`
  // is where a translation is measured from: after a jump it is set afresh.
  CycleMark<Mark> exact, moved;
  const auto here = [&] {
    return Mark{o.word, count, out_.events_total, deallocs_, period_phase(), reset_sensitive_};
  };
  // The word a stretch ended on at its cell's edge: the next step from it crosses a cut, so a cell
  // search there finds no room (it would cost more than the step).
  std::optional<Word> edge;
  while (count > 0 && running() && spend(1)) {
    // One step left: nothing to jump, and finding the cell costs more than the step itself.
    if (count == 1) {
      single(op, code);
      break;
    }
    if (may_jump(Jump::ExactCycle, &o)) {
      if (const Mark* m = exact.get();
          m && m->count > count && o.word == m->word && same_phase(m->phase, m->reset_sensitive)) {
        const std::uint64_t period = m->count - count;
        const std::uint64_t cycle_events = out_.events_total - m->events;
        if (may_repeat_exact(cycle_events, m->deallocs, delta <= 0)) {  // an exact cycle
          const std::uint64_t n = count / period * period;
          steps_ += n;
          o.logical += Int128{delta} * n;
          out_.events_total += count / period * cycle_events;
          count -= n;
          note(op.obj, o.word, o.word, Move::Write, origin_bit(op.by));
          exact.clear();
          moved.clear();
          if (count == 0) break;
        }
      }
      if (const Mark* m = moved.get(); m && m->count > count && o.word != m->word && may_jump(Jump::TranslatedCycle, &o) &&
                                            unit_step(op)) {
        const std::uint64_t period = m->count - count;
        const std::uint64_t cycle_events = out_.events_total - m->events;
        if (may_repeat_translated(cycle_events, m->deallocs, delta <= 0)) {  // translated: whole stretches
          const bool up = op.code == OpCode::Incref;
          const std::uint64_t n = translated_stretch_steps(rt_, op.by, up, o.word, m->word, period, count);
          if (n > 0) {
            bulk(op.obj, delta, n, up ? o.word + n : o.word - n, Move::Stretch, origin_bit(op.by));
            out_.events_total += n / period * cycle_events;
            count -= n;
            moved.clear();
            if (count == 0) break;
          }
        }
      }
      exact.advance(here);
      moved.advance(here);
    }
    if (may_jump(Jump::Stretch, &o)) {
      const StepResult probe = apply(op, code, o.word);
      const bool quiet = probe.eventless() && rt_.immortal(probe.word) == rt_.immortal(o.word);
      // A stretch stops at the next periodic reset, unless no reset on the way could change a
      // word: every other object stays where it is, and this one stays mortal (its cell tests
      // alike throughout) or was not created immortal.
      const std::uint64_t room = std::min(count, reset_room(!(o.created_immortal && rt_.immortal(o.word))));
      if (quiet && probe.word == o.word) {  // a fixed point: every repetition is the same
        // A set that wrote its own value is a write, not a translation of the word.
        const bool wrote = op.code == OpCode::SetRefcnt && !probe.skipped;
        bulk(op.obj, delta, room, o.word, wrote ? Move::Write : Move::Stretch, origin_bit(op.by));
        count -= room;
        continue;
      }
      const Width w = rt_.width();
      const bool up = op.code == OpCode::Incref || op.code == OpCode::RefcntAdd;
      const Word stride = op.code == OpCode::RefcntAdd ? op.value : 1;  // a bulk add moves by n
      if (quiet && op.code != OpCode::SetRefcnt && probe.word == w.wrap(up ? o.word + stride : o.word - 1) &&
          edge != o.word) {
        const Runtime::Cell cell = rt_.cell(o.word, origin_bit(op.by));
        const std::uint64_t inside = up ? cell.up / stride : cell.down;
        const std::uint64_t j = std::min(room, inside);
        if (j > 0) {
          bulk(op.obj, delta, j, up ? o.word + j * stride : o.word - j, Move::Stretch, origin_bit(op.by));
          count -= j;
          edge = j == inside ? std::optional<Word>(o.word) : std::nullopt;
          continue;
        }
      }
    }
    single(op, code);
    --count;
  }
}

void Machine::bulk(std::size_t i, Int128 delta, std::uint64_t n, Word word, Move move, OriginSet origins) {
  Obj& o = objects_[i];
  const Word before = o.word;
  o.word = word;
  o.logical += Int128{delta} * n;
  steps_ += n;
  note(i, before, word, move, origins);
  after_steps();
}

}  // namespace refsim::engine
