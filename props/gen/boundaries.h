// Boundaries: the named words where some version's arithmetic changes behaviour (thresholds, the
// immortal band's edges, zero, the sign, the wrap), for the runtime's own version first and then
// for the extension code it may run. Generators aim at them; RC_TAG reports which one a case hit.
#pragma once

#include <string>
#include <vector>

#include "model/outcome.h"
#include "model/scenario.h"

namespace refsim::props::gen {

/// A boundary: the words w with w == value (mod 2^mod_bits).
struct Boundary {
  std::string name;
  Word value;
  unsigned mod_bits;
};

/// Every boundary of the runtime, its own version's first (docs/SEMANTICS.md, semantics-strategies.md).
std::vector<Boundary> boundaries(const RuntimeSpec& rt);

/// Steps from `word` to the nearest occurrence of the boundary going up (or down), at most 2^64-1.
Word distance(const Boundary& b, Word word, bool up, Width width);

/// The name of the first boundary within one step of `word`, or "".
std::string near_boundary(const std::vector<Boundary>& bounds, Word word, Width width);

/// One tag per case: the first boundary (in table order) that an event's words or a final word
/// landed on, or "no boundary".
std::string landing_tag(const Scenario& scenario, const Outcome& outcome);

}  // namespace refsim::props::gen
