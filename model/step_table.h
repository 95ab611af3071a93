// Step table: one runtime's single increfs and decrefs and its immortality test, resolved once per
// runtime. Each entry is the semantics function of one origin's code compiled at the runtime's width
// together with the runtime's _Py_IsImmortal, so that the engine's single operations dispatch on
// neither version, family nor width.
#pragma once

#include "model/names.h"
#include "model/semantics/step.h"

namespace refsim {

/// The runtime's _Py_IsImmortal, for the immortality events: the test of one code row
/// (native_test; Full311's: nothing is immortal, on 3.11 and with no-immortals).
using ImmortalTest = Arith;

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
  return CodeOf<T>::type::immortal(Width{Bits}, word, bit);
}

/// The semantics function of an incref (`Up`) or decref of one arithmetic and build, at a width
/// known when compiling: what each entry of a step table runs.
template <bool Up, Arith A, bool Debug, unsigned Bits>
StepResult step_at(Word word, Word bit) {
  using C = typename CodeOf<A>::type;
  if constexpr (Up) return C::incref(Width{Bits}, word, bit);
  else return C::decref(Width{Bits}, word, bit, Debug);
}

/// A quiet step (QuietStep) of one code at one width under one immortality test.
template <bool Up, Arith A, bool Debug, unsigned Bits, ImmortalTest T>
bool quiet_at(Word& word, Word bit) {
  const StepResult r = step_at<Up, A, Debug, Bits>(word, bit);
  if (!r.eventless()) return false;
  if (immortal_at<T, Bits>(word, bit) != immortal_at<T, Bits>(r.word, bit)) return false;
  word = r.word;
  return true;
}

/// The one switch from run-time values to compile-time ones: returns
/// `pick.template operator()<A, Debug, Bits, T>()` for the code's arithmetic and debug build, the
/// width (8, 16, 32 or 64) and the test, one of the code rows' own tests (native_test). Every
/// instantiation of `pick` returns the same type.
template <class Pick>
auto with_code(const Code& code, Width w, ImmortalTest test, Pick pick) {
  const auto by_test = [&]<Arith A, bool Debug, unsigned Bits>() {
    switch (test) {
#define REFSIM_ARITH(id, name, traits, desc)                                     \
  case Arith::id:                                                                \
    if constexpr (native_test(Arith::id) == Arith::id)                           \
      return pick.template operator()<A, Debug, Bits, Arith::id>();              \
    break;
#include "model/names.def"
#undef REFSIM_ARITH
    }
    __builtin_unreachable();  // a runtime's test is always a code row's own (Runtime)
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
#define REFSIM_ARITH(id, name, traits, desc) \
  case Arith::id:                            \
    return by_debug.template operator()<Arith::id>();
#include "model/names.def"
#undef REFSIM_ARITH
  }
  __builtin_unreachable();
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
