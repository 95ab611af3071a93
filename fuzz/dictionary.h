// Dictionary: the libFuzzer dictionary of each target (fuzz/dict/<target>.dict), generated from
// the name tables (model/names.def) and the format (fuzz/FORMAT.md), so that a new version,
// origin, kind or strategy row joins every dictionary. `refsim_fuzz_seeds` writes them; a test
// checks that the committed files are exactly these.
#pragma once

#include <string>

#include "fuzz/target.h"

namespace refsim::fuzz {

/// The dictionary text of a target, in libFuzzer's -dict= format.
std::string dictionary(Target target);

}  // namespace refsim::fuzz
