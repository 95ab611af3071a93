// Machine: the state of one run of the engine (model/engine.h) and the one class whose members walk
// the operation tree. Its members live in one file per concern, in the order a run meets them:
//   model/engine.cc                 the spine: objects, the operation tree, leaks, the outcome
//   model/engine/quiet_singles.cc   straight-line count-1 increfs and decrefs through the step table
//   model/engine/literal_step.cc    one literal operation with its events (the reference semantics)
//   model/engine/count_jumps.cc     an operation's count: stretches inside a cell, exact cycles
//   model/engine/repeat_jumps.cc    repeat blocks: iterations translated or cycled, their traces
//   model/engine/reset_jumps.cc     repeat blocks whose words the periodic reset keeps near home
//   model/engine/run_state.cc       periodic reset and events
// The small tests every loop asks (may the fast engine jump here, is there work left) are defined
// below, where one reader sees all of them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "model/engine.h"
#include "model/jump.h"
#include "model/runtime.h"

namespace refsim::engine {

/// A quiet lane: the words `lo` .. `lo + span` between which every core incref and decref of one
/// object is quiet and moves it by one (cells of the core's boundaries), or a word that no such step
/// moves (`span` all ones: every walk stays). quiet_singles walks `off`, the distance from `lo`,
/// one step at a time, and tests only that it stays within `span` (model/engine/quiet_singles.cc).
/// Outside quiet_singles every lane is unset: `off` and `span` 0, so that no step stays in it.
struct Lane {
  Word off = 0;
  Word span = 0;
  Word lo = 0;
};

/// Whether an object has a lane in the current list (model/engine/quiet_singles.cc).
enum class LaneState : std::uint8_t {
  Unset,  ///< none: its core steps go through the step table
  Cell,   ///< a lane of words whose steps move the word by one
  Fixed,  ///< a word that no core step moves
};

/// One object as the run sees it. (Ordered so that it takes 64 bytes: quiet_singles finds an object
/// by one shift of its index.)
struct Obj {
  Int128 logical = 0;
  Word word = 0;
  Word initial = 0;
  Lane lane;
  Kind kind = Kind::Heap;
  bool freed = false;
  bool created_immortal = false;
  LaneState lane_state = LaneState::Unset;
  /// Core steps of the current list taken through the step table since the object last had a
  /// lane (at most kTableStepsBeforeLane, when it finds one).
  std::uint8_t table_steps = 0;
};
static_assert(sizeof(Obj) == 64);

/// Dealloc events of objects not created immortal so far, kept or not: all, and those with
/// `premature` (references remained).
struct Deallocs {
  std::uint64_t mortal = 0, premature = 0;
};

/// One repeat iteration being run literally: what it did to each object.
struct Frame {
  std::vector<Trace> objects;
  std::uint64_t events = 0;           ///< events_total at the start
  std::uint64_t reset_sensitive = 0;  ///< Machine::reset_sensitive_ at the start
  bool legacy = false;
  bool reset_changed = false;
};

class Machine {
 public:
  /// How a word changed: a jump over a uniform stretch, one literal step (continuous when it moved
  /// by one without wrapping), or a write (a set, a reset).
  enum class Move { Stretch, Step, Write };

  Machine(const Scenario& s, EngineKind kind, const RunLimits& limits);
  Outcome run();

 private:
  // --- the operation tree (model/engine.cc) --------------------------------------------------------
  void exec_ops(const std::vector<Op>& ops);

  // --- straight-line singles (model/engine/quiet_singles.cc) ---------------------------------------
  /// Runs the single increfs and decrefs (count 1) from ops[i] on, as long as each has no event:
  /// what single() would do, without finding a cell per step, events (there are none) or
  /// repeat-block bookkeeping (outside repeat blocks there is none, and on a runtime without periodic
  /// reset nothing happens between steps). A core step pays one test, that its object stays in its
  /// lane; any other goes through the runtime's step table. Returns the index of the first operation
  /// left.
  std::size_t quiet_singles(const std::vector<Op>& ops, std::size_t i);
  /// The step `op` (count 1, incref or decref) that its object's lane did not cover: at the
  /// object's second core step of the list the lane is found, at its edge widened, and the step
  /// tried again; else the lane ends and the step goes through the step table. False when the step
  /// has an event (nothing changed then).
  bool off_lane(const Op& op, Obj& o, const StepTable& table, bool& legacy);
  /// Finds `o`'s lane from its word (model/engine/quiet_singles.cc says how).
  void find_lane(Obj& o, const StepTable& table) const;
  /// Joins to a moving lane the next cell in the direction of a step (`up`) that would leave it from
  /// its edge, when the steps across and inside that cell are quiet and by one. False otherwise.
  bool widen_lane(Obj& o, const StepTable& table, bool up) const;
  /// Whether the core's `up` (incref) or decref step from `from` is quiet and moves it by one.
  static bool core_unit(const StepTable& table, bool up, Word from);
  /// The cell of the core's boundaries around `x` (`lo` .. `hi`, not wrapping round the width), and
  /// whether every step inside it is quiet and by one.
  bool quiet_cell(const StepTable& table, Word x, Word& lo, Word& hi) const;
  /// Ends `o`'s lane: the word and logical count take what the lane's steps did; the lane is unset.
  static void end_lane(Obj& o);

  // --- one literal operation (model/engine/literal_step.cc) ----------------------------------------
  /// The operation's step on `word`, by `code`.
  StepResult apply(const Op& op, const Code& code, Word word) const;
  /// The change of the logical count: a new or duplicated reference +1, a closed or released one
  /// -1 (a steal hands one over: 0), _Py_RefcntAdd +n.
  static Int128 logical_delta(const Op& op);
  /// The object an operation acts on: a stack reference's, for dup and close.
  std::size_t target(const Op& op) const {
    return op.code == OpCode::StackDup || op.code == OpCode::StackClose ? refs_[op.ref].obj : op.obj;
  }
  /// One literal operation, with its events: the reference semantics of the engine.
  void single(const Op& op, const Code& code);

  // --- an operation's count (model/engine/count_jumps.cc) ------------------------------------------
  /// `op` with its count: literal steps, or jumps where the fast engine can prove them uniform.
  void exec_count(const Op& op);
  /// Whether every step of `op` moves the word by one (or skips): what a translated stretch needs.
  static bool unit_step(const Op& op) {
    return op.code == OpCode::Incref || op.code == OpCode::Decref || op.code == OpCode::StealRelease;
  }
  /// Applies `n` uniform steps at once: the word ends at `word`, having moved continuously.
  void bulk(std::size_t i, Int128 delta, std::uint64_t n, Word word, Move move, OriginSet origins);

  // --- repeat blocks (model/engine/repeat_jumps.cc) ------------------------------------------------
  void exec_repeat(const Op& op);
  /// The state that decides what the next iterations do, and the counters they move.
  struct Snapshot {
    std::vector<Word> words;
    std::vector<bool> freed;
    std::vector<Int128> logical;
    bool legacy = false;
    std::uint64_t remaining = 0, steps = 0, events = 0, reset_sensitive = 0;
    Deallocs deallocs;
  };
  Snapshot snapshot(std::uint64_t remaining) const;
  bool same_state(const Snapshot& s) const;
  /// The iterations since `mark` returned every object to its marked word: repeats them as many
  /// whole times as fit `remaining`, when may_repeat_exact allows it. Returns the iterations counted.
  std::uint64_t jump_cycles(const Snapshot& mark, std::uint64_t len, std::uint64_t remaining);
  /// The iterations since `mark`, traced by the frames from `first` on, moved each object they
  /// moved by a translation: repeats them as many whole times as every object's translated moves
  /// stay in equivalent places (iterations_like), when may_repeat allows it; the frames from `first`
  /// on are popped. Returns the iterations counted.
  std::uint64_t jump_translated(const Snapshot& mark, std::size_t first, std::uint64_t len,
                                std::uint64_t remaining);
  /// Object i's moves traced by the frames from `first` on, as one trace.
  Trace traced_since(std::size_t first, std::size_t i) const;
  /// Repeats `times` more the move object i's trace `t` made (from t.start to its word now), and
  /// notes the range those repetitions cover.
  void repeat_move(std::size_t i, const Trace& t, std::uint64_t times);
  /// Adds the moves of a later trace of the same object to `into`.
  static void absorb(Trace& into, const Trace& later);
  /// After one literal iteration (`frame`), applies as many identical iterations as provably
  /// behave the same, and returns how many.
  std::uint64_t jump(const Frame& frame, std::uint64_t len, std::uint64_t remaining);
  void push_frame();
  Frame pop_frame();

  // --- repeat blocks under a periodic reset (model/engine/reset_jumps.cc) --------------------------
  /// What a repeat block's body can do, read from its operations once: whether it only increfs,
  /// decrefs, collects and repeats (every step moves a word by at most one), the origins that act on
  /// each object (0: untouched), and each object's logical change per iteration.
  struct Reach {
    bool unit_steps = true;
    std::vector<OriginSet> origins;
    std::vector<Int128> logical;
  };
  const Reach& reach_of(const Op& repeat);
  /// What the engine measures of a repeat block once, on first entry (straight-line lists pay
  /// nothing for the blocks they do not have): its steps per iteration, and its Reach, measured on
  /// first use (only under a periodic reset).
  struct Block {
    std::uint64_t length = 0;
    std::optional<Reach> reach;
  };
  Block& block_of(const Op& repeat);
  void add_reach(const std::vector<Op>& ops, Int128 times, Reach& reach) const;
  /// After a literal iteration of `op` (its iterations `len` steps each, `remaining` left): when the
  /// periodic reset keeps every word the block moves inside a band around its initial word where
  /// every step is quiet, jumps all but the last iterations, which hold a reset, and returns how
  /// many it jumped (else 0).
  std::uint64_t jump_reset_periods(const Op& op, std::uint64_t len, std::uint64_t remaining);
  /// The half-width of the band around its initial word that object `o`'s word keeps to while the
  /// periodic reset holds it (its distance from home now plus a period), or none when that band and
  /// one step beyond it do not fit the word.
  std::optional<Word> reset_band(const Obj& o) const;
  /// Whether one incref (`up`) or decref by `code` from `word` moves it by at most one, with no
  /// event, and leaves it immortal.
  bool quiet_step(const Code& code, bool up, Word word) const;
  /// Whether every step by the code of `origins` whose words before and after lie in [lo, hi] is
  /// quiet_step (false also when the range crosses too many cells to check).
  bool quiet_between(Word lo, Word hi, OriginSet origins) const;
  /// Records a move of object i's word in the innermost iteration.
  void note(std::size_t i, Word before, Word after, Move move, OriginSet origins) {
    if (periodic_active()) note_reset_sensitive(i, before, after, move, origins);
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
    ExactCycle,       ///< whole cycles of one operation's steps or of iterations that bring every word back
    TranslatedCycle,  ///< whole cycles that move the words by the same amount each round
  };
  /// The one test of whether the fast engine may take a shortcut here, on object `o` where the
  /// shortcut is over one object's steps. Never in the stepwise reference; never on a freed object
  /// (its next step is a use after free, which only the literal step reports). Quiet singles skip
  /// the repeat-block bookkeeping and the periodic reset's test between steps: only outside repeat
  /// blocks and on runtimes without periodic reset; and they test no object for being freed (a
  /// quiet step frees nothing): only while no object is (any_freed_). Stretches stop at the next periodic reset
  /// (period_room). Cycles jump step numbers: while the periodic reset is active only exact cycles
  /// whose two marks have the same phase (period_phase), so that the resets fall at the same places
  /// in every round; translated cycles not at all (a reset depends on the word, which they move).
  bool may_jump(Jump jump, const Obj* o = nullptr) const {
    if (!fast_ || (o && o->freed)) return false;
    switch (jump) {
      case Jump::Quiet: return frames_.empty() && !rt_.periodic() && !any_freed_;
      case Jump::Stretch: return true;
      case Jump::ExactCycle: return true;
      case Jump::TranslatedCycle: return !periodic_active();
    }
    return false;
  }
  /// Whether repetitions that had `events` events may be jumped: when they had none, or events are
  /// no longer kept (the jumped ones are counted in events_total only).
  bool may_repeat(std::uint64_t events) const { return events == 0 || out_.events.size() >= limits_.max_events; }
  /// The same for the rounds of an exact cycle (every word back where it was): also when the caller
  /// keeps distinct events only (RunLimits::distinct_events), since every later round's events are
  /// the last round's, step numbers aside, each kept already or the same as a kept one; unless the
  /// last round, which began at `since`, deallocated an object not created immortal: its event's
  /// `premature` follows the logical count, which an exact cycle of the words does not repeat. When
  /// the logical counts only fall (`logical_falls`: a counted decref) and none of those
  /// deallocations was premature, no later round's is either, and the rounds repeat.
  bool may_repeat_exact(std::uint64_t events, Deallocs since, bool logical_falls) const {
    if (may_repeat(events)) return true;
    if (!limits_.distinct_events) return false;
    return deallocs_.mortal == since.mortal || (logical_falls && deallocs_.premature == since.premature);
  }
  /// The same for the rounds of a counted operation's translated cycle: their events are the last
  /// round's at moved words, so they count as kept ones only when words do not make events distinct
  /// (RunLimits::distinct_ignores_words). (A repeat's translated iterations still need may_repeat.)
  bool may_repeat_translated(std::uint64_t events, Deallocs since, bool logical_falls) const {
    return may_repeat(events) || (limits_.distinct_ignores_words && may_repeat_exact(events, since, logical_falls));
  }

  // --- the work limit ------------------------------------------------------------------------------
  /// Whether the run goes on: it has not crashed, given up, or ended where the caller had enough.
  bool running() const { return !out_.crashed && !out_.gave_up && !out_.ended_early; }
  /// Counts `units` of work (RunLimits::max_work); past the limit the run gives up. Returns running().
  bool spend(std::uint64_t units) {
    work_ += units;
    if (work_ > limits_.max_work) out_.gave_up = true;
    return running();
  }
  std::uint64_t work_left() const { return work_ >= limits_.max_work ? 0 : limits_.max_work - work_; }

  // --- periodic reset (model/engine/run_state.cc) --------------------------------------------------
  bool periodic_active() const { return rt_.periodic() && (!s_.runtime.params.only_if_legacy || legacy_ran_); }
  /// Where a run at `steps` is in the reset period: steps modulo the period (0 when no reset is
  /// active). Two states with the same words and phase, the one reached from the other, are an
  /// exact cycle whose rounds meet the resets at the same places.
  std::uint64_t phase_at(std::uint64_t steps) const { return periodic_active() ? steps % s_.runtime.params.period : 0; }
  std::uint64_t period_phase() const { return phase_at(steps_); }
  /// Steps until (and including) the next multiple of the period.
  std::uint64_t period_room() const {
    return periodic_active() ? s_.runtime.params.period - period_phase() : UINT64_MAX;
  }
  void after_steps() {
    if (periodic_active() && period_phase() == 0) periodic_reset(false);
  }
  /// Whether a cycle's two marks, the earlier at `phase` when reset_sensitive_ was `sensitive`, are
  /// alike for the periodic reset: at the same phase, the resets fall at the same places in every
  /// round; at another phase they fall elsewhere, which changes nothing only if no reset could have
  /// changed a word anywhere in the round: no move was reset-sensitive since the mark, and no object
  /// the round did not move sits where a reset would change it.
  bool same_phase(std::uint64_t phase, std::uint64_t sensitive) const {
    return phase == period_phase() || (sensitive == reset_sensitive_ && !reset_would_change());
  }
  /// Whether a periodic reset would change object `o` at `word`: it was created immortal and the
  /// word tests immortal without being its initial word, the one a reset writes.
  bool reset_changes(const Obj& o, Word word) const {
    return o.created_immortal && rt_.immortal(word) && word != o.initial;
  }
  /// Whether a periodic reset now would change some object that is not freed.
  bool reset_would_change() const {
    return std::any_of(objects_.begin(), objects_.end(),
                       [&](const Obj& o) { return !o.freed && reset_changes(o, o.word); });
  }
  /// Steps a jump may take before a periodic reset must run between them: period_room(), or no
  /// bound while no reset on the way could change a word (`moved_idle`: none could change what the
  /// jump moves, and none would change an object now). Without an active reset, no bound.
  std::uint64_t reset_room(bool moved_idle) const {
    if (!periodic_active() || (moved_idle && !reset_would_change())) return UINT64_MAX;
    return period_room();
  }
  /// Counts in reset_sensitive_ a move of object i (through the words from `before` to `after` for a
  /// stretch by the code of `origins`, else those two) at which a periodic reset would change it: it
  /// was created immortal and one of the words tests immortal without being its initial word, the
  /// one a reset writes.
  void note_reset_sensitive(std::size_t i, Word before, Word after, Move move, OriginSet origins);
  /// Sets every object created immortal that still tests immortal back to its initial word.
  /// A reset at a step multiple that changed a word makes its iteration unrepeatable (the next
  /// multiple falls elsewhere). A gc comes back at the same place in every iteration, so it only
  /// stops translations: every object it may reset counts as written.
  void periodic_reset(bool at_gc);

  // --- events (model/engine/run_state.cc) ----------------------------------------------------------
  Event event(EventKind kind, std::size_t i, Word before, Word after) const {
    return {.kind = kind, .obj = i, .step = steps_, .op = path_, .word_before = before, .word_after = after};
  }
  void emit(Event e);
  void stop(std::size_t i, EventKind kind, std::optional<Action> action);

  const Scenario& s_;
  Runtime rt_;
  bool fast_;
  const RunLimits& limits_;  ///< the caller's, alive for the run (run() holds it)
  std::vector<Obj> objects_;
  /// The stack references: the object each was opened on and whether it is counted.
  struct Ref {
    std::size_t obj = 0;
    bool counted = false;
  };
  std::vector<Ref> refs_;
  std::unordered_map<const Op*, Block> blocks_;  ///< block_of
  std::vector<Frame> frames_;
  OpPath path_;
  std::uint64_t steps_ = 0;
  std::uint64_t work_ = 0;  ///< RunLimits::max_work's units spent
  Deallocs deallocs_;  ///< Dealloc events of objects not created immortal, kept or not
  /// Moves at which a periodic reset could have changed a word (note_reset_sensitive), so far.
  std::uint64_t reset_sensitive_ = 0;
  bool legacy_ran_ = false;
  bool any_freed_ = false;  ///< some object was freed: no quiet singles (may_jump)
  Outcome out_;
};

}  // namespace refsim::engine
