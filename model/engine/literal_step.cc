// Literal step: one operation applied to its object as the code of its origin runs it, with every
// event it has (a dealloc and its action, a debug check, a signed overflow, a change of immortality,
// a use after free). Both engines run it; the stepwise reference runs nothing else.
#include "model/engine/machine.h"
#include "model/op_support.h"
#include "model/semantics/loop.h"

namespace refsim::engine {

StepResult Machine::apply(const Op& op, const Code& code, Word word) const {
  const Width w = rt_.width();
  switch (op.code) {
    case OpCode::Incref: return incref(code, w, word);
    case OpCode::Decref: return decref(code, w, word);
    case OpCode::StealRelease: return loop_steal_release(code, w, word);
    case OpCode::RefcntAdd: return refcnt_add(code, w, word, op.value);
    case OpCode::StackNew: return loop_new(code, w, word);
    case OpCode::StackSteal: return loop_steal(code, w, word);
    case OpCode::StackNewMortal: return loop_new_mortal(code, w, word);
    case OpCode::StackImmortal: return loop_immortal(code, w, word);
    case OpCode::StackDup:
      return refs_[op.ref].counted ? loop_dup_counted(code, w, word) : StepResult{.word = word, .skipped = true};
    case OpCode::StackClose:
      return refs_[op.ref].counted ? loop_close_counted(code, w, word) : StepResult{.word = word, .skipped = true};
    default: return set_refcnt(code, w, word, op.value);
  }
}

Int128 Machine::logical_delta(const Op& op) {
  switch (op.code) {
    case OpCode::Incref:
    case OpCode::StackNew:
    case OpCode::StackNewMortal:
    case OpCode::StackImmortal:
    case OpCode::StackDup: return 1;
    case OpCode::Decref:
    case OpCode::StackClose:
    case OpCode::StealRelease: return -1;
    case OpCode::RefcntAdd: return static_cast<Int128>(op.value);
    default: return 0;
  }
}

void Machine::single(const Op& op, const Code& code) {
  const std::size_t i = target(op);
  Obj& o = objects_[i];
  ++steps_;
  o.logical += logical_delta(op);
  const Word before = o.word;
  // Dup and close of an uncounted stack reference touch only the reference, not the object.
  const bool untouched = (op.code == OpCode::StackDup || op.code == OpCode::StackClose) && !refs_[op.ref].counted;
  if (op.code == OpCode::StackDup) refs_[op.ref_to] = refs_[op.ref];
  if (o.freed && untouched) {
    after_steps();
    return;
  }
  if (o.freed) {
    emit(event(EventKind::UseAfterFree, i, before, before));
    stop(i, EventKind::UseAfterFree, std::nullopt);
    return;
  }
  const StepResult r = apply(op, code, before);
  if (opens_stack_ref(op.code)) refs_[op.ref] = {i, !r.skipped};
  const bool was_immortal = rt_.immortal(before);
  if (r.overflow) emit(event(EventKind::SignedOverflow, i, before, r.word));
  o.word = r.word;
  std::optional<EventKind> fatal;
  std::optional<Action> fatal_action;
  if (r.negative) {
    emit(event(EventKind::NegativeRefcount, i, before, r.word));
    fatal = EventKind::NegativeRefcount;
  } else if (r.dealloc) {
    const Action action = rt_.dealloc_action(o.kind);
    if (action == Action::Reset) o.word = rt_.reset(o.word);
    if (action == Action::Freed || action == Action::FreeStatic) o.freed = any_freed_ = true;
    Event e = event(EventKind::Dealloc, i, before, o.word);
    e.action = action;
    e.premature = !o.created_immortal && o.logical > 0;
    emit(std::move(e));
    if (action == Action::Fatal || action == Action::FreeStatic) {
      fatal = EventKind::Dealloc;
      fatal_action = action;
    }
  }
  const bool is_immortal = rt_.immortal(o.word);
  if (was_immortal && !is_immortal) emit(event(EventKind::Deimmortalized, i, before, o.word));
  if (!was_immortal && is_immortal)
    emit(event(o.created_immortal ? EventKind::Reimmortalized : EventKind::AccidentalImmortal, i,
               before, o.word));
  // A set or a reset writes a value rather than moving the word: never a translation.
  const bool reset = r.dealloc && !r.negative && rt_.dealloc_action(o.kind) == Action::Reset;
  const bool moved = (op.code != OpCode::SetRefcnt || r.skipped) && !reset;
  // A bulk add that did not saturate moved the word by n, as a stretch of n increments would.
  const bool added = op.code == OpCode::RefcntAdd && !r.skipped && !reset;
  const bool saturated = added && r.word != rt_.width().wrap(before + op.value);
  const Move move = !moved || saturated ? Move::Write : added ? Move::Stretch : Move::Step;
  note(i, before, o.word, move, origin_bit(op.by));
  if (fatal) {
    stop(i, *fatal, fatal_action);
    return;
  }
  after_steps();
}

}  // namespace refsim::engine
