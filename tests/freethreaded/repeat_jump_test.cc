// The free-threaded fast engine's repeat jumps (model/freethreaded/ft_repeat.h): a long repeat of a
// mixed owner/other body runs in a few units of work to the hand-computed end, and on long repeats of
// random bodies at the scaled widths (counts near every cell's edge, merges, sets) the fast engine
// equals the stepwise reference, keeping every event and keeping one.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "model/freethreaded/ft_engine.h"

namespace refsim::ft {
namespace {

FtOp counted(FtOpCode code, std::size_t thread, std::uint64_t count = 1, std::size_t obj = 0) {
  return FtOp{.code = code, .obj = obj, .thread = thread, .count = count};
}
FtOp repeat(std::uint64_t count, std::vector<FtOp> body) {
  return FtOp{.code = FtOpCode::Repeat, .count = count, .body = std::move(body)};
}

// 3.14t 64-bit, a heap object of "main" (local 1, shared 0), 2^30 times {main increfs, worker
// decrefs}. Iteration 1: local 2; the worker finds shared 0 and queues the object to main instead of
// subtracting (_Py_DecRefShared: shared 0 -> _Py_REF_QUEUED, the queue holds that reference).
// Iteration 2: local 3; shared is QUEUED (count 0), so the worker subtracts: count -1, below zero.
// Every later iteration: local + 1, count - 1, no event. End: local 2^30 + 1, count -(2^30 - 1),
// flags QUEUED, one queue entry for main, 2^31 steps, the ledger back at 1, two events.
TEST(FreeThreadedRepeatJumps, aMixedOwnerOtherLoopRunsToItsHandComputedEndInFewUnitsOfWork) {
  FtScenario s;
  s.build = FtBuild{FtVersion::v314t, 64, false};
  s.threads = {"main", "worker"};
  s.objects = {FtObjectSpec{"o", FtKind::Heap, 0, 1, std::nullopt, std::nullopt}};
  const std::uint64_t n = std::uint64_t{1} << 30;
  s.ops = {repeat(n, {counted(FtOpCode::Incref, 0), counted(FtOpCode::Decref, 1)})};
  ASSERT_FALSE(check(s));
  const FtOutcome out = run(s, EngineKind::Fast, 10000, 1000);
  ASSERT_FALSE(out.gave_up) << "the fast engine walked the iterations instead of jumping them";
  EXPECT_FALSE(out.crashed);
  EXPECT_EQ(out.steps, 2 * n);
  const FtObjState& o = out.objects[0];
  EXPECT_EQ(o.o.local, n + 1);
  EXPECT_EQ(shared_count(s.build, o.o.shared), -static_cast<std::int64_t>(n - 1));
  EXPECT_EQ(o.o.shared & kFlagMask, Word{kRefQueued});
  EXPECT_EQ(o.o.queue_entries, 1u);
  EXPECT_EQ(o.queued_for, 0u);
  EXPECT_EQ(o.logical, Int128{1});
  ASSERT_EQ(out.events_total, 2u);
  EXPECT_EQ(out.events[0].kind, FtEventKind::Queued);
  EXPECT_EQ(out.events[0].step, 2u);
  EXPECT_EQ(out.events[1].kind, FtEventKind::SharedNegative);
  EXPECT_EQ(out.events[1].step, 4u);
}

// A repeat whose body is only merges merges once: no work per iteration, also stepwise.
TEST(FreeThreadedRepeatJumps, aBodyOfMergesRunsOnceInBothEngines) {
  FtScenario s;
  s.build = FtBuild{FtVersion::v314t, 64, false};
  s.threads = {"main", "worker"};
  s.objects = {FtObjectSpec{"o", FtKind::Heap, 0, 2, std::nullopt, std::nullopt}};
  s.ops = {counted(FtOpCode::Decref, 1),
           repeat(std::uint64_t{1} << 62, {FtOp{.code = FtOpCode::Merge, .thread = 0, .at = MergeAt::EvalBreaker}})};
  ASSERT_FALSE(check(s));
  for (EngineKind kind : {EngineKind::Fast, EngineKind::Stepwise}) {
    const FtOutcome out = run(s, kind, 10000, 100);
    ASSERT_FALSE(out.gave_up);
    EXPECT_EQ(out.steps, 1u);
    EXPECT_EQ(out.objects[0].o.tid, kUnownedTid) << "main merged the queued object";
  }
}

/// A random body: counted operations of both threads on two objects with counts near the scaled
/// cells' edges, and now and then a merge or a set (which makes the iteration no translation).
std::vector<FtOp> random_body(std::mt19937_64& rng, const FtBuild& b) {
  std::vector<FtOp> body;
  const int n = 1 + static_cast<int>(rng() % 3);
  for (int i = 0; i < n; ++i) {
    const unsigned pick = rng() % 10;
    if (pick < 7) {
      const std::uint64_t counts[] = {1, 1, 2, 3, b.local_max() / 2, b.local_max() + 1};
      body.push_back(counted(pick % 2 ? FtOpCode::Incref : FtOpCode::Decref, rng() % 2, counts[rng() % 6], rng() % 2));
    } else if (pick < 9) {
      body.push_back(FtOp{.code = FtOpCode::Merge, .thread = rng() % 2, .at = pick == 7 ? MergeAt::EvalBreaker : MergeAt::Gc});
    } else {
      body.push_back(FtOp{.code = FtOpCode::SetRefcnt, .obj = rng() % 2, .thread = rng() % 2,
                          .value = static_cast<std::int64_t>(rng() % 4)});
    }
  }
  return body;
}

/// The scenario in one line, for a failure's message.
std::string describe(const FtScenario& s) {
  std::string text;
  for (const FtObjectSpec& o : s.objects) text += o.id + " owner " + std::to_string(o.owner) + " refs " + std::to_string(o.refs) + "; ";
  text += "repeat " + std::to_string(s.ops[0].count) + " {";
  for (const FtOp& op : s.ops[0].body)
    text += " " + std::to_string(static_cast<int>(op.code)) + ":o" + std::to_string(op.obj) + ":t" + std::to_string(op.thread) +
            ":x" + std::to_string(op.count) + ":v" + std::to_string(op.value) + ";";
  return text + " }";
}

TEST(FreeThreadedRepeatJumps, fastEqualsStepwiseOnLongRepeatsAtTheScaledWidths) {
  std::mt19937_64 rng(20261130);
  int compared = 0;
  for (const FtVersionRow& row : kFtVersions)
    for (unsigned bits : {8u, 16u})
      for (bool debug : {false, true})
        for (int trial = 0; trial < 60; ++trial) {
          FtScenario s;
          s.build = FtBuild{row.version, bits, debug};
          s.threads = {"main", "worker"};
          // Fresh, or next to an edge: the local count's top, the shared count's wrap or sign (the
          // draft: its immortal minimum), merged; or immortal, or deferred where the build has it.
          const Word near_edge = s.build.narrow() ? static_cast<Word>(s.build.immortal_min_shared())
                                                  : Word{1} << (s.build.shared_bits() - 3);
          const std::optional<Word> locals[] = {std::nullopt, s.build.local_max() - 2, 0};
          const std::optional<Word> shareds[] = {std::nullopt, s.build.wrap_shared(((near_edge - 3) << 2) | (rng() % 4)),
                                                 s.build.wrap_shared((~Word{2} << 2) | (rng() % 4)), (Word{2} << 2) | 3};
          const FtKind kinds[] = {FtKind::Heap, FtKind::Heap, FtKind::Immortal,
                                  row.deferred_modelled() ? FtKind::Deferred : FtKind::Heap};
          for (int i = 0; i < 2; ++i) {
            FtObjectSpec o{"o" + std::to_string(i), kinds[rng() % 4], rng() % 2,
                           static_cast<std::int64_t>(1 + rng() % 3), std::nullopt, std::nullopt};
            if (o.kind != FtKind::Immortal && rng() % 2) {
              o.local = locals[rng() % 3];
              o.shared = shareds[rng() % 4];
            }
            s.objects.push_back(o);
          }
          const std::uint64_t iterations[] = {50, 700, 3000};
          s.ops = {repeat(iterations[rng() % 3], random_body(rng, s.build))};
          if (check(s)) continue;
          for (std::uint64_t kept : {std::uint64_t{10000}, std::uint64_t{1}}) {
            const FtOutcome fast = run(s, EngineKind::Fast, kept);
            const FtOutcome stepwise = run(s, EngineKind::Stepwise, kept);
            ASSERT_TRUE(fast == stepwise) << row.name << "/" << bits << (debug ? "/debug" : "") << " trial " << trial
                                          << " kept " << kept << ": steps " << fast.steps << " vs " << stepwise.steps
                                          << ", events " << fast.events_total << " vs " << stepwise.events_total << ": " << describe(s);
          }
          ++compared;
        }
  EXPECT_GE(compared, 800);
}

}  // namespace
}  // namespace refsim::ft
