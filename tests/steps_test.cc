// Single steps: the real headers' results and the boundary facts of docs/semantics-*.md
// (3.11, drafts, 3.12/3.13, 3.14) through the semantics functions, and where each arithmetic reports a signed
// overflow (the event table of docs/FORMATS.md).
#include <gtest/gtest.h>

#include "model/constants.h"
#include "model/semantics/step.h"
#include "tests/width_constants.h"

namespace refsim {
namespace {

constexpr Word kAllOnes64 = 0xFFFF'FFFF'FFFF'FFFFu;

// --- 3.12 / 3.13, 64-bit (section 4.2) ---------------------------------------------------------------

TEST(Step312, increfAcrossBitThirtyOneMakesTheObjectImmortal) {
  const StepResult r = incref_312(W64, 0x7FFF'FFFFu);
  EXPECT_EQ(r.word, 0x8000'0000u);
  EXPECT_FALSE(r.skipped);
  EXPECT_TRUE(immortal_312(W64, r.word));
  EXPECT_FALSE(immortal_312(W64, 0x7FFF'FFFFu));
}

TEST(Step312, increfSaturatesAtUintMaxAndNeverCarries) {
  EXPECT_TRUE(incref_312(W64, 0xFFFF'FFFFu).skipped);
  EXPECT_EQ(incref_312(W64, 0xFFFF'FFFFu).word, 0xFFFF'FFFFu);
  EXPECT_TRUE(incref_312(W64, 0x3'FFFF'FFFFu).skipped);
  // Between 2^31 and UINT_MAX the object is immortal, yet incref still counts (the saturating add).
  EXPECT_EQ(incref_312(W64, 0x8000'0000u).word, 0x8000'0001u);
  EXPECT_EQ(incref_312(W64, 0xFFFF'FFFEu).word, 0xFFFF'FFFFu);
  // hi32 (legacy carries) is left alone.
  EXPECT_EQ(incref_312(W64, 0x1'0000'0000u).word, 0x1'0000'0001u);
}

TEST(Step312, decrefBorrowsAcrossBitThirtyTwo) {
  const StepResult r = decref_312(W64, 0x1'0000'0000u, false);
  EXPECT_EQ(r.word, 0xFFFF'FFFFu);
  EXPECT_FALSE(r.dealloc);
  EXPECT_TRUE(immortal_312(W64, r.word));
}

TEST(Step312, decrefOfZeroGivesAllOnesWhichReadsImmortal) {
  const StepResult r = decref_312(W64, 0, false);
  EXPECT_EQ(r.word, kAllOnes64);
  EXPECT_FALSE(r.dealloc);
  EXPECT_FALSE(r.overflow);  // 0 - 1 = -1 is no signed overflow
  EXPECT_TRUE(immortal_312(W64, r.word));
}

TEST(Step312, decrefSkipsWhileBitThirtyOneIsSetAndDeallocsAtFullWordZero) {
  EXPECT_TRUE(decref_312(W64, 0x8000'0000u, false).skipped);
  EXPECT_TRUE(decref_312(W64, 0xFFFF'FFFFu, false).skipped);
  EXPECT_EQ(decref_312(W64, 0x7FFF'FFFFu, false).word, 0x7FFF'FFFEu);
  EXPECT_TRUE(decref_312(W64, 1, false).dealloc);
  EXPECT_EQ(decref_312(W64, 1, false).word, 0u);
  // The dealloc test is on the full word: lo32 reaching 0 under a non-zero hi32 is not a dealloc.
  EXPECT_FALSE(decref_312(W64, 0x1'0000'0001u, false).dealloc);
  EXPECT_EQ(decref_312(W64, 0x1'0000'0001u, false).word, 0x1'0000'0000u);
}

TEST(Step312, setRefcntWritesTheFullWordUnlessImmortal) {
  EXPECT_EQ(set_312(W64, 0x1'0000'0000u, 5).word, 5u);
  EXPECT_TRUE(set_312(W64, 0xFFFF'FFFFu, 5).skipped);
  EXPECT_EQ(set_312(W64, 0xFFFF'FFFFu, 5).word, 0xFFFF'FFFFu);
}

// --- 3.12 / 3.13, 32-bit: equality (section 4.3) ----------------------------------------------------

TEST(Step312, thirtyTwoBitImmortalityIsEquality) {
  const StepResult up = incref_312(W32, 0x3FFF'FFFEu);
  EXPECT_EQ(up.word, 0x3FFF'FFFFu);
  EXPECT_TRUE(immortal_312(W32, up.word));
  const StepResult down = decref_312(W32, 0x4000'0000u, false);
  EXPECT_EQ(down.word, 0x3FFF'FFFFu);
  EXPECT_TRUE(immortal_312(W32, down.word));
  const StepResult past = incref_312(W32, 0x4000'0000u);
  EXPECT_EQ(past.word, 0x4000'0001u);
  EXPECT_FALSE(immortal_312(W32, past.word));
  EXPECT_TRUE(incref_312(W32, 0x3FFF'FFFFu).skipped);
  EXPECT_TRUE(decref_312(W32, 0x3FFF'FFFFu, false).skipped);
  EXPECT_TRUE(set_312(W32, 0x3FFF'FFFFu, 5).skipped);
  EXPECT_EQ(set_312(W32, 0x4000'0000u, 5).word, 5u);
  EXPECT_TRUE(decref_312(W32, 1, false).dealloc);
}

// --- 3.12 / 3.13 debug: before the decrement, before the immortal test (section 4.4) -----------------

TEST(Step312Debug, negativeCheckFiresOnTheFullSignedWordBeforeDecrementing) {
  for (const Word w : {Word{0}, Word{0x8000'0000'0000'0000u}, kAllOnes64}) {
    SCOPED_TRACE(w);
    const StepResult r = decref_312(W64, w, true);
    EXPECT_TRUE(r.negative);
    EXPECT_EQ(r.word, w);  // fired before the decrement
    EXPECT_FALSE(r.dealloc);
  }
  // All ones is immortal: the check runs before the immortal test.
  EXPECT_TRUE(immortal_312(W64, kAllOnes64));
  EXPECT_FALSE(decref_312(W64, kAllOnes64, false).negative);
  for (const Word w : {Word{0}, Word{0x8000'0000u}, Word{0xFFFF'FFFFu}}) {
    SCOPED_TRACE(w);
    EXPECT_TRUE(decref_312(W32, w, true).negative);
    EXPECT_EQ(decref_312(W32, w, true).word, w);
  }
}

TEST(Step312Debug, anImmortalUintMaxIsPositiveAsInt64AndPasses) {
  const StepResult r = decref_312(W64, 0xFFFF'FFFFu, true);
  EXPECT_FALSE(r.negative);
  EXPECT_TRUE(r.skipped);
  EXPECT_FALSE(decref_312(W32, 0x3FFF'FFFFu, true).negative);
  EXPECT_TRUE(decref_312(W64, 1, true).dealloc);
  EXPECT_FALSE(decref_312(W64, 1, true).negative);
  EXPECT_TRUE(decref_312(W32, 1, true).dealloc);
}

// --- 3.14 / 3.15, 64-bit (section 6.3) ---------------------------------------------------------------

TEST(Step314, increfRatchetsUpToInitialAndStops) {
  EXPECT_EQ(incref_314(W64, 0xBFFF'FFFFu).word, 0xC000'0000u);
  EXPECT_FALSE(incref_314(W64, 0xBFFF'FFFFu).skipped);
  EXPECT_TRUE(incref_314(W64, 0xC000'0000u).skipped);
  EXPECT_EQ(incref_314(W64, 0xC000'0000u).word, 0xC000'0000u);
  EXPECT_TRUE(incref_314(W64, 0xFFFF'FFFFu).skipped);
  EXPECT_TRUE(incref_314(W64, 0x0005'0000'C000'0000u).skipped);
  // Immortal already (decref skips) but incref still counts: the ratchet.
  EXPECT_EQ(incref_314(W64, 0x7FFF'FFFFu).word, 0x8000'0000u);
  EXPECT_TRUE(immortal_314(W64, 0x8000'0000u));
  EXPECT_EQ(incref_314(W64, 0x8000'0000u).word, 0x8000'0001u);
  // No carry into ob_overflow / ob_flags.
  EXPECT_EQ(incref_314(W64, 0x0003'0002'0000'0007u).word, 0x0003'0002'0000'0008u);
}

TEST(Step314, decrefIsAU32DecrementThatDeallocsAtLowHalfZero) {
  const StepResult r = decref_314(W64, 0x1'0000'0001u, false);
  EXPECT_EQ(r.word, 0x1'0000'0000u);
  EXPECT_TRUE(r.dealloc);  // whatever ob_overflow holds
  const StepResult wrap = decref_314(W64, 0x1'0000'0000u, false);
  EXPECT_EQ(wrap.word, 0x1'FFFF'FFFFu);  // no borrow
  EXPECT_FALSE(wrap.dealloc);
  EXPECT_TRUE(immortal_314(W64, wrap.word));
  EXPECT_TRUE(decref_314(W64, 0x8000'0000u, false).skipped);
  EXPECT_EQ(decref_314(W64, 0x7FFF'FFFFu, false).word, 0x7FFF'FFFEu);
  EXPECT_FALSE(immortal_314(W64, 0x7FFF'FFFFu));
  EXPECT_EQ(decref_314(W64, 0, false).word, 0xFFFF'FFFFu);
}

TEST(Step314, setRefcntWritesOnlyTheLowHalf) {
  EXPECT_EQ(set_314(W64, 0x1'0000'0000u, 5, false).word, 0x1'0000'0005u);
  EXPECT_EQ(set_314(W64, 0x0005'0000'0000'0003u, 0x1'0000'0007u, false).word, 0x0005'0000'0000'0007u);
  EXPECT_TRUE(set_314(W64, 0xC000'0000u, 5, false).skipped);
  EXPECT_TRUE(set_314(W64, 0x8000'0000u, 5, false).skipped);
}

// 3.14.7 refcount.h:153: Py_SET_REFCNT opens with assert(refcnt >= 0), before the immortality test, so
// in code built without NDEBUG a negative value stops the process even on an immortal object.
TEST(Step314, debugSetRefcntAssertsANonNegativeValue) {
  const StepResult minus_one = set_314(W64, 0x1'0000'0003u, ~Word{0}, true);
  EXPECT_TRUE(minus_one.negative);
  EXPECT_EQ(minus_one.word, 0x1'0000'0003u);
  EXPECT_TRUE(set_314(W64, 0xC000'0000u, Word{1} << 63, true).negative);  // immortal: still asserts
  EXPECT_TRUE(set_314(W32, 0x4000'0000u, 0x8000'0000u, true).negative);
  // 2^63-1 and 2^32 are not negative as a 64-bit Py_ssize_t: truncated into the u32, no assert.
  EXPECT_EQ(set_314(W64, 7, (Word{1} << 63) - 1, true).word, 0xFFFF'FFFFu);
  EXPECT_FALSE(set_314(W64, 7, Word{1} << 32, true).negative);
  EXPECT_FALSE(set_314(W32, 7, 0x7FFF'FFFFu, true).negative);
  // Release-built code has no assert: -1 goes into the u32 as the header's cast does.
  EXPECT_EQ(set_314(W64, 0x1'0000'0003u, ~Word{0}, false).word, 0x1'FFFF'FFFFu);
}

// --- 3.14 / 3.15, 32-bit: the signed threshold (section 6.4) ------------------------------------------

TEST(Step314, thirtyTwoBitImmortalityIsASignedThreshold) {
  const StepResult up = incref_314(W32, 0x3FFF'FFFFu);
  EXPECT_EQ(up.word, 0x4000'0000u);
  EXPECT_TRUE(immortal_314(W32, up.word));
  EXPECT_FALSE(up.overflow);
  // A sample of the frozen band; the width-8 test below covers its analogue exhaustively.
  for (Word w = 0x4000'0000u; w <= 0x7FFF'FFFFu; w += 0x0100'0001u) {
    SCOPED_TRACE(w);
    EXPECT_TRUE(incref_314(W32, w).skipped);
    EXPECT_TRUE(decref_314(W32, w, false).skipped);
    EXPECT_TRUE(set_314(W32, w, 5, false).skipped);
  }
  EXPECT_TRUE(incref_314(W32, 0x7FFF'FFFFu).skipped);
  EXPECT_TRUE(decref_314(W32, 0x7FFF'FFFFu, false).skipped);
  const StepResult wrap = decref_314(W32, 0x8000'0000u, false);
  EXPECT_EQ(wrap.word, 0x7FFF'FFFFu);
  EXPECT_TRUE(immortal_314(W32, wrap.word));
  EXPECT_TRUE(wrap.overflow);
  EXPECT_FALSE(wrap.dealloc);
  // Negative words are not immortal.
  EXPECT_FALSE(immortal_314(W32, 0x8000'0000u));
  EXPECT_EQ(incref_314(W32, 0x8000'0000u).word, 0x8000'0001u);
  EXPECT_TRUE(decref_314(W32, 1, false).dealloc);
}

TEST(Step314, eightBitBandIsFrozenEverywhere) {
  for (Word w = 0; w <= 0xFF; ++w) {
    SCOPED_TRACE(w);
    const bool band = w >= 0x40 && w <= 0x7F;
    EXPECT_EQ(immortal_314(W8, w), band);
    EXPECT_EQ(incref_314(W8, w).skipped, band);
    EXPECT_EQ(decref_314(W8, w, false).skipped, band);
  }
}

// --- 3.14 debug (section 6.5) ------------------------------------------------------------------------

TEST(Step314Debug, sixtyFourBitCheckFiresInTheVeryLargeWindowEvenWhenImmortal) {
  for (const Word w : {Word{0xFFF0'0000u}, Word{0xFFFF'FFFEu}, Word{0xFFFF'FFFFu}, Word{0x1'FFFF'FFFFu},
                       Word{0x0005'0000'FFF0'0000u}, Word{0x8000'0000'0000'0000u},
                       Word{0x8000'0000'C000'0000u}, Word{0x8000'0000'0000'0005u}, Word{0}}) {
    SCOPED_TRACE(w);
    const StepResult r = decref_314(W64, w, true);
    EXPECT_TRUE(r.negative);
    EXPECT_EQ(r.word, w);
  }
  EXPECT_TRUE(immortal_314(W64, 0xFFF0'0000u));
  // Just below the window: an ordinary immortal skip.
  EXPECT_FALSE(decref_314(W64, 0xFFEF'FFFFu, true).negative);
  EXPECT_TRUE(decref_314(W64, 0xFFEF'FFFFu, true).skipped);
  EXPECT_FALSE(decref_314(W64, 0x0005'0000'C000'0000u, true).negative);
  EXPECT_TRUE(decref_314(W64, 1, true).dealloc);
  EXPECT_FALSE(decref_314(W64, 1, true).negative);
}

TEST(Step314Debug, thirtyTwoBitCheckIsWordAtMostZero) {
  for (const Word w : {Word{0}, Word{0x8000'0000u}, Word{0xFFFF'FFFFu}}) {
    SCOPED_TRACE(w);
    EXPECT_TRUE(decref_314(W32, w, true).negative);
  }
  EXPECT_FALSE(decref_314(W32, 0x7000'0000u, true).negative);
  EXPECT_TRUE(decref_314(W32, 1, true).dealloc);
}

// --- 3.11 (sections 2.2, 2.3) ------------------------------------------------------------------------

TEST(Step311, fullWordArithmeticWithDeallocAtZero) {
  EXPECT_EQ(incref_311(W64, 0xFFFF'FFFFu).word, 0x1'0000'0000u);  // the carry crosses bit 32
  EXPECT_EQ(decref_311(W64, 0x1'0000'0000u, false).word, 0xFFFF'FFFFu);
  EXPECT_TRUE(decref_311(W64, 1, false).dealloc);
  EXPECT_EQ(decref_311(W64, 0, false).word, kAllOnes64);
  EXPECT_FALSE(decref_311(W64, 0, false).dealloc);
  EXPECT_EQ(set_311(W64, 7, 5).word, 5u);
}

TEST(Step311Debug, negativeCheckRunsAfterTheDecrement) {
  const StepResult r = decref_311(W64, 0, true);
  EXPECT_TRUE(r.negative);
  EXPECT_EQ(r.word, kAllOnes64);  // the decrement already happened
  EXPECT_TRUE(decref_311(W64, 0x8000'0000'0000'0001u, true).negative);
  EXPECT_TRUE(decref_311(W32, 0xFFFF'FFFFu, true).negative);
  EXPECT_FALSE(decref_311(W64, 2, true).negative);
  EXPECT_TRUE(decref_311(W64, 1, true).dealloc);
  EXPECT_FALSE(decref_311(W64, 1, true).negative);
  // At INT_MIN the decrement wraps to INT_MAX, which the after-check accepts (3.12's before-check
  // would not): "sN(W) <= 0 before" is not quite equivalent at the one overflowing word.
  EXPECT_FALSE(decref_311(W64, 0x8000'0000'0000'0000u, true).negative);
  EXPECT_TRUE(decref_312(W64, 0x8000'0000'0000'0000u, true).negative);
}

// --- PEP 683 drafts and Jewett's margin (sections 3, 8bis) --------------------------------------------

TEST(StepDraft, theImmortalBitSkipsEverything) {
  const Word bit = constants::r2_bit(W64), r = constants::draft_refcnt(bit);
  EXPECT_TRUE(incref_draft(W64, r, bit).skipped);
  EXPECT_TRUE(decref_draft(W64, r, bit, false).skipped);
  EXPECT_TRUE(set_draft(W64, r, 5, bit).skipped);
  EXPECT_EQ(incref_draft(W64, bit - 1, bit).word, bit);
  EXPECT_TRUE(immortal_draft(bit, bit));
  EXPECT_FALSE(immortal_draft(bit - 1, bit));
  // Above the bit's range the test is false again: 2 * bit is mortal and a decref brings it back.
  EXPECT_FALSE(immortal_draft(2 * bit, bit));
  EXPECT_EQ(decref_draft(W64, 2 * bit, bit, false).word, 2 * bit - 1);
  EXPECT_TRUE(immortal_draft(2 * bit - 1, bit));
  EXPECT_TRUE(decref_draft(W64, 1, bit, false).dealloc);
  // Debug: 3.11's check, after the decrement.
  EXPECT_TRUE(decref_draft(W64, 0, bit, true).negative);
  EXPECT_EQ(decref_draft(W64, 0, bit, true).word, kAllOnes64);
}

TEST(StepMargin, decrefAddsTheMarginBackWhenOnlyTheBitRemains) {
  for (const Width w : {W64, W32}) {
    SCOPED_TRACE(w.bits);
    const Word bit = constants::r2_bit(w), r = constants::draft_refcnt(bit);
    const StepResult back = decref_margin(w, bit + 1, bit, false);
    EXPECT_EQ(back.word, r);  // B|M again
    EXPECT_FALSE(back.dealloc);
    EXPECT_EQ(decref_margin(w, r, bit, false).word, r - 1);  // never skips
    EXPECT_TRUE(decref_margin(w, 1, bit, false).dealloc);
    EXPECT_EQ(incref_margin(w, r).word, r + 1);  // never skips ("rollover")
    EXPECT_FALSE(incref_margin(w, r).skipped);
  }
}

// --- signed overflow: exactly the operations C performs on Py_ssize_t (FORMATS.md events) ----------

TEST(StepOverflow, signedOperationsReportTheCrossingOfTheSignBit) {
  const Word bit64 = constants::r2_bit(W64), bit32 = constants::r2_bit(W32);
  // 3.11 and ext-3.11: the full word, both widths, both directions.
  EXPECT_TRUE(incref_311(W64, 0x7FFF'FFFF'FFFF'FFFFu).overflow);
  EXPECT_TRUE(decref_311(W64, 0x8000'0000'0000'0000u, false).overflow);
  EXPECT_TRUE(incref_311(W32, 0x7FFF'FFFFu).overflow);
  EXPECT_TRUE(decref_311(W32, 0x8000'0000u, false).overflow);
  EXPECT_FALSE(incref_311(W64, 0xFFFF'FFFF'FFFF'FFFFu).overflow);  // -1 + 1: no overflow
  EXPECT_FALSE(incref_311(W64, 0x7FFF'FFFFu).overflow);
  // 3.12/3.13 64-bit decref (full signed word); 32-bit both.
  const StepResult d = decref_312(W64, 0x8000'0000'0000'0000u, false);
  EXPECT_TRUE(d.overflow);
  EXPECT_EQ(d.word, 0x7FFF'FFFF'FFFF'FFFFu);
  EXPECT_TRUE(incref_312(W32, 0x7FFF'FFFFu).overflow);
  EXPECT_EQ(incref_312(W32, 0x7FFF'FFFFu).word, 0x8000'0000u);
  EXPECT_TRUE(decref_312(W32, 0x8000'0000u, false).overflow);
  // 3.14 32-bit decref at INT_MIN (incref at INT_MAX is skipped: the word is immortal).
  EXPECT_TRUE(decref_314(W32, 0x8000'0000u, false).overflow);
  // Drafts: 3.11's arithmetic behind the bit test.
  EXPECT_TRUE(decref_draft(W64, 0x8000'0000'0000'0000u, bit64, false).overflow);
  EXPECT_TRUE(decref_draft(W32, 0x8000'0000u, bit32, false).overflow);
  EXPECT_TRUE(incref_margin(W32, 0x7FFF'FFFFu).overflow);
}

TEST(StepOverflow, unsignedLowHalfOperationsNeverReportOverflow) {
  for (const Word w : {Word{0x7FFF'FFFF'FFFF'FFFFu}, Word{0x7FFF'FFFF'7FFF'FFFFu}, Word{0x7FFF'FFFFu},
                       Word{0x8000'0000'0000'0000u}, Word{0xFFFF'FFFF'FFFF'FFFFu}, Word{0}}) {
    SCOPED_TRACE(w);
    EXPECT_FALSE(incref_312(W64, w).overflow);
    EXPECT_FALSE(incref_314(W64, w).overflow);
    EXPECT_FALSE(decref_314(W64, w, false).overflow);
  }
  // The 3.14 64-bit decref at INT64_MIN: lo32 0 is mortal, the u32 wraps, the word's sign is kept.
  const StepResult r = decref_314(W64, 0x8000'0000'0000'0000u, false);
  EXPECT_EQ(r.word, 0x8000'0000'FFFF'FFFFu);
  EXPECT_FALSE(r.overflow);
}

TEST(StepOverflow, exactlyAtTheSignCrossingForEveryWordOfTheScaledWidths) {
  const Word r2 = constants::r2_bit(W8);
  for (Word w = 0; w <= 0xFF; ++w) {
    SCOPED_TRACE(w);
    const bool up = w == 0x7F, down = w == 0x80;  // INT_MAX + 1, INT_MIN - 1
    EXPECT_EQ(incref_311(W8, w).overflow, up);
    EXPECT_EQ(decref_311(W8, w, false).overflow, down);
    EXPECT_EQ(incref_312(W8, w).overflow, up);
    EXPECT_EQ(decref_312(W8, w, false).overflow, down);
    EXPECT_FALSE(incref_314(W8, w).overflow);  // INT_MAX is immortal there: skipped
    EXPECT_EQ(decref_314(W8, w, false).overflow, down);
    EXPECT_EQ(decref_draft(W8, w, r2, false).overflow, down);
  }
  for (Word w = 0; w <= 0xFFFF; ++w) {
    SCOPED_TRACE(w);
    EXPECT_FALSE(incref_312(W16, w).overflow);
    EXPECT_FALSE(incref_314(W16, w).overflow);
    EXPECT_FALSE(decref_314(W16, w, false).overflow);
    EXPECT_EQ(decref_312(W16, w, false).overflow, w == 0x8000);  // mortal low half, full-word borrow
    EXPECT_EQ(incref_311(W16, w).overflow, w == 0x7FFF);
  }
}

// --- the same boundaries at the scaled widths ------------------------------------------------------------

TEST(StepScaled, sixteenBitsBehaveLikeSixtyFourOnEightBitHalves) {
  EXPECT_EQ(incref_312(W16, 0x7F).word, 0x80u);
  EXPECT_TRUE(immortal_312(W16, 0x80));
  EXPECT_TRUE(incref_312(W16, 0xFF).skipped);
  EXPECT_EQ(decref_312(W16, 0x100, false).word, 0xFFu);
  EXPECT_TRUE(decref_312(W16, 0, true).negative);
  EXPECT_EQ(incref_314(W16, 0xBF).word, 0xC0u);
  EXPECT_TRUE(incref_314(W16, 0xC0).skipped);
  EXPECT_TRUE(decref_314(W16, 0x101, false).dealloc);
  EXPECT_EQ(decref_314(W16, 0x100, false).word, 0x1FFu);
  EXPECT_EQ(set_314(W16, 0x100, 5, false).word, 0x105u);
  EXPECT_TRUE(decref_314(W16, 0x50E0, true).negative);
  EXPECT_FALSE(decref_314(W16, 0x50DF, true).negative);
  EXPECT_TRUE(decref_314(W16, 0x8000, true).negative);
}

TEST(StepScaled, eightBitsBehaveLikeThirtyTwo) {
  EXPECT_EQ(incref_312(W8, 0x3E).word, 0x3Fu);
  EXPECT_TRUE(immortal_312(W8, 0x3F));
  EXPECT_EQ(incref_312(W8, 0x40).word, 0x41u);
  EXPECT_EQ(decref_312(W8, 0x40, false).word, 0x3Fu);
  EXPECT_TRUE(incref_312(W8, 0x7F).overflow);
  EXPECT_EQ(incref_314(W8, 0x3F).word, 0x40u);
  EXPECT_EQ(decref_314(W8, 0x80, false).word, 0x7Fu);
  EXPECT_TRUE(decref_314(W8, 0x80, false).overflow);
  EXPECT_TRUE(decref_314(W8, 0x80, true).negative);
}

}  // namespace
}  // namespace refsim
