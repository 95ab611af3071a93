// The free-threaded compare rows: their thresholds against the hand-computed edges of the local count
// (UINT32_MAX on 64- and 32-bit alike), and a threshold the bisection found is the exact minimum.
#include <gtest/gtest.h>

#include "analysis/ft_rows.h"
#include "model/freethreaded/ft_engine.h"

namespace refsim::analysis {
namespace {

constexpr std::uint64_t kAllOnes = 4294967295;  // UINT32_MAX: ob_ref_local's immortal value

const FtRow& find(const std::vector<FtRow>& rows, ft::FtVersion v, unsigned bits, bool debug, FtThreat t) {
  for (const FtRow& r : rows)
    if (r.build.version == v && r.build.ssize_bits == bits && r.build.debug == debug && r.threat == t) return r;
  throw std::logic_error("no such row");
}

TEST(FtRows, thresholdsAreTheLocalCountsEdges) {
  const std::vector<FtRow> rows = ft_rows();
  EXPECT_EQ(rows.size(), 4u * 2 * 2 * 4);
  for (unsigned bits : {64u, 32u}) {
    // A fresh object's owner: 1 + n reaches all ones at n = 2^32 - 2; the paired releases then leak it.
    const FtRow& owner = find(rows, ft::FtVersion::v314t, bits, false, FtThreat::OwnerIncrefs);
    EXPECT_EQ(owner.immortal, kAllOnes - 1);
    EXPECT_EQ(owner.leak, kAllOnes - 1);
    EXPECT_EQ(owner.premature, std::nullopt);
    // Releases through the queue are exact at every n.
    const FtRow& other = find(rows, ft::FtVersion::v314t, bits, false, FtThreat::OtherReleases);
    EXPECT_EQ(other.premature, std::nullopt);
    EXPECT_EQ(other.leak, std::nullopt);
    EXPECT_EQ(other.crash, std::nullopt);
    // 64-bit: queued, then 2 + n reaches all ones at n = 2^32 - 3; one more ignored increment is a
    // reference the release merge does not count: freed early, then the owner's last release is a use
    // after free. 32-bit: earlier, the merged count n + 1 has 30 bits: it wraps at n + 1 = 2^30 + 1
    // (the merge stores 1), and at 2^29 + 1 it reads negative, which a debug build stops at.
    const FtRow& queued = find(rows, ft::FtVersion::v314t, bits, false, FtThreat::QueuedThenOwnerIncrefs);
    const std::uint64_t early = bits == 64 ? kAllOnes - 1 : std::uint64_t{1} << 30;
    EXPECT_EQ(queued.premature, early);
    EXPECT_EQ(queued.crash, early);
    // Debug: the merge's assert(!_Py_IsImmortal(op)) stops at the first immortal merge (64-bit); the
    // negative merged count stops the owner's first release (32-bit).
    const FtRow& debug = find(rows, ft::FtVersion::v314t, bits, true, FtThreat::QueuedThenOwnerIncrefs);
    EXPECT_EQ(debug.crash, bits == 64 ? kAllOnes - 2 : std::uint64_t{1} << 29);
    EXPECT_EQ(debug.premature, std::nullopt);
  }
}

TEST(FtRows, theDraftsSpillMovesImmortalityToTheSharedCount) {
  // gh153202-proto: _Py_REF_SHARED_COUNT_MAX = INT32_MAX >> 2 = 536870911 on 64- and 32-bit alike;
  // the immortal minimum is 536870911 - 536870911 / 4 = 402653184.
  constexpr std::uint64_t kMin = 402653184;
  const std::vector<FtRow> rows = ft_rows();
  for (unsigned bits : {64u, 32u})
    for (bool debug : {false, true}) {
      // The owner's increments spill 255 at a time from local 1: after n the shared count is
      // 255 * floor(n / 255), first >= kMin at n = 255 * 1579033 = 402653415. Immortal, the paired
      // releases leak it (the owner's path has no immortality check; the others' is ignored).
      const FtRow& owner = find(rows, ft::FtVersion::gh153202, bits, debug, FtThreat::OwnerIncrefs);
      EXPECT_EQ(owner.immortal, 402653415u);
      EXPECT_EQ(owner.leak, 402653415u);
      EXPECT_EQ(owner.premature, std::nullopt);
      EXPECT_EQ(owner.crash, std::nullopt);
      // Another thread's increments reach the minimum at n = kMin, where 3.14t never gets.
      const FtRow& other = find(rows, ft::FtVersion::gh153202, bits, debug, FtThreat::OtherIncrefs);
      EXPECT_EQ(other.immortal, kMin);
      EXPECT_EQ(other.leak, kMin);
      EXPECT_EQ(find(rows, ft::FtVersion::v314t, bits, debug, FtThreat::OtherIncrefs).immortal, std::nullopt);
      // Queued, then n owner increments: the merge stores n + 1 (spills included), immortal from
      // n = kMin - 1; a debug build stops there at the merge's assert that the count stays below kMin.
      // From local 2 the spills leave 255 * floor((n + 1) / 255) in the shared count, >= kMin from
      // n = 402653414: a debug build then stops at the merge's assert(!_Py_IsImmortal) with the
      // object immortal.
      const FtRow& queued = find(rows, ft::FtVersion::gh153202, bits, debug, FtThreat::QueuedThenOwnerIncrefs);
      EXPECT_EQ(queued.crash, debug ? std::optional<std::uint64_t>(kMin - 1) : std::nullopt);
      EXPECT_EQ(queued.immortal, debug ? 402653414u : kMin - 1);
      EXPECT_EQ(queued.premature, std::nullopt);
    }
}

TEST(FtRows, aThresholdIsTheExactMinimum) {
  const ft::FtBuild b{ft::FtVersion::v314t, 64, false};
  const auto premature = [&](std::uint64_t n) {
    const ft::FtOutcome out = ft::run(ft_threat_scenario(FtThreat::QueuedThenOwnerIncrefs, b, n), EngineKind::Fast, 100);
    for (const ft::FtEventRecord& e : out.events)
      if (e.kind == ft::FtEventKind::Dealloc) return e.premature;
    return false;
  };
  EXPECT_FALSE(premature(kAllOnes - 2));
  EXPECT_TRUE(premature(kAllOnes - 1));
}

TEST(FtRows, aSelectionKeepsExactlyItsRowsWithTheSameFigures) {
  FtSelection only;
  only.versions = {ft::FtVersion::gh153202, ft::FtVersion::v313t};  // the table's order wins
  only.widths = {32, 16};  // no row exists at 16
  only.debug = {true};
  only.threats = {FtThreat::OtherIncrefs, FtThreat::OwnerIncrefs};
  const std::vector<FtRow> some = ft_rows(only);
  ASSERT_EQ(some.size(), 4u);
  const std::pair<ft::FtVersion, FtThreat> order[] = {{ft::FtVersion::v313t, FtThreat::OwnerIncrefs},
                                                      {ft::FtVersion::v313t, FtThreat::OtherIncrefs},
                                                      {ft::FtVersion::gh153202, FtThreat::OwnerIncrefs},
                                                      {ft::FtVersion::gh153202, FtThreat::OtherIncrefs}};
  const std::vector<FtRow> all = ft_rows();
  for (std::size_t i = 0; i < some.size(); ++i) {
    EXPECT_EQ(some[i].build.version, order[i].first);
    EXPECT_EQ(some[i].threat, order[i].second);
    EXPECT_EQ(some[i].build.ssize_bits, 32u);
    EXPECT_TRUE(some[i].build.debug);
    const FtRow& same = find(all, some[i].build.version, 32, true, some[i].threat);
    EXPECT_EQ(some[i].immortal, same.immortal);
    EXPECT_EQ(some[i].premature, same.premature);
    EXPECT_EQ(some[i].leak, same.leak);
    EXPECT_EQ(some[i].crash, same.crash);
  }
  EXPECT_TRUE(ft_rows(FtSelection{}).empty());
}

}  // namespace
}  // namespace refsim::analysis
