// Biased reference counting's slow paths (Objects/object.c, Python/brc.c): a release by a thread
// that does not own the object, the owner's merge when its local count reaches zero, the explicit
// merge, and the owner's processing of its queue (eval breaker, GC, thread exit).
// Sources and line numbers: docs/FREE-THREADED.md.
#pragma once

#include <cstdint>

#include "model/freethreaded/ft_build.h"
#include "model/freethreaded/ft_object.h"

namespace refsim::ft {

/// _Py_DecRefShared / _Py_DecRefSharedDebug, then _Py_brc_queue_object when it queues: a shared
/// count of zero with flags 0 or 1 becomes _Py_REF_QUEUED (the queue keeps that reference);
/// otherwise the shared word drops by 1 << 2 (it may go below zero); zero and merged deallocates.
std::uint32_t dec_ref_shared(const FtBuild& b, FtObject& o);

/// _Py_MergeZeroLocalRefcount, called by the owner at local 0: shared 0 deallocates; otherwise the
/// object becomes unowned with flags _Py_REF_MERGED, and deallocates if the shared count is 0.
std::uint32_t merge_zero_local(const FtBuild& b, FtObject& o);

/// _Py_ExplicitMergeRefcount(o, extra): local and ob_tid to 0, shared = (count + local + extra) << 2
/// | merged; the merged count is written to *MERGED_COUNT. Never deallocates by itself.
std::uint32_t explicit_merge(const FtBuild& b, FtObject& o, std::int64_t extra, std::int64_t* merged_count);

/// One queued object merged by its owner (_Py_brc_merge_refcounts at the eval breaker or GC,
/// _Py_brc_remove_thread at thread exit) or by the queuing thread when the owner has exited
/// (_Py_brc_queue_object): explicit merge with extra -1, deallocate at 0. Needs a queue entry.
/// On an object already freed (an unpaired release freed it while queued) the real runtime reads
/// freed memory; the model merges the stale fields and leaves the finding to its caller.
std::uint32_t brc_merge_queued(const FtBuild& b, FtObject& o);

}  // namespace refsim::ft
