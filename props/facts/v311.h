// Facts row 3.11 (docs/semantics-3.11.md): no immortality; every piece of code does the full-word
// ++ / --, and the debug decref checks the new word after the decrement.
#pragma once

#include "props/facts/family.h"

namespace refsim::props {

template <>
struct FamilyFacts<Family::V311> {
  static constexpr Arith kCode = Arith::Full311;
  static constexpr bool kImmortality = false;
  static constexpr bool kResetOnMargin = false;
  static constexpr bool kCoreKeepsImmortality = false;
  static constexpr bool kSetAsserts = false;  // 3.11 object.h: Py_SET_REFCNT has no assert

  static DeallocColumn dealloc(Version) { return DeallocColumn::V311; }

  static Word initial(const Facts& f, Kind kind, Int128 refs) {
    // PyObject_HEAD_INIT is 1; the core's runtime statics use _PyObject_IMMORTAL_INIT (2.1).
    if (kind == Kind::SmallInt || kind == Kind::StaticStr || kind == Kind::StaticIdStr || kind == Kind::EmptyTuple ||
        kind == Kind::BytesSingleton)
      return f.numbers().v311_static;
    if (kind == Kind::InternedStr) return static_cast<Word>(refs) & f.mask();
    return 1;
  }
  static bool immortal(const Facts&, Word) { return false; }
  static std::optional<Band> band(const Facts&) { return std::nullopt; }
  static std::optional<Word> incref_limit(const Facts&) { return std::nullopt; }
  static bool debug_fires(const Facts& f, Word before) { return f.decrement_check_fires(before); }

  static void bounds(const Facts& f, std::vector<gen::Boundary>& out) {
    out.push_back({"3.11-static-init", f.numbers().v311_static, f.numbers().bits});
  }
};

}  // namespace refsim::props
