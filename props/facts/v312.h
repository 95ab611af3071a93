// Facts row 3.12/3.13 (docs/semantics-3.12.md): _Py_IMMORTAL_REFCNT; on the 64-bit (split) layout
// the test is (int32_t)ob_refcnt < 0 and the core's incref saturates the low half, on 32 bits the
// test is equality with 0x3FFFFFFF; the debug decref checks the full signed word <= 0 first (4.4).
#pragma once

#include "props/facts/family.h"

namespace refsim::props {

template <>
struct FamilyFacts<Family::V312> {
  static constexpr Arith kCode = Arith::V312;
  static constexpr bool kImmortality = true;
  static constexpr bool kResetOnMargin = false;
  static constexpr bool kCoreKeepsImmortality = true;
  static constexpr bool kSetAsserts = false;  // 3.12.1 and 3.13.0 object.h: no assert

  /// 3.13 changed unicode_dealloc (Py_UNREACHABLE in a debug build).
  static DeallocColumn dealloc(Version v) { return v == Version::V3_12 ? DeallocColumn::V312 : DeallocColumn::V313; }

  static Word initial(const Facts& f, Kind kind, Int128) {
    // 3.12's PyObject_HEAD_INIT gives extensions 1; 3.13's is immortal for everyone (4.2, 5).
    if (kind == Kind::ExtStatic && f.spec().version == Version::V3_12) return 1;
    return f.numbers().v312_immortal;
  }
  static bool immortal(const Facts& f, Word w) {
    const Layout& l = f.numbers();
    return l.split ? (w & l.v312_test_bit) != 0 : w == l.v312_immortal;
  }
  static std::optional<Band> band(const Facts& f) {
    const Layout& l = f.numbers();
    if (l.split) return Band{l.v312_test_bit, l.half_mask, l.half_mask};
    return Band{l.v312_immortal, l.v312_immortal, f.mask()};
  }
  static std::optional<Word> incref_limit(const Facts& f) {
    return f.numbers().split ? std::optional<Word>(f.numbers().half_mask) : std::nullopt;
  }
  static bool debug_fires(const Facts& f, Word before) { return f.width().sN(before) <= 0; }

  static void bounds(const Facts& f, std::vector<gen::Boundary>& out) {
    const Layout& l = f.numbers();
    const unsigned n = l.bits, half = n / 2;
    if (l.split) {
      out.push_back({"3.12-immortal", l.v312_immortal, n});
      out.push_back({"3.12-lo-sign", l.v312_test_bit, half});
      out.push_back({"3.12-lo-saturated", l.half_mask, half});
    } else {
      out.push_back({"3.12-immortal-eq", l.v312_immortal, n});
    }
  }

  static std::string door(const Facts& f, bool incref, Word before, Word after) {
    const Layout& l = f.numbers();
    if (incref) {
      if (l.split && f.lo(before) == l.v312_test_bit - 1 && f.lo(after) == l.v312_test_bit)
        return "incref across 2^31 in the low half";
      if (!l.split && before == l.v312_immortal - 1 && after == l.v312_immortal) return "incref onto 0x3FFFFFFF exactly";
      return "";
    }
    if (!l.split && before == l.v312_immortal + 1 && after == l.v312_immortal) return "decref onto 0x3FFFFFFF exactly";
    if (l.split && f.lo(before) == 0 && after == ((before - 1) & f.mask()))
      return "decref borrowing from above the low half (full-word 3.12 decrement)";
    return "";
  }
};

}  // namespace refsim::props
