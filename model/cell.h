// Cell: how far a word can move, one step at a time, before it equals a boundary ("cut") of the code
// in play. Inside a cell every repetition of a step behaves the same, which is what lets the fast
// engine jump; this is the one computation of it (docs/DESIGN.md "The engines").
#pragma once

#include "model/semantics/step.h"

namespace refsim {

/// Steps from a word that stay inside its cell: going down (`down`) and up (`up`). ~0 on a side that
/// no cut bounds.
struct Cell {
  Word down = ~Word{0};
  Word up = ~Word{0};
};

/// Narrows `cell`, the cell of `word`, by `cuts` (values modulo 2^mod_bits at which a predicate of
/// some code may change between value - 1 and value).
void narrow(Cell& cell, const Cuts& cuts, Word word);

/// Narrows `cell` as the cell of moves of `word` by multiples of `stride` (a translation): a cut
/// shorter than the word cannot tell such moves apart when its modulus divides `stride`, and does not
/// bound the cell; every other cut bounds it as in `narrow` (the nearest occurrence on each side: a
/// translated move that stays between them never meets it).
void narrow_translated(Cell& cell, const Cuts& cuts, Width w, Word word, Word stride);

}  // namespace refsim
