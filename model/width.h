// Width: the refcount word of one build, real (64, 32) or scaled down (16, 8) for exhaustive checks.
#pragma once

#include <cstdint>

namespace refsim {

using Word = std::uint64_t;  ///< a refcount word, zero-extended to 64 bits
using Int128 = __int128;

/// A word width. 64 and 16 have the 64-bit layout (a low half the new code works on, plus
/// ob_overflow and ob_flags quarters on 3.14); 32 and 8 have the 32-bit layout (one plain word).
struct Width {
  unsigned bits = 64;

  static constexpr bool valid(unsigned b) { return b == 8 || b == 16 || b == 32 || b == 64; }
  constexpr bool split() const { return bits == 64 || bits == 16; }
  /// Bits of the low half on the split layout (32 at 64, 8 at 16).
  constexpr unsigned half() const { return bits / 2; }
  constexpr Word mask() const { return bits == 64 ? ~Word{0} : (Word{1} << bits) - 1; }
  constexpr Word half_mask() const { return (Word{1} << half()) - 1; }
  constexpr Word sign_bit() const { return Word{1} << (bits - 1); }
  /// W read as a signed Py_ssize_t of this width.
  constexpr std::int64_t sN(Word w) const {
    w &= mask();
    return (w & sign_bit()) ? static_cast<std::int64_t>(w | ~mask()) : static_cast<std::int64_t>(w);
  }
  constexpr Word lo(Word w) const { return w & half_mask(); }
  constexpr Word with_lo(Word w, Word lo_value) const {
    return (w & ~half_mask() & mask()) | (lo_value & half_mask());
  }
  constexpr Word wrap(Word w) const { return w & mask(); }
  /// Hex digits used to print a word of this width.
  constexpr unsigned hex_digits() const { return bits / 4; }
};

}  // namespace refsim
