// Facts row of the fictional 3.16 (test build REFSIM_FICTIONAL_ROWS only; tests/rows/fictional.def):
// what the property tests expect of it, written from its description in tests/rows/v316.h's banner,
// as the real rows of props/facts/ are written from the CPython sources. An object is immortal
// while bit N-3 is set; every immortal kind starts at the bit plus a quarter of it; incref, decref
// and Py_SET_REFCNT skip immortal words and otherwise work on the full signed word; the debug decref
// checks the full word <= 0 first; tp_dealloc is 3.13's.
#pragma once

#include "props/facts/family.h"

namespace refsim::props {

template <>
struct FamilyFacts<Family::V316> {
  static constexpr Arith kCode = Arith::V316;
  static constexpr bool kImmortality = true;
  static constexpr bool kResetOnMargin = false;
  static constexpr bool kCoreKeepsImmortality = true;
  static constexpr bool kSetAsserts = false;

  static DeallocColumn dealloc(Version) { return DeallocColumn::V313; }

  static Word bit(const Facts& f) { return Word{1} << (f.numbers().bits - 3); }

  static Word initial(const Facts& f, Kind, Int128) { return bit(f) + bit(f) / 4; }
  static bool immortal(const Facts& f, Word w) { return (w & bit(f)) != 0; }
  static std::optional<Band> band(const Facts& f) { return Band{bit(f), 2 * bit(f) - 1, 2 * bit(f) - 1}; }
  static std::optional<Word> incref_limit(const Facts&) { return std::nullopt; }
  static bool debug_fires(const Facts& f, Word before) { return f.width().sN(before) <= 0; }

  static void bounds(const Facts& f, std::vector<gen::Boundary>& out) {
    const Word b = bit(f);
    const unsigned n = f.numbers().bits;
    out.push_back({"3.16-bit-on", b, n - 2});  // bit - 1 -> bit: immortal
    out.push_back({"3.16-bit-off", 0, n - 2});  // 2bit - 1 -> 2bit: mortal
    out.push_back({"3.16-initial", b + b / 4, n});
  }

  /// A full-word step into the bit: an incref carrying into it, a decref borrowing through it.
  static std::string door(const Facts& f, bool incref, Word before, Word after) {
    const Word b = bit(f), below = 2 * b - 1;
    if (incref && (before & below) == b - 1 && after == ((before + 1) & f.mask())) return "incref carrying into bit N-3";
    if (!incref && (before & below) == 0 && after == ((before - 1) & f.mask())) return "decref borrowing through bit N-3";
    return "";
  }
};

}  // namespace refsim::props
