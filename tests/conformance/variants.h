// Variants: the oracle builds the conformance tests run (one per header set, width and build) and
// the boundary words every oracle is given.
#pragma once

#include <vector>

#include "model/width.h"
#include "tests/conformance/oracle_build.h"

namespace refsim::conformance {

/// The input words: every boundary of every version and its neighbours. On 64-bit, each low half
/// of interest under each high half of interest (legacy carries, 3.14's ob_overflow and ob_flags,
/// the drafts' bits, the sign).
std::vector<Word> boundary_words(unsigned bits);

/// Every header set found, at 64 and 32 bits, release and Py_REF_DEBUG, each with a unique name
/// usable as a test and file name (e.g. "py3_14_7_w64_release").
std::vector<OracleBuild> all_builds();

}  // namespace refsim::conformance
