// 3.11 and earlier, and every ext-3.11 extension: full-word signed ++ / -- [3.11.7 object.h:491-541].
// Its code row (Code311) and its family row (Family311) of model/names.def.
#pragma once

#include "model/constants.h"
#include "model/names.h"
#include "model/semantics/cut.h"
#include "model/semantics/step_result.h"

namespace refsim {

/// Py_INCREF: ob_refcnt++ on the signed Py_ssize_t.
inline StepResult incref_311(Width w, Word word) {
  return {.word = w.wrap(word + 1), .overflow = word == w.sign_bit() - 1};
}

/// Py_DECREF: if (--ob_refcnt == 0) _Py_Dealloc. The debug build then checks the new value:
/// not zero and negative -> _Py_NegativeRefcount [3.11.7 object.h:517-528].
inline StepResult decref_311(Width w, Word word, bool debug) {
  StepResult r{.word = w.wrap(word - 1), .overflow = word == w.sign_bit()};
  if (r.word == 0)
    r.dealloc = true;
  else if (debug && w.sN(r.word) < 0)
    r.negative = true;
  return r;
}

/// Py_SET_REFCNT: the whole word.
inline StepResult set_311(Width w, Word, Word value) { return {.word = w.wrap(value)}; }

/// `W + n` on the signed Py_ssize_t of the width: the wrapped sum and whether it overflowed (a bulk
/// add by code that knows no immortality).
inline StepResult add_311(Width w, Word word, Word n) {
  const std::int64_t max = static_cast<std::int64_t>(w.sign_bit() - 1);
  const std::int64_t a = w.sN(word);
  const bool overflow = a > 0 && static_cast<std::int64_t>(n) > max - a;
  return {.word = w.wrap(word + n), .overflow = overflow};
}

/// 3.11's tp_dealloc for a kind (also the drafts', no-immortals' and no-reset's replacement)
/// [docs/semantics-dealloc.md].
inline Action dealloc_311(Kind kind, bool debug) {
  switch (kind) {
    case Kind::None:
    case Kind::True:
    case Kind::False:
    case Kind::NotImplemented: return Action::Fatal;  // _Py_FatalRefcountError / Py_FatalError
    case Kind::Ellipsis:
    case Kind::SmallInt:
    case Kind::BytesSingleton:
    case Kind::ExtStatic: return Action::FreeStatic;  // object_dealloc -> PyObject_Free(static)
    case Kind::StaticStr:  // Py_DEBUG: "deallocating an Unicode singleton" [3.11 unicode_dealloc]
    case Kind::StaticType: return debug ? Action::Fatal : Action::FreeStatic;
    case Kind::StaticIdStr: return Action::FreeStatic;  // no singleton: PyObject_Free of static memory
    case Kind::EmptyTuple: return debug ? Action::Fatal : Action::Left;
    case Kind::InternedStr:
    case Kind::Heap: return Action::Freed;
  }
  return Action::Freed;
}

/// The code row Full311: raw full-word ++ / --, no immortality test (never immortal).
struct Code311 {
  static constexpr Arith kTest = Arith::Full311;  ///< whose _Py_IsImmortal this code's runtime has
  static constexpr bool kPlainFullWord = true;    ///< every step moves the whole word by one, no test
  static bool immortal(Width, Word, Word) { return false; }
  static StepResult incref(Width w, Word word, Word) { return incref_311(w, word); }
  static StepResult decref(Width w, Word word, Word, bool debug) { return decref_311(w, word, debug); }
  static StepResult set(Width w, Word word, Word value, Word, bool) { return set_311(w, word, value); }
  static StepResult refcnt_add(Width w, Word word, Word n) { return add_311(w, word, n); }
  static void cuts(Cuts& cuts, Width w, Word) { cut_common(cuts, w); }
};

/// The family row V311: nothing is immortal; the core statics start at 999999999.
struct Family311 {
  static constexpr Arith kCode = Arith::Full311;  ///< the core code, whose test is _Py_IsImmortal
  static constexpr bool kResetOnMargin = false;   ///< Jewett's reset-on-margin applies
  static constexpr bool kRefcntAdd = false;       ///< the runtime has _Py_RefcntAdd
  static constexpr bool kStackRefs = false;       ///< the interpreter loop has stack references
  static Word bit(Version, Width) { return 0; }
  /// PyObject_HEAD_INIT gives 1; _PyObject_IMMORTAL_INIT gives 999999999 [3.11 pycore_object.h].
  static Word initial_word(Version, Kind kind, Width w, Int128 refs, Word) {
    switch (kind) {
      case Kind::SmallInt:
      case Kind::StaticStr:
      case Kind::StaticIdStr:
      case Kind::EmptyTuple:
      case Kind::BytesSingleton: return constants::v311_static_init(w);
      case Kind::InternedStr: return w.wrap(static_cast<Word>(refs));
      default: return 1;
    }
  }
  static Word reset(Width, Word word, Word) { return word; }
  static std::int64_t refcnt(Width w, Word word) { return w.sN(word); }
  static Action dealloc(Version, Kind kind, bool debug) { return dealloc_311(kind, debug); }
};

}  // namespace refsim
