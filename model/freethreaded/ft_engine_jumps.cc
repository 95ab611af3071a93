// The free-threaded fast engine's jumps: over the quiet stretches and exact cycles of a counted
// operation (ft_jump.h's cells, model/jump.h's CycleMark), and over a repeat's iterations that repeat
// the last one moved along (ft_repeat.h) or go round an exact cycle. The stepwise reference runs the
// same functions without jumping.
#include <algorithm>

#include "model/freethreaded/ft_jump.h"
#include "model/freethreaded/ft_runner.h"
#include "model/jump.h"

namespace refsim::ft {

void Runner::run_repeat(const FtOp& op) {
  std::uint64_t left = op.count;
  if (expanded_steps(op.body) == 0) {  // only merges: one pass merges all a second one could
    if (left > 0 && !stopped()) walk(op.body);
    return;
  }
  const bool translatable = fast_ && std::none_of(op.body.begin(), op.body.end(), [](const FtOp& o) {
    return o.code == FtOpCode::Repeat || o.code == FtOpCode::SetRefcnt;  // a set is no drift
  });
  CycleMark<Rounds> mark;
  while (left > 0 && !stopped()) {
    if (!fast_) {  // the stepwise reference: every iteration, nothing noted
      walk(op.body);
      --left;
      continue;
    }
    std::vector<FtObjState> before;  // what a translation's drift is measured from
    if (translatable) before = out_.objects;
    const std::uint64_t steps = out_.steps, events = out_.events_total;
    std::vector<CountedAt> counted;
    recording_ = translatable ? &counted : nullptr;
    walk(op.body);
    recording_ = nullptr;
    --left;
    if (left == 0 || ended()) continue;
    if (out_.events_total == events && translatable)
      if (const auto drift = drift_of(b_, before, out_.objects)) {
        const std::uint64_t k = translated_iterations(b_, counted, *drift, left);
        apply_drift(b_, out_.objects, *drift, k);
        out_.steps += k * (out_.steps - steps);
        left -= k;
        if (left == 0) break;
      }
    if (const Rounds* m = mark.get(); m && m->at.left > left && same_fields(m->objects))
      if (const std::uint64_t n = repeat_cycles(m->at, left, [&](std::uint64_t cycles) {
            for (std::size_t i = 0; i < out_.objects.size(); ++i)
              out_.objects[i].logical += Int128(cycles) * (out_.objects[i].logical - m->objects[i].logical);
          })) {
        left -= n;
        mark.clear();
        if (left == 0) break;
      }
    mark.advance([&] { return Rounds{{left, out_.steps, out_.events_total}, out_.objects}; });
  }
}

bool Runner::same_fields(const std::vector<FtObjState>& objects) const {
  for (std::size_t i = 0; i < objects.size(); ++i)
    if (!(objects[i].o == out_.objects[i].o) || objects[i].queued_for != out_.objects[i].queued_for) return false;
  return true;
}

void Runner::run_counted(const FtOp& op) {
  const bool up = op.code == FtOpCode::Incref;
  if (recording_) recording_->push_back({op.obj, tid_of(op.thread), up, op.count, out_.objects[op.obj]});
  if (fast_ && op.count == 1 && quiet_single(op)) return;
  std::uint64_t left = op.count;
  CycleMark<Mark> mark;
  while (left > 0 && !stopped()) {
    if (fast_) {
      const std::uint64_t k = std::min(left, quiet_steps(b_, out_.objects[op.obj], tid_of(op.thread), up));
      apply_quiet(b_, out_.objects[op.obj], tid_of(op.thread), up, k);
      out_.steps += k;
      left -= k;
      if (left == 0) break;
      if (up) {
        const std::uint64_t cycle = b_.local_max();
        const std::uint64_t m = std::min(left / cycle, spill_cycles(b_, out_.objects[op.obj], tid_of(op.thread)));
        apply_spill_cycles(b_, out_.objects[op.obj], m);
        out_.steps += m * cycle;
        left -= m * cycle;
        if (left == 0) break;
      }
      FtObjState& s = out_.objects[op.obj];
      if (const Mark* m = mark.get(); m && m->at.left > left && m->o == s.o && m->queued_for == s.queued_for)
        if (const std::uint64_t n = repeat_cycles(
                m->at, left, [&](std::uint64_t cycles) { s.logical += Int128(cycles) * (s.logical - m->logical); })) {
          left -= n;
          mark.clear();
          if (left == 0) break;
        }
      mark.advance([&] { return Mark{{left, out_.steps, out_.events_total}, s.o, s.queued_for, s.logical}; });
    }
    one(op);
    --left;
  }
}

}  // namespace refsim::ft
