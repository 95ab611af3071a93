// The free-threaded engine's runner: the state of one run and the steps that change it. The operation
// tree walk, the single step both engines share, the owners' merges and the leak check are in
// ft_engine.cc; the fast engine's jumps (run_counted, run_repeat) in ft_engine_jumps.cc.
#pragma once

#include <cstdint>
#include <vector>

#include "model/freethreaded/ft_engine.h"
#include "model/freethreaded/ft_repeat.h"

namespace refsim::ft {

class Runner {
 public:
  Runner(const FtScenario& s, EngineKind kind, std::uint64_t max_events, std::uint64_t max_work,
         const FtEnough& enough);
  /// Runs the scenario and judges leaks at its end.
  FtOutcome finish();

 private:
  void walk(const std::vector<FtOp>& ops);

  /// Where a loop of rounds (a count's steps, a repeat's iterations) was when a cycle began: the
  /// rounds left, the steps taken and the events seen.
  struct CycleStart {
    std::uint64_t left, steps, events;
  };

  /// Where a counted operation's fields were: a later round that finds the object's fields and queue
  /// there again has gone round an exact cycle (the draft's spills past the int32 shared count's wrap).
  struct Mark {
    CycleStart at;
    FtObject o;
    std::size_t queued_for;
    Int128 logical;
  };

  /// Where a repeat's iterations were: every object's state, so that a later iteration that finds the
  /// fields and queues there again has gone round an exact cycle (events included).
  struct Rounds {
    CycleStart at;
    std::vector<FtObjState> objects;
  };

  /// The rounds since `start` went round an exact cycle: repeats it as many whole times as fit the
  /// `left` rounds still to run, when it had no events or events are no longer kept (the repeated
  /// ones are counted in events_total only), adding its steps and events and, through
  /// add_logical(cycles), its ledger changes. Returns the rounds repeated (0: none).
  template <class AddLogical>
  std::uint64_t repeat_cycles(const CycleStart& start, std::uint64_t left, AddLogical add_logical) {
    const std::uint64_t period = start.left - left, cycle_events = out_.events_total - start.events;
    if (cycle_events != 0 && out_.events.size() < max_events_) return 0;
    const std::uint64_t cycles = left / period;
    out_.steps += cycles * (out_.steps - start.steps);
    out_.events_total += cycles * cycle_events;
    add_logical(cycles);
    return cycles * period;
  }

  /// A repeat block: the stepwise reference runs every iteration; the fast engine runs one literally,
  /// then jumps over the iterations that repeat it moved along (ft_repeat.h) and over exact cycles.
  void run_repeat(const FtOp& op);

  /// Whether every object's fields and queue are as in OBJECTS (the ledgers may differ).
  bool same_fields(const std::vector<FtObjState>& objects) const;

  /// COUNT single increments or decrements: the fast engine jumps over quiet stretches and over
  /// whole exact cycles, when a cycle had no events or events are no longer kept (the jumped
  /// cycles' events are counted in events_total only, as the default engine does).
  void run_counted(const FtOp& op);

  /// Whether the owner's incref (`up`) or decref of `s` by thread `caller` is a step inside its cell
  /// (ft_jump.h: incref while local < L - 1, decref while 1 < local < L): local and the ledger move
  /// by one, and nothing else happens.
  bool owner_quiet(const FtObjState& s, Tid caller, bool up) const;
  /// The fast engine's straight-line owner steps: from ops[i] on, the count-1 increfs and decrefs
  /// that are owner_quiet, one unit of work each, without the walk's per-operation tests, path or
  /// step count. Returns the index of the first operation left.
  std::uint32_t owner_singles(const std::vector<FtOp>& ops, std::uint32_t i);
  /// The fast engine's count-1 incref or decref when it is quiet (no event): applied, true; else false
  /// and nothing changed.
  bool quiet_single(const FtOp& op);

  /// One single operation: the stepwise reference's only step, and the fast engine's at boundaries.
  void one(const FtOp& op);

  /// Thread OP.thread's queue (every queue at gc): each queued object merged with extra -1.
  void merge(const FtOp& op);

  /// Whether the run is over: the process stopped, the run gave up, or the caller had enough.
  bool ended() const { return out_.crashed || out_.gave_up || out_.ended_early; }
  /// Whether the run ended (ended()), or ends now because one more unit of work is over the bound
  /// (else that unit is spent).
  bool stopped();

  /// The events of one step's BITS, and those seen by comparing the object's fields before and after.
  void report(std::uint32_t bits, const FtObjState& before, std::size_t obj, std::size_t thread);
  /// Records one event (kept while fewer than max_events are); a fatal one stops the run, and so does
  /// a kept one that `enough` accepts. OP is the operation's path (null: none, a leak at the end),
  /// copied only into a kept event or the stop.
  void emit(FtEventKind kind, std::size_t obj, const OpPath* op, std::size_t thread,
            std::int64_t refcnt_read = 0);

  const FtScenario& s_;
  const FtBuild b_;
  const bool fast_;
  const bool narrow_;     ///< the draft's field layout (b_.narrow())
  const Word local_max_;  ///< b_.local_max(): all ones, immortal
  const std::uint64_t max_events_;
  const FtEnough& enough_;
  std::uint64_t work_left_;
  FtOutcome out_;
  OpPath path_;
  std::vector<CountedAt>* recording_ = nullptr;  ///< the literal iteration's counted operations
  /// owner_singles' local counts when its line started, one per object (sized once): an owner's
  /// quiet step moves the logical count as it moves the local one, so the logical counts take the
  /// line's net change once, when it ends.
  std::vector<Word> line_start_;
};

}  // namespace refsim::ft
