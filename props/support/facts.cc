// Facts: the literal numbers of docs/SEMANTICS.md per width, and its predicates.
#include "props/support/facts.h"

#include <cassert>

namespace refsim::props {

namespace {

// clang-format off
constexpr Layout kLayouts[] = {
  // bits split half_mask    r2_bit                 r3_bit                 3.11 static  3.12 immortal test bit      ratchet      3.14 minimum  3.14 static               3.14 runtime             debug lo max
  {64, true,  0xFFFF'FFFF, 0x1000'0000'0000'0000, 0x4000'0000'0000'0000, 999'999'999, 0xFFFF'FFFF, 0x8000'0000, 0xC000'0000, 0x8000'0000, 0x0005'0000'C000'0000, 0x0001'0000'C000'0000, 0xFFEF'FFFF},
  {32, false, 0,           0x1000'0000,           0x4000'0000,           999'999'999, 0x3FFF'FFFF, 0,           0,           0x4000'0000, 0x7000'0000,           0x5000'0000,           0},
  // 16: the 64-bit layout with 8-bit halves and 4-bit ob_overflow / ob_flags quarters. The debug
  // margin 1 << 20 of the 32-bit half is scaled as 2^(half * 5 / 8) = 32, refsim's convention.
  {16, true,  0xFF,        0x1000,                0x4000,                0x3B9A,      0xFF,        0x80,        0xC0,        0x80,        0x50C0,                0x10C0,                0xDF},
  // 8: the 32-bit layout's top bits.
  {8,  false, 0,           0x10,                  0x40,                  0x3B,        0x3F,        0,           0,           0x40,        0x70,                  0x50,                  0},
};
// clang-format on

}  // namespace

const Layout& layout(unsigned bits) {
  for (const Layout& l : kLayouts)
    if (l.bits == bits) return l;
  assert(false && "no such width");
  return kLayouts[0];
}

Facts::Facts(const RuntimeSpec& rt) : rt_(rt), l_(&layout(rt.width.bits)) {}

Word Facts::draft_bit() const {
  if (rt_.version == Version::PEP683_R2) return l_->r2_bit;
  if (rt_.version == Version::PEP683_R3) return l_->r3_bit;
  return 0;
}

Word Facts::initial(Kind kind, Int128 refs) const {
  if (kind == Kind::Heap) return static_cast<Word>(refs) & mask();
  switch (family()) {
    case Family::V311:
      // PyObject_HEAD_INIT is 1; the core's runtime statics use _PyObject_IMMORTAL_INIT (2.1).
      if (kind == Kind::SmallInt || kind == Kind::StaticStr || kind == Kind::StaticIdStr || kind == Kind::EmptyTuple ||
          kind == Kind::BytesSingleton)
        return l_->v311_static;
      if (kind == Kind::InternedStr) return static_cast<Word>(refs) & mask();
      return 1;
    case Family::Draft: return draft_bit() + draft_bit() / 2;  // every static object: BIT + BIT/2
    case Family::V312:
      // 3.12's PyObject_HEAD_INIT gives extensions 1; 3.13's is immortal for everyone (4.2, 5).
      if (kind == Kind::ExtStatic && rt_.version == Version::V3_12) return 1;
      return l_->v312_immortal;
    case Family::V314: return kind == Kind::InternedStr ? l_->v314_runtime : l_->v314_static;
  }
  return 1;
}

bool Facts::immortal(Word w) const {
  if (rt_.strategy == Strategy::NoImmortals) return false;
  w &= mask();
  switch (family()) {
    case Family::V311: return false;
    case Family::Draft: return (w & draft_bit()) != 0;
    case Family::V312: return l_->split ? (w & l_->v312_test_bit) != 0 : w == l_->v312_immortal;
    case Family::V314:
      return l_->split ? lo(w) >= l_->v314_minimum
                       : width().sN(w) >= static_cast<std::int64_t>(l_->v314_minimum);
  }
  return false;
}

bool Facts::core_debug_fires(Word before) const {
  if (!rt_.debug) return false;
  const Width w = width();
  before &= mask();
  // 3.11's check, after the decrement: the new word is not zero and negative (2.3).
  const auto after_decrement = [&](Word after) { after &= mask(); return after != 0 && w.sN(after) < 0; };
  if (rt_.strategy == Strategy::NoImmortals || family() == Family::V311) return after_decrement(before - 1);
  switch (family()) {
    case Family::Draft: {
      const Word bit = draft_bit();
      if (rt_.strategy == Strategy::ResetOnMargin) {
        // Jewett: W - 1; at (W & ~B) == 0 either the dealloc (W == 0) or the margin B/2 added back.
        Word after = (before - 1) & mask();
        if ((after & ~bit) == 0) {
          if (after == 0) return false;
          after += bit / 2;
        }
        return w.sN(after) < 0;
      }
      if (before & bit) return false;  // immortal: skipped before any check
      return after_decrement(before - 1);
    }
    case Family::V312: return w.sN(before) <= 0;  // before the decrement, full word (4.4)
    case Family::V314:  // 6.5: full word <= 0, or (64-bit) a low half above UINT32_MAX - 2^20
      return w.sN(before) <= 0 || (l_->split && lo(before) > l_->v314_debug_lo_max);
    case Family::V311: break;
  }
  return false;
}

bool Facts::core_set_asserts(Word value) const {
  // 3.14.7 refcount.h:153: Py_SET_REFCNT opens with assert(refcnt >= 0), not in 3.12.1 or 3.13.0
  // object.h; a debug runtime's own code keeps its asserts (no NDEBUG). Py_ssize_t is the word's width.
  if (!rt_.debug || rt_.strategy == Strategy::NoImmortals || family() != Family::V314) return false;
  return width().sN(value & mask()) < 0;
}

}  // namespace refsim::props
