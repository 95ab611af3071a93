// The gh153202 draft (gh-153202 prototype, docs/FREE-THREADED.md): hand-computed cases at the real
// 64- and 32-bit widths (uint8_t local, int32_t shared), and exhaustive round trips at the scaled
// widths (4-bit local, 8-bit shared) for release and debug builds.
#include <gtest/gtest.h>

#include <string>

#include "model/freethreaded/biased_refcount.h"
#include "model/freethreaded/brc.h"

namespace refsim::ft {
namespace {

constexpr Tid kOwner = 0x51;
constexpr Tid kOther = 0x52;
constexpr std::int64_t kMin = 402653184;  // 536870911 - 536870911 / 4

FtBuild draft(unsigned bits, bool debug = false) { return FtBuild{FtVersion::gh153202, bits, debug}; }

TEST(Gh153202, constantsOfTheInt32SharedCount) {
  for (unsigned bits : {64u, 32u}) {
    const FtBuild b = draft(bits);
    EXPECT_EQ(b.local_max(), 255u);
    EXPECT_EQ(b.shared_count_max(), 536870911);  // INT32_MAX >> 2
    EXPECT_EQ(b.immortal_min_shared(), kMin);
    EXPECT_EQ(b.immortal_initial_shared(), 469762047);  // kMin + 134217727 / 2
    const FtObject o = immortal_object(b);
    EXPECT_EQ(o, (FtObject{kUnownedTid, 0, 0x6FFFFFFC, false, 0}));  // 469762047 << 2
    EXPECT_EQ(refcnt(b, o), bits == 64 ? 3221225472 : 1342177280);    // 3 << 30, 5 << 28
  }
}

TEST(Gh153202, theOwnersIncrementAtUint8MaxSpillsTheLocalCountIntoShared) {
  const FtBuild b = draft(64);
  FtObject o{kOwner, 255, 0, false, 0};
  EXPECT_EQ(incref(b, o, kOwner), 0u);
  EXPECT_EQ(o, (FtObject{kOwner, 1, 255 << 2, false, 0}));
  EXPECT_EQ(refcnt(b, o), 256);
  // Releasing it again takes local to 0: the owner merges and gives the object up, still alive.
  EXPECT_EQ(decref(b, o, kOwner), std::uint32_t{kMerged});
  EXPECT_EQ(o, (FtObject{kUnownedTid, 0, (255 << 2) | kRefMerged, false, 0}));
  EXPECT_EQ(refcnt(b, o), 255);
}

TEST(Gh153202, immortalityIsTheSharedCountAndOnlyOtherThreadsCheckIt) {
  const FtBuild b = draft(64);
  FtObject o{kOwner, 1, static_cast<Word>(kMin - 1) << 2, false, 0};
  EXPECT_EQ(incref(b, o, kOther), std::uint32_t{kImmortalByOverflow});
  EXPECT_EQ(refcnt(b, o), 3221225472);
  EXPECT_EQ(decref(b, o, kOther), std::uint32_t{kIgnoredImmortal});
  EXPECT_EQ(incref(b, o, kOther), std::uint32_t{kIgnoredImmortal});
  // The owner's path has no check: its increment counts, its release to local 0 merges.
  EXPECT_EQ(incref(b, o, kOwner), 0u);
  EXPECT_EQ(o.local, 2u);
  decref(b, o, kOwner);
  EXPECT_EQ(decref(b, o, kOwner), std::uint32_t{kMerged});
  EXPECT_EQ(o, (FtObject{kUnownedTid, 0, (static_cast<Word>(kMin) << 2) | kRefMerged, false, 0}));
}

TEST(Gh153202, theOwnersDecrefAtZeroWrapsToAMortal255InReleaseAndStopsInDebug) {
  FtObject o{kOwner, 0, 8, false, 0};
  FtObject wrapped = o;
  EXPECT_EQ(decref(draft(64), wrapped, kOwner), std::uint32_t{kLocalWrapped});
  EXPECT_EQ(wrapped.local, 255u);
  EXPECT_EQ(refcnt(draft(64), wrapped), 257);  // 255 + 2: mortal, unlike 3.14t's all ones
  EXPECT_EQ(decref(draft(64, true), o, kOwner), std::uint32_t{kNegativeRefcount});
}

TEST(Gh153202, setRefcntAbove255MergesAndTruncatesToInt32) {
  const FtBuild b = draft(64);
  FtObject o = fresh_object(kOwner);
  EXPECT_EQ(set_refcnt(b, o, kOwner, 256), std::uint32_t{kMerged});
  EXPECT_EQ(o, (FtObject{kUnownedTid, 0, (256 << 2) | kRefMerged, false, 0}));
  // 10^9 << 2 = 4000000000 does not fit int32_t: it reads as -294967296, a count of -73741824.
  o = fresh_object(kOwner);
  EXPECT_EQ(set_refcnt(b, o, kOwner, 1000000000), std::uint32_t{kMerged | kSharedNegative});
  EXPECT_EQ(shared_count(b, o.shared), -73741824);
  o = fresh_object(kOwner);
  EXPECT_EQ(set_refcnt(b, o, kOwner, kMin), std::uint32_t{kMerged | kImmortalBySetRefcnt});
  EXPECT_EQ(set_refcnt(draft(64, true), o, kOwner, -1), std::uint32_t{kAssertFailed});
}

TEST(Gh153202, aDebugMergeIntoTheImmortalRangeStopsAtItsAssert) {
  FtObject o{kOwner, 2, (static_cast<Word>(kMin - 1) << 2) | kRefQueued, false, 1};
  FtObject release = o;
  EXPECT_EQ(brc_merge_queued(draft(64, true), o), std::uint32_t{kAssertFailed});
  EXPECT_EQ(brc_merge_queued(draft(64), release), std::uint32_t{kMerged});
  EXPECT_EQ(shared_count(draft(64), release.shared), kMin);  // kMin - 1 + 2 - 1
}

/// The shared words of the scaled draft whose count is in [0, max] and whose state is any.
std::vector<Word> shared_words(const FtBuild& b, std::int64_t max) {
  std::vector<Word> out;
  for (std::int64_t c = 0; c <= max; ++c)
    for (Word flags = 0; flags < 4; ++flags) out.push_back(shared_word(b, c, flags));
  return out;
}

TEST(Gh153202Exhaustive, ownerIncrefThenDecrefKeepsPyRefcntAndMergesOnlyAfterASpill) {
  for (unsigned bits : {8u, 16u})
    for (bool debug : {false, true}) {
      const FtBuild b = draft(bits, debug);
      // Below the immortal minimum by more than one spill (scaled: 24 - 15).
      for (Word shared : shared_words(b, b.immortal_min_shared() - 1 - b.local_max()))
        for (Word local = 1; local <= b.local_max(); ++local) {
          FtObject o{kOwner, local, shared, false, 0};
          const std::int64_t before = refcnt(b, o);
          incref(b, o, kOwner);
          decref(b, o, kOwner);
          const std::string at = std::to_string(bits) + " local " + std::to_string(local) + " shared " +
                                 std::to_string(shared);
          EXPECT_EQ(refcnt(b, o), before) << at;
          EXPECT_FALSE(o.freed) << at;
          if (local == b.local_max())
            EXPECT_EQ(o.tid, kUnownedTid) << at;  // the spill left local 1, the release merged
          else
            EXPECT_EQ(o, (FtObject{kOwner, local, shared, false, 0})) << at;
        }
    }
}

TEST(Gh153202Exhaustive, ownerIncrementsFromOneReachImmortalityAtTheFirstSpillPastTheMinimum) {
  // Scaled: spills of 15 from local 1 leave 15 * floor(n / 15) shared, >= 24 first at n = 30.
  for (unsigned bits : {8u, 16u}) {
    const FtBuild b = draft(bits);
    FtObject o = fresh_object(kOwner);
    std::int64_t n = 1;
    while (!(incref(b, o, kOwner) & kImmortalByOverflow)) ++n;
    EXPECT_EQ(n, 30) << bits;
    EXPECT_EQ(refcnt(b, o), b.immortal_refcnt()) << bits;
  }
  // Real: 255 * floor(n / 255) >= 402653184 first at n = 255 * 1579033 = 402653415; the spill before
  // it (n = 402653160) leaves the object mortal.
  for (unsigned bits : {64u, 32u}) {
    const FtBuild b = draft(bits);
    FtObject before{kOwner, 255, static_cast<Word>(255 * 1579031) << 2, false, 0};
    EXPECT_EQ(incref(b, before, kOwner), 0u);
    FtObject at{kOwner, 255, static_cast<Word>(255 * 1579032) << 2, false, 0};
    EXPECT_EQ(incref(b, at, kOwner), std::uint32_t{kImmortalByOverflow});
    EXPECT_EQ(shared_count(b, at.shared), 402653415);
  }
}

}  // namespace
}  // namespace refsim::ft
