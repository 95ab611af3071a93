// Facts row 3.14/3.15 (docs/semantics-3.14.md): the split word with ob_flags; the test reads the low
// half against _Py_IMMORTAL_MINIMUM_REFCNT (64) or the signed word against it (32); the core's incref
// ratchets an immortal low half up to _Py_IMMORTAL_INITIAL_REFCNT; the debug decref fires on a full
// word <= 0 or (64) a low half above UINT32_MAX - 2^20 (6.5); Py_SET_REFCNT asserts refcnt >= 0.
#pragma once

#include "props/facts/family.h"

namespace refsim::props {

template <>
struct FamilyFacts<Family::V314> {
  static constexpr Arith kCode = Arith::V314;
  static constexpr bool kImmortality = true;
  static constexpr bool kResetOnMargin = false;
  static constexpr bool kCoreKeepsImmortality = true;
  /// 3.14.7 refcount.h:153: Py_SET_REFCNT opens with assert(refcnt >= 0); a debug runtime's own code
  /// keeps its asserts (no NDEBUG).
  static constexpr bool kSetAsserts = true;

  static DeallocColumn dealloc(Version) { return DeallocColumn::V313; }  // 3.13's dealloc functions

  static Word initial(const Facts& f, Kind kind, Int128) {
    return kind == Kind::InternedStr ? f.numbers().v314_runtime : f.numbers().v314_static;
  }
  static bool immortal(const Facts& f, Word w) {
    const Layout& l = f.numbers();
    return l.split ? f.lo(w) >= l.v314_minimum : f.width().sN(w) >= static_cast<std::int64_t>(l.v314_minimum);
  }
  static std::optional<Band> band(const Facts& f) {
    const Layout& l = f.numbers();
    if (l.split) return Band{l.v314_minimum, l.half_mask, l.half_mask};
    return Band{l.v314_minimum, f.signed_max(), f.mask()};
  }
  static std::optional<Word> incref_limit(const Facts& f) {
    return f.numbers().split ? std::optional<Word>(f.numbers().v314_ratchet) : std::nullopt;
  }
  static bool debug_fires(const Facts& f, Word before) {
    return f.width().sN(before) <= 0 || (f.numbers().split && f.lo(before) > f.numbers().v314_debug_lo_max);
  }

  static void bounds(const Facts& f, std::vector<gen::Boundary>& out) {
    const Layout& l = f.numbers();
    const unsigned n = l.bits, half = n / 2;
    if (l.split) {
      out.push_back({"3.14-ratchet", l.v314_ratchet, half});
      out.push_back({"3.14-minimum", l.v314_minimum, half});
      out.push_back({"3.14-debug-window", l.v314_debug_lo_max + 1, half});
      out.push_back({"3.14-static-initial", l.v314_static, n});
      out.push_back({"3.14-runtime-initial", l.v314_runtime, n});
    } else {
      out.push_back({"3.14-minimum", l.v314_minimum, n});
      out.push_back({"3.14-runtime-initial", l.v314_runtime, n});
      out.push_back({"3.14-static-minimum", l.v314_minimum + l.v314_minimum / 2, n});
      out.push_back({"3.14-static-initial", l.v314_static, n});
    }
  }

  static std::string door(const Facts& f, bool incref, Word before, Word after) {
    const Layout& l = f.numbers();
    if (incref) {
      if (l.split && f.lo(before) == l.v314_minimum - 1 && f.lo(after) == l.v314_minimum)
        return "incref across 2^31 in the low half";
      if (!l.split && before == l.v314_minimum - 1 && after == l.v314_minimum)
        return "incref onto the signed threshold 0x40000000";
      return "";
    }
    if (l.split && f.lo(before) == 0 && f.lo(after) == l.half_mask && (after & ~l.half_mask) == (before & ~l.half_mask))
      return "decref wrapping the low half (3.14's u32 decrement)";
    if (!l.split && before == f.sign_bit() && after == f.signed_max())
      return "decref from the most negative word to the signed maximum";
    return "";
  }
};

}  // namespace refsim::props
