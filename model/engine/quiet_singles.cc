// Quiet singles: the hot path of a straight-line list of count-1 increfs and decrefs. The runtime's
// step table (model/step_table.h) proves each step eventless; the core origin's code is compiled into
// the loop. Nothing is allocated and no cell is searched; the logical counts change once per list.
#include "model/engine/machine.h"

namespace refsim::engine {

/// The core origin's quiet steps compiled into the loop (its code's own immortality test).
template <Arith A, bool Debug, unsigned Bits>
struct Machine::CoreAt {
  static constexpr bool kInline = true;
  static bool step(bool up, Word& word, Word bit) {
    constexpr ImmortalTest test = native_test(A);
    return up ? quiet_at<true, A, false, Bits, test>(word, bit) : quiet_at<false, A, Debug, Bits, test>(word, bit);
  }
};

/// Every other origin's quiet steps, through the step table.
struct Machine::TableOnly {
  static constexpr bool kInline = false;
  static bool step(bool, Word&, Word) { return false; }
};

template <class Core>
std::size_t Machine::quiet_singles(const std::vector<Op>& ops, std::size_t i) {
  // Locals, so that the calls through the table need not reload them.
  const StepTable table = rt_.step_table();
  Obj* const objects = objects_.data();
  const Op* const list = ops.data();
  // One unit of work per operation: no further than the work left.
  const Op* const end = list + (work_left() < ops.size() - i ? i + static_cast<std::size_t>(work_left()) : ops.size());
  bool legacy = legacy_ran_;
  // Incref and decref are the first two codes: one test for both, and the index of their counter.
  static_assert(OpCode::Incref == OpCode{0} && OpCode::Decref == OpCode{1});
  const Op* p = list + i;
  for (; p != end; ++p) {
    const Op& op = *p;
    if (op.count != 1 || op.code > OpCode::Decref) break;
    const bool up = op.code == OpCode::Incref;
    Obj& o = objects[op.obj];
    if (Core::kInline && op.by == Origin::Core) {
      if (!Core::step(up, o.word, table.bit)) break;
    } else {
      if (!table.quiet(op.by, up, o.word)) break;
      legacy |= runs_legacy_code(op.by);
    }
    ++o.pending[static_cast<std::size_t>(op.code)];
  }
  const auto ran = static_cast<std::size_t>(p - (list + i));
  if (ran == 0) return i;
  // Every operation was one step; the logical counts change once per list, not once per step.
  steps_ += ran;
  for (Obj& o : objects_) {
    o.logical += Int128{o.pending[0]} - Int128{o.pending[1]};
    o.pending[0] = o.pending[1] = 0;
  }
  legacy_ran_ = legacy;
  spend(ran);
  return i + ran;
}

Machine::Singles Machine::singles_for(const Runtime& rt) {
  return with_code(rt.code(Origin::Core), rt.width(), rt.immortal_test(),
                   []<Arith A, bool Debug, unsigned Bits, ImmortalTest T>() -> Singles {
                     if constexpr (T == native_test(A)) return &Machine::quiet_singles<CoreAt<A, Debug, Bits>>;
                     return &Machine::quiet_singles<TableOnly>;
                   });
}

}  // namespace refsim::engine
