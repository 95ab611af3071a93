// Engine: the step loop. One object model, one literal single step shared by both engines; the fast
// engine adds jumps (how far each may go: model/jump.h): over a stretch of one operation that stays
// inside a boundary-free cell, over whole repeat iterations that translate every object's word inside
// its cell (or return it), and over exact cycles of either.
#include "model/engine.h"

#include <algorithm>
#include <unordered_map>

#include "model/jump.h"
#include "model/runtime.h"
#include "model/semantics/loop.h"

namespace refsim {

namespace {

struct Obj {
  Word word = 0;
  Int128 logical = 0;
  /// quiet_singles' increfs ([0]) and decrefs ([1]), added to `logical` when its list stops (fewer
  /// than 2^64 each: a list has fewer operations).
  std::uint64_t pending[2] = {0, 0};
  bool freed = false;
  bool created_immortal = false;
  Word initial = 0;
  Kind kind = Kind::Heap;
};

struct Frame {
  std::vector<Trace> objects;
  std::uint64_t events = 0;  ///< events_total at the start
  bool legacy = false;
  bool reset_changed = false;
};

class Machine {
 public:
  /// How a word changed: a jump over a uniform stretch, one literal step (continuous when it moved
  /// by one without wrapping), or a write (a set, a reset).
  enum class Move { Stretch, Step, Write };

  Machine(const Scenario& s, EngineKind kind, const RunLimits& limits)
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

  Outcome run() {
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

 private:
  // --- the operation tree ---------------------------------------------------------------------
  void exec_ops(const std::vector<Op>& ops) {
    path_.push_back(0);
    for (std::size_t i = 0; i < ops.size() && running(); ++i) {
      if (may_jump(Jump::Quiet)) {
        i = (this->*singles_)(ops, i);
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

  /// Runs the single increfs and decrefs (count 1) from ops[i] on, as long as the runtime's step
  /// table proves that each has no event: what single() would do, without finding a cell, events
  /// (there are none) or repeat-block bookkeeping (outside repeat blocks there is none, and on a runtime
  /// without periodic reset nothing happens between steps). Returns the index of the first operation
  /// left. `Core` runs the core origin's steps inline (CoreAt), or through the table (TableOnly).
  template <class Core>
  std::size_t quiet_singles(const std::vector<Op>& ops, std::size_t i) {
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
      if (o.freed) break;
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

  /// The core origin's quiet steps compiled into the loop (its code's own immortality test).
  template <Arith A, bool Debug, unsigned Bits>
  struct CoreAt {
    static constexpr bool kInline = true;
    static bool step(bool up, Word& word, Word bit) {
      constexpr ImmortalTest test = native_test(A);
      return up ? quiet_at<true, A, false, Bits, test>(word, bit) : quiet_at<false, A, Debug, Bits, test>(word, bit);
    }
  };
  struct TableOnly {
    static constexpr bool kInline = false;
    static bool step(bool, Word&, Word) { return false; }
  };

  using Singles = std::size_t (Machine::*)(const std::vector<Op>&, std::size_t);
  /// The loop for this runtime: with its core code inline where the runtime's test is that code's own
  /// (every runtime as the model builds them), else through the table alone.
  static Singles singles_for(const Runtime& rt) {
    return with_code(rt.code(Origin::Core), rt.width(), rt.immortal_test(),
                     []<Arith A, bool Debug, unsigned Bits, ImmortalTest T>() -> Singles {
                       if constexpr (T == native_test(A)) return &Machine::quiet_singles<CoreAt<A, Debug, Bits>>;
                       return &Machine::quiet_singles<TableOnly>;
                     });
  }

  StepResult apply(const Op& op, const Code& code, Word word) const {
    const Width w = rt_.width();
    switch (op.code) {
      case OpCode::Incref: return incref(code, w, word);
      case OpCode::Decref: return decref(code, w, word);
      case OpCode::StealRelease: return loop_steal_release(code, w, word);
      case OpCode::RefcntAdd: return refcnt_add(code, w, word, op.value);
      case OpCode::StackNew: return loop_new(code, w, word);
      case OpCode::StackSteal: return loop_steal(code, w, word);
      case OpCode::StackDup:
        return refs_[op.ref].counted ? loop_dup_counted(code, w, word) : StepResult{.word = word, .skipped = true};
      case OpCode::StackClose:
        return refs_[op.ref].counted ? loop_close_counted(code, w, word) : StepResult{.word = word, .skipped = true};
      default: return set_refcnt(code, w, word, op.value);
    }
  }

  /// The change of the logical count: a new or duplicated reference +1, a closed or released one
  /// -1 (a steal hands one over: 0), _Py_RefcntAdd +n.
  static Int128 logical_delta(const Op& op) {
    switch (op.code) {
      case OpCode::Incref:
      case OpCode::StackNew:
      case OpCode::StackDup: return 1;
      case OpCode::Decref:
      case OpCode::StackClose:
      case OpCode::StealRelease: return -1;
      case OpCode::RefcntAdd: return static_cast<Int128>(op.value);
      default: return 0;
    }
  }

  /// The object an operation acts on: a stack reference's, for dup and close.
  std::size_t target(const Op& op) const {
    return op.code == OpCode::StackDup || op.code == OpCode::StackClose ? refs_[op.ref].obj : op.obj;
  }

  /// `op` with its count: literal steps, or jumps where the fast engine can prove them uniform.
  void exec_count(const Op& op) {
    Obj& o = objects_[op.obj];
    const Code& code = rt_.code(op.by);
    const Int128 delta = logical_delta(op);
    if (runs_legacy_code(op.by) && op.count > 0) legacy_ran_ = true;
    std::uint64_t count = op.count;
    // A word that comes back to a marked value has gone round an exact cycle: its steps and events
    // repeat, so whole cycles are counted at once, when the cycle has no events or events are no
    // longer kept.
    struct Mark {
      Word word;
      std::uint64_t count, events;
    };
    CycleMark<Mark> mark;
    // The word a stretch ended on at its cell's edge: the next step from it crosses a cut, so a cell
    // search there finds no room (it would cost more than the step).
    std::optional<Word> edge;
    while (count > 0 && running() && spend(1)) {
      // One step left: nothing to jump, and finding the cell costs more than the step itself.
      if (count == 1) {
        single(op, code);
        break;
      }
      if (may_jump(Jump::Cycle, &o)) {
        if (const Mark* m = mark.get(); m && m->count > count) {
          const std::uint64_t period = m->count - count;
          const std::uint64_t cycle_events = out_.events_total - m->events;
          if (!may_repeat(cycle_events)) {
            // a cycle whose events are still kept: its steps are taken one by one
          } else if (o.word == m->word) {  // an exact cycle
            const std::uint64_t n = count / period * period;
            steps_ += n;
            o.logical += Int128{delta} * n;
            out_.events_total += count / period * cycle_events;
            count -= n;
            note(op.obj, o.word, o.word, Move::Write, origin_bit(op.by));
            mark.clear();
            if (count == 0) break;
          } else if (unit_step(op)) {  // a cycle of the word translated: whole stretches of it
            const bool up = op.code == OpCode::Incref;
            const std::uint64_t n = translated_stretch_steps(rt_, op.by, up, o.word, m->word, period, count);
            if (n > 0) {
              bulk(op.obj, delta, n, up ? o.word + n : o.word - n, Move::Stretch, origin_bit(op.by));
              out_.events_total += n / period * cycle_events;
              count -= n;
              mark.clear();
              if (count == 0) break;
            }
          }
        }
        mark.advance([&] { return Mark{o.word, count, out_.events_total}; });
      }
      if (may_jump(Jump::Stretch, &o)) {
        const StepResult probe = apply(op, code, o.word);
        const bool quiet = !probe.dealloc && !probe.negative && !probe.overflow &&
                           rt_.immortal(probe.word) == rt_.immortal(o.word);
        const std::uint64_t room = std::min(count, period_room());
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

  /// Whether every step of `op` moves the word by one (or skips): what a translated stretch needs.
  static bool unit_step(const Op& op) {
    return op.code == OpCode::Incref || op.code == OpCode::Decref || op.code == OpCode::StealRelease;
  }

  /// Applies `n` uniform steps at once: the word ends at `word`, having moved continuously.
  void bulk(std::size_t i, Int128 delta, std::uint64_t n, Word word, Move move, OriginSet origins) {
    Obj& o = objects_[i];
    const Word before = o.word;
    o.word = word;
    o.logical += Int128{delta} * n;
    steps_ += n;
    note(i, before, word, move, origins);
    after_steps();
  }

  /// One literal operation, with its events: the reference semantics of the engine.
  void single(const Op& op, const Code& code) {
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
    if (op.code == OpCode::StackNew || op.code == OpCode::StackSteal) refs_[op.ref] = {i, !r.skipped};
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
      if (action == Action::Freed || action == Action::FreeStatic) o.freed = true;
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

  // --- repeat blocks -----------------------------------------------------------------------------
  void exec_repeat(const Op& op) {
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
    // events or events are no longer kept.
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

  /// The state that decides what the next iterations do, and the counters they move.
  struct Snapshot {
    std::vector<Word> words;
    std::vector<bool> freed;
    std::vector<Int128> logical;
    bool legacy = false;
    std::uint64_t remaining = 0, steps = 0, events = 0;
  };

  Snapshot snapshot(std::uint64_t remaining) const {
    Snapshot s{.legacy = legacy_ran_, .remaining = remaining, .steps = steps_, .events = out_.events_total};
    for (const Obj& o : objects_) {
      s.words.push_back(o.word);
      s.freed.push_back(o.freed);
      s.logical.push_back(o.logical);
    }
    return s;
  }

  bool same_state(const Snapshot& s) const {
    if (s.legacy != legacy_ran_) return false;
    for (std::size_t i = 0; i < objects_.size(); ++i)
      if (objects_[i].word != s.words[i] || objects_[i].freed != s.freed[i]) return false;
    return true;
  }

  /// The iterations since `mark` returned every object to its marked word: repeats them as many
  /// whole times as fit `remaining`, when they had no events or events are no longer kept. Returns
  /// the iterations counted.
  std::uint64_t jump_cycles(const Snapshot& mark, std::uint64_t len, std::uint64_t remaining) {
    const std::uint64_t cycle_events = out_.events_total - mark.events;
    if (!may_repeat(cycle_events)) return 0;
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

  /// After one literal iteration (`frame`), applies as many identical iterations as provably
  /// behave the same, and returns how many.
  std::uint64_t jump(const Frame& frame, std::uint64_t len, std::uint64_t remaining) {
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

  void push_frame() {
    Frame f;
    f.events = out_.events_total;
    f.legacy = legacy_ran_;
    f.objects.reserve(objects_.size());
    for (const Obj& o : objects_)
      f.objects.push_back({o.word, o.logical, o.word, o.word, o.freed, false, false});
    frames_.push_back(std::move(f));
  }

  Frame pop_frame() {
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

  /// Records a move of object i's word in the innermost iteration.
  void note(std::size_t i, Word before, Word after, Move move, OriginSet origins) {
    if (frames_.empty()) return;
    Trace& t = frames_.back().objects[i];
    t.touched = true;
    t.origins |= origins;
    const Width w = rt_.width();
    const bool continuous =
        move == Move::Stretch ||
        (move == Move::Step && (after == before || (after == before + 1 && before != w.mask()) ||
                                (after + 1 == before && before != 0)));
    if (!continuous) t.discontinuous = true;
    if (move == Move::Write) t.written = true;
    t.lo = std::min({t.lo, before, after});
    t.hi = std::max({t.hi, before, after});
  }

  // --- when the fast engine may jump ---------------------------------------------------------------
  /// The fast engine's shortcuts over literal steps.
  enum class Jump {
    Quiet,    ///< straight-line single operations through the step table, without repeat bookkeeping
    Stretch,  ///< repetitions of one operation, or repeat iterations, inside their cells
    Cycle,    ///< whole exact (or translated) cycles of one operation's steps or of iterations
  };
  /// The one test of whether the fast engine may take a shortcut here, on object `o` where the
  /// shortcut is over one object's steps. Never in the stepwise reference; never on a freed object
  /// (its next step is a use after free, which only the literal step reports). Quiet singles skip
  /// the repeat-block bookkeeping and the periodic reset's test between steps: only outside repeat
  /// blocks and on runtimes without periodic reset. Stretches stop at the next periodic reset
  /// (period_room); cycles, which jump step numbers, not while the periodic reset is active.
  bool may_jump(Jump jump, const Obj* o = nullptr) const {
    if (!fast_ || (o && o->freed)) return false;
    switch (jump) {
      case Jump::Quiet: return frames_.empty() && !rt_.periodic();
      case Jump::Stretch: return true;
      case Jump::Cycle: return !periodic_active();
    }
    return false;
  }
  /// Whether repetitions that had `events` events may be jumped: when they had none, or events are
  /// no longer kept (the jumped ones are counted in events_total only).
  bool may_repeat(std::uint64_t events) const { return events == 0 || out_.events.size() >= limits_.max_events; }

  // --- the work limit ----------------------------------------------------------------------------
  /// Whether the run goes on: it has not crashed, and has not given up.
  bool running() const { return !out_.crashed && !out_.gave_up; }
  /// Counts `units` of work (RunLimits::max_work); past the limit the run gives up. Returns running().
  bool spend(std::uint64_t units) {
    work_ += units;
    if (work_ > limits_.max_work) out_.gave_up = true;
    return running();
  }
  std::uint64_t work_left() const { return work_ >= limits_.max_work ? 0 : limits_.max_work - work_; }

  // --- periodic reset ----------------------------------------------------------------------------
  bool periodic_active() const {
    return rt_.periodic() && (!s_.runtime.params.only_if_legacy || legacy_ran_);
  }
  /// Steps until (and including) the next multiple of the period.
  std::uint64_t period_room() const {
    if (!periodic_active()) return UINT64_MAX;
    const std::uint64_t period = s_.runtime.params.period;
    return period - steps_ % period;
  }
  void after_steps() {
    if (periodic_active() && steps_ % s_.runtime.params.period == 0) periodic_reset(false);
  }
  /// Sets every object created immortal that still tests immortal back to its initial word.
  /// A reset at a step multiple that changed a word makes its iteration unrepeatable (the next
  /// multiple falls elsewhere). A gc comes back at the same place in every iteration, so it only
  /// stops translations: every object it may reset counts as written.
  void periodic_reset(bool at_gc) {
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

  // --- events ------------------------------------------------------------------------------------
  Event event(EventKind kind, std::size_t i, Word before, Word after) const {
    return {.kind = kind, .obj = i, .step = steps_, .op = path_, .word_before = before, .word_after = after};
  }
  void emit(Event e) {
    ++out_.events_total;
    if (out_.events.size() < limits_.max_events) {
      out_.events.push_back(std::move(e));
    } else if (limits_.first_of_each_kind &&
               std::none_of(out_.events.begin(), out_.events.end(),
                            [&](const Event& kept) { return kept.kind == e.kind; })) {
      out_.events.push_back(std::move(e));
    }
  }
  void stop(std::size_t i, EventKind kind, std::optional<Action> action) {
    out_.crashed = true;
    out_.stopped = Stopped{steps_, path_, i, kind, action};
  }

  const Scenario& s_;
  Runtime rt_;
  Singles singles_ = singles_for(rt_);
  bool fast_;
  RunLimits limits_;
  std::vector<Obj> objects_;
  /// The stack references: the object each was opened on and whether it is counted.
  struct Ref {
    std::size_t obj = 0;
    bool counted = false;
  };
  std::vector<Ref> refs_;
  std::unordered_map<const Op*, std::uint64_t> lengths_;
  std::vector<Frame> frames_;
  OpPath path_;
  std::uint64_t steps_ = 0;
  std::uint64_t work_ = 0;  ///< RunLimits::max_work's units spent
  bool legacy_ran_ = false;
  Outcome out_;
};

}  // namespace

Outcome run(const Scenario& scenario, EngineKind kind, const RunLimits& limits) {
  return Machine(scenario, kind, limits).run();
}

}  // namespace refsim
