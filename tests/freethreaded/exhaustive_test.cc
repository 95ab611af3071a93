// Exhaustive checks of the free-threaded model at the scaled widths (an 8-bit local count, Py_ssize_t
// of 16 or 8 bits), every version, release and debug: round trips return to their start except at
// the documented edges, and paired references never free early, leak or drift, except by immortality.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "model/freethreaded/biased_refcount.h"
#include "model/freethreaded/brc.h"

namespace refsim::ft {
namespace {

constexpr Tid kOwner = 0x51;
constexpr Tid kOther = 0x52;

/// The released versions' scaled builds (the gh153202 draft's checks: narrow_refcount_test.cc).
std::vector<FtBuild> scaled_builds() {
  std::vector<FtBuild> builds;
  for (const auto& row : kFtVersions)
    if (row.layout == FtLayout::kWideLocal)
      for (unsigned bits : {16u, 8u})
      for (bool debug : {false, true}) builds.push_back(FtBuild{row.version, bits, debug});
  return builds;
}

std::string name(const FtBuild& b) {
  return std::string(b.info().name) + "/" + std::to_string(b.ssize_bits) + (b.debug ? "/debug" : "/release");
}

TEST(FreeThreadedExhaustive, ownerIncrefThenDecrefReturnsToStartExceptAtTheTwoEdges) {
  for (const FtBuild& b : scaled_builds()) {
    for (Word local = 0; local <= b.local_max(); ++local) {
      for (Word flags = 0; flags < 4; ++flags) {
        const FtObject start{kOwner, local, flags, false, 0};
        FtObject o = start;
        incref(b, o, kOwner);
        decref(b, o, kOwner);
        const bool to_immortal = local == b.local_max() - 1;  // the increment reached all ones
        const bool merges_at_zero = local == 0;               // 1 -> 0 merges (or frees)
        EXPECT_EQ(o == start, !to_immortal && !merges_at_zero) << name(b) << " local " << local;
        if (to_immortal) EXPECT_EQ(o.local, b.local_max()) << name(b);
        if (merges_at_zero) EXPECT_TRUE(o.freed || o.tid == kUnownedTid) << name(b);
      }
    }
  }
}

TEST(FreeThreadedExhaustive, ownerDecrefThenIncrefReturnsToStartExceptAtZeroAndOne) {
  for (const FtBuild& b : scaled_builds()) {
    for (Word local = 0; local <= b.local_max(); ++local) {
      const FtObject start{kOwner, local, kRefMaybeWeakref, false, 0};
      FtObject o = start;
      const std::uint32_t events = decref(b, o, kOwner);
      incref(b, o, kOwner);
      if (local == 0) {
        // Release wraps to all ones (immortal, the increment is ignored); debug stops and changes nothing.
        EXPECT_EQ(events, b.debug ? std::uint32_t{kNegativeRefcount} : std::uint32_t{kLocalWrapped}) << name(b);
        EXPECT_EQ(o.local, b.debug ? Word{1} : b.local_max()) << name(b);
      } else if (local == 1) {
        // Shared is 1 (maybe-weakref, count 0): not the fast path, so ob_tid 0, merged, then freed.
        EXPECT_EQ(events, std::uint32_t{kMerged | kDealloc}) << name(b);
        EXPECT_TRUE(o.freed) << name(b);
      } else {
        EXPECT_EQ(o, start) << name(b) << " local " << local;
      }
    }
  }
}

TEST(FreeThreadedExhaustive, otherThreadIncrefThenDecrefReturnsToStartExceptAtThreeSharedWords) {
  for (const FtBuild& b : scaled_builds()) {
    if (b.debug) continue;  // release: every word is reachable without a fatal stop
    for (Word shared = 0; shared <= b.ssize_mask(); ++shared) {
      const FtObject start{kOwner, 3, shared, false, 0};
      FtObject o = start;
      incref(b, o, kOther);
      decref(b, o, kOther);
      const Word minus_one_init = b.wrap(Word(0) - 4), minus_one_weak = b.wrap(Word(0) - 3);
      const bool queues = shared == minus_one_init || shared == minus_one_weak;  // +4 gives 0 or 1
      const bool frees = shared == kRefMerged;                                       // +4 -4 gives merged 0
      EXPECT_EQ(o == start, !queues && !frees) << name(b) << " shared " << shared;
      if (queues) EXPECT_EQ(o.shared, Word{kRefQueued}) << name(b);
      if (frees) EXPECT_TRUE(o.freed) << name(b);
    }
  }
}

/// A ledger of real references: HELD by the threads (either may release any of them) plus the queue's.
struct Ledger {
  FtObject o;
  unsigned held;
};

/// Every sequence of LEFT paired operations from STATE: the model must keep Py_REFCNT equal to the
/// references that exist and free exactly when none is left, unless the object became immortal.
void explore(const FtBuild& b, Ledger state, int left, unsigned long& visited) {
  ++visited;
  const FtObject& o = state.o;
  const std::uint64_t live = state.held + o.queue_entries;
  if (is_immortal(b, o)) {
    ASSERT_FALSE(o.freed) << name(b);
    return;  // immortal by overflow: leaks by design, nothing further to check
  }
  ASSERT_EQ(o.freed, live == 0) << name(b) << " held " << state.held << " queued " << o.queue_entries;
  if (o.freed) return;
  // Py_REFCNT is a Py_ssize_t: on the 32-bit layout a count above its maximum reads negative.
  ASSERT_EQ(refcnt(b, o), b.signed_of(live)) << name(b);
  if (left == 0) return;
  const std::function<std::uint32_t(FtObject&)> ops[] = {
      [&](FtObject& x) { return incref(b, x, kOwner); }, [&](FtObject& x) { return incref(b, x, kOther); },
      [&](FtObject& x) { return decref(b, x, kOwner); }, [&](FtObject& x) { return decref(b, x, kOther); },
      [&](FtObject& x) { return brc_merge_queued(b, x); }};
  for (int i = 0; i < 5; ++i) {
    if ((i == 2 || i == 3) && state.held == 0) continue;
    if (i == 4 && o.queue_entries == 0) continue;
    Ledger next = state;
    const std::uint32_t events = ops[i](next.o);
    ASSERT_EQ(events & (kNegativeRefcount | kLocalWrapped | kAssertFailed), 0u) << name(b) << " op " << i;
    next.held = i < 2 ? next.held + 1 : i < 4 ? next.held - 1 : next.held;
    explore(b, next, left - 1, visited);
  }
}

TEST(FreeThreadedExhaustive, pairedReferencesNeverFreeEarlyOrLeakExceptByImmortality) {
  for (const FtBuild& b : scaled_builds()) {
    for (Word start_local : {Word{1}, Word{2}, b.local_max() - 3}) {
      // The property needs every count to fit the shared field (see mergeOfALocalAbove...).
      if (static_cast<std::int64_t>(start_local) + 7 > b.shared_count_max()) continue;
      unsigned long visited = 0;
      Ledger start{FtObject{kOwner, start_local, 0, false, 0}, static_cast<unsigned>(start_local)};
      explore(b, start, 7, visited);
      EXPECT_GT(visited, 1000u) << name(b);
    }
  }
}

TEST(FreeThreadedExhaustive, mergeOfALocalAboveTheSharedCountMaximumLosesTheCountOnThe32BitLayout) {
  // 32-bit: ob_ref_local holds up to 2^32 - 1 but the merged count must fit Py_ssize_t >> 2, and
  // (Py_ssize_t)local reads a local above INT32_MAX as negative. Scaled: local 252 reads as -4.
  for (const auto& row : kFtVersions) {
    if (row.layout != FtLayout::kWideLocal) continue;
    const FtBuild b{row.version, 8, false};
    FtObject o{kOwner, 252, 0, false, 0};
    EXPECT_EQ(decref(b, o, kOther), std::uint32_t{kQueued});
    EXPECT_EQ(brc_merge_queued(b, o), std::uint32_t{kMerged | kSharedNegative});
    EXPECT_EQ(shared_count(b, o.shared), -5) << b.info().name;  // 0 + (-4) - 1, not 251
    EXPECT_FALSE(o.freed);
  }
}

TEST(FreeThreadedExhaustive, ownerIncrementsFromOneReachImmortalityAfterExactlyLocalMaxMinusOne) {
  for (const FtBuild& b : scaled_builds()) {
    FtObject o = fresh_object(kOwner);
    Word steps = 0;
    while (!(incref(b, o, kOwner) & kImmortalByOverflow)) ++steps;
    EXPECT_EQ(steps + 1, b.local_max() - 1) << name(b);  // 1 -> all ones
    EXPECT_EQ(refcnt(b, o), b.immortal_refcnt()) << name(b);
  }
}

}  // namespace
}  // namespace refsim::ft
