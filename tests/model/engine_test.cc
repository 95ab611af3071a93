// Engine behaviour beyond equivalence: huge counts, repeat acceleration, each strategy's defining
// behaviour, event limits. Expected figures come from docs/SEMANTICS.md's constants, not from runs.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/constants.h"
#include "model/engine.h"
#include "tests/model/combos.h"

namespace refsim {
namespace {

using testing::one_op;

Scenario scenario(RuntimeSpec rt, std::vector<ObjectSpec> objects, std::vector<Op> ops) {
  Scenario s;
  s.name = "test";
  s.runtime = rt;
  s.objects = std::move(objects);
  s.ops = std::move(ops);
  return s;
}

std::vector<EventKind> kinds(const Outcome& o) {
  std::vector<EventKind> out;
  for (const Event& e : o.events) out.push_back(e.kind);
  return out;
}

// 2^40 single operations: a repeat of 2^39 iterations of a core decref and an ext-3.11 decref on
// None at 3.12 64-bit (the "None exchange": core releases references it never counted). While None
// is immortal the core decref is skipped, so the first 2^31 iterations take it to 0x7FFFFFFF (step
// 2^32); then both decrement, 2 per iteration, and 0x3FFFFFFF iterations later it is at 1; the next
// core decref deallocs it and tp_dealloc resets it to 0xFFFFFFFF.
TEST(Engine, twoToTheFortyStepsCostOnlyTheirEvents) {
  const Scenario s = scenario({Version::V3_12, Width{64}, false, Strategy::AsShipped, {}},
                              {{"none", Kind::None, std::nullopt, 1}},
                              {repeat(Word{1} << 39, {leaf(OpCode::Decref, 0, Origin::Core),
                                                       leaf(OpCode::Decref, 0, Origin::Ext311)})});
  const Outcome o = run(s);
  EXPECT_EQ(o.steps, Word{1} << 40);
  ASSERT_GE(o.events.size(), 3u);
  EXPECT_EQ(o.events[0].kind, EventKind::Deimmortalized);
  EXPECT_EQ(o.events[0].step, Word{1} << 32);
  EXPECT_EQ(o.events[0].word_after, 0x7fffffffu);
  const Word dealloc_step = (Word{1} << 32) + 2 * Word{0x3fffffff} + 1;
  EXPECT_EQ(o.events[1].kind, EventKind::Dealloc);
  EXPECT_EQ(o.events[1].step, dealloc_step);
  EXPECT_EQ(o.events[1].word_before, 1u);
  EXPECT_EQ(o.events[1].word_after, 0xffffffffu);
  EXPECT_EQ(o.events[1].action, Action::Reset);
  EXPECT_EQ(o.events[2].kind, EventKind::Reimmortalized);
  EXPECT_EQ(o.events[2].step, dealloc_step);
  EXPECT_FALSE(o.crashed);
  // Each later cycle: 0xFFFFFFFE after the reset's step, 2^31 - 1 more ext-only iterations to
  // 0x7FFFFFFF, then 0x3FFFFFFF double iterations: the second de-immortalization is here.
  ASSERT_GE(o.events.size(), 4u);
  EXPECT_EQ(o.events[3].kind, EventKind::Deimmortalized);
  EXPECT_EQ(o.events[3].step, dealloc_step + 1 + 2 * (Word{0x7fffffff}));
}

// A single op with count 2^64-1 goes round the 32-bit word 2^32 times; past the kept events, whole
// rounds are counted at once.
TEST(Engine, aCountOfTwoToTheSixtyFourMinusOneIsCheap) {
  const Scenario s = one_op({Version::V3_14, Width{32}, false, Strategy::AsShipped, {}}, Kind::Heap, 1,
                            OpCode::Incref, Origin::Ext311, UINT64_MAX);
  const Outcome o = run(s, EngineKind::Fast, RunLimits{100});
  EXPECT_EQ(o.steps, UINT64_MAX);
  // 2^64 - 1 increments of a 32-bit word from 1 end at 1 + (2^64 - 1) mod 2^32 = 0.
  EXPECT_EQ(o.objects[0].word, 0u);
  // Each of the 2^32 rounds passes 0x40000000 (accidentally immortal) and 0x80000000 (signed
  // overflow, and no longer immortal): the steps 0x3FFFFFFF + j 2^32 and 0x7FFFFFFF + j 2^32 all fit.
  EXPECT_EQ(o.events_total, 3 * (Word{1} << 32));
}

// Periodic reset: with a period shorter than the band's half-width, 3.14 32-bit None never loses
// immortality to ext-3.11 decrefs; without it, static None (0x70000000) leaves the band after
// 0x30000001 = 805,306,369 decrefs (docs/semantics-counts.md).
TEST(Strategy, periodicResetKeepsNoneInsideItsBand) {
  RuntimeSpec rt{Version::V3_14, Width{32}, false, Strategy::AsShipped, {}};
  const auto drain = [&](const RuntimeSpec& spec) {
    return run(one_op(spec, Kind::None, 0x70000000, OpCode::Decref, Origin::Ext311, 1000000000));
  };
  const Outcome shipped = drain(rt);
  ASSERT_FALSE(shipped.events.empty());
  EXPECT_EQ(shipped.events[0].kind, EventKind::Deimmortalized);
  EXPECT_EQ(shipped.events[0].step, 0x30000001u);
  rt.strategy = Strategy::PeriodicReset;
  rt.params.period = 1000000;
  const Outcome periodic = drain(rt);
  EXPECT_TRUE(periodic.events.empty());
  EXPECT_EQ(periodic.objects[0].word, 0x70000000u);  // 10^9 is a multiple of the period
  // only_if_legacy: the ext-3.11 decrefs are legacy, so the resets run as well.
  rt.params.only_if_legacy = true;
  EXPECT_TRUE(drain(rt).events.empty());
}

TEST(Strategy, periodicResetOnlyIfLegacyWaitsForAnExt311Operation) {
  RuntimeSpec rt{Version::V3_14, Width{32}, false, Strategy::PeriodicReset, {10, true}};
  // ext-3.12 increfs on a 3.14 32-bit runtime stop at the threshold, so use ext-3.14 code on a
  // mortal-made None: the resets never apply before the first ext-3.11 op, even at gc.
  const Scenario s = scenario(rt, {{"none", Kind::None, 0x60000005, 1}},
                              {leaf(OpCode::Incref, 0, Origin::Ext312, 25), leaf(OpCode::Gc, 0, Origin::Core),
                               leaf(OpCode::Incref, 0, Origin::Ext311, 1), leaf(OpCode::Gc, 0, Origin::Core)});
  const Outcome o = run(s);
  // 3.12 headers at 32-bit skip only at 0x3FFFFFFF, so ext-3.12 increfs move the word: 25 of them.
  // The first gc is before any ext-3.11 op: no reset. The ext-3.11 incref makes 0x6000001f, and
  // the second gc resets it to its initial word.
  EXPECT_EQ(o.objects[0].word, 0x60000005u);
  rt.params.only_if_legacy = false;
  const Scenario t = scenario(rt, {{"none", Kind::None, 0x60000005, 1}},
                              {leaf(OpCode::Incref, 0, Origin::Ext312, 25)});
  // Without only_if_legacy, the resets at steps 10 and 20 bring it back: 5 increfs remain.
  EXPECT_EQ(run(t).objects[0].word, 0x6000000au);
}

// Jewett's reset-on-margin on the round-3 draft: core decrefs never take an immortal object below
// its bit (the margin is added back at W == B), but ext-3.11 decrefs test only W == 0.
TEST(Strategy, resetOnMarginRefillsOnlyForCoreDecrefs) {
  const RuntimeSpec rt{Version::PEP683_R3, Width{32}, false, Strategy::ResetOnMargin, {}};
  const Word bit = constants::r3_bit(Width{32});  // 0x40000000
  const Outcome core = run(one_op(rt, Kind::None, bit + bit / 2, OpCode::Decref,
                                  Origin::Core, 4000000000));
  EXPECT_TRUE(core.events.empty());
  EXPECT_GE(core.objects[0].word, bit);
  // Core increfs never skip: the word climbs by every one.
  const Outcome up = run(one_op(rt, Kind::None, bit + bit / 2, OpCode::Incref, Origin::Core, 7));
  EXPECT_EQ(up.objects[0].word, bit + bit / 2 + 7);
  // ext-3.11 decrefs leave the band after B/2 + 1 of them.
  const Outcome legacy = run(one_op(rt, Kind::None, bit + bit / 2, OpCode::Decref, Origin::Ext311, bit));
  ASSERT_FALSE(legacy.events.empty());
  EXPECT_EQ(legacy.events[0].kind, EventKind::Deimmortalized);
  EXPECT_EQ(legacy.events[0].step, bit / 2 + 1);
  // Without the strategy, the draft's core decref is skipped on an immortal object.
  const RuntimeSpec plain{Version::PEP683_R3, Width{32}, false, Strategy::AsShipped, {}};
  const Outcome skipped = run(one_op(plain, Kind::None, bit + bit / 2, OpCode::Decref, Origin::Core, 5));
  EXPECT_EQ(skipped.objects[0].word, bit + bit / 2);
}

TEST(Strategy, resetOnMarginDeallocsAMortalObjectAtZero) {
  const RuntimeSpec rt{Version::PEP683_R2, Width{64}, false, Strategy::ResetOnMargin, {}};
  const Outcome o = run(one_op(rt, Kind::Heap, 3, OpCode::Decref, Origin::Core, 3));
  EXPECT_EQ(kinds(o), std::vector<EventKind>{EventKind::Dealloc});
  EXPECT_EQ(o.events[0].action, Action::Freed);
  EXPECT_FALSE(o.events[0].premature);
}

// no-reset, reset-all, reset-except-int: what tp_dealloc does when None, a static type or a small
// int is drained on 3.12 32-bit (0x3FFFFFFF net decrements reach zero).
Outcome drain_312_32(Strategy strategy, Kind kind) {
  const RuntimeSpec rt{Version::V3_12, Width{32}, false, strategy, {}};
  return run(one_op(rt, kind, 0x3fffffff, OpCode::Decref, Origin::Ext311, 0x3fffffff));
}

std::optional<Action> dealloc_action(const Outcome& o) {
  for (const Event& e : o.events)
    if (e.kind == EventKind::Dealloc) return e.action;
  return std::nullopt;
}

TEST(Strategy, tpDeallocPerStrategy) {
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::AsShipped, Kind::None)), Action::Reset);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::NoReset, Kind::None)), Action::Fatal);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::NoReset, Kind::Ellipsis)), Action::FreeStatic);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::AsShipped, Kind::StaticType)), Action::FreeStatic);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::ResetAll, Kind::StaticType)), Action::Reset);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::ResetAll, Kind::EmptyTuple)), Action::Reset);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::AsShipped, Kind::EmptyTuple)), Action::Left);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::AsShipped, Kind::SmallInt)), Action::Reset);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::ResetExceptInt, Kind::SmallInt)), Action::FreeStatic);
  EXPECT_EQ(dealloc_action(drain_312_32(Strategy::ResetExceptInt, Kind::None)), Action::Reset);
  // The crash stops the run at the dealloc.
  const Outcome crashed = drain_312_32(Strategy::NoReset, Kind::None);
  EXPECT_TRUE(crashed.crashed);
  EXPECT_EQ(crashed.steps, 0x3fffffffu);
}

// no-immortals: the runtime's test is always false and core code does 3.11's arithmetic, so a core
// decref of None moves it; extension code still does its own header's arithmetic.
TEST(Strategy, noImmortalsMakesCoreCountEverything) {
  const RuntimeSpec rt{Version::V3_12, Width{64}, false, Strategy::NoImmortals, {}};
  const Outcome core = run(one_op(rt, Kind::None, 0xffffffff, OpCode::Decref, Origin::Core, 10));
  EXPECT_EQ(core.objects[0].word, 0xffffffffu - 10);
  // None is created mortal here, so ten releases of its single reference leave a leak behind.
  EXPECT_EQ(kinds(core), std::vector<EventKind>{EventKind::Leak});
  EXPECT_FALSE(core.objects[0].created_immortal);
  // ext-3.12 code compiled in still skips at bit 31 of the low half.
  const Outcome ext = run(one_op(rt, Kind::None, 0xffffffff, OpCode::Decref, Origin::Ext312, 10));
  EXPECT_EQ(ext.objects[0].word, 0xffffffffu);
  // Drained to zero, None's 3.11 tp_dealloc is fatal.
  const Outcome drained = run(one_op(rt, Kind::None, 0xffffffff, OpCode::Decref, Origin::Core, 0xffffffff));
  EXPECT_EQ(dealloc_action(drained), Action::Fatal);
}

// Events beyond max_events are counted, not kept, and exact cycles that only produce such events are
// jumped: 2^40 iterations that each flip 3.12 32-bit None out of and back into immortality.
TEST(Engine, eventsPastTheLimitAreCountedAndCyclesJumped) {
  const Scenario s = scenario({Version::V3_12, Width{32}, false, Strategy::AsShipped, {}},
                              {{"none", Kind::None, std::nullopt, 1}},
                              {repeat(Word{1} << 40, {leaf(OpCode::Incref, 0, Origin::Ext311),
                                                       leaf(OpCode::Decref, 0, Origin::Ext311)})});
  const Outcome o = run(s, EngineKind::Fast, RunLimits{1000});
  EXPECT_EQ(o.events.size(), 1000u);
  EXPECT_EQ(o.events_total, 2 * (Word{1} << 40));
  EXPECT_EQ(o.steps, Word{1} << 41);
  EXPECT_EQ(o.events[999].step, 1000u);
  EXPECT_EQ(o.objects[0].word, 0x3fffffffu);
}

TEST(Engine, useAfterFreeStopsWithoutTouchingTheWord) {
  const RuntimeSpec rt{Version::V3_13, Width{64}, false, Strategy::AsShipped, {}};
  const Outcome o = run(one_op(rt, Kind::Heap, 1, OpCode::Decref, Origin::Core, 5));
  EXPECT_EQ(kinds(o), (std::vector<EventKind>{EventKind::Dealloc, EventKind::UseAfterFree}));
  EXPECT_TRUE(o.crashed);
  EXPECT_EQ(o.steps, 2u);
  ASSERT_TRUE(o.stopped.has_value());
  EXPECT_EQ(o.stopped->event, EventKind::UseAfterFree);
  EXPECT_EQ(o.objects[0].word, 0u);
  EXPECT_EQ(o.objects[0].logical, -1);
}

TEST(Engine, leakIsReportedAtTheEndForMortalObjectsOnly) {
  const Scenario s = scenario({Version::V3_12, Width{64}, false, Strategy::AsShipped, {}},
                              {{"obj", Kind::Heap, 0x7fffffff, 1}, {"none", Kind::None, std::nullopt, 1}},
                              {leaf(OpCode::Incref, 0, Origin::Core, 1), leaf(OpCode::Decref, 0, Origin::Core, 2),
                               leaf(OpCode::Decref, 1, Origin::Core, 2)});
  const Outcome o = run(s);
  // The incref makes obj accidentally immortal (0x80000000); its decrefs are then skipped.
  EXPECT_EQ(kinds(o), (std::vector<EventKind>{EventKind::AccidentalImmortal, EventKind::Leak}));
  EXPECT_EQ(o.events[1].obj, 0u);
  EXPECT_EQ(o.events[1].step, 5u);
  EXPECT_FALSE(o.events[1].op.has_value());
}

}  // namespace
}  // namespace refsim

namespace refsim {
namespace {
// Jewett's margin makes a silent cycle: on pep683-r2 at width 8 (B = 0x10, margin 8) core decrefs
// from 0x12 reach 0x10, get the margin back (0x18), and go round every 8 steps. 2^64-1 decrefs:
// 2 steps to 0x18, then (2^64 - 3) mod 8 = 5 more, ending at 0x13, with no events.
TEST(Engine, silentCyclesAreCountedWholeEvenWhileEventsAreKept) {
  const RuntimeSpec rt{Version::PEP683_R2, Width{8}, false, Strategy::ResetOnMargin, {}};
  const Outcome o = run(testing::one_op(rt, Kind::None, 0x12, OpCode::Decref, Origin::Core, UINT64_MAX));
  EXPECT_EQ(o.steps, UINT64_MAX);
  EXPECT_EQ(o.events_total, 0u);
  EXPECT_EQ(o.objects[0].word, 0x13u);
}
// An iteration that frees an object and leaves its word where it started (core incref 0 -> 1, core
// decref 1 -> 0, freed) is no cycle: the next iteration is a use after free. Once the one kept
// event is full, the fast engine once took it for an exact cycle and ran 65 iterations.
TEST(Engine, anIterationThatFreesAnObjectIsNeverRepeatedAsACycle) {
  const Scenario s = scenario({Version::V3_12, Width{8}, false, Strategy::AsShipped, {}},
                              {{"o", Kind::Heap, std::nullopt, 0}},
                              {repeat(65, {leaf(OpCode::Incref, 0, Origin::Core),
                                           repeat(1, {leaf(OpCode::Decref, 0, Origin::Core)})})});
  const Outcome fast = run(s, EngineKind::Fast, {.max_events = 1});
  EXPECT_EQ(fast, run(s, EngineKind::Stepwise, {.max_events = 1}));
  EXPECT_TRUE(fast.crashed);
  EXPECT_EQ(fast.steps, 3u);
  ASSERT_TRUE(fast.stopped);
  EXPECT_EQ(fast.stopped->event, EventKind::UseAfterFree);
}

// Iterations whose state comes back only after many of them (True drained and reset every
// 0x50000000 iterations, a small int wrapping every 2^32) form a cycle of 5 * 2^32 iterations
// with events; once events are no longer kept, whole cycles are counted: 2^63-1 iterations at once.
TEST(Engine, cyclesOfManyIterationsAreCountedWhole) {
  const Scenario s = scenario({Version::V3_14, Width{32}, false, Strategy::AsShipped, {}},
                              {{"true", Kind::True, std::nullopt, 1}, {"int", Kind::SmallInt, std::nullopt, 1}},
                              {repeat((Word{1} << 63) - 1, {leaf(OpCode::Decref, 0, Origin::Ext311),
                                                            leaf(OpCode::Incref, 1, Origin::Ext311)})});
  const Outcome o = run(s, EngineKind::Fast, {.max_events = 256});
  EXPECT_EQ(o.steps, ~Word{0} - 1);  // 2 * (2^63 - 1)
  EXPECT_EQ(o.events.size(), 256u);
  EXPECT_GT(o.events_total, Word{1} << 34);
  EXPECT_FALSE(o.crashed);
  // The same scenario cut to 2^36 iterations (no cycle jumped before 5 * 2^32) agrees with itself
  // run with every event kept, which never jumps a cycle that has events.
  Scenario cut = s;
  cut.ops[0].count = Word{1} << 36;
  const Outcome counted = run(cut, EngineKind::Fast, {.max_events = 2});
  const Outcome listed = run(cut, EngineKind::Fast, {.max_events = 1000000});
  EXPECT_EQ(counted.events_total, listed.events_total);
  EXPECT_EQ(counted.objects, listed.objects);
  EXPECT_EQ(counted.steps, listed.steps);
}

// How many of the n words hi, hi - 1, ..., hi - n + 1 have the low half v: where a run of n
// full-word decrefs from hi passes v (each such word is decremented once).
Word passes(Word hi, Word n, Word v) {
  const auto at_or_below = [&](Word x) { return x < v ? Word{0} : (x - v) / (Word{1} << 32) + 1; };
  return at_or_below(hi) - at_or_below(hi - n);
}

// 3.14 64-bit None (0x0005_0000_C000_0000: ob_flags 5, low half 0xC0000000) under 2^64 - 1 ext-3.11
// decrefs (full-word --): tp_dealloc when the word reaches 0, after W0 = 0x0005_0000_C000_0000
// decrefs; its reset writes R = 0x0001_0000_C000_0000 (ob_flags 1, ob_overflow 0), and every R more
// decrefs end at 0 again. Inside each round the low half goes round 2^32 at a time, which the fast
// engine jumps as translated stretches; the rounds themselves are an exact cycle, which it must find
// across those jumps (it once cleared its one mark at every jump and needed 2^21 units of work).
// With q, r = divmod(2^64 - 1 - W0, R): the word ends at R - r. Events: the low half's sign changes,
// 0x80000000 -> 0x7FFFFFFF (mortal) and 0 -> 0xFFFFFFFF (immortal again), once each per 2^32
// decrefs, then tp_dealloc and the reset's re-immortalization: 2 + 2 * 327679 + 1 + 1 + 1 in the
// first round (ob_overflow:low from 0x50000:C0000000 down), 2 + 2 * 65535 + 1 + 1 + 1 in each later
// one, and the sign changes the last r decrefs pass.
TEST(Engine, anExactCycleIsFoundAcrossTranslatedStretches) {
  const Word w0 = 0x0005'0000'C000'0000, reset = 0x0001'0000'C000'0000;
  const Word q = (UINT64_MAX - w0) / reset, r = (UINT64_MAX - w0) % reset;
  ASSERT_EQ(q, 65530u);
  const Scenario s = one_op({Version::V3_14, Width{64}, false, Strategy::AsShipped, {}}, Kind::None, w0,
                            OpCode::Decref, Origin::Ext311, UINT64_MAX);
  const Outcome o = run(s, EngineKind::Fast, {.max_events = 4, .max_work = 1u << 12});
  EXPECT_FALSE(o.gave_up);
  EXPECT_EQ(o.steps, UINT64_MAX);
  EXPECT_EQ(o.objects[0].word, reset - r);
  EXPECT_EQ(o.objects[0].word, 0x0000'BFFD'0000'0001u);
  const Word last = passes(reset, r, 0x8000'0000) + passes(reset, r, 0);
  EXPECT_EQ(last, 32775u);
  EXPECT_EQ(o.events_total, (2 + 2 * 327679 + 3) + q * (2 + 2 * 65535 + 3) + last);
}

// The same layout under the interpreter's traffic: each iteration an ext-3.11 decref (full word)
// then the loop's release of a stolen reference (3.14 pycore_stackref.h: counted only when ob_flags
// bit 0 is clear; then low half --, tp_dealloc at 0). From None: 0xC0000000 decrefs alone empty the
// low half, the next clears the flag (0x4_FFFF_FFFF_FFFF) and its release counts (0xFFFFFFFE); then
// 2 per iteration, and the release that reaches 0 runs tp_dealloc at iteration D1 = 0x1_4000_0000,
// whose reset writes ob_flags 1 and the low half, keeping ob_overflow 0xFFFF: R = 0x1_FFFF_C000_0000.
// From R the same happens in C = 0xFFFF_C000_0000 + 1 + 0x7FFFFFFF iterations and ends at R again:
// an exact cycle, whose iterations the engine must jump as translations by 2^32 (the ext-only
// stretch passes the low half's cuts 2^16 times; the flag bit's cuts, modulo 2^49, bound it).
// Events per round from R: 65536 + 65535 sign changes down to 0x1_0000_0000_0000, then the
// flag-clearing decref's change, the counted stretch's one, tp_dealloc and the reset's: +4; the
// first round has 5. The last r = 246286309654527 iterations stay in the ext-only stretch.
TEST(Engine, translatedCyclesOfIterationsAreCountedWhole) {
  const Word n = (Word{1} << 63) - 1, d1 = 0x1'4000'0000, round = 0xFFFF'C000'0000 + 1 + 0x7FFF'FFFF;
  const Word q = (n - d1) / round, r = (n - d1) % round;
  ASSERT_EQ(q, 32767u);
  ASSERT_LE(r, 0xFFFF'C000'0000u);
  const Scenario s = scenario({Version::V3_14, Width{64}, false, Strategy::AsShipped, {}},
                              {{"none", Kind::None, std::nullopt, 1}},
                              {repeat(n, {leaf(OpCode::Decref, 0, Origin::Ext311),
                                          leaf(OpCode::StealRelease, 0, Origin::Core)})});
  const Outcome o = run(s, EngineKind::Fast, {.max_events = 4, .max_work = 1u << 12});
  EXPECT_FALSE(o.gave_up);
  EXPECT_EQ(o.steps, 2 * n);
  const Word from = 0x1'FFFF'C000'0000;
  EXPECT_EQ(o.objects[0].word, from - r);
  EXPECT_EQ(o.objects[0].word, 0x1'2000'C000'0001u);
  // The last r decrefs from R pass 0x80000000 and 0 of the low half once each per 2^32.
  const Word last = passes(from, r, 0x8000'0000) + passes(from, r, 0);
  EXPECT_EQ(o.events_total, 5 + q * (65536 + 65535 + 4) + last);
}

// Translations nest: ext-3.11 increfs with the loop's releases from None. While ob_flags bit 0 is
// set (ob_flags odd) the releases are skipped and the increfs climb 2^48 words one at a time (the
// low half going round 2^16 times: translations by 2^32); while it is clear each incref that carries
// out of the low half is undone in the low half only (0 -> 0xFFFFFFFF), +2^32 per iteration, 2^16
// iterations. So from the first even region on, every P = 2^48 + 2^16 iterations move the word by
// 2^49: a translation of translations, which the engine finds with a second mark that survives the
// first one's jumps. From 0x6_0000_0000_0000 - W0 iterations on (W = 0x6_0000_FFFF_FFFF), k
// periods then t iterations: k = 32767, t = 1073807359 = 0x10000 + 0x3FFF_FFFF, which end in the
// odd region at E + 2^48 + (t - 0x10000), E = 0x6_0000_0000_0000 + k * 2^49 modulo 2^64.
TEST(Engine, nestedTranslatedCyclesAreCountedWhole) {
  const Word n = (Word{1} << 63) - 1, w0 = 0x0005'0000'C000'0000;
  const Word a = 0x6'0000'0000'0000 - w0, period = (Word{1} << 48) + 0x10000;
  const Word k = (n - a) / period, t = (n - a) % period;
  ASSERT_EQ(k, 32767u);
  ASSERT_GT(t, 0xFFFFu);
  const Scenario s = scenario({Version::V3_14, Width{64}, false, Strategy::AsShipped, {}},
                              {{"none", Kind::None, std::nullopt, 1}},
                              {repeat(n, {leaf(OpCode::Incref, 0, Origin::Ext311),
                                          leaf(OpCode::StealRelease, 0, Origin::Core)})});
  const Outcome o = run(s, EngineKind::Fast, {.max_events = 4, .first_of_each_kind = true, .max_work = 1u << 12});
  EXPECT_FALSE(o.gave_up);
  EXPECT_EQ(o.steps, 2 * n);
  const Word e = 0x6'0000'0000'0000 + k * (Word{1} << 49);  // modulo 2^64
  EXPECT_EQ(o.objects[0].word, e + (Word{1} << 48) + (t - 0x10000));
  EXPECT_EQ(o.objects[0].word, 0x5'0000'3FFF'FFFFu);
  // The signed word overflows in the odd region 0x7FFF, entered after 16380 periods and 0x10000
  // iterations: its 2^48-th incref, the ext-3.11 step of iteration i.
  const Word i = a + 16380 * period + 0x10000 + (Word{1} << 48);
  const auto overflow = std::find_if(o.events.begin(), o.events.end(),
                                     [](const Event& ev) { return ev.kind == EventKind::SignedOverflow; });
  ASSERT_NE(overflow, o.events.end());
  EXPECT_EQ(overflow->step, 2 * i - 1);
  EXPECT_EQ(overflow->word_before, 0x7FFF'FFFF'FFFF'FFFFu);
}

// 3.12 32-bit None (0x3FFFFFFF) under 2^64 - 1 ext-3.11 decrefs with a periodic reset every 2^24
// steps: the first decref makes it mortal, tp_dealloc at 1 resets it to 0x3FFFFFFF after
// L = 0x3FFFFFFF decrefs, and so on. L is odd to the period, so the rounds meet the resets at a new
// phase each time; but a reset only ever finds None mortal, or at 0x3FFFFFFF (a dealloc step that
// falls on a multiple), and writes nothing. The engine may then take the rounds as an exact cycle
// although the phase moved, and run its stretches across the period's multiples (it once stopped
// every stretch at one, and never saw a word come back at the same phase). Each round has three
// events (mortal, tp_dealloc, immortal again); the last r = (2^64 - 1) mod L decrefs one more.
// `s` drains 3.12 32-bit None with `decrefs` ext-3.11 decrefs: within 2^12 units of work, to the
// word and the events counted below.
void expect_none_drained_by_3_12_32(const Scenario& s, Word decrefs) {
  const Word round = 0x3FFF'FFFF, q = decrefs / round, r = decrefs % round;
  const Outcome o = run(s, EngineKind::Fast, {.max_events = 4, .max_work = 1u << 12});
  EXPECT_FALSE(o.gave_up);
  EXPECT_EQ(o.steps, decrefs);
  ASSERT_GT(r, 0u);
  EXPECT_EQ(o.objects[0].word, round - r);
  EXPECT_EQ(o.events_total, 3 * q + 1);
}

TEST(Engine, anExactCycleThatNoPeriodicResetChangesIsJumpedAtAnyPhase) {
  RuntimeSpec rt{Version::V3_12, Width{32}, false, Strategy::PeriodicReset, {}};
  rt.params.period = Word{1} << 24;
  expect_none_drained_by_3_12_32(one_op(rt, Kind::None, 0x3FFF'FFFF, OpCode::Decref, Origin::Ext311, UINT64_MAX),
                                 UINT64_MAX);
}

// The same drain as iterations of a repeat block, 19 decrefs each, 2^38 times, with a reset every
// 3809 steps: the iterations run across the period's multiples and the rounds are jumped at any
// phase, for no reset changes anything (the iterations once stopped at every multiple: 2^16 units
// of work got about 83 million steps in).
TEST(Engine, repeatIterationsThatNoPeriodicResetChangesRunAcrossThePeriod) {
  RuntimeSpec rt{Version::V3_12, Width{32}, false, Strategy::PeriodicReset, {}};
  rt.params.period = 3809;
  expect_none_drained_by_3_12_32(scenario(rt, {{"none", Kind::None, std::nullopt, 1}},
                                          {repeat(Word{1} << 38, {leaf(OpCode::Decref, 0, Origin::Ext311, 19)})}),
                                 19 * (Word{1} << 38));
}

// RunLimits::enough that accepts the event a crash stops at: the run is crashed, not ended early
// (Outcome: never both). 0xFFFFFFFF ext-3.11 decrefs take a static type's 3.12/64 word to 0; its
// tp_dealloc is fatal as shipped.
TEST(Engine, aCrashAtAnEventTheCallerHadEnoughOfIsACrash) {
  Scenario s;
  s.runtime = RuntimeSpec{Version::V3_12, Width{64}, false, Strategy::AsShipped, {}};
  s.objects = {ObjectSpec{"type", Kind::StaticType, std::nullopt, 1}};
  s.ops = {leaf(OpCode::Decref, 0, Origin::Ext311, 0xFFFFFFFF)};
  RunLimits limits;
  limits.enough = [](const Event& e, bool) { return e.kind == EventKind::Dealloc; };
  const Outcome o = run(s, EngineKind::Fast, limits);
  ASSERT_TRUE(o.crashed);
  EXPECT_EQ(o.stopped->event, EventKind::Dealloc);
  EXPECT_FALSE(o.ended_early);
}

}  // namespace
}  // namespace refsim
