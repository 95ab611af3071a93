// Inline refcount: each version's core Py_INCREF / Py_DECREF written as the C headers compile them,
// on a plain machine word. The hardware floor the simulator's single step is measured against.
#pragma once

#include <cstdint>

namespace refsim::bench {

/// Called where the C code calls _Py_Dealloc; never inlined so that the branch stays a call.
[[gnu::noinline]] void dealloc_call(void* object);

/// A 64-bit build's object header (the refcount word only). 3.12+ headers store into the 32-bit low
/// half of the word (3.12's ob_refcnt_split[0], 3.14's uint32_t ob_refcnt: Include/object.h), a
/// narrower store than a whole-word rewrite: `low` is that half (little-endian; reading a union's
/// other member is the type punning GCC and Clang document, as CPython's own headers do).
struct Object64 {
  union {
    std::uint64_t rc;
    std::uint32_t low;
  };
};
/// A 32-bit build's: Py_ssize_t is 32 bits.
struct Object32 {
  std::uint32_t rc;
};

template <class O>
using WordOf = decltype(O::rc);

// --- 3.11 and earlier: full-word ++ and -- -----------------------------------------------------
template <class O>
inline void incref_311(O& o) {
  ++o.rc;
}
template <class O>
inline void decref_311(O& o) {
  if (--o.rc == 0) dealloc_call(&o);
}

// --- PEP 683 drafts: skip when the immortal bit is set -------------------------------------------
template <class O, WordOf<O> Bit>
inline void incref_draft(O& o) {
  if (o.rc & Bit) return;
  ++o.rc;
}
template <class O, WordOf<O> Bit>
inline void decref_draft(O& o) {
  if (o.rc & Bit) return;
  if (--o.rc == 0) dealloc_call(&o);
}

// --- 3.12 / 3.13 -------------------------------------------------------------------------------
/// 64-bit: a saturating add stored into the u32 low half (3.12 Include/object.h Py_INCREF:
/// ob_refcnt_split[PY_BIG_ENDIAN]); decref skips when bit 31 is set and decrements the full word.
inline void incref_312(Object64& o) {
  const std::uint32_t next = o.low + 1;
  if (next == 0) return;
  o.low = next;
}
inline void decref_312(Object64& o) {
  if (static_cast<std::int32_t>(o.rc) < 0) return;
  if (--o.rc == 0) dealloc_call(&o);
}
/// 32-bit: equality with _Py_IMMORTAL_REFCNT.
inline void incref_312(Object32& o) {
  if (o.rc == 0x3FFFFFFFu) return;
  ++o.rc;
}
inline void decref_312(Object32& o) {
  if (o.rc == 0x3FFFFFFFu) return;
  if (--o.rc == 0) dealloc_call(&o);
}

// --- 3.14 / 3.15 -------------------------------------------------------------------------------
/// 64-bit: incref ratchets to 0xC0000000 in the u32 low half; decref skips when bit 31 is set and
/// decrements the low half without borrow (3.14 Include/refcount.h Py_INCREF, Py_DECREF: both
/// store into the uint32_t ob_refcnt of Include/object.h's union).
inline void incref_314(Object64& o) {
  const std::uint32_t cur = o.low;
  if (cur >= 0xC0000000u) return;
  o.low = cur + 1;
}
inline void decref_314(Object64& o) {
  if (static_cast<std::int32_t>(o.low) < 0) return;
  if (--o.low == 0) dealloc_call(&o);
}
/// 32-bit: a signed threshold at 0x40000000.
inline void incref_314(Object32& o) {
  if (static_cast<std::int32_t>(o.rc) >= 0x40000000) return;
  ++o.rc;
}
inline void decref_314(Object32& o) {
  if (static_cast<std::int32_t>(o.rc) >= 0x40000000) return;
  if (--o.rc == 0) dealloc_call(&o);
}

}  // namespace refsim::bench
