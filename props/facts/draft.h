// Facts row of the PEP 683 drafts (docs/semantics-drafts.md): an object is immortal while the draft's
// bit is set (round 2: bit N-4, PR 19474; round 3: bit N-2); every static object starts at BIT + BIT/2;
// the bit is tested before 3.11's full-word ++ / --, whose debug check the drafts keep after their own
// arithmetic (refsim's convention: the drafts never specified one). Jewett's reset-on-margin applies.
#pragma once

#include "props/facts/family.h"

namespace refsim::props {

template <>
struct FamilyFacts<Family::Draft> {
  static constexpr Arith kCode = Arith::Draft;
  static constexpr bool kImmortality = true;
  static constexpr bool kResetOnMargin = true;
  /// Jewett: "It still doesn't prevent rollover from too many increfs" (minimum_props.cc).
  static constexpr bool kCoreKeepsImmortality = false;
  static constexpr bool kSetAsserts = false;

  /// The drafts predate the reset condition: 3.11's tp_dealloc functions.
  static DeallocColumn dealloc(Version) { return DeallocColumn::V311; }

  /// The immortal bit of the runtime's draft.
  static Word bit(const Facts& f) {
    return f.spec().version == Version::PEP683_R2 ? f.numbers().r2_bit : f.numbers().r3_bit;
  }

  static Word initial(const Facts& f, Kind, Int128) { return bit(f) + bit(f) / 2; }
  static bool immortal(const Facts& f, Word w) { return (w & bit(f)) != 0; }
  static std::optional<Band> band(const Facts& f) { return Band{bit(f), 2 * bit(f) - 1, 2 * bit(f) - 1}; }
  static std::optional<Word> incref_limit(const Facts&) { return std::nullopt; }

  static bool debug_fires(const Facts& f, Word before) {
    const Word b = bit(f);
    if (f.spec().strategy == Strategy::ResetOnMargin) {
      // Jewett: W - 1; at (W & ~B) == 0 either the dealloc (W == 0) or the margin B/2 added back.
      Word after = (before - 1) & f.mask();
      if ((after & ~b) == 0) {
        if (after == 0) return false;
        after += b / 2;
      }
      return f.width().sN(after) < 0;
    }
    if (before & b) return false;  // immortal: skipped before any check
    return f.decrement_check_fires(before);
  }

  static void bounds(const Facts& f, std::vector<gen::Boundary>& out) {
    const Word b = bit(f);
    const unsigned n = f.numbers().bits;
    const std::string tag = f.spec().version == Version::PEP683_R2 ? "r2-" : "r3-";
    unsigned index = 0;
    while ((Word{1} << index) < b) ++index;
    out.push_back({tag + "bit-on", b, index + 1});  // bit - 1 -> bit: immortal
    out.push_back({tag + "bit-off", 0, index + 1});  // 2bit - 1 -> 2bit: mortal
    out.push_back({tag + "initial", b + b / 2, n});
    if (f.spec().strategy == Strategy::ResetOnMargin) out.push_back({tag + "margin", b, n});
  }
};

}  // namespace refsim::props
