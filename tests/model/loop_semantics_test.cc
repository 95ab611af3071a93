// The runtime's own operations at the real widths, one expectation per line of the CPython code
// they model (pycore_stackref.h GIL branch, _Py_INCREF_MORTAL / Py_DECREF_MORTAL, _Py_RefcntAdd of
// 3.12, 3.13 and 3.14). Values are written out here, not computed from model/constants.h.
#include <gtest/gtest.h>

#include "model/runtime.h"
#include "model/semantics/loop.h"

namespace refsim {
namespace {

Code core_of(Version v, unsigned bits, bool debug = false) {
  return Runtime(RuntimeSpec{v, Width{bits}, debug, Strategy::AsShipped, {}}).code(Origin::Core);
}

constexpr Width k64{64}, k32{32};

TEST(LoopSemantics, stealOn64BitReadsTheImmortalFlagBitNotTheTest) {
  const Code c = core_of(Version::V3_14, 64);
  // Mortal low half, flags 5: still uncounted (observed on 3.14.7).
  EXPECT_TRUE(loop_steal(c, k64, 0x0005'0000'7fff'ffffULL).skipped);
  // Immortal-looking low half, flags 4 (the borrow cleared bit 0): counted.
  EXPECT_FALSE(loop_steal(c, k64, 0x0004'ffff'ffff'ffffULL).skipped);
  EXPECT_EQ(loop_steal(c, k64, 0x0004'ffff'ffff'ffffULL).word, 0x0004'ffff'ffff'ffffULL);
  // A heap object: flags 0.
  EXPECT_FALSE(loop_steal(c, k64, 3).skipped);
}

TEST(LoopSemantics, stealOn32BitUsesTheImmortalityTest) {
  const Code c = core_of(Version::V3_14, 32);
  EXPECT_TRUE(loop_steal(c, k32, 0x40000000).skipped);
  EXPECT_FALSE(loop_steal(c, k32, 0x3fffffff).skipped);
  EXPECT_FALSE(loop_steal(c, k32, 0x80000000).skipped);  // negative: not immortal
}

TEST(LoopSemantics, newIsUncountedWhenImmortalElseAnUnconditionalIncrement) {
  const Code c = core_of(Version::V3_15, 64);
  EXPECT_TRUE(loop_new(c, k64, 0x0005'0000'c000'0000ULL).skipped);
  const StepResult r = loop_new(c, k64, 0x0005'0000'7fff'ffffULL);
  EXPECT_FALSE(r.skipped);
  EXPECT_EQ(r.word, 0x0005'0000'8000'0000ULL);
  const Code c32 = core_of(Version::V3_14, 32);
  EXPECT_EQ(loop_new(c32, k32, 0x3fffffff).word, 0x40000000u);
}

TEST(LoopSemantics, counted64BitCloseIsAU32DecrementWithoutBorrow) {
  const Code c = core_of(Version::V3_14, 64);
  const StepResult at_one = loop_close_counted(c, k64, 0x0005'0001'0000'0001ULL);
  EXPECT_TRUE(at_one.dealloc);
  EXPECT_EQ(at_one.word, 0x0005'0001'0000'0000ULL);
  // No immortality test: an immortal-looking low half goes down.
  EXPECT_EQ(loop_close_counted(c, k64, 0x0004'ffff'ffff'ffffULL).word, 0x0004'ffff'ffff'fffeULL);
  // At a low half of 0 the u32 wraps, no dealloc, nothing borrowed.
  const StepResult at_zero = loop_close_counted(c, k64, 0x0001'0000'0000'0000ULL);
  EXPECT_FALSE(at_zero.dealloc);
  EXPECT_EQ(at_zero.word, 0x0001'0000'ffff'ffffULL);
}

TEST(LoopSemantics, debugCloseChecksOobRefcntAtMostZeroFirst) {
  const Code c64 = core_of(Version::V3_14, 64, true);
  EXPECT_TRUE(loop_close_counted(c64, k64, 0x0005'0001'0000'0000ULL).negative);  // u32 0
  EXPECT_FALSE(loop_close_counted(c64, k64, 0x0001'ffff'ffff'ffffULL).negative);  // u32 is never < 0
  const Code c32 = core_of(Version::V3_14, 32, true);
  EXPECT_TRUE(loop_close_counted(c32, k32, 0x80000000).negative);
  EXPECT_TRUE(loop_close_counted(c32, k32, 0).negative);
  EXPECT_FALSE(loop_close_counted(c32, k32, 1).negative);
}

// 3.14.7 debug builds assert !_Py_IsStaticImmortal(op) in _Py_INCREF_MORTAL and Py_DECREF_MORTAL
// (pycore_object.h:1019, :445) and in PyStackRef_CheckValid of a counted reference
// (pycore_stackref.h:490): on 64-bit the static flag (4) of ob_flags, on 32-bit a word of at least
// 0x60000000. A release build runs the same code without the check.
TEST(LoopSemantics, debugAssertsThatACountedReferenceIsNotToAStaticObject) {
  const Code debug64 = core_of(Version::V3_14, 64, true), release64 = core_of(Version::V3_14, 64);
  const Word mortal_none = 0x0005'0000'7fff'ffffULL;  // static and immortal flags, low half mortal
  EXPECT_TRUE(loop_new(debug64, k64, mortal_none).negative);
  EXPECT_FALSE(loop_new(release64, k64, mortal_none).negative);
  EXPECT_EQ(loop_new(release64, k64, mortal_none).word, 0x0005'0000'8000'0000ULL);
  EXPECT_FALSE(loop_new(debug64, k64, 0x0000'0000'0000'0001ULL).negative);      // a heap object
  EXPECT_TRUE(loop_steal(debug64, k64, 0x0004'ffff'ffff'ffffULL).negative);     // counted, static
  EXPECT_FALSE(loop_steal(debug64, k64, 0x0005'0000'7fff'ffffULL).negative);    // uncounted
  EXPECT_TRUE(loop_steal_release(debug64, k64, 0x0004'ffff'ffff'ffffULL).negative);
  EXPECT_TRUE(loop_close_counted(debug64, k64, 0x0004'0000'0000'0005ULL).negative);
  EXPECT_FALSE(loop_close_counted(debug64, k64, 0x0001'0000'0000'0005ULL).negative);
  EXPECT_TRUE(loop_dup_counted(debug64, k64, 0x0004'0000'0000'0005ULL).negative);

  const Code debug32 = core_of(Version::V3_14, 32, true);
  // The new mortal reference's check looks at the word after the increment.
  const StepResult crossing = loop_new_mortal(debug32, k32, 0x5fffffff);
  EXPECT_TRUE(crossing.negative);
  EXPECT_EQ(crossing.word, 0x60000000u);
  EXPECT_FALSE(loop_new_mortal(debug32, k32, 0x5ffffffe).negative);
  EXPECT_FALSE(loop_new_mortal(core_of(Version::V3_14, 32), k32, 0x5fffffff).negative);
  EXPECT_TRUE(loop_close_counted(debug32, k32, 0x60000000).negative);
  EXPECT_FALSE(loop_close_counted(debug32, k32, 0x5fffffff).negative);
  EXPECT_TRUE(loop_dup_counted(debug32, k32, 0x7fffffff).negative);
  // LOAD_CONST_IMMORTAL's PyStackRef_FromPyObjectImmortal asserts that the word is immortal.
  EXPECT_TRUE(loop_immortal(debug32, k32, 0x3fffffff).negative);
  EXPECT_FALSE(loop_immortal(debug32, k32, 0x40000000).negative);
  EXPECT_FALSE(loop_immortal(core_of(Version::V3_14, 32), k32, 0x3fffffff).negative);
  EXPECT_TRUE(loop_immortal(debug64, k64, mortal_none).negative);
}

TEST(LoopSemantics, counted32BitCloseOfTheMostNegativeWordOverflows) {
  const StepResult r = loop_close_counted(core_of(Version::V3_14, 32), k32, 0x80000000);
  EXPECT_TRUE(r.overflow);
  EXPECT_EQ(r.word, 0x7fffffffu);
}

TEST(LoopSemantics, dupOfACountedReferenceIncrementsTheLowHalfWithoutCarry) {
  const Code c = core_of(Version::V3_14, 64);
  EXPECT_EQ(loop_dup_counted(c, k64, 0x0000'0000'ffff'ffffULL).word, 0u);
  EXPECT_EQ(loop_dup_counted(c, k64, 0x0000'0000'c000'0000ULL).word, 0xc000'0001ULL);
}

TEST(LoopSemantics, stealReleaseIsNothingWhenUncountedElseTheClose) {
  const Code c = core_of(Version::V3_14, 64);
  EXPECT_TRUE(loop_steal_release(c, k64, 0x0005'0000'0000'0001ULL).skipped);
  const StepResult r = loop_steal_release(c, k64, 0x0004'0000'0000'0001ULL);
  EXPECT_TRUE(r.dealloc);
}

TEST(RefcntAdd, v312And313AddToTheFullWordWithoutSaturation) {
  for (Version v : {Version::V3_12, Version::V3_13}) {
    const Code c64 = core_of(v, 64);
    EXPECT_TRUE(refcnt_add(c64, k64, 0xffff'ffffULL, 5).skipped);
    EXPECT_EQ(refcnt_add(c64, k64, 0x7fff'fff0ULL, 0x20).word, 0x8000'0010ULL);
    EXPECT_EQ(refcnt_add(c64, k64, 0x1'0000'0000ULL, 7).word, 0x1'0000'0007ULL);
    const Code c32 = core_of(v, 32);
    EXPECT_TRUE(refcnt_add(c32, k32, 0x3fffffff, 5).skipped);
    EXPECT_EQ(refcnt_add(c32, k32, 0x3ffffffa, 1000).word, 0x400003e2u);  // passes the value: mortal
    EXPECT_TRUE(refcnt_add(c32, k32, 0x7ffffff0, 0x20).overflow);
  }
}

TEST(RefcntAdd, v314StoresTheInitialValueOnceTheSumReachesTheMinimum) {
  const Code c64 = core_of(Version::V3_14, 64);
  EXPECT_TRUE(refcnt_add(c64, k64, 0x8000'0000ULL, 1).skipped);
  EXPECT_EQ(refcnt_add(c64, k64, 0x0002'0003'7fff'fff0ULL, 0x10).word, 0x0002'0003'c000'0000ULL);
  EXPECT_EQ(refcnt_add(c64, k64, 0x0002'0003'7fff'fff0ULL, 0x0f).word, 0x0002'0003'7fff'ffffULL);
  const Code c32 = core_of(Version::V3_14, 32);
  EXPECT_EQ(refcnt_add(c32, k32, 0x3ffffffa, 1000).word, 0x50000000u);
  EXPECT_EQ(refcnt_add(c32, k32, 0x3ffffffa, 5).word, 0x3fffffffu);
  EXPECT_EQ(refcnt_add(c32, k32, 0xfffffffe, 5).word, 3u);  // a negative word is mortal: plain add
}

}  // namespace
}  // namespace refsim
