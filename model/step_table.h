// Step table: one runtime's single increfs and decrefs and its immortality test, resolved once per
// runtime. Each entry is the semantics function of one origin's code compiled at the runtime's width
// together with the runtime's _Py_IsImmortal, so that the engine's single operations dispatch on
// neither version, family nor width.
#pragma once

#include "model/names.h"
#include "model/semantics/step.h"

namespace refsim {

/// The runtime's _Py_IsImmortal, for the immortality events (none on 3.11 and with no-immortals).
enum class ImmortalTest { None, Draft, V312, V314 };

/// `bit` is the runtime's draft bit (0 where the code has none).
using ImmortalFn = bool (*)(Word word, Word bit);

/// A single operation that changes only the word. True, with `word` updated, when the code neither
/// calls _Py_Dealloc, nor fails a debug check, nor overflows, and the runtime's immortality test says
/// the same before and after: the step has no event. Else false and `word` untouched: the engine then
/// takes the literal step, events and all.
using QuietStep = bool (*)(Word& word, Word bit);

/// One origin's code on one runtime.
struct OriginSteps {
  QuietStep incref = nullptr;
  QuietStep decref = nullptr;
};

/// The runtime's immortality test at a width known when compiling.
template <ImmortalTest T, unsigned Bits>
bool immortal_at(Word word, Word bit) {
  constexpr Width w{Bits};
  if constexpr (T == ImmortalTest::Draft) return immortal_draft(word, bit);
  if constexpr (T == ImmortalTest::V312) return immortal_312(w, word);
  if constexpr (T == ImmortalTest::V314) return immortal_314(w, word);
  return false;
}

/// The semantics function of an incref (`Up`) or decref of one arithmetic and build, at a width
/// known when compiling: what each entry of a step table runs.
template <bool Up, Arith A, bool Debug, unsigned Bits>
StepResult step_at(Word word, Word bit) {
  constexpr Width w{Bits};
  if constexpr (Up) {
    if constexpr (A == Arith::Full311) return incref_311(w, word);
    if constexpr (A == Arith::Draft) return incref_draft(w, word, bit);
    if constexpr (A == Arith::Margin) return incref_margin(w, word);
    if constexpr (A == Arith::V312) return incref_312(w, word);
    if constexpr (A == Arith::V314) return incref_314(w, word);
  } else {
    if constexpr (A == Arith::Full311) return decref_311(w, word, Debug);
    if constexpr (A == Arith::Draft) return decref_draft(w, word, bit, Debug);
    if constexpr (A == Arith::Margin) return decref_margin(w, word, bit, Debug);
    if constexpr (A == Arith::V312) return decref_312(w, word, Debug);
    if constexpr (A == Arith::V314) return decref_314(w, word, Debug);
  }
}

/// A quiet step (QuietStep) of one code at one width under one immortality test.
template <bool Up, Arith A, bool Debug, unsigned Bits, ImmortalTest T>
bool quiet_at(Word& word, Word bit) {
  const StepResult r = step_at<Up, A, Debug, Bits>(word, bit);
  if (r.dealloc || r.negative || r.overflow) return false;
  if (immortal_at<T, Bits>(word, bit) != immortal_at<T, Bits>(r.word, bit)) return false;
  word = r.word;
  return true;
}

/// The immortality test of the runtimes whose core code has this arithmetic.
constexpr ImmortalTest native_test(Arith arith) {
  switch (arith) {
    case Arith::Full311: return ImmortalTest::None;  // 3.11, or no-immortals
    case Arith::Draft:
    case Arith::Margin: return ImmortalTest::Draft;
    case Arith::V312: return ImmortalTest::V312;
    case Arith::V314: return ImmortalTest::V314;
  }
  return ImmortalTest::None;
}

/// The one switch from run-time values to compile-time ones: returns
/// `pick.template operator()<A, Debug, Bits, T>()` for the code's arithmetic and debug build, the
/// width (8, 16, 32 or 64) and the test. Every instantiation of `pick` returns the same type.
template <class Pick>
auto with_code(const Code& code, Width w, ImmortalTest test, Pick pick) {
  const auto by_test = [&]<Arith A, bool Debug, unsigned Bits>() {
    switch (test) {
      case ImmortalTest::Draft: return pick.template operator()<A, Debug, Bits, ImmortalTest::Draft>();
      case ImmortalTest::V312: return pick.template operator()<A, Debug, Bits, ImmortalTest::V312>();
      case ImmortalTest::V314: return pick.template operator()<A, Debug, Bits, ImmortalTest::V314>();
      case ImmortalTest::None: break;
    }
    return pick.template operator()<A, Debug, Bits, ImmortalTest::None>();
  };
  const auto by_width = [&]<Arith A, bool Debug>() {
    switch (w.bits) {
      case 64: return by_test.template operator()<A, Debug, 64>();
      case 32: return by_test.template operator()<A, Debug, 32>();
      case 16: return by_test.template operator()<A, Debug, 16>();
    }
    return by_test.template operator()<A, Debug, 8>();
  };
  const auto by_debug = [&]<Arith A>() {
    return code.debug ? by_width.template operator()<A, true>() : by_width.template operator()<A, false>();
  };
  switch (code.arith) {
    case Arith::Draft: return by_debug.template operator()<Arith::Draft>();
    case Arith::Margin: return by_debug.template operator()<Arith::Margin>();
    case Arith::V312: return by_debug.template operator()<Arith::V312>();
    case Arith::V314: return by_debug.template operator()<Arith::V314>();
    case Arith::Full311: break;
  }
  return by_debug.template operator()<Arith::Full311>();
}

/// One runtime's steps, as the engine holds them while it runs single operations.
struct StepTable {
  const OriginSteps* origins = nullptr;  ///< indexed by Origin
  Word bit = 0;                          ///< the runtime's draft bit

  /// One single incref (`up`) or decref by `origin`: true when it has no event, with `word` moved.
  bool quiet(Origin origin, bool up, Word& word) const {
    const OriginSteps& steps = origins[static_cast<std::size_t>(origin)];
    return (up ? steps.incref : steps.decref)(word, bit);
  }
};

ImmortalFn resolve_immortal(ImmortalTest test, Width w);
OriginSteps resolve_steps(const Code& code, Width w, ImmortalTest test);

}  // namespace refsim
