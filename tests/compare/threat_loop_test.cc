// The threats' background traffic as each runtime really runs it (3.14+: the interpreter loop's
// release of a stolen reference; 3.12 / 3.13: Py_DECREF), and loop-drain: the exact thresholds of
// the matrix, worked out by hand from the 3.14.7 words in the comments.
#include <gtest/gtest.h>

#include "analysis/matrix.h"
#include "analysis/threat.h"

namespace refsim::analysis {
namespace {

Row threat_row(Version v, unsigned width, Threat threat, Kind kind = Kind::None) {
  RowKey key;
  key.version = v;
  key.width = width;
  key.threat = threat;
  key.kind = kind;
  return compute_row(key, FamilyParams{});
}

RuntimeSpec rt(Version v, unsigned width, Strategy strategy = Strategy::AsShipped) {
  return RuntimeSpec{v, Width{width}, false, strategy, {}};
}

TEST(ThreatTraffic, eachRuntimeReleasesWithItsOwnCode) {
  EXPECT_EQ(release_of(rt(Version::V3_14, 64)).code, OpCode::StealRelease);
  EXPECT_EQ(release_of(rt(Version::V3_15, 32)).code, OpCode::StealRelease);
  EXPECT_EQ(release_of(rt(Version::V3_13, 64)).code, OpCode::Decref);
  EXPECT_EQ(release_of(rt(Version::V3_12, 32)).code, OpCode::Decref);
  EXPECT_EQ(release_of(rt(Version::V3_11, 64)).code, OpCode::Decref);
}

TEST(ThreatTraffic, legacyDecrefsUntilTheReleasesCount) {
  // 0x0005_0000_C000_0000: the borrow clears ob_flags bit 0 at decref 0xC0000001.
  EXPECT_EQ(releases_count_after(rt(Version::V3_14, 64), Kind::None), 0xC0000001u);
  EXPECT_EQ(releases_count_after(rt(Version::V3_14, 64), Kind::InternedStr), 0xC0000001u);
  // 32-bit: mortal below 0x40000000, from 0x70000000 (static) and 0x50000000 (runtime-immortalized).
  EXPECT_EQ(releases_count_after(rt(Version::V3_14, 32), Kind::None), 0x30000001u);
  EXPECT_EQ(releases_count_after(rt(Version::V3_14, 32), Kind::InternedStr), 0x10000001u);
  // 3.12: bit 31 of the low half (64), equality with 0x3FFFFFFF (32).
  EXPECT_EQ(releases_count_after(rt(Version::V3_12, 64), Kind::None), 0x80000000u);
  EXPECT_EQ(releases_count_after(rt(Version::V3_12, 32), Kind::None), 1u);
  EXPECT_EQ(releases_count_after(rt(Version::V3_11, 64), Kind::None), 0u);
  EXPECT_EQ(releases_count_after(rt(Version::V3_14, 64, Strategy::NoImmortals), Kind::None), 0u);
  EXPECT_EQ(releases_count_after(rt(Version::PEP683_R2, 64, Strategy::ResetOnMargin), Kind::None), 0u);
}

TEST(ThreatTraffic, on314The64BitTrafficDrainsOnlyOnceTheFlagBitIsGone) {
  // Releases are uncounted until ext-3.11 decref 0xC0000001 leaves 0x0004_ffff_ffff_ffff; then each
  // pair takes the low half down by 2, and the release that reaches 0 deallocs:
  // 3,221,225,473 + 2,147,483,647 = 5,368,709,120 (Py_DECREF traffic gave 2,147,483,648).
  const Row r = threat_row(Version::V3_14, 64, Threat::TrafficDecref);
  ASSERT_TRUE(r.dealloc);
  EXPECT_EQ(r.dealloc->n, 5368709120u);
  EXPECT_EQ(*r.dealloc_action, Action::Reset);
  // 3.12 and 3.13 keep Py_DECREF traffic (matched on real 3.12.1 and 3.13.0).
  EXPECT_EQ(threat_row(Version::V3_12, 64, Threat::TrafficDecref).dealloc->n, 3221225471u);
}

TEST(ThreatTraffic, loopDrainResetsNoneAndCrashesOnStaticTypesAndBytesSingletons) {
  // 3,221,225,473 legacy decrefs, then 0xFFFFFFFF releases from the low half 0xffffffff to 0.
  const Row none = threat_row(Version::V3_14, 64, Threat::LoopDrain);
  ASSERT_TRUE(none.dealloc);
  EXPECT_EQ(none.dealloc->n, 7516192768u);
  EXPECT_EQ(*none.dealloc_action, Action::Reset);
  EXPECT_FALSE(none.crash);
  for (Kind kind : {Kind::StaticType, Kind::BytesSingleton}) {
    const Row r = threat_row(Version::V3_14, 64, Threat::LoopDrain, kind);
    ASSERT_TRUE(r.crash) << name_of(kind);
    EXPECT_EQ(r.crash->at.n, 7516192768u);
    EXPECT_EQ(*r.crash->action, Action::FreeStatic);
  }
  // 32-bit: 0x30000001 legacy decrefs, then 0x3fffffff releases to 0.
  EXPECT_EQ(threat_row(Version::V3_14, 32, Threat::LoopDrain).dealloc->n, 1879048192u);
}

}  // namespace
}  // namespace refsim::analysis
