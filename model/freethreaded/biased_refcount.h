// Biased reference counting on free-threaded CPython: the inline header operations (Py_INCREF,
// Py_DECREF, Py_REFCNT, Py_SET_REFCNT) and the runtime's _Py_SetImmortal and deferred counting.
// Each function changes one FtObject as the C code does, at any width, and returns FtEvent bits.
// The gh-153202 draft's versions are in narrow_refcount.h; these functions hand over to them.
// Sources and line numbers: docs/FREE-THREADED.md.
#pragma once

#include <cstdint>

#include "model/freethreaded/ft_build.h"
#include "model/freethreaded/ft_object.h"

namespace refsim::ft {

/// Py_INCREF from thread CALLER: the owner bumps ob_ref_local, any other thread adds 1 << 2 to
/// ob_ref_shared; nothing when local is all ones.
std::uint32_t incref(const FtBuild& b, FtObject& o, Tid caller);

/// Py_DECREF from thread CALLER: the owner lowers ob_ref_local and merges at 0 (release builds wrap
/// at 0; debug builds stop with _Py_NegativeRefcount); other threads go to _Py_DecRefShared.
std::uint32_t decref(const FtBuild& b, FtObject& o, Tid caller);

/// Py_REFCNT: local + (shared >> 2) as a Py_ssize_t, or the build's immortal report.
std::int64_t refcnt(const FtBuild& b, const FtObject& o);

/// Py_SET_REFCNT(o, value) from thread CALLER (VALUE is a Py_ssize_t of the build's width).
std::uint32_t set_refcnt(const FtBuild& b, FtObject& o, Tid caller, std::int64_t value);

/// _Py_SetImmortal (Objects/object.c, _Py_SetImmortalUntracked): unowned, local all ones, shared 0.
std::uint32_t set_immortal(const FtBuild& b, FtObject& o);

/// An immortal object as PyObject_HEAD_INIT or _Py_SetImmortal leaves it (the draft's
/// _PyObject_HEAD_INIT and _Py_SetImmortalUntracked store the same fields).
FtObject immortal_object(const FtBuild& b);

/// _PyObject_SetDeferredRefcount on an owned object with shared 0 (DeferredScheme): 3.14t and 3.15t
/// store PY_SSIZE_T_MAX / 8 as the shared count; 3.13t makes the object immortal when a thread other
/// than the main one exists (OTHER_THREADS: it exists now, or is created later while the object is
/// alive: both give the same fields), else adds 1 to the local count and stores _Py_REF_QUEUED.
/// Returns false where deferred counting is not modelled (the draft), the object unchanged.
bool set_deferred(const FtBuild& b, FtObject& o, bool other_threads);

}  // namespace refsim::ft
