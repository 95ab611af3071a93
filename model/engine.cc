// Engine: the step loop. One object model, one literal single step shared by both engines; the fast
// engine adds jumps (how far each may go: model/jump.h): over a stretch of one operation that stays
// inside a boundary-free cell, over whole repeat iterations that translate every object's word inside
// its cell (or return it), and over exact cycles of either. This file is the spine: it builds the
// objects, walks the operation tree and hands each operation to its loop; the loops are the Machine's
// members in model/engine/ (model/engine/machine.h lists them).
#include "model/engine.h"

#include "model/engine/machine.h"

namespace refsim {
namespace engine {

Machine::Machine(const Scenario& s, EngineKind kind, const RunLimits& limits)
    : s_(s), rt_(s.runtime), fast_(kind == EngineKind::Fast), limits_(limits) {
  for (const ObjectSpec& spec : s.objects) {
    Obj o;
    o.kind = spec.kind;
    o.initial = spec.word ? *spec.word : rt_.initial_word(spec.kind, spec.refs);
    o.word = o.initial;
    o.logical = spec.refs;
    o.created_immortal = rt_.immortal(o.initial);
    objects_.push_back(o);
  }
  refs_.resize(s.refs.size());
}

Outcome Machine::run() {
  exec_ops(s_.ops);
  if (running()) {  // leaks are judged at the end of a whole run only
    for (std::size_t i = 0; i < objects_.size(); ++i) {
      const Obj& o = objects_[i];
      if (!o.created_immortal && !o.freed && o.logical <= 0)
        emit({.kind = EventKind::Leak, .obj = i, .step = steps_, .word_before = o.word, .word_after = o.word});
    }
  }
  out_.steps = steps_;
  for (const Obj& o : objects_)
    out_.objects.push_back({o.word, o.logical, o.freed, o.created_immortal});
  return std::move(out_);
}

void Machine::exec_ops(const std::vector<Op>& ops) {
  path_.push_back(0);
  for (std::size_t i = 0; i < ops.size() && running(); ++i) {
    if (may_jump(Jump::Quiet)) {
      i = quiet_singles(ops, i);
      if (i == ops.size() || !running()) break;
    }
    path_.back() = static_cast<std::uint32_t>(i);
    if (!spend(1)) break;
    const Op& op = ops[i];
    switch (op.code) {
      case OpCode::Incref:
      case OpCode::Decref:
      case OpCode::SetRefcnt:
      case OpCode::StealRelease:
      case OpCode::RefcntAdd: exec_count(op); break;
      case OpCode::StackNew:
      case OpCode::StackSteal:
      case OpCode::StackNewMortal:
      case OpCode::StackImmortal:
      case OpCode::StackDup:
      case OpCode::StackClose: single(op, rt_.code(op.by)); break;
      case OpCode::Gc:
        if (periodic_active()) periodic_reset(true);
        break;
      case OpCode::Repeat: exec_repeat(op); break;
    }
  }
  path_.pop_back();
}

}  // namespace engine

Outcome run(const Scenario& scenario, EngineKind kind, const RunLimits& limits) {
  return engine::Machine(scenario, kind, limits).run();
}

}  // namespace refsim
