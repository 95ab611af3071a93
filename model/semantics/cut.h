// Cut: a boundary of the refcount word, where some predicate of some code may change. Each
// semantics file declares its code's cuts beside its step functions, with these helpers.
#pragma once

#include <bit>
#include <vector>

#include "model/width.h"

namespace refsim {

/// A boundary of the word: `value` modulo 2^mod_bits, where some predicate of some code may change
/// between value - 1 and value. A stretch of +1/-1 steps that touches no cut behaves uniformly.
/// Every predicate a cut guards repeats with period 2^mod_bits, so that moving the word by a multiple
/// of every shorter modulus, inside one cell of the full-word cuts, changes nothing.
struct Cut {
  Word value;
  unsigned mod_bits;
};
using Cuts = std::vector<Cut>;

/// A boundary of the full word.
inline void cut_full(Cuts& cuts, Width w, Word value) { cuts.push_back({w.wrap(value), w.bits}); }
/// A boundary of the low half of the split layout (it repeats every 2^half).
inline void cut_low(Cuts& cuts, Width w, Word value) { cuts.push_back({value & w.half_mask(), w.half()}); }
/// The one word `value` (a test by equality): boundaries on both sides of it.
inline void cut_point(Cuts& cuts, Width w, Word value) {
  cut_full(cuts, w, value);
  cut_full(cuts, w, value + 1);
}

/// Zero, one (dealloc) and the sign (overflow, debug checks): every code has these.
inline void cut_common(Cuts& cuts, Width w) {
  cut_point(cuts, w, 0);
  cut_full(cuts, w, 2);
  cut_point(cuts, w, w.sign_bit() - 1);
  cut_full(cuts, w, w.sign_bit() + 1);
}

/// Code that works on the low half of the split layout: its zero, one and maximum.
inline void cut_low_half(Cuts& cuts, Width w) {
  if (!w.split()) return;
  cut_low(cuts, w, 0);
  cut_low(cuts, w, 1);
  cut_low(cuts, w, 2);
  cut_low(cuts, w, w.half_mask());
}

/// A bit test of `bit`: it flips at every multiple of the bit, with period 2 * bit.
inline void cut_bit(Cuts& cuts, Word bit) {
  const auto period_bits = static_cast<unsigned>(std::countr_zero(bit)) + 1;
  cuts.push_back({0, period_bits});
  cuts.push_back({bit, period_bits});
}

}  // namespace refsim
