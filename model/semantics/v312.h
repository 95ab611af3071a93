// 3.12 and 3.13 inline code (core, and extensions built with those headers, limited < 3.12):
// 64-bit saturating low-half incref and full-word decrement with borrow; 32-bit immortal by
// equality [3.12.1 object.h:240-246, 625-709; 3.13.0 object.h:355-364, 794-951]. _Py_RefcntAdd
// [3.12.1 internal/pycore_object.h:59-68; 3.13.0 internal/pycore_object.h:123-151]. The code row V312
// (Code312), the family row V312 (Family312) and the tp_dealloc of 3.12 and later.
#pragma once

#include "model/constants.h"
#include "model/semantics/step_result.h"
#include "model/semantics/v311.h"

namespace refsim {

/// _Py_IsImmortal: (int32_t)ob_refcnt < 0 on 64-bit; ob_refcnt == _Py_IMMORTAL_REFCNT on 32-bit.
inline bool immortal_312(Width w, Word word) {
  if (w.split()) return (word & constants::v312_test_bit(w)) != 0;
  return w.wrap(word) == constants::v312_immortal(w);
}

/// Py_INCREF. 64-bit: new = lo32 + 1 (u32); if new == 0 return; else lo32 = new, no carry.
/// 32-bit: return if immortal, else ob_refcnt++ (signed).
inline StepResult incref_312(Width w, Word word) {
  if (w.split()) {
    const Word next = (w.lo(word) + 1) & w.half_mask();
    if (next == 0) return {.word = word, .skipped = true};
    return {.word = w.with_lo(word, next)};
  }
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return incref_311(w, word);
}

/// Py_DECREF. Debug: _Py_NegativeRefcount when the full signed word is <= 0, tested first, immortal
/// objects included [3.12.1 object.h:679-694]. Then skip if immortal, else full-word --, dealloc at 0.
inline StepResult decref_312(Width w, Word word, bool debug) {
  if (debug && w.sN(word) <= 0) return {.word = word, .negative = true};
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return decref_311(w, word, false);
}

/// Py_SET_REFCNT: ignored on immortal objects, else the whole word.
inline StepResult set_312(Width w, Word word, Word value) {
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return set_311(w, word, value);
}

/// _Py_RefcntAdd: skip when immortal, else a plain full-word `ob_refcnt += n` with no saturation and
/// no debug check (only _Py_AddRefTotal).
inline StepResult add_312(Width w, Word word, Word n) {
  if (immortal_312(w, word)) return {.word = word, .skipped = true};
  return add_311(w, word, n);
}

/// The tp_dealloc of 3.12 and later as shipped [docs/semantics-dealloc.md]. `unreachable`: the
/// Py_DEBUG build reaches Py_UNREACHABLE on a statically allocated or interned str (3.13 and later).
inline Action dealloc_since_312(Kind kind, bool debug, bool unreachable) {
  switch (kind) {
    case Kind::None:
    case Kind::True:
    case Kind::False:
    case Kind::NotImplemented:
    case Kind::Ellipsis:
    case Kind::SmallInt: return Action::Reset;  // *_dealloc -> _Py_SetImmortal
    case Kind::StaticStr: return debug ? Action::Fatal : Action::Reset;  // Py_DEBUG: the singleton check
    case Kind::StaticIdStr:  // 3.12: statically_allocated -> _Py_SetImmortal; 3.13+ Py_DEBUG: Py_UNREACHABLE
    case Kind::InternedStr:  // 3.13+: Py_REF_DEBUG reaches Py_UNREACHABLE first
      return unreachable ? Action::Fatal : Action::Reset;
    default: return dealloc_311(kind, debug);
  }
}

/// The code row V312: 3.12 / 3.13 inline code.
struct Code312 {
  static constexpr Arith kTest = Arith::V312;
  static constexpr bool kPlainFullWord = false;
  static bool immortal(Width w, Word word, Word) { return immortal_312(w, word); }
  static StepResult incref(Width w, Word word, Word) { return incref_312(w, word); }
  static StepResult decref(Width w, Word word, Word, bool debug) { return decref_312(w, word, debug); }
  static StepResult set(Width w, Word word, Word value, Word, bool) { return set_312(w, word, value); }
  static StepResult refcnt_add(Width w, Word word, Word n) { return add_312(w, word, n); }
  static void cuts(Cuts& cuts, Width w, Word) {
    cut_common(cuts, w);
    cut_low_half(cuts, w);
    if (w.split())  // bit 31 of the low half: it flips at low-half 0 and 2^31
      cut_low(cuts, w, constants::v312_test_bit(w));
    else
      cut_point(cuts, w, constants::v312_immortal(w));
  }
};

/// The family row V312: 3.12 and 3.13.
struct Family312 {
  static constexpr Arith kCode = Arith::V312;
  static constexpr bool kResetOnMargin = false;
  static constexpr bool kRefcntAdd = true;
  static constexpr bool kStackRefs = false;  // the 3.12 / 3.13 loop uses Py_INCREF / Py_DECREF
  static Word bit(Version, Width) { return 0; }
  /// PyObject_HEAD_INIT is immortal under Py_BUILD_CORE only in 3.12 [3.12.1 object.h:128-144],
  /// always in 3.13.
  static Word initial_word(Version v, Kind kind, Width w, Int128, Word) {
    if (v == Version::V3_12 && kind == Kind::ExtStatic) return 1;
    return constants::v312_immortal(w);
  }
  static Word reset(Width w, Word, Word) { return constants::v312_immortal(w); }  // the full word: hi32 cleared
  static std::int64_t refcnt(Width w, Word word) { return w.sN(word); }
  static Action dealloc(Version v, Kind kind, bool debug) {
    return dealloc_since_312(kind, debug, debug && v != Version::V3_12);
  }
};

}  // namespace refsim
