// Minimizer on hand-made findings, judged by the real engine: the result is smaller, still shows
// the finding, and is the exact minimum where that is known.
#include <gtest/gtest.h>

#include <algorithm>

#include "campaign/minimizer.h"
#include "model/engine.h"

namespace refsim::campaign {
namespace {

/// A 3.14 32-bit runtime where None starts at 0x70000000 and stops testing immortal below
/// 0x40000000: the 805,306,369th unpaired ext-3.11 decref deimmortalizes it.
Scenario noisy_drain() {
  Scenario s;
  s.name = "noisy";
  s.runtime.version = Version::V3_14;
  s.runtime.width = Width{32};
  s.objects = {{"obj", Kind::Heap, std::nullopt, 1}, {"none", Kind::None, std::nullopt, 1},
               {"other", Kind::Heap, std::nullopt, 3}};
  s.ops = {leaf(OpCode::Incref, 0, Origin::Core, 5),
           repeat(3, {leaf(OpCode::Incref, 2, Origin::Core, 2), leaf(OpCode::Decref, 1, Origin::Ext311, 1879048192)}),
           leaf(OpCode::Decref, 0, Origin::Core, 5), leaf(OpCode::Gc, 0, Origin::Core)};
  return s;
}

bool deimmortalizes_none(const Scenario& s) {
  const auto none = std::find_if(s.objects.begin(), s.objects.end(), [](const ObjectSpec& o) { return o.kind == Kind::None; });
  if (none == s.objects.end()) return false;
  const std::size_t index = static_cast<std::size_t>(none - s.objects.begin());
  const Outcome outcome = run(s);
  return std::any_of(outcome.events.begin(), outcome.events.end(), [&](const Event& e) {
    return e.kind == EventKind::Deimmortalized && e.obj == index;
  });
}

TEST(Minimizer, shrinksToTheExactSmallestDrain) {
  const Scenario start = noisy_drain();
  ASSERT_FALSE(check(start));
  ASSERT_TRUE(deimmortalizes_none(start));
  const MinimizeResult result = minimize(start, deimmortalizes_none);
  EXPECT_TRUE(result.exhausted);
  EXPECT_TRUE(deimmortalizes_none(result.scenario));
  EXPECT_FALSE(check(result.scenario));
  EXPECT_LT(size_of(result.scenario), size_of(start));
  ASSERT_EQ(result.scenario.objects.size(), 1u);
  EXPECT_EQ(result.scenario.objects[0].kind, Kind::None);
  ASSERT_EQ(result.scenario.ops.size(), 1u);
  const Op& only = result.scenario.ops[0];
  EXPECT_EQ(only.code, OpCode::Decref);
  EXPECT_EQ(only.by, Origin::Ext311);
  EXPECT_EQ(only.obj, 0u);
  EXPECT_EQ(only.count, 805306369u);  // one fewer keeps None at 0x40000000, still immortal
}

TEST(Minimizer, keepsWhatThePredicateNeeds) {
  // The predicate also wants the heap object `other` incref'd: the repeat's incref must survive
  // and the object indices must be renumbered consistently after `obj` is dropped.
  auto needs_both = [](const Scenario& s) {
    const auto other = std::find_if(s.objects.begin(), s.objects.end(), [](const ObjectSpec& o) { return o.id == "other"; });
    if (other == s.objects.end()) return false;
    const std::size_t index = static_cast<std::size_t>(other - s.objects.begin());
    const Outcome outcome = run(s);
    return deimmortalizes_none(s) && outcome.objects[index].logical > 3;
  };
  const MinimizeResult result = minimize(noisy_drain(), needs_both);
  EXPECT_TRUE(needs_both(result.scenario));
  EXPECT_EQ(result.scenario.objects.size(), 2u);
  EXPECT_EQ(count_ops(result.scenario.ops), 2u);
  EXPECT_EQ(expanded_steps(result.scenario.ops), 805306369u + 1u);
}

TEST(Minimizer, stopsAtItsBudgetWithAScenarioThatHolds) {
  MinimizeLimits limits;
  limits.max_tries = 3;
  const MinimizeResult result = minimize(noisy_drain(), deimmortalizes_none, limits);
  EXPECT_FALSE(result.exhausted);
  EXPECT_LE(result.tries, 3u);
  EXPECT_TRUE(deimmortalizes_none(result.scenario));
}

TEST(Minimizer, ordersByOpsThenStepsThenObjects) {
  Scenario a = noisy_drain(), b = noisy_drain();
  b.ops.pop_back();
  EXPECT_LT(size_of(b), size_of(a));
  b = a;
  b.ops[0].count = 4;
  EXPECT_LT(size_of(b), size_of(a));
  EXPECT_EQ(count_ops(a.ops), 6u);
  EXPECT_EQ(size_of(a).steps, 5 + 3 * (2 + std::uint64_t{1879048192}) + 5);  // gc is no refcount step
}

/// A premature free by paired references: every reference taken (increfs) is released (the
/// decrefs release them and the one the object was created with).
bool frees_paired_references_early(const Scenario& s) {
  std::uint64_t taken = 0, released = 0;
  for (const Op& op : s.ops) (op.code == OpCode::Incref ? taken : released) += op.count;
  const Outcome outcome = run(s);
  return released == taken + 1 && std::any_of(outcome.events.begin(), outcome.events.end(), [](const Event& e) {
           return e.kind == EventKind::Dealloc && e.premature;
         });
}

TEST(Minimizer, mergesNeighboursByDifferentCodeUnderOneOfThem) {
  // As found by a campaign (no-immortals-refcounting-as-3.11): three increfs by three extensions,
  // then the core's decrefs. 3.12-header code saturates the low half at all ones, so ext-3.13's
  // increfs alone, 2^32 - 1 of them, lose the one that frees the object early.
  Scenario s;
  s.name = "paired";
  s.runtime.version = Version::V3_15;
  s.runtime.width = Width{64};
  s.runtime.strategy = Strategy::NoImmortals;
  s.objects = {{"obj", Kind::Heap, std::nullopt, 1}};
  s.ops = {leaf(OpCode::Incref, 0, Origin::Ext313, 4294934525), leaf(OpCode::Incref, 0, Origin::Ext311, 32764),
           leaf(OpCode::Incref, 0, Origin::Ext312, 6), leaf(OpCode::Decref, 0, Origin::Core, 4294967296)};
  ASSERT_TRUE(frees_paired_references_early(s));
  const MinimizeResult result = minimize(s, frees_paired_references_early);
  EXPECT_TRUE(result.exhausted);
  ASSERT_EQ(result.scenario.ops.size(), 2u);
  EXPECT_EQ(result.scenario.ops[0].by, Origin::Ext313);
  EXPECT_EQ(result.scenario.ops[0].count, 4294967295u);
  EXPECT_EQ(result.scenario.ops[1].count, 4294967296u);
}

TEST(Minimizer, theSmallestShowingCountIsFoundBelowALargestCountThatGivesUp) {
  // Shown from 1000 on, but counts of 5000 and more give up (the work limit): not shown.
  const auto shows = [](std::uint64_t n) { return n >= 1000 && n < 5000; };
  EXPECT_EQ(smallest_showing_count(~std::uint64_t{0}, shows), 1000u);
  EXPECT_EQ(smallest_showing_count(1000, shows), 1000u);
  EXPECT_EQ(smallest_showing_count(999, shows), std::nullopt);
  EXPECT_EQ(smallest_showing_count(~std::uint64_t{0}, [](std::uint64_t) { return false; }), std::nullopt);
  EXPECT_EQ(smallest_showing_count(~std::uint64_t{0}, [](std::uint64_t n) { return n == 1; }), 1u);
}

}  // namespace
}  // namespace refsim::campaign
