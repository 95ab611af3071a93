// Reset jumps: a repeat block under the periodic reset (docs/semantics-strategies.md periodic-reset)
// whose iterations meet the resets at a new place every round, so that no exact cycle comes back for
// thousands of rounds, and no translation either (the reset writes the word). Such a block is still
// predictable when the reset keeps every word it moves near home:
//
//   - every step of the body moves a word by at most one (only increfs, decrefs, collections and
//     repeats of them), and every object it moves was created immortal;
//   - a reset comes at least every `period` steps and sets each such object, while it tests
//     immortal, back to its initial word;
//   - so a word that is now `d` from its initial word stays within d + period of it until the next
//     reset, and within period of it after every later one. When every step of the acting code from
//     any word in that band is quiet (no dealloc, no debug check, no overflow, still immortal, moved
//     by at most one), which quiet_between proves cell by cell, no later iteration has an event and
//     every reset finds the word immortal.
//
// Then the words at the end depend only on the steps after the last reset before the end, and the
// logical counts only on the number of iterations. The engine jumps all but the last iterations,
// enough of them to hold a multiple of the period, leaving the words where they are (inside the band,
// where the run from them is as quiet as the real one): the first reset in the iterations it then runs
// puts every moved word back on its initial word, as it does in the run jumped over, and from there
// the two runs are the same.
#include "model/engine/machine.h"

namespace refsim::engine {

void Machine::add_reach(const std::vector<Op>& ops, Int128 times, Reach& reach) const {
  for (const Op& op : ops) {
    switch (op.code) {
      case OpCode::Incref:
      case OpCode::Decref:
        reach.origins[op.obj] |= origin_bit(op.by);
        reach.logical[op.obj] += times * logical_delta(op) * Int128{op.count};
        break;
      case OpCode::Gc: break;
      case OpCode::Repeat: add_reach(op.body, times * Int128{op.count}, reach); break;
      default: reach.unit_steps = false; return;
    }
  }
}

const Machine::Reach& Machine::reach_of(const Op& repeat) {
  std::optional<Reach>& reach = block_of(repeat).reach;
  if (!reach) {
    reach = Reach{};
    reach->origins.assign(objects_.size(), 0);
    reach->logical.assign(objects_.size(), 0);
    add_reach(repeat.body, 1, *reach);
  }
  return *reach;
}

bool Machine::quiet_step(const Code& code, bool up, Word word) const {
  // The band's bound needs every step to move the word by at most one. Some quiet steps do not: a
  // decref by 3.14-header code on a PEP 683 draft's 64-bit layout wraps the low half
  // (0x1800000000000000 to 0x18000000ffffffff, immortal both). With today's rows such a wrap stays
  // in a quiet region, so taking the jump there would still be exact, but the proof above does not
  // say so: a block that can make such a step is refused.
  const StepResult s = up ? incref(code, rt_.width(), word) : decref(code, rt_.width(), word);
  const bool unit = s.word == word || s.word == (up ? word + 1 : word - 1);
  return unit && s.eventless() && rt_.immortal(word) && rt_.immortal(s.word);
}

bool Machine::quiet_between(Word lo, Word hi, OriginSet origins) const {
  const auto quiet = [&](bool up, Word word) {
    for (unsigned b = 0; b < 32; ++b)
      if ((origins & (OriginSet{1} << b)) && !quiet_step(rt_.code(static_cast<Origin>(b)), up, word)) return false;
    return true;
  };
  // Cell by cell (a few: the band is narrow): inside one, every incref behaves as the one from its
  // lowest word and every decref as the one from its highest (model/cell.h); the steps between two
  // cells are probed one by one.
  Word x = lo;
  for (int cells = 0; cells < 16; ++cells) {
    const Runtime::Cell cell = rt_.cell(x, origins);
    const Word top = hi - x <= cell.up ? hi : x + cell.up;
    if (top > x && (!quiet(true, x) || !quiet(false, top))) return false;
    if (top == hi) return true;
    if (!quiet(true, top) || !quiet(false, top + 1)) return false;
    x = top + 1;
  }
  return false;
}

std::optional<Word> Machine::reset_band(const Obj& o) const {
  const std::uint64_t period = s_.runtime.params.period;
  const Word mask = rt_.width().mask();
  const Word away = o.word >= o.initial ? o.word - o.initial : o.initial - o.word;
  if (away > mask - period) return std::nullopt;
  const Word half = away + period;
  // The band and one step beyond it, without wrapping.
  if (o.initial < half + 1 || mask - o.initial < half + 1) return std::nullopt;
  return half;
}

std::uint64_t Machine::jump_reset_periods(const Op& op, std::uint64_t len, std::uint64_t remaining) {
  if (!periodic_active() || len == 0) return 0;
  const std::uint64_t period = s_.runtime.params.period;
  // The iterations left to run: their steps hold at least one multiple of the period.
  const std::uint64_t last = period / len + 2;
  if (remaining <= last) return 0;
  const Reach& reach = reach_of(op);
  if (!reach.unit_steps) return 0;
  bool moves = false;
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    const OriginSet origins = reach.origins[i];
    if (origins == 0) continue;
    moves = true;
    const Obj& o = objects_[i];
    if (o.freed || !o.created_immortal) return 0;
    // Every step from a word of the band, by the code acting on it, is quiet.
    const std::optional<Word> half = reset_band(o);
    if (!half || !quiet_between(o.initial - *half - 1, o.initial + *half + 1, origins)) return 0;
  }
  if (!moves) return 0;
  const std::uint64_t n = remaining - last;
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    if (reach.origins[i] == 0) continue;
    Obj& o = objects_[i];
    o.logical += reach.logical[i] * Int128{n};
    // The enclosing iteration sees the whole band, written by resets.
    const Word half = *reset_band(o);
    note(i, o.initial - half, o.initial + half, Move::Write, reach.origins[i]);
  }
  if (!frames_.empty()) frames_.back().reset_changed = true;
  steps_ += n * len;  // within the scenario's checked total of steps
  after_steps();
  return n;
}

}  // namespace refsim::engine
