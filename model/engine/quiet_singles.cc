// Quiet singles: the hot path of a straight-line list of count-1 increfs and decrefs.
//
// A core step is proved quiet by where its object's word is, not by running the step. An object's
// first core step of a list goes through the step table; its second finds the object's lane
// (find_lane: a search of the core's boundaries, which pays where an object's steps repeat):
//
//   - a fixed word: the core's incref and decref from the word are both quiet and leave it where it
//     is (an immortal object whose code skips it). Every walk of core steps then leaves it there.
//   - a cell [lo, lo + span] of the core's boundaries (Runtime::cell: inside one every incref
//     behaves as the one from its lowest word and every decref as the one from its highest, which
//     Cells.* checks for every word at widths 8 and 16) whose incref from `lo` and decref from
//     `lo + span` are quiet and move the word by one. Then every incref and decref from a word of the
//     cell that stays in the cell is quiet and moves it by one. When the walk reaches the lane's
//     edge, the next cell joins it if the two steps between them are such steps too (widen_lane).
//
// The loop walks `off`, the distance of the walked word from `lo`, one step at a time, and tests
// only that it stays within `span`: one add and one compare per operation. The word itself (on a
// cell) and the logical count (the walk's net distance) change when the lane ends, once per list.
// A step the lane does not cover (a core step leaving the cell, or any other origin's) ends the lane
// and goes through the runtime's step table on the word, as the literal step would; the next core
// step of that object finds a new lane. Nothing is allocated. The lanes last for one list: between
// two lists the words move by other means (counts, repeats, stack references).
#include "model/engine/machine.h"

namespace refsim::engine {

/// An object's core steps of a list that go through the step table before it finds its lane (again,
/// after a step the lane did not cover): a lane costs a search of the boundaries, which pays only
/// where the object's steps repeat (measured: docs/PERFORMANCE.md "Single operations").
constexpr std::uint8_t kTableStepsBeforeLane = 1;

bool Machine::core_unit(const StepTable& table, bool up, Word from) {
  Word word = from;
  return table.quiet(Origin::Core, up, word) && word == (up ? from + 1 : from - 1);
}

bool Machine::quiet_cell(const StepTable& table, Word x, Word& lo, Word& hi) const {
  const Runtime::Cell cell = rt_.cell(x, origin_bit(Origin::Core));
  const Word mask = rt_.width().mask();
  lo = x - std::min(cell.down, x);
  hi = x + std::min(cell.up, mask - x);
  return lo == hi || (core_unit(table, true, lo) && core_unit(table, false, hi));
}

void Machine::find_lane(Obj& o, const StepTable& table) const {
  const Word w = o.word;
  Word up = w, down = w;
  if (table.quiet(Origin::Core, true, up) && up == w && table.quiet(Origin::Core, false, down) && down == w) {
    o.lane_state = LaneState::Fixed;
    o.lane = Lane{.off = 0, .span = ~Word{0}, .lo = w};
    return;
  }
  o.lane_state = LaneState::Cell;
  Word lo = w, hi = w;
  // A cell whose steps are not all quiet and by one: the word alone (no step stays in it).
  if (!quiet_cell(table, w, lo, hi)) lo = hi = w;
  o.lane = Lane{.off = w - lo, .span = hi - lo, .lo = lo};
}

bool Machine::widen_lane(Obj& o, const StepTable& table, bool up) const {
  // Only a moving lane, from the edge the step would leave, and not round the word's width.
  if (o.lane_state != LaneState::Cell || o.lane.off != (up ? o.lane.span : 0)) return false;
  const Word lo = o.lane.lo, hi = lo + o.lane.span;
  const Word edge = up ? hi : lo;
  if (up ? edge == rt_.width().mask() : edge == 0) return false;
  // The step from the edge into the next cell, and back, and every step inside that cell.
  const Word next = up ? edge + 1 : edge - 1;
  if (!core_unit(table, true, up ? edge : next) || !core_unit(table, false, up ? next : edge)) return false;
  Word next_lo = next, next_hi = next;
  if (!quiet_cell(table, next, next_lo, next_hi)) next_lo = next_hi = next;
  const Word at = o.lane.lo + o.lane.off;
  o.lane.lo = up ? lo : next_lo;
  o.lane.span = (up ? next_hi : hi) - o.lane.lo;
  o.lane.off = at - o.lane.lo;
  return true;
}

void Machine::end_lane(Obj& o) {
  if (o.lane_state == LaneState::Unset) return;
  // The walk's net distance from the word (a fixed word's lane starts at it too), fewer steps than
  // 2^63: a list has fewer operations.
  const Word at = o.lane.lo + o.lane.off;
  o.logical += static_cast<std::int64_t>(at - o.word);
  if (o.lane_state == LaneState::Cell) o.word = at;
  o.lane = Lane{};
  o.lane_state = LaneState::Unset;
  o.table_steps = 0;
}

bool Machine::off_lane(const Op& op, Obj& o, const StepTable& table, bool& legacy) {
  const bool up = op.code == OpCode::Incref;
  const bool core = op.by == Origin::Core;
  // After kTableStepsBeforeLane core steps through the table the object finds its lane; a walk that
  // reaches the edge of its lane widens it. Then the step is tried again.
  if (core && o.lane_state == LaneState::Unset && o.table_steps == kTableStepsBeforeLane) find_lane(o, table);
  if (core && o.lane_state != LaneState::Unset &&
      ((up ? o.lane.off < o.lane.span : o.lane.off > 0) || widen_lane(o, table, up))) {
    o.lane.off += up ? 1 : ~Word{0};
    return true;
  }
  // Through the table, on the word.
  end_lane(o);
  Word word = o.word;
  if (!table.quiet(op.by, up, word)) return false;
  o.word = word;
  o.logical += up ? 1 : -1;
  if (core && o.table_steps < kTableStepsBeforeLane) ++o.table_steps;
  legacy |= runs_legacy_code(op.by);
  return true;
}

std::size_t Machine::quiet_singles(const std::vector<Op>& ops, std::size_t i) {
  const StepTable table = rt_.step_table();
  Obj* const objects = objects_.data();
  const Op* const list = ops.data();
  // One unit of work per operation: no further than the work left.
  const Op* const end = list + (work_left() < ops.size() - i ? i + static_cast<std::size_t>(work_left()) : ops.size());
  bool legacy = legacy_ran_;
  // Incref and decref are the first two codes: one test for both.
  static_assert(OpCode::Incref == OpCode{0} && OpCode::Decref == OpCode{1});
  const Op* p = list + i;
  for (; p != end; ++p) {
    const Op& op = *p;
    if (op.count != 1 || op.code > OpCode::Decref) break;
    Obj& o = objects[op.obj];
    const Word off = op.code == OpCode::Incref ? o.lane.off + 1 : o.lane.off - 1;
    if (op.by == Origin::Core && off <= o.lane.span) {
      o.lane.off = off;
      continue;
    }
    if (!off_lane(op, o, table, legacy)) break;
  }
  const auto ran = static_cast<std::size_t>(p - (list + i));
  // A list that took no step left every lane unset (the step that failed ended its object's).
  if (ran == 0) return i;
  for (Obj& o : objects_) {
    end_lane(o);
    o.table_steps = 0;
  }
  // Every operation was one step.
  steps_ += ran;
  legacy_ran_ = legacy;
  spend(ran);
  return i + ran;
}

}  // namespace refsim::engine
