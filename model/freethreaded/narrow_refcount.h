// The gh-153202 draft (a 3.16 proposal): ob_ref_local narrowed to uint8_t, whose owner increments
// spill into an int32_t ob_ref_shared, and immortality moved to the shared count. The inline
// operations that differ from 3.13t-3.15t (Py_DECREF only in its order of tests: biased_refcount.cc);
// the slow paths (brc.h) are shared. The revision modelled
// (the prototype of zangjiucheng/cpython PR #1363) and its sources: docs/FREE-THREADED.md.
#pragma once

#include <cstdint>

#include "model/freethreaded/ft_build.h"
#include "model/freethreaded/ft_object.h"

namespace refsim::ft::narrow {

/// Py_INCREF: the owner adds 1 to ob_ref_local, or at UINT8_MAX moves those 255 into the shared
/// count and stores local 1 (no immortality check on the owner's path); another thread returns on
/// an immortal object and otherwise adds 1 << 2 to ob_ref_shared.
std::uint32_t incref(const FtBuild& b, FtObject& o, Tid caller);

/// Py_SET_REFCNT after its assert: no change on an immortal object; the owner stores a value that
/// fits uint8_t in ob_ref_local; anything else is merged into ob_ref_shared, truncated to int32_t.
std::uint32_t set_refcnt(const FtBuild& b, FtObject& o, Tid caller, std::int64_t value);

}  // namespace refsim::ft::narrow
