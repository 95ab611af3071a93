// Constants: every refcount constant of docs/SEMANTICS.md and its version pages pinned to its literal
// value at the real widths, and the scaled widths (16, 8) pinned to the same formulas and to the
// orderings the arithmetic relies on.
#include "model/constants.h"

#include <gtest/gtest.h>

#include "model/runtime.h"
#include "tests/width_constants.h"

namespace refsim {
namespace {

namespace c = constants;


// --- the words themselves --------------------------------------------------------------------------

TEST(Width, masksHalvesAndSignedReadingsMatchTheRealBuilds) {
  EXPECT_EQ(W64.mask(), 0xFFFF'FFFF'FFFF'FFFFu);
  EXPECT_EQ(W32.mask(), 0xFFFF'FFFFu);
  EXPECT_EQ(W64.half_mask(), 0xFFFF'FFFFu);  // lo32: the u32 ob_refcnt / ob_refcnt_split
  EXPECT_EQ(W16.half_mask(), 0xFFu);
  EXPECT_EQ(W64.sign_bit(), 0x8000'0000'0000'0000u);
  EXPECT_EQ(W32.sign_bit(), 0x8000'0000u);
  EXPECT_EQ(W8.sign_bit(), 0x80u);
  EXPECT_EQ(W64.sN(0xFFFF'FFFF'FFFF'FFFFu), -1);
  EXPECT_EQ(W64.sN(0xFFFF'FFFFu), 4294967295);  // 3.12 immortal None passes the debug check
  EXPECT_EQ(W32.sN(0x8000'0000u), -2147483648);
  EXPECT_EQ(W32.sN(0x7FFF'FFFFu), 2147483647);
  EXPECT_EQ(W64.lo(0x0005'0000'C000'0000u), 0xC000'0000u);
  EXPECT_EQ(W64.with_lo(0x0005'0001'0000'0000u, 0x1'2345'6789u), 0x0005'0001'2345'6789u);
  EXPECT_TRUE(W64.split());
  EXPECT_TRUE(W16.split());
  EXPECT_FALSE(W32.split());
  EXPECT_FALSE(W8.split());
}

// --- 3.11 (section 2.1) ----------------------------------------------------------------------------

TEST(Constants311, immortalInitIs999999999AtBothRealWidths) {
  EXPECT_EQ(c::v311_static_init(W64), 999999999u);
  EXPECT_EQ(c::v311_static_init(W64), 0x3B9A'C9FFu);
  EXPECT_EQ(c::v311_static_init(W32), 0x3B9A'C9FFu);
  // Scaled: the top bits of 999999999, still a large positive count below the sign bit.
  EXPECT_EQ(c::v311_static_init(W16), 0x3B9Au);
  EXPECT_EQ(c::v311_static_init(W8), 0x3Bu);
}

// --- PEP 683 drafts (section 3) --------------------------------------------------------------------

TEST(ConstantsDraft, roundTwoUsesBitSixtyAndBitTwentyEight) {
  EXPECT_EQ(c::r2_bit(W64), 0x1000'0000'0000'0000u);
  EXPECT_EQ(c::draft_refcnt(c::r2_bit(W64)), 0x1800'0000'0000'0000u);
  EXPECT_EQ(c::r2_bit(W32), 0x1000'0000u);
  EXPECT_EQ(c::draft_refcnt(c::r2_bit(W32)), 0x1800'0000u);
  EXPECT_EQ(c::r2_bit(W16), 0x1000u);
  EXPECT_EQ(c::draft_refcnt(c::r2_bit(W16)), 0x1800u);
  EXPECT_EQ(c::r2_bit(W8), 0x10u);
  EXPECT_EQ(c::draft_refcnt(c::r2_bit(W8)), 0x18u);
}

TEST(ConstantsDraft, roundThreeUsesTheSecondMostSignificantBit) {
  EXPECT_EQ(c::r3_bit(W64), 0x4000'0000'0000'0000u);  // "e.g. 2^62"
  EXPECT_EQ(c::draft_refcnt(c::r3_bit(W64)), 0x6000'0000'0000'0000u);
  EXPECT_EQ(c::r3_bit(W32), 0x4000'0000u);  // "2^30 and ... 2^30 + 2^29"
  EXPECT_EQ(c::draft_refcnt(c::r3_bit(W32)), 0x6000'0000u);
  EXPECT_EQ(c::r3_bit(W16), 0x4000u);
  EXPECT_EQ(c::draft_refcnt(c::r3_bit(W16)), 0x6000u);
  EXPECT_EQ(c::r3_bit(W8), 0x40u);
  EXPECT_EQ(c::draft_refcnt(c::r3_bit(W8)), 0x60u);
}

// --- 3.12 / 3.13 (sections 1, 4) -------------------------------------------------------------------

TEST(Constants312, immortalRefcntIsUintMaxOn64AndUintMaxShiftedTwoOn32) {
  EXPECT_EQ(c::v312_immortal(W64), 0xFFFF'FFFFu);
  EXPECT_EQ(c::v312_immortal(W32), 0x3FFF'FFFFu);
  EXPECT_EQ(c::v312_test_bit(W64), 0x8000'0000u);  // (int32_t)ob_refcnt < 0
  EXPECT_EQ(c::v312_immortal(W16), 0xFFu);
  EXPECT_EQ(c::v312_test_bit(W16), 0x80u);
  EXPECT_EQ(c::v312_immortal(W8), 0x3Fu);
  // The immortal word lies inside the test bit's range, and refcount << 2 still fits on 32-bit.
  EXPECT_NE(c::v312_immortal(W64) & c::v312_test_bit(W64), 0u);
  EXPECT_NE(c::v312_immortal(W16) & c::v312_test_bit(W16), 0u);
  EXPECT_LT(c::v312_immortal(W32) << 2, Word{1} << 32);
}

// --- 3.14 / 3.15 64-bit layout (sections 6.1, 6.2, 6.5) --------------------------------------------

TEST(Constants314, splitWordConstantsMatchRefcountH) {
  EXPECT_EQ(c::v314_initial_lo(W64), 0xC000'0000u);  // 3ULL << 30
  EXPECT_EQ(c::v314_minimum_lo(W64), 0x8000'0000u);  // 1ULL << 31
  EXPECT_EQ(c::kImmortalFlag, 1u);
  EXPECT_EQ(c::kStaticFlag, 4u);
  EXPECT_EQ(c::kStaticFlag | c::kImmortalFlag, 5u);  // _Py_STATIC_FLAG_BITS
  EXPECT_EQ(c::v314_flags_shift(W64), 48u);
  EXPECT_EQ(c::v314_overflow_mask(W64), 0x0000'FFFF'0000'0000u);
  EXPECT_EQ(c::v314_flags_mask(W64), 0xFFFF'0000'0000'0000u);
  EXPECT_EQ(c::v314_static_initial64(W64), 0x0005'0000'C000'0000u);
  EXPECT_EQ(c::v314_runtime_initial64(W64), 0x0001'0000'C000'0000u);
  EXPECT_EQ(c::v314_debug_margin(W64), Word{1} << 20);
  EXPECT_EQ(c::v314_debug_lo_limit(W64), 0xFFEF'FFFFu);  // UINT32_MAX - (1 << 20)
}

TEST(Constants314, sixteenBitLayoutIsTheSameFormulasOnEightBitHalves) {
  EXPECT_EQ(c::v314_initial_lo(W16), 0xC0u);
  EXPECT_EQ(c::v314_minimum_lo(W16), 0x80u);
  EXPECT_EQ(c::v314_flags_shift(W16), 12u);
  EXPECT_EQ(c::v314_overflow_mask(W16), 0x0F00u);
  EXPECT_EQ(c::v314_flags_mask(W16), 0xF000u);
  EXPECT_EQ(c::v314_static_initial64(W16), 0x50C0u);
  EXPECT_EQ(c::v314_runtime_initial64(W16), 0x10C0u);
  EXPECT_EQ(c::v314_debug_margin(W16), 0x20u);
  EXPECT_EQ(c::v314_debug_lo_limit(W16), 0xDFu);
}

TEST(Constants314, theSplitWordPartsTileTheWordAndTheThresholdsAreOrdered) {
  for (const Width w : {W64, W16}) {
    SCOPED_TRACE(w.bits);
    // ob_refcnt, ob_overflow and ob_flags are disjoint and cover the word.
    EXPECT_EQ(w.half_mask() & c::v314_overflow_mask(w), 0u);
    EXPECT_EQ(c::v314_overflow_mask(w) & c::v314_flags_mask(w), 0u);
    EXPECT_EQ(w.half_mask() | c::v314_overflow_mask(w) | c::v314_flags_mask(w), w.mask());
    // minimum (decref skips) < initial (incref skips) < the debug window < UINT32_MAX.
    EXPECT_LT(c::v314_minimum_lo(w), c::v314_initial_lo(w));
    EXPECT_LT(c::v314_initial_lo(w), c::v314_debug_lo_limit(w) + 1);
    EXPECT_LT(c::v314_debug_lo_limit(w), w.half_mask());
    // The initial value is in the middle of [minimum, 2^half).
    EXPECT_EQ(c::v314_initial_lo(w) - c::v314_minimum_lo(w), w.half_mask() + 1 - c::v314_initial_lo(w));
    // The static word is the runtime word plus the static flag, both carry the immortal flag.
    EXPECT_EQ(c::v314_static_initial64(w) - c::v314_runtime_initial64(w),
              c::kStaticFlag << c::v314_flags_shift(w));
    EXPECT_EQ(w.lo(c::v314_static_initial64(w)), c::v314_initial_lo(w));
    EXPECT_EQ(c::v314_static_initial64(w) & c::v314_overflow_mask(w), 0u);
  }
}

// --- 3.14 / 3.15 32-bit layout (section 6.2) --------------------------------------------------------

TEST(Constants314, plainWordConstantsAreFiveSixAndSevenTimesTwoToTheTwentyEight) {
  EXPECT_EQ(c::v314_minimum32(W32), 0x4000'0000u);
  EXPECT_EQ(c::v314_initial32(W32), 0x5000'0000u);
  EXPECT_EQ(c::v314_static_minimum32(W32), 0x6000'0000u);
  EXPECT_EQ(c::v314_static_initial32(W32), 0x7000'0000u);
  EXPECT_EQ(c::v314_minimum32(W8), 0x40u);
  EXPECT_EQ(c::v314_initial32(W8), 0x50u);
  EXPECT_EQ(c::v314_static_minimum32(W8), 0x60u);
  EXPECT_EQ(c::v314_static_initial32(W8), 0x70u);
  for (const Width w : {W32, W8}) {
    SCOPED_TRACE(w.bits);
    EXPECT_LT(c::v314_minimum32(w), c::v314_initial32(w));
    EXPECT_LT(c::v314_initial32(w), c::v314_static_minimum32(w));
    EXPECT_LT(c::v314_static_minimum32(w), c::v314_static_initial32(w));
    EXPECT_LT(c::v314_static_initial32(w), w.sign_bit());  // all positive as Py_ssize_t
  }
}

// --- the runtime tables built from them (section 1's HEAD_INIT column and Py_REFCNT sanity values) --

Runtime runtime(Version v, unsigned bits) { return Runtime(RuntimeSpec{.version = v, .width = Width{bits}}); }

TEST(ConstantsInUse, pyRefcntOfNoneIsSection1sSanityValue) {
  const auto refcnt_of_none = [](Version v, unsigned bits) {
    const Runtime rt = runtime(v, bits);
    return rt.refcnt(rt.initial_word(Kind::None, 1));
  };
  EXPECT_EQ(refcnt_of_none(Version::V3_12, 64), 4294967295);
  EXPECT_EQ(refcnt_of_none(Version::V3_13, 64), 4294967295);
  EXPECT_EQ(refcnt_of_none(Version::V3_12, 32), 1073741823);
  EXPECT_EQ(refcnt_of_none(Version::V3_13, 32), 1073741823);
  EXPECT_EQ(refcnt_of_none(Version::V3_14, 64), 3221225472);  // only the u32 low half
  EXPECT_EQ(refcnt_of_none(Version::V3_15, 64), 3221225472);
  EXPECT_EQ(refcnt_of_none(Version::V3_14, 32), 1879048192);
  const Runtime rt = runtime(Version::V3_14, 32);
  EXPECT_EQ(rt.refcnt(rt.initial_word(Kind::InternedStr, 1)), 1342177280);
}

TEST(ConstantsInUse, pyObjectHeadInitOfAnExtensionMatchesEachRelease) {
  EXPECT_EQ(runtime(Version::V3_11, 64).initial_word(Kind::ExtStatic, 1), 1u);
  EXPECT_EQ(runtime(Version::V3_12, 64).initial_word(Kind::ExtStatic, 1), 1u);
  EXPECT_EQ(runtime(Version::V3_12, 32).initial_word(Kind::ExtStatic, 1), 1u);
  EXPECT_EQ(runtime(Version::V3_13, 64).initial_word(Kind::ExtStatic, 1), 0xFFFF'FFFFu);
  EXPECT_EQ(runtime(Version::V3_13, 32).initial_word(Kind::ExtStatic, 1), 0x3FFF'FFFFu);
  EXPECT_EQ(runtime(Version::V3_14, 64).initial_word(Kind::ExtStatic, 1), 0x0005'0000'C000'0000u);
  EXPECT_EQ(runtime(Version::V3_14, 32).initial_word(Kind::ExtStatic, 1), 0x7000'0000u);
  // ... and the core's own statics.
  EXPECT_EQ(runtime(Version::V3_11, 64).initial_word(Kind::None, 1), 1u);
  EXPECT_EQ(runtime(Version::V3_11, 64).initial_word(Kind::SmallInt, 1), 999999999u);
  EXPECT_EQ(runtime(Version::V3_12, 64).initial_word(Kind::None, 1), 0xFFFF'FFFFu);
  EXPECT_EQ(runtime(Version::PEP683_R2, 64).initial_word(Kind::None, 1), 0x1800'0000'0000'0000u);
  EXPECT_EQ(runtime(Version::PEP683_R3, 32).initial_word(Kind::None, 1), 0x6000'0000u);
  EXPECT_EQ(runtime(Version::V3_14, 64).initial_word(Kind::InternedStr, 1), 0x0001'0000'C000'0000u);
}

TEST(ConstantsInUse, resetsWriteSection7sWords) {
  // 3.12: the full word, hi32 cleared.
  EXPECT_EQ(runtime(Version::V3_12, 64).reset(0x1'0000'0000u), 0xFFFF'FFFFu);
  EXPECT_EQ(runtime(Version::V3_12, 32).reset(0u), 0x3FFF'FFFFu);
  // 3.14 64: lo := INITIAL, flags := 1 (the static flag is lost), ob_overflow kept.
  EXPECT_EQ(runtime(Version::V3_14, 64).reset(0x0005'0000'0000'0000u), 0x0001'0000'C000'0000u);
  EXPECT_EQ(runtime(Version::V3_14, 64).reset(0x0005'0003'0000'0000u), 0x0001'0003'C000'0000u);
  EXPECT_EQ(runtime(Version::V3_14, 32).reset(0u), 0x5000'0000u);
  // _Py_SetImmortalUntracked returns early on an object that is still immortal.
  EXPECT_EQ(runtime(Version::V3_14, 64).reset(0x0005'0000'9000'0000u), 0x0005'0000'9000'0000u);
}

}  // namespace
}  // namespace refsim
