// Free-threaded owner/other ledger (docs/SCENARIO-THREADS.md): on the scaled 64-bit layout (16-bit
// Py_ssize_t, 8-bit local count), paired references taken and released by any of three threads, with
// the owner's merges anywhere, never free early, leak or stop the process while the owner's own
// increments stay below 252 in all (the bound is on the owner's increments, not on the references held:
// a reference the owner takes and another thread releases stays in ob_ref_local, whose all ones is
// immortal; RapidCheck found that with fewer than 253 held); and where that is false (a release queued before the owner takes n
// more), the exact minimum: n = 254 = local all ones - 1, checked at every n up to 300. The same at
// the real widths, 64 and 32 bits, with up to 2^32 - 4 held (2^29 - 3 on 32-bit, where the shared
// count's 30 bits are the tighter bound: without it the property fails there, as it does with more
// than the local count's all ones). The gh153202 draft: the same with at most 22 held (its immortal
// minimum 24, less 2), whoever increments.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "analysis/ft_rows.h"
#include "props/gen/counts.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::ft {
namespace {

constexpr std::uint64_t kHeldCap = 252;  // below local all ones - 1 (253) whatever the owner holds

/// Paired references on BUILD taken and released by any of three threads, with the owner's merges
/// anywhere, at most CAP held at once; OWNER_CAP: the owner's increments stay below CAP as well (the
/// wide local count keeps every increment of its owner; the draft's spills it).
/// LOG_COUNTS: counts log-uniform (every magnitude up to the room alike), else uniform.
void check_paired_ledger(const FtBuild& build, std::uint64_t cap, bool owner_cap, bool log_counts = false) {
  FtScenario s;
  s.build = build;
  s.threads = {"owner", "a", "b"};
  s.objects = {FtObjectSpec{"o", FtKind::Heap, 0, 1, std::nullopt, std::nullopt}};
  std::uint64_t held = 1;        // the creator's reference, released last
  std::uint64_t owner_ups = 1;   // the local count's increments so far (the creator's included)
  const int steps = *rc::gen::inRange(1, 40);
  for (int i = 0; i < steps; ++i) {
    const std::size_t thread = *rc::gen::inRange<std::size_t>(0, 3);
    const int kind = *rc::gen::inRange(0, 4);
    const std::uint64_t room = cap - std::max(held, owner_cap && thread == 0 ? owner_ups : held);
    if (kind == 0 && room > 0) {
      const std::uint64_t n =
          log_counts ? *props::gen::log_uniform(1, room) : *rc::gen::inRange<std::uint64_t>(1, room + 1);
      s.ops.push_back(FtOp{.code = FtOpCode::Incref, .obj = 0, .thread = thread, .count = n});
      held += n;
      if (thread == 0) owner_ups += n;
    } else if (kind == 1 && held > 1) {
      const std::uint64_t n =
          log_counts ? *props::gen::log_uniform(1, held - 1) : *rc::gen::inRange<std::uint64_t>(1, held);
      s.ops.push_back(FtOp{.code = FtOpCode::Decref, .obj = 0, .thread = thread, .count = n});
      held -= n;
    } else {
      s.ops.push_back(FtOp{FtOpCode::Merge, 0, thread, 1, 0, kind == 2 ? MergeAt::EvalBreaker : MergeAt::Gc, {}});
    }
  }
  // The last references go, by any thread; then every queue is merged.
  s.ops.push_back(FtOp{.code = FtOpCode::Decref, .obj = 0, .thread = *rc::gen::inRange<std::size_t>(0, 3), .count = held});
  s.ops.push_back(FtOp{FtOpCode::Merge, 0, 0, 1, 0, MergeAt::Gc, {}});
  RC_ASSERT(!check(s));
  const FtOutcome out = run(s);
  RC_ASSERT(!out.crashed);
  RC_ASSERT(out.objects[0].o.freed);
  for (const FtEventRecord& e : out.events) {
    RC_ASSERT(e.kind != FtEventKind::Leak);
    RC_ASSERT(!(e.kind == FtEventKind::Dealloc && e.premature));
  }
}

RC_GTEST_PROP(FtLedger, pairedReferencesNeverFreeEarlyOrLeak, ()) {
  const auto version = *rc::gen::element(FtVersion::v313t, FtVersion::v314t, FtVersion::v315t);
  check_paired_ledger(FtBuild{version, 16, *rc::gen::arbitrary<bool>()}, kHeldCap, true);
}

// The real widths, 64 and 32 bits: at most local all ones - 3 held (2^32 - 4), and on 32-bit at
// most the shared count's largest value less 2 (2^29 - 3: PY_SSIZE_T_MAX >> 2), which other threads'
// references reach first; counts log-uniform, so the billions are as likely as the units.
RC_GTEST_PROP(FtLedger, pairedReferencesNeverFreeEarlyOrLeakAtTheRealWidths, ()) {
  const auto version = *rc::gen::element(FtVersion::v313t, FtVersion::v314t, FtVersion::v315t);
  const FtBuild b{version, *rc::gen::element(32u, 64u), *rc::gen::arbitrary<bool>()};
  const std::uint64_t cap = std::min<std::uint64_t>(b.local_max() - 3, static_cast<std::uint64_t>(b.shared_count_max()) - 2);
  RC_TAG(b.ssize_bits);
  check_paired_ledger(b, cap, true, true);
}

// The gh153202 draft scaled (4-bit local, 8-bit shared: count -32..31, immortal from 24): with at most
// 22 held, the shared count (held - local, + 1 while queued) stays below the immortal minimum, and
// the owner's increments spill instead of making the object immortal: no bound on them.
RC_GTEST_PROP(FtLedger, pairedReferencesNeverFreeEarlyOrLeakOnTheDraft, ()) {
  const FtBuild draft{FtVersion::gh153202, 16, *rc::gen::arbitrary<bool>()};
  check_paired_ledger(draft, static_cast<std::uint64_t>(draft.immortal_min_shared()) - 2, false);
}

TEST(FtLedger, aQueuedReleaseThenOwnerIncrefsFreesEarlyFromExactlyLocalAllOnesMinusOne) {
  const FtBuild b{FtVersion::v314t, 16, false};
  for (std::uint64_t n = 1; n <= 300; ++n) {
    const FtOutcome out = run(analysis::ft_threat_scenario(analysis::FtThreat::QueuedThenOwnerIncrefs, b, n));
    bool premature = false;
    for (const FtEventRecord& e : out.events) premature = premature || (e.kind == FtEventKind::Dealloc && e.premature);
    EXPECT_EQ(premature, n >= b.local_max() - 1) << "n " << n;
  }
}

}  // namespace
}  // namespace refsim::ft
