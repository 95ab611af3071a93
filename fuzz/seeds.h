// Seeds: the hand-written seed scenarios of each target, encoded into corpus/<target>/seeds/.
// They are written as scenarios here so that no seed is opaque bytes; a test checks that the
// committed seeds are exactly these. By design none holds a finding the fuzzer is meant to find
// on its own (None on 3.12 32-bit, pep683-r3 32-bit, the gh-125174 class on 3.12 64-bit).
#pragma once

#include <cstdint>
#include <vector>

#include "fuzz/target.h"
#include "model/scenario.h"

namespace refsim::fuzz {

/// The seed scenarios of a target, in a fixed order.
std::vector<Scenario> seed_scenarios(Target target);
/// Their encodings (every seed scenario is expressible; the function asserts it).
std::vector<std::vector<std::uint8_t>> seed_inputs(Target target);

}  // namespace refsim::fuzz
