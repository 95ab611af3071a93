// Worked counts, 3.14 and 3.15: docs/semantics-counts.md for the static (None) and runtime-immortalized
// (interned str) starts, the debug window of section 6.5 and the ext-3.12 route into it (section 8.1).
// Real widths through the fast engine; 16 and 8 bits through both engines.
#include "tests/counts_support.h"

namespace refsim::counts {
namespace {

// --- 64-bit layout: start 0x0005_0000_C000_0000 (static) or 0x0001_0000_C000_0000 (runtime) -------------

struct Split314 {
  Width w;
  Word start;            // 0x0005_0000_C000_0000
  Word reset;            // 0x0001_0000_C000_0000: what _Py_SetImmortal leaves
  Word lo_full;          // 0x0005_0000_FFFF_FFFF
  Word carried;          // 0x0005_0001_0000_0000
  Word at_min;           // 0x0005_0000_8000_0000
  Word zero_lo;          // 0x0005_0000_0000_0000
  Word borrowed;         // 0x0004_FFFF_FFFF_FFFF
  std::uint64_t carry;   // 1,073,741,824 legacy increfs wrap lo32
  std::uint64_t down;    // 1,073,741,825 legacy decrefs to lo32 0x7FFF_FFFF
  std::uint64_t core;    // 2,147,483,647 core decrefs from there to lo32 0
  std::uint64_t total;   // 3,221,225,472 net decrements in all
  std::uint64_t window;  // 0x3FF00000 increfs reach the debug window
};
const Split314 kSplit314[] = {
    {Width{64}, 0x0005'0000'C000'0000u, 0x0001'0000'C000'0000u, 0x0005'0000'FFFF'FFFFu,
     0x0005'0001'0000'0000u, 0x0005'0000'8000'0000u, 0x0005'0000'0000'0000u, 0x0004'FFFF'FFFF'FFFFu,
     1073741824u, 1073741825u, 2147483647u, 3221225472u, 0x3FF0'0000u},
    {Width{16}, 0x50C0u, 0x10C0u, 0x50FFu, 0x5100u, 0x5080u, 0x5000u, 0x4FFFu, 64u, 65u, 127u, 192u, 0x20u},
};
void PrintTo(const Split314& row, std::ostream* os) { *os << row.w.bits << "-bit row"; }

class Counts314Split : public ::testing::TestWithParam<std::tuple<Version, Split314>> {};

TEST_P(Counts314Split, legacyIncrefsWrapTheLowHalfIntoObOverflow) {
  const auto [v, r] = GetParam();
  const Outcome out = run_both(make(v, r.w, Kind::None, {inc(kLegacy, r.carry)}));
  expect_events(out, {{kDeimm, r.carry, r.lo_full, r.carried}});
  EXPECT_EQ(out.objects[0].word, r.carried);
}

TEST_P(Counts314Split, legacyDecrefsDeimmortalizeThenCoreDecrefsDeallocAtLowHalfZero) {
  const auto [v, r] = GetParam();
  const Outcome out = run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.down), dec(kCore, r.core)}));
  // The reset writes lo := INITIAL and flags := 1: the static flag is lost.
  expect_events(out, {{kDeimm, r.down, r.at_min, r.at_min - 1},
                      {kDealloc, r.total, r.zero_lo + 1, r.reset, Action::Reset},
                      {kReimm, r.total, r.zero_lo + 1, r.reset}});
  EXPECT_EQ(r.down + r.core, r.total);
  EXPECT_EQ(out.objects[0].word, r.reset);
}

TEST_P(Counts314Split, legacyDecrefsAloneBorrowAtLowHalfZeroInsteadOfDeallocating) {
  const auto [v, r] = GetParam();
  const Outcome at_zero = run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.total)}));
  expect_events(at_zero, {{kDeimm, r.down, r.at_min, r.at_min - 1}});
  EXPECT_EQ(at_zero.objects[0].word, r.zero_lo);
  const Outcome borrowed = run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.total + 1)}));
  expect_events(borrowed,
                {{kDeimm, r.down, r.at_min, r.at_min - 1}, {kReimm, r.total + 1, r.zero_lo, r.borrowed}});
}

TEST_P(Counts314Split, legacyDecrefsDeallocOnlyWhenTheFullWordReachesZero) {
  const auto [v, r] = GetParam();
  const Outcome out =
      run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.start)}), RunLimits{.max_events = 1u << 21});
  // Every 2^32 decrements the low half passes 0x8000_0000 down (deimmortalized) and borrows from
  // 0 (reimmortalized): one deimmortalization per high value 0x50000..0, one reimmortalization per
  // high value 0x50000..1, then the dealloc and its reset.
  const std::uint64_t high = r.start >> r.w.half();
  EXPECT_EQ(out.events_total, 2 * high + 3);
  ASSERT_EQ(out.events.size(), out.events_total);
  EXPECT_EQ(out.steps, r.start);
  const std::vector<Event> last(out.events.end() - 2, out.events.end());
  expect_events(Outcome{.events = {out.events.front()}}, {{kDeimm, r.down, r.at_min, r.at_min - 1}});
  expect_events(Outcome{.events = last},
                {{kDealloc, r.start, 1, r.reset, Action::Reset}, {kReimm, r.start, 1, r.reset}});
}

TEST_P(Counts314Split, runtimeImmortalizedObjectsNeedTheSameCounts) {
  const auto [v, r] = GetParam();
  const Word shift = r.start - r.reset;  // the static flag
  const Outcome up = run_both(make(v, r.w, Kind::InternedStr, {inc(kLegacy, r.carry)}));
  expect_events(up, {{kDeimm, r.carry, r.lo_full - shift, r.carried - shift}});
  const Outcome down = run_both(make(v, r.w, Kind::InternedStr, {dec(kLegacy, r.down), dec(kCore, r.core)}));
  expect_events(down, {{kDeimm, r.down, r.at_min - shift, r.at_min - shift - 1},
                       {kDealloc, r.total, r.zero_lo - shift + 1, r.reset, Action::Reset},
                       {kReimm, r.total, r.zero_lo - shift + 1, r.reset}});
}

TEST_P(Counts314Split, debugDecrefIsFatalOnceLegacyIncrefsReachTheWindow) {
  const auto [v, r] = GetParam();
  for (const Origin by : {Origin::Ext311, Origin::Ext312}) {  // ext-3.12: section 8.1's route
    SCOPED_TRACE(name_of(by));
    const Word window_word = r.start + r.window;  // lo32 0xFFF0_0000
    const Outcome fatal = run_both(make(v, r.w, Kind::None, {inc(by, r.window), dec(kCore, 1)}, true));
    expect_events(fatal, {{kNegative, r.window + 1, window_word, window_word}});
    EXPECT_TRUE(fatal.crashed);
    ASSERT_TRUE(fatal.stopped.has_value());
    EXPECT_EQ(fatal.stopped->step, r.window + 1);
    EXPECT_EQ(fatal.stopped->event, kNegative);
    const Outcome fine = run_both(make(v, r.w, Kind::None, {inc(by, r.window - 1), dec(kCore, 1)}, true));
    expect_events(fine, {});
    EXPECT_FALSE(fine.crashed);
    EXPECT_EQ(fine.objects[0].word, window_word - 1);
  }
}

INSTANTIATE_TEST_SUITE_P(Section82, Counts314Split,
                         ::testing::Combine(::testing::Values(Version::V3_14, Version::V3_15),
                                            ::testing::ValuesIn(kSplit314)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == Version::V3_14 ? "v314" : "v315") +
                                  "_w" + std::to_string(std::get<1>(info.param).w.bits);
                         });

// --- 32-bit layout: start 0x7000_0000 (static) or 0x5000_0000 (runtime), signed threshold ------------------

struct Plain314 {
  Width w;
  Word start;             // 0x7000_0000
  Word reset;             // 0x5000_0000
  std::uint64_t up;       // 268,435,456 legacy increfs to 0x8000_0000
  std::uint64_t down;     // 805,306,369 legacy decrefs to 0x3FFF_FFFF
  std::uint64_t total;    // 1,879,048,192 net decrements to 0
  std::uint64_t r_down;   // runtime start: 268,435,457 decrefs to mortal
  std::uint64_t r_total;  // 1,342,177,280 to 0
  std::uint64_t r_up;     // 805,306,368 increfs to 0x8000_0000
};
const Plain314 kPlain314[] = {
    {Width{32}, 0x7000'0000u, 0x5000'0000u, 268435456u, 805306369u, 1879048192u, 268435457u, 1342177280u,
     805306368u},
    {Width{8}, 0x70u, 0x50u, 16u, 49u, 112u, 17u, 80u, 48u},
};
void PrintTo(const Plain314& row, std::ostream* os) { *os << row.w.bits << "-bit row"; }

class Counts314Plain : public ::testing::TestWithParam<std::tuple<Version, Plain314>> {};

TEST_P(Counts314Plain, legacyIncrefsReachTheSignBitWhereNoneIsNoLongerImmortal) {
  const auto [v, r] = GetParam();
  const Word sign = r.w.sign_bit(), int_max = sign - 1;
  const std::vector<Want> at_sign = {{kDeimm, r.up, int_max, sign}, {kOverflow, r.up, int_max, sign}};
  const Outcome out = run_both(make(v, r.w, Kind::None, {inc(kLegacy, r.up)}));
  expect_events(out, at_sign);
  EXPECT_EQ(out.objects[0].word, r.w.bits == 32 ? 0x8000'0000u : 0x80u);
  // A release decref wraps straight back to INT_MAX, which is immortal again.
  std::vector<Want> wrapped = at_sign;
  wrapped.push_back({kReimm, r.up + 1, sign, int_max});
  wrapped.push_back({kOverflow, r.up + 1, sign, int_max});
  expect_events(run_both(make(v, r.w, Kind::None, {inc(kLegacy, r.up), dec(kCore, 1)})), wrapped);
  // A debug decref is fatal.
  std::vector<Want> fatal = at_sign;
  fatal.push_back({kNegative, r.up + 1, sign, sign});
  const Outcome debug = run_both(make(v, r.w, Kind::None, {inc(kLegacy, r.up), dec(kCore, 1)}, true));
  expect_events(debug, fatal);
  EXPECT_TRUE(debug.crashed);
}

TEST_P(Counts314Plain, legacyDecrefsFallBelowTheThreshold) {
  const auto [v, r] = GetParam();
  const Word min = r.w.bits == 32 ? 0x4000'0000u : 0x40u;
  expect_events(run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.down)})), {{kDeimm, r.down, min, min - 1}});
  expect_events(run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.down - 1)})), {});
}

TEST_P(Counts314Plain, netDecrementsToZeroDeallocAndResetBelowTheStaticRange) {
  const auto [v, r] = GetParam();
  const Word min = r.w.bits == 32 ? 0x4000'0000u : 0x40u;
  const Outcome out = run_both(make(v, r.w, Kind::None, {dec(kLegacy, r.total)}));
  // The example report of docs/FORMATS.md (Report).
  expect_events(out, {{kDeimm, r.down, min, min - 1},
                      {kDealloc, r.total, 1, r.reset, Action::Reset},
                      {kReimm, r.total, 1, r.reset}});
  EXPECT_EQ(out.steps, r.total);
  EXPECT_EQ(out.objects[0].word, r.reset);
  EXPECT_EQ(out.objects[0].logical, Int128{1} - r.total);
  EXPECT_FALSE(out.crashed);
}

TEST_P(Counts314Plain, runtimeImmortalizedStrNeedsFewerLegacyOps) {
  const auto [v, r] = GetParam();
  const Word min = r.w.bits == 32 ? 0x4000'0000u : 0x40u;
  const Word sign = r.w.sign_bit();
  expect_events(run_both(make(v, r.w, Kind::InternedStr, {dec(kLegacy, r.r_down)})),
                {{kDeimm, r.r_down, min, min - 1}});
  expect_events(run_both(make(v, r.w, Kind::InternedStr, {dec(kLegacy, r.r_total)})),
                {{kDeimm, r.r_down, min, min - 1},
                 {kDealloc, r.r_total, 1, r.reset, Action::Reset},
                 {kReimm, r.r_total, 1, r.reset}});
  expect_events(run_both(make(v, r.w, Kind::InternedStr, {inc(kLegacy, r.r_up)})),
                {{kDeimm, r.r_up, sign - 1, sign}, {kOverflow, r.r_up, sign - 1, sign}});
}

INSTANTIATE_TEST_SUITE_P(Section82, Counts314Plain,
                         ::testing::Combine(::testing::Values(Version::V3_14, Version::V3_15),
                                            ::testing::ValuesIn(kPlain314)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == Version::V3_14 ? "v314" : "v315") +
                                  "_w" + std::to_string(std::get<1>(info.param).w.bits);
                         });

}  // namespace
}  // namespace refsim::counts
