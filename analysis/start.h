// Start: the object a threat family runs on, as the model creates it, except 3.11's None, which starts
// at the refcount a real 3.11 interpreter gives it (docs/COMPARE.md says where the figure comes from).
#pragma once

#include <cstdint>

#include "model/scenario.h"

namespace refsim::analysis {

/// None's refcount when a 3.11.7 program starts: `python3.11 -c 'import sys; print(sys.getrefcount(None))'`
/// printed 5,471 at the least over 20 runs (pyenv 3.11.7; 5,466 to 5,518 over all runs measured),
/// less the reference getrefcount's own argument holds. Debian's 3.11.2 printed 3,717 to 3,728.
inline constexpr std::uint64_t kNone311Refcnt = 5470;

/// The family's one object (id: the kind's name). 3.11's None starts at kNone311Refcnt where that
/// fits in the word's positive range (widths 16 to 64), with as many logical references; every other
/// object starts as the model's initial_word gives it, with one logical reference.
ObjectSpec family_object(const RuntimeSpec& runtime, Kind kind);

}  // namespace refsim::analysis
