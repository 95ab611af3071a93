// Step table: the quiet steps instantiated for every arithmetic, debug build, width and immortality
// test, and the immortality tests for every width; a runtime picks its own once.
#include "model/step_table.h"

namespace refsim {

namespace {

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
#define REFSIM_ARITH(id, name, traits, desc)                                      \
  case Arith::id:                                                                 \
    if constexpr (native_test(Arith::id) == Arith::id) return immortal_by_width<Arith::id>(w); \
    break;
#include "model/names.def"
#undef REFSIM_ARITH
  }
  return nullptr;  // a runtime's test is always a code row's own (Runtime)
}

OriginSteps resolve_steps(const Code& code, Width w, ImmortalTest test) {
  // Increfs have no debug check: one instantiation serves both builds.
  return with_code(code, w, test, []<Arith A, bool Debug, unsigned Bits, ImmortalTest T>() {
    return OriginSteps{quiet_at<true, A, false, Bits, T>, quiet_at<false, A, Debug, Bits, T>};
  });
}

}  // namespace refsim
