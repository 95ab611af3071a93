// Cell: the distance from a word to the nearest cut on each side, modulo each cut's period.
#include "model/cell.h"

#include <algorithm>

namespace refsim {

namespace {

using U128 = unsigned __int128;

/// The cut at `cut.value` modulo 2^mod_bits, seen from `word`: the steps up before the word equals
/// it (a full period when it already does) less one, and the steps down until it does.
void bound(Cell& cell, const Cut& cut, Word word) {
  const U128 modulus = U128{1} << cut.mod_bits;
  const U128 mask = modulus - 1;
  const U128 reach = (U128{cut.value} - word) & mask;
  cell.up = static_cast<Word>(std::min<U128>(cell.up, (reach == 0 ? modulus : reach) - 1));
  cell.down = static_cast<Word>(std::min<U128>(cell.down, (U128{word} - cut.value) & mask));
}

}  // namespace

void narrow(Cell& cell, const Cuts& cuts, Word word) {
  for (const Cut& cut : cuts) bound(cell, cut, word);
}

bool narrow_translated(Cell& cell, const Cuts& cuts, Width w, Word word, Word stride) {
  Cell narrowed = cell;
  for (const Cut& cut : cuts) {
    if (cut.mod_bits < w.bits) {
      if (stride % (Word{1} << cut.mod_bits) != 0) return false;
      continue;
    }
    bound(narrowed, cut, word);
  }
  cell = narrowed;
  return true;
}

}  // namespace refsim
