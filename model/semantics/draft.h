// PEP 683 drafts (round 2, PR 19474 Dec 2021; round 3): "no-op for objects with the magic refcount
// (or its most significant bit)", otherwise 3.11's arithmetic [docs/semantics-pep683-drafts.md].
// Jewett's reset-on-margin (python-dev, 2022-03-10) is core code of a bit-test design.
// The code rows Draft and Margin (CodeDraft, CodeMargin) and the family row Draft (FamilyDraft).
#pragma once

#include "model/semantics/step_result.h"
#include "model/semantics/v311.h"

namespace refsim {

inline bool immortal_draft(Word word, Word bit) { return (word & bit) != 0; }

inline StepResult incref_draft(Width w, Word word, Word bit) {
  if (immortal_draft(word, bit)) return {.word = word, .skipped = true};
  return incref_311(w, word);
}

/// The drafts never specified a debug check; refsim keeps 3.11's (after the decrement).
inline StepResult decref_draft(Width w, Word word, Word bit, bool debug) {
  if (immortal_draft(word, bit)) return {.word = word, .skipped = true};
  return decref_311(w, word, debug);
}

/// "Py_SET_REFCNT() and _Py_NewReference() will now ignore immortal objects".
inline StepResult set_draft(Width w, Word word, Word value, Word bit) {
  if (immortal_draft(word, bit)) return {.word = word, .skipped = true};
  return set_311(w, word, value);
}

/// Jewett: incref is a plain +1 that never skips ("it still doesn't prevent rollover").
inline StepResult incref_margin(Width w, Word word) { return incref_311(w, word); }

/// Jewett: W - 1; when (W & ~B) == 0, dealloc if W == 0, else the margin B/2 is added back.
inline StepResult decref_margin(Width w, Word word, Word bit, bool debug) {
  StepResult r{.word = w.wrap(word - 1), .overflow = word == w.sign_bit()};
  if ((r.word & ~bit) == 0) {
    if (r.word == 0) {
      r.dealloc = true;
      return r;
    }
    r.word += bit / 2;
  }
  if (debug && w.sN(r.word) < 0) r.negative = true;
  return r;
}

/// The code row Draft: the bit test, then 3.11's ++ / --.
struct CodeDraft {
  static constexpr Arith kTest = Arith::Draft;
  static constexpr bool kPlainFullWord = false;
  static bool immortal(Width, Word word, Word bit) { return immortal_draft(word, bit); }
  static StepResult incref(Width w, Word word, Word bit) { return incref_draft(w, word, bit); }
  static StepResult decref(Width w, Word word, Word bit, bool debug) { return decref_draft(w, word, bit, debug); }
  static StepResult set(Width w, Word word, Word value, Word bit, bool) { return set_draft(w, word, value, bit); }
  static void cuts(Cuts& cuts, Width w, Word bit) {
    cut_common(cuts, w);
    cut_bit(cuts, bit);
  }
};

/// The code row Margin: the core code of a bit-test draft under reset-on-margin; its runtime's
/// immortality test is the draft's bit test.
struct CodeMargin {
  static constexpr Arith kTest = Arith::Draft;
  static constexpr bool kPlainFullWord = false;
  static bool immortal(Width, Word word, Word bit) { return immortal_draft(word, bit); }
  static StepResult incref(Width w, Word word, Word) { return incref_margin(w, word); }
  static StepResult decref(Width w, Word word, Word bit, bool debug) { return decref_margin(w, word, bit, debug); }
  static StepResult set(Width w, Word word, Word value, Word bit, bool) { return set_draft(w, word, value, bit); }
  static void cuts(Cuts& cuts, Width w, Word bit) {
    cut_common(cuts, w);
    cut_point(cuts, w, bit);  // (W & ~B) == 0 after the decrement: W - 1 == B
    cut_bit(cuts, bit);
  }
};

/// The family row Draft: PEP 683's bit-test drafts (the bit is the version's); tp_dealloc as 3.11.
struct FamilyDraft {
  static constexpr Arith kCode = Arith::Draft;
  static constexpr bool kResetOnMargin = true;
  static constexpr bool kRefcntAdd = false;
  static constexpr bool kStackRefs = false;
  /// Round 2: _Py_IMMORTAL_BIT = 1 << (N - 4); round 3: bit N - 2 (constants.h).
  static Word bit(Version v, Width w) {
    return v == Version::PEP683_R2 ? constants::r2_bit(w) : constants::r3_bit(w);
  }
  /// Every static object: _Py_IMMORTAL_REFCNT = BIT + BIT / 2.
  static Word initial_word(Version, Kind, Width, Int128, Word bit) { return constants::draft_refcnt(bit); }
  static Word reset(Width, Word, Word bit) { return constants::draft_refcnt(bit); }
  static std::int64_t refcnt(Width w, Word word) { return w.sN(word); }
  static Action dealloc(Version, Kind kind, bool debug) { return dealloc_311(kind, debug); }
};

}  // namespace refsim
