// Dispatch: from a Code (arithmetic, debug, bit) to the semantics function; and its boundaries.
#include <bit>

#include "model/constants.h"
#include "model/semantics/step.h"

namespace refsim {

StepResult incref(const Code& code, Width w, Word word) {
  switch (code.arith) {
    case Arith::Full311: return incref_311(w, word);
    case Arith::Draft: return incref_draft(w, word, code.bit);
    case Arith::Margin: return incref_margin(w, word);
    case Arith::V312: return incref_312(w, word);
    case Arith::V314: return incref_314(w, word);
  }
  return {};
}

StepResult decref(const Code& code, Width w, Word word) {
  switch (code.arith) {
    case Arith::Full311: return decref_311(w, word, code.debug);
    case Arith::Draft: return decref_draft(w, word, code.bit, code.debug);
    case Arith::Margin: return decref_margin(w, word, code.bit, code.debug);
    case Arith::V312: return decref_312(w, word, code.debug);
    case Arith::V314: return decref_314(w, word, code.debug);
  }
  return {};
}

StepResult set_refcnt(const Code& code, Width w, Word word, Word value) {
  switch (code.arith) {
    case Arith::Full311: return set_311(w, word, value);
    case Arith::Draft:
    case Arith::Margin: return set_draft(w, word, value, code.bit);
    case Arith::V312: return set_312(w, word, value);
    case Arith::V314: return set_314(w, word, value);
  }
  return {};
}

namespace {
void full(Cuts& cuts, Width w, Word value) { cuts.push_back({w.wrap(value), w.bits}); }
void low(Cuts& cuts, Width w, Word value) { cuts.push_back({value & w.half_mask(), w.half()}); }
Word v312_low_bit(Width w) { return constants::v312_test_bit(w); }
void point_full(Cuts& cuts, Width w, Word value) {
  full(cuts, w, value);
  full(cuts, w, value + 1);
}
}  // namespace

void add_cuts(const Code& code, Width w, Cuts& cuts) {
  // Zero, one (dealloc) and the sign (overflow, debug checks): every arithmetic has these.
  point_full(cuts, w, 0);
  full(cuts, w, 2);
  point_full(cuts, w, w.sign_bit() - 1);
  full(cuts, w, w.sign_bit() + 1);
  // The code that works on the low half of the split layout: its zero, one and maximum.
  if (w.split() && (code.arith == Arith::V312 || code.arith == Arith::V314)) {
    low(cuts, w, 0);
    low(cuts, w, 1);
    low(cuts, w, 2);
    low(cuts, w, w.half_mask());
  }
  switch (code.arith) {
    case Arith::Full311: break;
    case Arith::Margin:
      point_full(cuts, w, code.bit);
      [[fallthrough]];
    case Arith::Draft:
      // The bit test: it flips at every multiple of the bit, with period 2 * bit.
      cuts.push_back({0, static_cast<unsigned>(std::countr_zero(code.bit)) + 1});
      cuts.push_back({code.bit, static_cast<unsigned>(std::countr_zero(code.bit)) + 1});
      break;
    case Arith::V312:
      if (w.split())  // bit 31 of the low half: it flips at low-half 0 and 2^31
        low(cuts, w, v312_low_bit(w));
      else
        point_full(cuts, w, constants::v312_immortal(w));
      break;
    case Arith::V314:
      if (w.split()) {
        low(cuts, w, constants::v314_initial_lo(w));
        low(cuts, w, constants::v314_minimum_lo(w));
        low(cuts, w, constants::v314_debug_lo_limit(w) + 1);
      } else {
        full(cuts, w, constants::v314_minimum32(w));
      }
      break;
  }
}

}  // namespace refsim
