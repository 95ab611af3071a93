// Worked counts, 3.12 and 3.13: docs/semantics-counts.md's unpaired legacy operations on None, through the
// fast engine at the real widths and, scaled down to 16 and 8 bits, through both engines, which must
// agree. Each row's numbers are computed by hand from the section 1 constants.
#include "tests/counts_support.h"

namespace refsim::counts {
namespace {

// --- 3.12 / 3.13, 64-bit layout: start 0xFFFF_FFFF --------------------------------------------------------

struct Split312 {
  Width w;
  Word imm;             // 0xFFFF_FFFF
  std::uint64_t deimm;  // 2^31 legacy decrefs to 0x7FFF_FFFF
  std::uint64_t drain;  // 4,294,967,295 net decrements to 0
};
const Split312 kSplit312[] = {{Width{64}, 0xFFFF'FFFFu, 2147483648u, 4294967295u},
                              {Width{16}, 0xFFu, 128u, 255u}};
void PrintTo(const Split312& row, std::ostream* os) { *os << row.w.bits << "-bit row"; }

class Counts312Split : public ::testing::TestWithParam<std::tuple<Version, Split312>> {};

TEST_P(Counts312Split, oneLegacyIncrefMakesNoneMortalAndTheNextCoreDecrefUndoesIt) {
  const auto [v, r] = GetParam();
  const Word carried = r.imm + 1;  // 0x1_0000_0000
  expect_events(run_both(make(v, r.w, Kind::None, {inc(kLegacy, 1), dec(kCore, 1)})),
                {{kDeimm, 1, r.imm, carried}, {kReimm, 2, carried, r.imm}});
  const Outcome up = run_both(make(v, r.w, Kind::None, {inc(kLegacy, 1), inc(kCore, 1)}));
  expect_events(up, {{kDeimm, 1, r.imm, carried}});
  EXPECT_EQ(up.objects[0].word, carried + 1);  // 0x1_0000_0001: mortal and huge
}

TEST_P(Counts312Split, twoToTheThirtyOneLegacyDecrefsDeimmortalize) {
  const auto [v, r] = GetParam();
  const Outcome out = run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.deimm)}));
  expect_events(out, {{kDeimm, r.deimm, r.imm - r.deimm + 1, r.imm - r.deimm}});
  EXPECT_EQ(out.objects[0].word, r.w.bits == 64 ? 0x7FFF'FFFFu : 0x7Fu);
}

TEST_P(Counts312Split, uintMaxNetDecrementsDeallocAndReset) {
  const auto [v, r] = GetParam();
  const std::vector<Want> want = {{kDeimm, r.deimm, r.imm - r.deimm + 1, r.imm - r.deimm},
                                  {kDealloc, r.drain, 1, r.imm, Action::Reset},
                                  {kReimm, r.drain, 1, r.imm}};
  const Outcome legacy = run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.drain)}));
  expect_events(legacy, want);
  EXPECT_FALSE(legacy.crashed);
  EXPECT_EQ(legacy.steps, r.drain);
  EXPECT_EQ(legacy.objects[0].word, r.imm);
  EXPECT_EQ(legacy.objects[0].logical, Int128{1} - r.drain);
  // Once mortal, the core's own decrefs count down the rest.
  expect_events(run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.deimm), dec(kCore, r.drain - r.deimm)})),
                want);
}

INSTANTIATE_TEST_SUITE_P(Section82, Counts312Split,
                         ::testing::Combine(::testing::Values(Version::V3_12, Version::V3_13),
                                            ::testing::ValuesIn(kSplit312)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == Version::V3_12 ? "v312" : "v313") +
                                  "_w" + std::to_string(std::get<1>(info.param).w.bits);
                         });

// --- 3.12 / 3.13, 32-bit layout: start 0x3FFF_FFFF, equality ---------------------------------------------

struct Plain312 {
  Width w;
  Word imm;             // 0x3FFF_FFFF
  std::uint64_t drain;  // 1,073,741,823 net decrements to 0
  std::uint64_t up;     // 1,073,741,824 net increments to 0x7FFF_FFFF
};
const Plain312 kPlain312[] = {{Width{32}, 0x3FFF'FFFFu, 1073741823u, 1073741824u},
                              {Width{8}, 0x3Fu, 63u, 64u}};
void PrintTo(const Plain312& row, std::ostream* os) { *os << row.w.bits << "-bit row"; }

class Counts312Plain : public ::testing::TestWithParam<std::tuple<Version, Plain312>> {};

TEST_P(Counts312Plain, oneLegacyOpEitherWayMakesNoneMortal) {
  const auto [v, r] = GetParam();
  expect_events(run_both(make(v, r.w, Kind::None, {inc(kLegacy, 1)})), {{kDeimm, 1, r.imm, r.imm + 1}});
  expect_events(run_both(make(v, r.w, Kind::None, {dec(kLegacy, 1)})), {{kDeimm, 1, r.imm, r.imm - 1}});
}

TEST_P(Counts312Plain, netDecrementsToZeroDeallocAndReset) {
  const auto [v, r] = GetParam();
  const std::vector<Want> want = {{kDeimm, 1, r.imm, r.imm - 1},
                                  {kDealloc, r.drain, 1, r.imm, Action::Reset},
                                  {kReimm, r.drain, 1, r.imm}};
  expect_events(run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.drain)})), want);
  expect_events(run_both(make(v, r.w, Kind::None, {dec(kLegacy, 1), dec(kCore, r.drain - 1)})), want);
}

TEST_P(Counts312Plain, netIncrementsReachIntMaxAndTheNextOneOverflows) {
  const auto [v, r] = GetParam();
  const Word int_max = r.w.sign_bit() - 1;
  const Outcome legacy = run_both(make(v, r.w, Kind::None, {inc(kLegacy, r.up)}));
  expect_events(legacy, {{kDeimm, 1, r.imm, r.imm + 1}});
  EXPECT_EQ(legacy.objects[0].word, r.w.bits == 32 ? 0x7FFF'FFFFu : 0x7Fu);
  EXPECT_EQ(legacy.objects[0].word, int_max);
  const std::vector<Want> want = {{kDeimm, 1, r.imm, r.imm + 1}, {kOverflow, r.up + 1, int_max, int_max + 1}};
  expect_events(run_both(make(v, r.w, Kind::None, {inc(kLegacy, r.up + 1)})), want);
  // Every 32-bit operation is signed: the core's own increfs overflow the same way.
  expect_events(run_both(make(v, r.w, Kind::None, {inc(kLegacy, 1), inc(kCore, r.up)})), want);
}

INSTANTIATE_TEST_SUITE_P(Section82, Counts312Plain,
                         ::testing::Combine(::testing::Values(Version::V3_12, Version::V3_13),
                                            ::testing::ValuesIn(kPlain312)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == Version::V3_12 ? "v312" : "v313") +
                                  "_w" + std::to_string(std::get<1>(info.param).w.bits);
                         });

}  // namespace
}  // namespace refsim::counts
