// Step table: the semantics functions instantiated for every arithmetic, debug build, width and
// immortality test, and the switch that picks one of them once per runtime.
#include "model/step_table.h"

namespace refsim {

namespace {

template <bool Up, Arith A, bool Debug, unsigned Bits, ImmortalTest T>
bool quiet_at(Word& word, Word bit) {
  const StepResult r = step_at<Up, A, Debug, Bits>(word, bit);
  if (r.dealloc || r.negative || r.overflow) return false;
  if (immortal_at<T, Bits>(word, bit) != immortal_at<T, Bits>(r.word, bit)) return false;
  word = r.word;
  return true;
}

// The switches from run-time values to one instantiation, one template argument at a time.
template <bool Up, Arith A, bool Debug, unsigned Bits>
QuietStep by_test(ImmortalTest test) {
  switch (test) {
    case ImmortalTest::None: return quiet_at<Up, A, Debug, Bits, ImmortalTest::None>;
    case ImmortalTest::Draft: return quiet_at<Up, A, Debug, Bits, ImmortalTest::Draft>;
    case ImmortalTest::V312: return quiet_at<Up, A, Debug, Bits, ImmortalTest::V312>;
    case ImmortalTest::V314: return quiet_at<Up, A, Debug, Bits, ImmortalTest::V314>;
  }
  return nullptr;
}

template <bool Up, Arith A, bool Debug>
QuietStep by_width(Width w, ImmortalTest test) {
  switch (w.bits) {
    case 64: return by_test<Up, A, Debug, 64>(test);
    case 32: return by_test<Up, A, Debug, 32>(test);
    case 16: return by_test<Up, A, Debug, 16>(test);
    default: return by_test<Up, A, Debug, 8>(test);
  }
}

/// Increfs have no debug check: one instantiation serves both builds.
template <bool Up, Arith A>
QuietStep by_debug(bool debug, Width w, ImmortalTest test) {
  return debug && !Up ? by_width<Up, A, true>(w, test) : by_width<Up, A, false>(w, test);
}

template <bool Up>
QuietStep by_arith(const Code& code, Width w, ImmortalTest test) {
  switch (code.arith) {
    case Arith::Full311: return by_debug<Up, Arith::Full311>(code.debug, w, test);
    case Arith::Draft: return by_debug<Up, Arith::Draft>(code.debug, w, test);
    case Arith::Margin: return by_debug<Up, Arith::Margin>(code.debug, w, test);
    case Arith::V312: return by_debug<Up, Arith::V312>(code.debug, w, test);
    case Arith::V314: return by_debug<Up, Arith::V314>(code.debug, w, test);
  }
  return nullptr;
}

template <ImmortalTest T>
ImmortalFn immortal_by_width(Width w) {
  switch (w.bits) {
    case 64: return immortal_at<T, 64>;
    case 32: return immortal_at<T, 32>;
    case 16: return immortal_at<T, 16>;
    default: return immortal_at<T, 8>;
  }
}

}  // namespace

ImmortalFn resolve_immortal(ImmortalTest test, Width w) {
  switch (test) {
    case ImmortalTest::None: return immortal_by_width<ImmortalTest::None>(w);
    case ImmortalTest::Draft: return immortal_by_width<ImmortalTest::Draft>(w);
    case ImmortalTest::V312: return immortal_by_width<ImmortalTest::V312>(w);
    case ImmortalTest::V314: return immortal_by_width<ImmortalTest::V314>(w);
  }
  return nullptr;
}

OriginSteps resolve_steps(const Code& code, Width w, ImmortalTest test) {
  return {by_arith<true>(code, w, test), by_arith<false>(code, w, test)};
}

}  // namespace refsim
