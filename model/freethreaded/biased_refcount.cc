// The inline header operations of biased reference counting, one function each (see the header).
#include "model/freethreaded/biased_refcount.h"

#include "model/freethreaded/brc.h"
#include "model/freethreaded/narrow_refcount.h"

namespace refsim::ft {

std::int64_t FtBuild::immortal_refcnt() const {
  // The 64-bit layout has a refcount field narrower than Py_ssize_t (ob_ref_local; the draft's
  // ob_ref_shared); the 32-bit one has not.
  const unsigned bits = narrow() ? shared_bits() : local_bits();
  const bool split = bits < ssize_bits;
  if (info().immortal_report == ImmortalReport::kImmortalRefcnt) {
    // 3.13: UINT_MAX (64-bit) or UINT_MAX >> 2 (32-bit), both as Py_ssize_t.
    return split ? static_cast<std::int64_t>(local_max()) : static_cast<std::int64_t>(local_max() >> 2);
  }
  // 3.14, main and the draft: 3 << 30 (64-bit) or 5 << 28 (32-bit); scaled alike.
  return split ? std::int64_t{3} << (bits - 2) : std::int64_t{5} << (bits - 4);
}

std::uint32_t incref(const FtBuild& b, FtObject& o, Tid caller) {
  if (b.narrow()) return narrow::incref(b, o, caller);
  // Include/refcount.h Py_INCREF: local + 1 wrapping to 0 means local was all ones (immortal).
  const Word new_local = (o.local + 1) & b.local_max();
  if (new_local == 0) return kIgnoredImmortal;
  std::uint32_t events = 0;
  if (o.tid == caller) {
    o.local = new_local;
    if (new_local == b.local_max()) events |= kImmortalByOverflow;
  } else {
    o.shared = b.wrap(o.shared + (Word{1} << kSharedShift));
  }
  return with_sign(b, o, events);
}

namespace {

/// The owner's Py_DECREF after the immortality check (the draft has none on this path).
std::uint32_t owner_decref(const FtBuild& b, FtObject& o) {
  // Debug builds check local == 0 before the decrement; _Py_NegativeRefcount does not return.
  if (b.debug && o.local == 0) return kNegativeRefcount;
  std::uint32_t events = 0;
  o.local = (o.local - 1) & b.local_max();
  if (o.local == b.local_max()) events |= kLocalWrapped;  // release build, local was 0
  if (o.local == 0) events |= merge_zero_local(b, o);
  return with_sign(b, o, events);
}

}  // namespace

std::uint32_t decref(const FtBuild& b, FtObject& o, Tid caller) {
  // The draft (gh-153202 prototype Include/refcount.h Py_DECREF) tests ownership first; another
  // thread's path returns on an immortal object. 3.13t-3.15t test immortality first.
  if (b.narrow() && o.tid == caller) return owner_decref(b, o);
  if (is_immortal(b, o)) return kIgnoredImmortal;
  if (o.tid != caller) return dec_ref_shared(b, o);
  return owner_decref(b, o);
}

std::int64_t refcnt(const FtBuild& b, const FtObject& o) {
  if (is_immortal(b, o)) return b.immortal_refcnt();
  // (Py_ssize_t)local: on 32-bit a local above INT32_MAX reads negative; the sum wraps.
  const std::int64_t local = b.signed_of(o.local);
  return b.signed_of(static_cast<Word>(local) + static_cast<Word>(shared_count(b, o.shared)));
}

std::uint32_t set_refcnt(const FtBuild& b, FtObject& o, Tid caller, std::int64_t value) {
  if (b.debug && b.info().set_refcnt_asserts_non_negative && value < 0) return kAssertFailed;
  if (b.narrow()) return narrow::set_refcnt(b, o, caller, value);
  if (o.local == b.local_max()) return kIgnoredImmortal;
  if (o.tid == caller) {
    // (size_t)refcnt > (size_t)UINT32_MAX: never true where size_t is 32 bits wide.
    const Word as_size_t = b.wrap(static_cast<Word>(value));
    if (as_size_t > b.local_max()) {
      o.tid = kUnownedTid;
      o.local = b.local_max();
      o.shared = 0;
      return kImmortalBySetRefcnt;
    }
    o.local = as_size_t & b.local_max();
    o.shared &= kFlagMask;
    // (uint32_t)refcnt == UINT32_MAX (on 32-bit, e.g. -1) is the immortal value: _Py_IsImmortal is
    // true from here on, with ob_tid still the owner's (3.14.7 Include/refcount.h line 183).
    return o.local == b.local_max() ? kImmortalBySetRefcnt : 0;
  }
  o.tid = kUnownedTid;
  o.local = 0;
  o.shared = shared_word(b, value, kRefMerged);
  return with_sign(b, o, kMerged);
}

std::uint32_t set_immortal(const FtBuild& b, FtObject& o) {
  if (is_immortal(b, o)) return kIgnoredImmortal;
  // The draft: local 0, shared _Py_REF_SHARED_IMMORTAL (its Objects/object.c _Py_SetImmortalUntracked).
  o.tid = kUnownedTid;
  o.local = b.narrow() ? 0 : b.local_max();
  o.shared = b.narrow() ? shared_word(b, b.immortal_initial_shared(), kRefInit) : 0;
  return 0;
}

FtObject immortal_object(const FtBuild& b) {
  FtObject o = fresh_object(kUnownedTid);
  set_immortal(b, o);
  return o;
}

bool set_deferred(const FtBuild& b, FtObject& o, bool other_threads) {
  switch (b.info().deferred) {
    case DeferredScheme::kSharedCountDeferred:
      o.shared = shared_word(b, b.ref_deferred(), kRefInit);
      return true;
    case DeferredScheme::kLocalPlusOneOrImmortal:
      if (other_threads) {
        set_immortal(b, o);
      } else {
        o.local = (o.local + 1) & b.local_max();  // uint32_t ob_ref_local += 1
        o.shared = shared_word(b, 0, kRefQueued);
      }
      return true;
    case DeferredScheme::kNotModelled:
      return false;
  }
  return false;
}

}  // namespace refsim::ft
