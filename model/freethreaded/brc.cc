// Biased reference counting's slow paths, one function each (see the header).
#include "model/freethreaded/brc.h"

#include <cassert>

namespace refsim::ft {

namespace {
std::uint32_t dealloc(FtObject& o) {
  o.freed = true;
  return kDealloc;
}
}  // namespace

std::uint32_t dec_ref_shared(const FtBuild& b, FtObject& o) {
  // Objects/object.c _Py_DecRefSharedIsDead: zero count with flags 0 or 1 is queued, not lowered.
  const bool should_queue = o.shared == kRefInit || o.shared == kRefMaybeWeakref;
  const Word new_shared = should_queue ? Word{kRefQueued} : b.wrap_shared(o.shared - (Word{1} << kSharedShift));
  if (b.debug) {
    const bool negative_merged = b.signed_shared(new_shared) < 0 && (new_shared & kFlagMask) == kRefMerged;
    if (negative_merged || (should_queue && o.freed)) return kNegativeRefcount;
  }
  o.shared = new_shared;
  if (!should_queue) return new_shared == kRefMerged ? dealloc(o) : with_sign(b, o, 0);
  // Python/brc.c _Py_brc_queue_object: an unowned object is released at once by Py_DECREF, from a
  // thread that cannot be its owner (ob_tid is 0), so through this path again.
  if (o.tid == kUnownedTid) {
    if (is_immortal(b, o)) return kQueued | kQueueReleasedAtOnce | kIgnoredImmortal;
    return kQueued | kQueueReleasedAtOnce | dec_ref_shared(b, o);
  }
  ++o.queue_entries;
  return with_sign(b, o, kQueued);
}

std::uint32_t merge_zero_local(const FtBuild& b, FtObject& o) {
  if (o.shared == 0) return dealloc(o);  // fast path: count and flags all zero
  o.tid = kUnownedTid;
  o.shared = b.wrap_shared((o.shared & ~kFlagMask) | kRefMerged);
  if (o.shared == kRefMerged) return kMerged | dealloc(o);
  return with_sign(b, o, kMerged);
}

std::uint32_t explicit_merge(const FtBuild& b, FtObject& o, std::int64_t extra, std::int64_t* merged_count) {
  // assert(!_Py_IsImmortal(op)) holds only in debug builds; a release build merges all ones.
  if (b.debug && is_immortal(b, o)) return kAssertFailed;
  const std::int64_t local = b.signed_of(o.local);  // (Py_ssize_t)op->ob_ref_local
  const Word sum = static_cast<Word>(shared_count(b, o.shared)) + static_cast<Word>(local) + static_cast<Word>(extra);
  const std::int64_t count = b.signed_of(sum);
  // The draft asserts after its store that the merged count is below the immortal range; a debug
  // build stops there (modelled, like every fatal call, as no change).
  if (b.debug && b.narrow() && count >= b.immortal_min_shared()) return kAssertFailed;
  o.local = 0;
  o.tid = kUnownedTid;
  o.shared = shared_word(b, count, kRefMerged);
  if (merged_count) *merged_count = count;
  return with_sign(b, o, kMerged);
}

std::uint32_t brc_merge_queued(const FtBuild& b, FtObject& o) {
  assert(o.queue_entries > 0 && "brc_merge_queued needs a queued reference");
  std::int64_t count = 0;
  const std::uint32_t events = explicit_merge(b, o, -1, &count);
  if (events & kAssertFailed) return events;
  --o.queue_entries;
  return count == 0 ? (events & ~kSharedNegative) | dealloc(o) : events;
}

}  // namespace refsim::ft
