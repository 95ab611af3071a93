// Cell: the distance from a word to the nearest cut on each side, modulo each cut's period.
#include "model/cell.h"

#include <algorithm>

namespace refsim {

namespace {

/// The cut at `cut.value` modulo 2^mod_bits, seen from `word`: the steps up before the word equals
/// it (a full period, 2^mod_bits, when it already does) less one, and the steps down until it does.
/// Differences modulo 2^64 reduced modulo 2^mod_bits (mod_bits <= 64) are the differences modulo
/// 2^mod_bits, and a full period less one is the mask: no 128-bit arithmetic is needed.
void bound(Cell& cell, const Cut& cut, Word word) {
  const Word mask = cut.mod_bits >= 64 ? ~Word{0} : (Word{1} << cut.mod_bits) - 1;
  const Word reach = (cut.value - word) & mask;
  cell.up = std::min(cell.up, reach == 0 ? mask : reach - 1);
  cell.down = std::min(cell.down, (word - cut.value) & mask);
}

}  // namespace

void narrow(Cell& cell, const Cuts& cuts, Word word) {
  for (const Cut& cut : cuts) bound(cell, cut, word);
}

void narrow_translated(Cell& cell, const Cuts& cuts, Width w, Word word, Word stride) {
  for (const Cut& cut : cuts)
    if (cut.mod_bits >= w.bits || stride % (Word{1} << cut.mod_bits) != 0) bound(cell, cut, word);
}

}  // namespace refsim
