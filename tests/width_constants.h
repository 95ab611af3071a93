// The four word widths refsim models, as the tests of constants and step functions name them.
#pragma once

#include "model/width.h"

namespace refsim {

inline constexpr Width W64{64}, W32{32}, W16{16}, W8{8};

}  // namespace refsim
