// Jump: the bounds of the fast engine's jumps over stretches and repeat iterations (model/jump.h).
#include "model/jump.h"

#include "model/semantics/rows.h"

#include <algorithm>

namespace refsim {

namespace {

using U128 = unsigned __int128;

std::uint64_t saturated(U128 n) { return n > ~std::uint64_t{0} ? ~std::uint64_t{0} : static_cast<std::uint64_t>(n); }

/// How many more iterations translate one object's whole iteration (its word moved from `t.start`
/// to `word`, possibly through events or low-half wraps, but never written): the translated ranges
/// must stay in the translated cell of the literal one, whose cuts are the full word's and the
/// shorter ones whose modulus does not divide the move (the literal range may cross only those
/// that do: it meets them at the same places in every translation). A step decides on its word
/// and the word next to it (a cut lies between two words); a step that jumped (a wrap, a reset on
/// a margin) may not reach that neighbour, so a discontinuous iteration's range counts one word
/// more on each side.
U128 translations(const Runtime& rt, const Trace& t, Word word) {
  if (t.written) return 0;
  const bool up = word > t.start;
  const Word d = up ? word - t.start : t.start - word;
  const Cell cell = rt.translated_cell(t.start, t.origins, d);
  const U128 first = U128{t.start} - std::min<U128>(cell.down, t.start);
  const U128 last = std::min<U128>(U128{t.start} + cell.up, rt.width().mask());
  // The tested words: [t.lo - margin, t.hi + margin], written so that nothing goes below 0.
  const U128 margin = t.discontinuous ? 1 : 0;
  if (U128{t.lo} < first + margin || U128{t.hi} + margin > last) return 0;
  return up ? (last - (U128{t.hi} + margin)) / d : (U128{t.lo} - margin - first) / d;
}

/// How many more iterations keep one object's continuous moves inside the cell where its literal
/// iteration started.
U128 in_cell(const Runtime& rt, const Trace& t, Word word) {
  const Cell cell = rt.cell(t.start, t.origins);
  const Word first = t.start - cell.down, last = t.start + cell.up;
  if (t.lo < first || t.hi > last) return 0;
  return word > t.start ? (last - t.hi) / (word - t.start) : (t.lo - first) / (t.start - word);
}

}  // namespace

std::uint64_t translated_stretch_steps(const Runtime& rt, Origin by, bool up, Word word, Word mark,
                                       std::uint64_t period, std::uint64_t count) {
  const Width w = rt.width();
  if (!plain_full_word(rt.code(by).arith)) return 0;
  if (w.wrap(up ? word - mark : mark - word) != w.wrap(period) || period > w.mask()) return 0;
  const Cell cell = rt.translated_cell(word, origin_bit(by), period);
  // The literal stretch lies in the word's cell (behind it), the jumped ones ahead of it.
  if ((up ? cell.down : cell.up) < period) return 0;
  const std::uint64_t ahead = up ? cell.up : cell.down;
  return std::min(ahead / period, count / period) * period;
}

std::uint64_t iterations_like(const Runtime& rt, const Trace& t, Word word, bool translation_only) {
  return saturated(translation_only ? translations(rt, t, word) : in_cell(rt, t, word));
}

}  // namespace refsim
