// The gh-153202 draft's inline operations (see the header; sources in docs/FREE-THREADED.md).
#include "model/freethreaded/narrow_refcount.h"

#include "model/freethreaded/brc.h"

namespace refsim::ft::narrow {

std::uint32_t incref(const FtBuild& b, FtObject& o, Tid caller) {
  const bool was_immortal = is_immortal(b, o);
  if (o.tid == caller) {
    if (o.local == b.local_max()) {
      // The spill: _Py_atomic_add_int32(&ob_ref_shared, local << 2), then ob_ref_local = 1.
      o.shared = b.wrap_shared(o.shared + (o.local << kSharedShift));
      o.local = 1;
    } else {
      o.local += 1;
    }
  } else {
    if (was_immortal) return kIgnoredImmortal;
    o.shared = b.wrap_shared(o.shared + (Word{1} << kSharedShift));
  }
  return with_sign(b, o, !was_immortal && is_immortal(b, o) ? kImmortalByOverflow : 0);
}

std::uint32_t set_refcnt(const FtBuild& b, FtObject& o, Tid caller, std::int64_t value) {
  if (is_immortal(b, o)) return kIgnoredImmortal;
  // (size_t)refcnt <= (size_t)UINT8_MAX: a negative value is a huge size_t.
  if (o.tid == caller && value >= 0 && static_cast<Word>(value) <= b.local_max()) {
    o.local = static_cast<Word>(value);
    o.shared &= kFlagMask;
    return 0;
  }
  o.tid = kUnownedTid;
  o.local = 0;
  o.shared = shared_word(b, value, kRefMerged);
  return with_sign(b, o, kMerged | (is_immortal(b, o) ? kImmortalBySetRefcnt : 0));
}

}  // namespace refsim::ft::narrow
