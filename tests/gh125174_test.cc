// gh-125174 on the 64-bit layout (docs/semantics-counts.md): a mortal heap object pushed
// immortal by legacy increfs, with core code adding and dropping three references meanwhile. The leak
// and the early free observed on 3.12/3.13, and what the 3.14 ratchet does with the same sequences.
#include "tests/counts_support.h"

namespace refsim::counts {
namespace {

struct Split {
  Width w;
  std::uint64_t leak_n;     // 0x7FFF_FFFF legacy increfs: 1 -> 0x8000_0000
  std::uint64_t free_n;     // 0xFFFF_FFFE legacy increfs: 1 -> 0xFFFF_FFFF (saturated)
  std::uint64_t ratchet_n;  // 0xBFFF_FFFF legacy increfs: 1 -> 0xC000_0000 (3.14's incref limit)
  Word test_bit;            // 0x8000_0000
};
const Split kSplit[] = {{Width{64}, 0x7FFF'FFFFu, 0xFFFF'FFFEu, 0xBFFF'FFFFu, 0x8000'0000u},
                        {Width{16}, 0x7Fu, 0xFEu, 0xBFu, 0x80u}};
void PrintTo(const Split& row, std::ostream* os) { *os << row.w.bits << "-bit row"; }

class Gh125174 : public ::testing::TestWithParam<std::tuple<Version, Split>> {};

Scenario heap(Version v, Width w, std::vector<Op> ops) { return make(v, w, Kind::Heap, std::move(ops)); }

/// Legacy +N across 2^31, core +3 (counted: below the saturation) and -3 (skipped: immortal), legacy
/// -N, then the owner's own decref: the object is left alive at 3 with no references.
TEST_P(Gh125174, coreDecrefsSkippedWhileImmortalLeakThree) {
  const auto [v, r] = GetParam();
  const std::uint64_t n = r.leak_n;
  const Outcome out =
      run_both(heap(v, r.w, {inc(kLegacy, n), inc(kCore, 3), dec(kCore, 3), dec(kLegacy, n), dec(kCore, 1)}));
  expect_events(out, {{kAccident, n, r.test_bit - 1, r.test_bit},
                      {kDeimm, n + 3 + 3 + 4, r.test_bit, r.test_bit - 1},
                      {kLeak, 2 * n + 7, 3, 3}});
  EXPECT_FALSE(out.crashed);
  EXPECT_EQ(out.objects[0].word, 3u);
  EXPECT_EQ(out.objects[0].logical, 0);
  EXPECT_FALSE(out.events.back().op.has_value());  // a leak has no operation
}

/// Legacy +N to UINT32_MAX, core +3 (all swallowed), legacy -N, core -3: the first core decref frees
/// the object while three references remain, the second touches freed memory.
TEST_P(Gh125174, coreIncrefsSwallowedAtSaturationFreeEarly) {
  const auto [v, r] = GetParam();
  const std::uint64_t n = r.free_n;
  const Outcome out =
      run_both(heap(v, r.w, {inc(kLegacy, n), inc(kCore, 3), dec(kLegacy, n), dec(kCore, 3)}));
  expect_events(out, {{kAccident, r.test_bit - 1, r.test_bit - 1, r.test_bit},
                      {kDeimm, n + 3 + r.test_bit, r.test_bit, r.test_bit - 1},
                      {kDealloc, 2 * n + 4, 1, 0, Action::Freed, /*premature=*/true},
                      {kUaf, 2 * n + 5, 0, 0}});
  EXPECT_TRUE(out.crashed);
  ASSERT_TRUE(out.stopped.has_value());
  EXPECT_EQ(out.stopped->step, 2 * n + 5);
  EXPECT_EQ(out.stopped->event, kUaf);
  EXPECT_EQ(out.steps, 2 * n + 5);
  EXPECT_TRUE(out.objects[0].freed);
  EXPECT_EQ(out.objects[0].logical, 2);  // 3 references remained at the free; the crash took one
}

INSTANTIATE_TEST_SUITE_P(Section810, Gh125174,
                         ::testing::Combine(::testing::Values(Version::V3_12, Version::V3_13, Version::V3_14),
                                            ::testing::ValuesIn(kSplit)),
                         [](const auto& info) {
                           const Version v = std::get<0>(info.param);
                           return std::string(v == Version::V3_12   ? "v312"
                                              : v == Version::V3_13 ? "v313"
                                                                    : "v314") +
                                  "_w" + std::to_string(std::get<1>(info.param).w.bits);
                         });

/// Where 3.12 and 3.14 part: legacy +N to 0xC000_0000. 3.12 still counts the core's +3 (it saturates
/// only at UINT32_MAX) and ends balanced; 3.14's incref stops at _Py_IMMORTAL_INITIAL_REFCNT, swallows
/// them, and the core's -3 then free the object early.
TEST(Gh125174Ratchet, from0xC0000000The312CountIsRightAndThe314OneFreesEarly) {
  for (const Split& r : kSplit) {
    SCOPED_TRACE(r.w.bits);
    const std::uint64_t n = r.ratchet_n;
    const Word limit = n + 1;  // 0xC000_0000
    const std::vector<Op> ops = {inc(kLegacy, n), inc(kCore, 3), dec(kLegacy, n), dec(kCore, 3)};

    const Outcome v312 = run_both(heap(Version::V3_12, r.w, ops));
    expect_events(v312, {{kAccident, r.test_bit - 1, r.test_bit - 1, r.test_bit},
                         {kDeimm, n + 3 + (limit + 3 - (r.test_bit - 1)), r.test_bit, r.test_bit - 1}});
    EXPECT_FALSE(v312.crashed);
    EXPECT_EQ(v312.objects[0].word, 1u);
    EXPECT_EQ(v312.objects[0].logical, 1);

    const Outcome v314 = run_both(heap(Version::V3_14, r.w, ops));
    expect_events(v314, {{kAccident, r.test_bit - 1, r.test_bit - 1, r.test_bit},
                         {kDeimm, n + 3 + (limit - (r.test_bit - 1)), r.test_bit, r.test_bit - 1},
                         {kDealloc, 2 * n + 4, 1, 0, Action::Freed, /*premature=*/true},
                         {kUaf, 2 * n + 5, 0, 0}});
    EXPECT_TRUE(v314.crashed);
  }
}

/// The literal step numbers at 64 bits, for the record.
TEST(Gh125174Ratchet, realWidthStepNumbers) {
  const Split& r = kSplit[0];
  EXPECT_EQ(2 * r.leak_n + 7, 4294967301u);           // the leak is reported at the last step
  EXPECT_EQ(r.free_n + 3 + r.test_bit, 6442450945u);  // deimmortalized on the way down
  EXPECT_EQ(2 * r.free_n + 4, 8589934592u);           // freed with 3 references left
  const Outcome out = run(heap(
      Version::V3_12, r.w, {inc(kLegacy, r.free_n), inc(kCore, 3), dec(kLegacy, r.free_n), dec(kCore, 3)}));
  ASSERT_GE(out.events.size(), 3u);
  EXPECT_EQ(out.events[2].step, 8589934592u);
  EXPECT_EQ(out.events[2].action, Action::Freed);
  EXPECT_TRUE(out.events[2].premature);
}

}  // namespace
}  // namespace refsim::counts
