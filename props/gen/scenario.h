// Scenarios: objects of any kind (with their kind's word or an explicit one near a boundary) and
// operation trees with nested `repeat`, whose counts aim at the boundaries of the words they act
// on, within a budget of single operations that the engines can afford.
#pragma once

#include <rapidcheck.h>

#include <vector>

#include "model/scenario.h"

namespace refsim::props::gen {

using U128 = unsigned __int128;

/// What a generated scenario may contain.
struct Shape {
  std::vector<Origin> origins;      ///< empty: every origin
  std::vector<Kind> kinds;          ///< empty: every kind
  int max_objects = 3;
  int max_depth = 2;                ///< repeat nesting
  U128 budget = 1 << 14;            ///< single operations in all, repeats expanded
  /// Repeat iterations in all (the product of nested counts): the fast engine runs an iteration
  /// literally when it cannot prove the next ones identical, e.g. when each one produces events.
  U128 iterations = 1 << 12;
  bool incref = true, decref = true, set_refcnt = true, gc = true;
  /// The runtime's own bulk operations where the runtime has them (steal_release on 3.14+,
  /// refcnt_add on 3.12+; docs/SCENARIO-OPS.md), and balanced stack-reference groups on 3.14+.
  bool runtime_ops = false;
  bool explicit_words = true;       ///< objects may start at a word of their own
  /// Every object starts at a word the runtime's test calls immortal (created immortal).
  bool immortal_objects = false;
};

/// Single operations the fast engine runs in about a millisecond on this runtime: it jumps over
/// cells, which on the 64-bit layout of 3.12 and later are at most 2^32 words wide (the low half's
/// boundaries); it goes round a cycle of the word literally until it notices it; and with
/// periodic-reset it stops at every multiple of the period.
U128 fast_budget(const RuntimeSpec& rt);

/// A scenario on this runtime (its name is "prop"). It passes refsim::check().
rc::Gen<Scenario> scenario(const RuntimeSpec& rt, const Shape& shape);

/// A word the runtime calls immortal, near the edges of its band or anywhere in it.
rc::Gen<Word> immortal_word(const RuntimeSpec& rt);

}  // namespace refsim::props::gen
