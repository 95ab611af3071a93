// Fictional 3.16 (test build REFSIM_FICTIONAL_ROWS only; tests/rows/fictional.def): an object is
// immortal while bit N-3 of the word is set; Py_INCREF / Py_DECREF / Py_SET_REFCNT skip immortal
// objects and otherwise work on the full signed word; the debug decref checks the full word first, as
// 3.12's does. Its code row (Code316) and family row (Family316), declared as a real version's are.
#pragma once

#include "model/semantics/cut.h"
#include "model/semantics/v311.h"
#include "model/semantics/v312.h"

namespace refsim {

/// The immortality bit: 1 << (N - 3) (bit 61 at 64, 29 at 32, 13 at 16, 5 at 8).
constexpr Word v316_bit(Width w) { return Word{1} << (w.bits - 3); }
/// The word immortal objects start with and are reset to: the bit plus a quarter of it below.
constexpr Word v316_initial(Width w) { return v316_bit(w) + v316_bit(w) / 4; }

inline bool immortal_316(Width w, Word word) { return (word & v316_bit(w)) != 0; }

inline StepResult incref_316(Width w, Word word) {
  if (immortal_316(w, word)) return {.word = word, .skipped = true};
  return incref_311(w, word);
}

/// Debug: the full signed word <= 0 is reported before anything else, immortal objects included.
inline StepResult decref_316(Width w, Word word, bool debug) {
  if (debug && w.sN(word) <= 0) return {.word = word, .negative = true};
  if (immortal_316(w, word)) return {.word = word, .skipped = true};
  return decref_311(w, word, false);
}

inline StepResult set_316(Width w, Word word, Word value) {
  if (immortal_316(w, word)) return {.word = word, .skipped = true};
  return set_311(w, word, value);
}

/// _Py_RefcntAdd: skipped on immortal objects, else a full-word add.
inline StepResult add_316(Width w, Word word, Word n) {
  if (immortal_316(w, word)) return {.word = word, .skipped = true};
  return add_311(w, word, n);
}

/// The code row V316.
struct Code316 {
  static constexpr Arith kTest = Arith::V316;
  static constexpr bool kPlainFullWord = false;
  static bool immortal(Width w, Word word, Word) { return immortal_316(w, word); }
  static StepResult incref(Width w, Word word, Word) { return incref_316(w, word); }
  static StepResult decref(Width w, Word word, Word, bool debug) { return decref_316(w, word, debug); }
  static StepResult set(Width w, Word word, Word value, Word, bool) { return set_316(w, word, value); }
  static StepResult refcnt_add(Width w, Word word, Word n) { return add_316(w, word, n); }
  static void cuts(Cuts& cuts, Width w, Word) {
    cut_common(cuts, w);
    cut_bit(cuts, v316_bit(w));
  }
};

/// The family row V316: every immortal kind starts at v316_initial; tp_dealloc as 3.13's.
struct Family316 {
  static constexpr Arith kCode = Arith::V316;
  static constexpr bool kResetOnMargin = false;
  static constexpr bool kRefcntAdd = true;
  static constexpr bool kStackRefs = false;
  static Word bit(Version, Width) { return 0; }
  static Word initial_word(Version, Kind, Width w, Int128, Word) { return v316_initial(w); }
  static Word reset(Width w, Word word, Word) { return immortal_316(w, word) ? word : v316_initial(w); }
  static std::int64_t refcnt(Width w, Word word) { return w.sN(word); }
  static Action dealloc(Version, Kind kind, bool debug) { return dealloc_since_312(kind, debug, debug); }
};

}  // namespace refsim
