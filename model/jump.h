// Jump: how far the fast engine may jump, decided from the runtime's cuts alone. The engine
// (model/engine/) runs one operation or one repeat iteration literally, then asks these how many
// identical repetitions provably behave the same, and applies them at once; and it finds exact
// cycles with one CycleMark (Brent's method) for both.
#pragma once

#include <cstdint>
#include <optional>

#include "model/runtime.h"

namespace refsim {

/// What one repeat iteration did to one object: where it started and the range its word covered.
struct Trace {
  Word start = 0;
  Int128 logical = 0;
  Word lo = 0;
  Word hi = 0;
  bool freed = false;
  bool touched = false;
  bool discontinuous = false;  ///< the word moved other than by +1/-1 (a set, a reset, a wrap)
  bool written = false;        ///< a set or a reset wrote it (a wrap of the low half is no write)
  OriginSet origins = 0;       ///< the code that touched it, whose boundaries its cell must respect
};

/// Brent's cycle finding over the rounds of a loop: a state that comes back to the marked one has
/// gone round an exact cycle. The mark moves after 1, 2, 4, ... rounds, so that cycles entered late
/// are caught too.
template <class State>
class CycleMark {
 public:
  /// The marked state, or null.
  const State* get() const { return mark_ ? &*mark_ : nullptr; }
  /// Forgets the mark (after a jump: the next round marks afresh).
  void clear() { mark_.reset(); }
  /// Called once per round: marks `make()` when there is no mark or the mark is due to move.
  template <class Make>
  void advance(Make make) {
    if (!mark_ || ++rounds_ >= span_) {
      if (mark_) span_ *= 2;
      rounds_ = 0;
      mark_ = make();
    }
  }

 private:
  std::optional<State> mark_;
  std::uint64_t rounds_ = 0, span_ = 1;
};

/// One operation by full-word code (3.11's ++/--) whose word came `period` steps from `mark`, every
/// one moving it by one in the direction `up`: that stretch repeats exactly while the word stays
/// inside one cell of the full-word cuts, when `period` is a multiple of every shorter cut's modulus
/// (the low half's on the 64-bit layouts). Returns the steps of the whole translated stretches that
/// stay inside that cell and fit `count` (a multiple of `period`), or 0.
std::uint64_t translated_stretch_steps(const Runtime& rt, Origin by, bool up, Word word, Word mark,
                                       std::uint64_t period, std::uint64_t count);

/// How many more iterations of a repeat body repeat one object's literal iteration `t` (its word
/// now at `word`): with `translation_only`, iterations whose every move is the literal one
/// translated (events and wraps included), else iterations whose ranges stay in the cell of the
/// literal one. Saturated at UINT64_MAX.
std::uint64_t iterations_like(const Runtime& rt, const Trace& t, Word word, bool translation_only);

}  // namespace refsim
